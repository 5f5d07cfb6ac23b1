"""What each searchable type puts in its `search_document`: one `SELECT` per type.

Every source selects the document columns (`COLUMNS`) for the live rows of its type; the
caller narrows it to some ids (`index.reindex`) or takes it whole (`index.reindex_all`).

- a version's code is its review label, `SH010 COMP v004` (shot or asset code, pipeline
  step, number), the one clients see too; its title is its description; its context the
  project code. The task's title is left out: clients search versions and must not learn it;
- a note's title is the start of its text and its body only its text (a search for a shot
  code should not list every note written about that shot); its context says where it was
  written: `PRJ / SH010 COMP v004` for a version, `PRJ / SH010 / COMP` for a task.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, literal, select
from sqlalchemy.orm import aliased

from shotline.auth.models import Account
from shotline.production.models import Asset, Project, Sequence, Shot
from shotline.review.models import Note, Version
from shotline.tasks.models import Task, TaskType

TYPES: dict[str, type[Any]] = {
    "project": Project,
    "sequence": Sequence,
    "shot": Shot,
    "asset": Asset,
    "task": Task,
    "version": Version,
    "note": Note,
    "account": Account,
}
COLUMNS = (
    "entity_type",
    "entity_id",
    "organization_id",
    "project_id",
    "code",
    "title",
    "context",
    "body",
    "updated_at",
)
NOTE_TITLE = 200


def _c(expr: Any) -> ColumnElement[str]:
    return func.coalesce(expr, "")


def _body(*parts: Any) -> ColumnElement[str]:
    out: ColumnElement[str] = _c(parts[0])
    for part in parts[1:]:
        out = out + " " + _c(part)
    return func.lower(out)


def _project() -> Any:
    stmt = select(
        literal("project"),
        Project.id,
        Project.organization_id,
        Project.id,
        Project.code,
        Project.name,
        literal(""),
        _body(Project.code, Project.name, Project.description),
        Project.updated_at,
    )
    return stmt.where(Project.archived_at.is_(None))


def _sequence() -> Any:
    context: Any = Project.code
    stmt = select(
        literal("sequence"),
        Sequence.id,
        Project.organization_id,
        Sequence.project_id,
        Sequence.code,
        _c(Sequence.name),
        context,
        _body(Sequence.code, Sequence.name, context),
        Sequence.updated_at,
    ).join(Project, Project.id == Sequence.project_id)
    return stmt.where(Sequence.archived_at.is_(None))


def _shot() -> Any:
    context = Project.code + " / " + _c(Sequence.code)
    stmt = (
        select(
            literal("shot"),
            Shot.id,
            Project.organization_id,
            Shot.project_id,
            Shot.code,
            literal(""),
            context,
            _body(Shot.code, Shot.description, context),
            Shot.updated_at,
        )
        .join(Project, Project.id == Shot.project_id)
        .outerjoin(Sequence, Sequence.id == Shot.sequence_id)
    )
    return stmt.where(Shot.archived_at.is_(None))


def _asset() -> Any:
    context = Project.code
    stmt = select(
        literal("asset"),
        Asset.id,
        Project.organization_id,
        Asset.project_id,
        Asset.code,
        Asset.name,
        context,
        _body(Asset.code, Asset.name, Asset.description, context),
        Asset.updated_at,
    ).join(Project, Project.id == Asset.project_id)
    return stmt.where(Asset.archived_at.is_(None))


def _task_place(task: Any, *, outer: bool = False) -> tuple[Any, ColumnElement[str]]:
    """A function joining `task` to its shot or asset and its type, and `SH010 / COMP`."""
    shot, asset, step = aliased(Shot), aliased(Asset), aliased(TaskType)
    place = func.coalesce(shot.code, asset.code, "") + " / " + step.code
    return (
        lambda stmt: (
            stmt.join(step, step.id == task.task_type_id, isouter=outer)
            .outerjoin(shot, shot.id == task.shot_id)
            .outerjoin(asset, asset.id == task.asset_id)
        )
    ), place


def _task() -> Any:
    join, place = _task_place(Task)
    context = Project.code + " / " + place
    stmt = select(
        literal("task"),
        Task.id,
        Project.organization_id,
        Task.project_id,
        literal(""),
        Task.title,
        context,
        _body(Task.title, Task.description, context),
        Task.updated_at,
    ).join(Project, Project.id == Task.project_id)
    return join(stmt).where(Task.archived_at.is_(None))


def _version_label(version: Any, *, outer: bool = False) -> tuple[Any, ColumnElement[str]]:
    """A function joining `version` to its task, shot or asset and type, and its label."""
    task, shot, asset, step = aliased(Task), aliased(Shot), aliased(Asset), aliased(TaskType)
    number = cast(version.number, String)
    padded = case(
        (version.number < 10, "v00" + number),
        (version.number < 100, "v0" + number),
        else_="v" + number,
    )
    label = func.coalesce(shot.code, asset.code, "") + " " + step.code + " " + padded
    return (
        lambda stmt: (
            stmt.join(task, task.id == version.task_id, isouter=outer)
            .join(step, step.id == task.task_type_id, isouter=outer)
            .outerjoin(shot, shot.id == task.shot_id)
            .outerjoin(asset, asset.id == task.asset_id)
        )
    ), label


def _version() -> Any:
    join, label = _version_label(Version)
    stmt = select(
        literal("version"),
        Version.id,
        Project.organization_id,
        Version.project_id,
        label,
        func.substr(_c(Version.description), 1, NOTE_TITLE),
        Project.code,
        _body(label, Version.description, Project.code),
        Version.updated_at,
    ).join(Project, Project.id == Version.project_id)
    return join(stmt).where(Version.archived_at.is_(None))


def _note() -> Any:
    version, task = aliased(Version), aliased(Task)
    join_version, label = _version_label(version, outer=True)
    join_task, task_place = _task_place(task, outer=True)
    shot, asset = aliased(Shot), aliased(Asset)
    place = case(
        (Note.version_id.is_not(None), label),
        (Note.task_id.is_not(None), task_place),
        else_=func.coalesce(shot.code, asset.code, ""),
    )
    stmt = select(
        literal("note"),
        Note.id,
        Project.organization_id,
        Note.project_id,
        literal(""),
        func.substr(Note.body, 1, NOTE_TITLE),
        Project.code + " / " + place,
        func.lower(Note.body),
        Note.updated_at,
    ).join(Project, Project.id == Note.project_id)
    stmt = join_version(stmt.outerjoin(version, version.id == Note.version_id))
    stmt = join_task(stmt.outerjoin(task, task.id == Note.task_id))
    stmt = stmt.outerjoin(shot, shot.id == Note.shot_id).outerjoin(asset, asset.id == Note.asset_id)
    return stmt.where(Note.archived_at.is_(None))


def _account() -> Any:
    stmt = select(
        literal("account"),
        Account.id,
        Account.organization_id,
        literal(None),
        Account.email,
        Account.name,
        literal(""),
        _body(Account.email, Account.name),
        Account.updated_at,
    )
    return stmt.where(Account.archived_at.is_(None))


_SOURCES: dict[str, Callable[[], Any]] = {
    "project": _project,
    "sequence": _sequence,
    "shot": _shot,
    "asset": _asset,
    "task": _task,
    "version": _version,
    "note": _note,
    "account": _account,
}


def source(entity_type: str) -> tuple[Any, Any]:
    """`SELECT` of the document columns for every live row of a type, and the type's model."""
    return _SOURCES[entity_type](), TYPES[entity_type]
