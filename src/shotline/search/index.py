"""Keeping `search_document` in step with the rows it describes.

Invariants:
- the index is written in the same transaction as the change: a `before_commit` hook reads
  the events the transaction recorded (`events.hooks` keeps them on the session), and
  reindexes exactly those rows set-based (one DELETE and one INSERT … SELECT per type), so a
  rolled-back change leaves the index as it was and a committed one is searchable at once;
- an archived (or deleted) row has no document; restoring it writes one again;
- renaming a project, sequence, shot or asset (an event changing `code` or `name`)
  reindexes the rows that show it as context (a shot's project and sequence codes, a task's
  shot or asset);
- `reindex_all` rebuilds everything (`shotline reindex`); the hook never depends on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, delete, event, func, insert, literal, select
from sqlalchemy.orm import Session, aliased

from shotline.auth.models import Account
from shotline.events import hooks
from shotline.events.models import Event
from shotline.production.models import Asset, Project, Sequence, Shot
from shotline.search.models import SearchDocument
from shotline.tasks.models import Task, TaskType

TYPES: dict[str, type[Any]] = {
    "project": Project,
    "sequence": Sequence,
    "shot": Shot,
    "asset": Asset,
    "task": Task,
    "account": Account,
}
CHUNK = 5000
_COLUMNS = (
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
# A change of these fields changes the context shown on other rows.
_CONTEXT_FIELDS = frozenset({"code", "name", "sequence_id", "shot_id", "asset_id"})


def _c(expr: Any) -> ColumnElement[str]:
    return func.coalesce(expr, "")


def _body(*parts: Any) -> ColumnElement[str]:
    out: ColumnElement[str] = _c(parts[0])
    for part in parts[1:]:
        out = out + " " + _c(part)
    return func.lower(out)


def source(entity_type: str) -> tuple[Any, Any]:
    """`SELECT` of the document columns for every live row of a type (the caller filters)."""
    if entity_type == "project":
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
        return stmt.where(Project.archived_at.is_(None)), Project
    if entity_type == "sequence":
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
        return stmt.where(Sequence.archived_at.is_(None)), Sequence
    if entity_type == "shot":
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
        return stmt.where(Shot.archived_at.is_(None)), Shot
    if entity_type == "asset":
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
        return stmt.where(Asset.archived_at.is_(None)), Asset
    if entity_type == "task":
        shot, asset = aliased(Shot), aliased(Asset)
        context = (
            Project.code + " / " + func.coalesce(shot.code, asset.code, "") + " / " + TaskType.code
        )
        stmt = (
            select(
                literal("task"),
                Task.id,
                Project.organization_id,
                Task.project_id,
                literal(""),
                Task.title,
                context,
                _body(Task.title, Task.description, context),
                Task.updated_at,
            )
            .join(Project, Project.id == Task.project_id)
            .join(TaskType, TaskType.id == Task.task_type_id)
            .outerjoin(shot, shot.id == Task.shot_id)
            .outerjoin(asset, asset.id == Task.asset_id)
        )
        return stmt.where(Task.archived_at.is_(None)), Task
    if entity_type == "account":
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
        return stmt.where(Account.archived_at.is_(None)), Account
    raise KeyError(entity_type)


def reindex(session: Session, entity_type: str, ids: Iterable[int]) -> None:
    """Rewrite the documents of these rows (drop those archived or gone)."""
    items = sorted(set(ids))
    stmt, model = source(entity_type)
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.entity_type == entity_type, SearchDocument.entity_id.in_(chunk)
            ),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            insert(SearchDocument).from_select(_COLUMNS, stmt.where(model.id.in_(chunk)))
        )


def reindex_all(session: Session) -> dict[str, int]:
    """Rebuild the whole index; returns the number of documents per type."""
    session.execute(delete(SearchDocument), execution_options={"synchronize_session": False})
    counts: dict[str, int] = {}
    for entity_type in TYPES:
        stmt, _model = source(entity_type)
        session.execute(insert(SearchDocument).from_select(_COLUMNS, stmt))
        counts[entity_type] = (
            session.scalar(select(func.count()).where(SearchDocument.entity_type == entity_type))
            or 0
        )
    return counts


def _dependents(session: Session, entity_type: str, ids: list[int]) -> dict[str, set[int]]:
    """Rows whose context shows these rows' code or name."""
    out: dict[str, set[int]] = defaultdict(set)
    if entity_type == "project":
        for name in ("sequence", "shot", "asset", "task"):
            model = TYPES[name]
            out[name].update(session.scalars(select(model.id).where(model.project_id.in_(ids))))
    elif entity_type == "sequence":
        shot_ids = list(session.scalars(select(Shot.id).where(Shot.sequence_id.in_(ids))))
        out["shot"].update(shot_ids)
        if shot_ids:
            out["task"].update(session.scalars(select(Task.id).where(Task.shot_id.in_(shot_ids))))
    elif entity_type == "shot":
        out["task"].update(session.scalars(select(Task.id).where(Task.shot_id.in_(ids))))
    elif entity_type == "asset":
        out["task"].update(session.scalars(select(Task.id).where(Task.asset_id.in_(ids))))
    return out


def _renames(verb: str, changes: dict[str, Any] | None) -> bool:
    """An update of a field other rows show as context (a new row has no dependents yet)."""
    return verb.endswith(".updated") and bool(_CONTEXT_FIELDS & set(changes or {}))


def _touched(session: Session, pending: list[Any]) -> list[tuple[str, int, bool]]:
    """`(entity_type, entity_id, context changed)` for the events in `pending`."""
    out: list[tuple[str, int, bool]] = []
    ids: list[int] = []
    for item in pending:
        if isinstance(item, int):
            ids.append(item)
        elif isinstance(item, Event) and item.entity_type in TYPES and item.entity_id:
            out.append((item.entity_type, item.entity_id, _renames(item.verb, item.changes)))
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Event.entity_type, Event.entity_id, Event.verb, Event.changes).where(
                Event.id.in_(ids[start : start + CHUNK]), Event.entity_type.in_(list(TYPES))
            )
        )
        out.extend((t, i, _renames(v, c)) for t, i, v, c in rows)
    return out


DONE_KEY = "shotline.search_indexed"


def sync(session: Session) -> None:
    """Reindex the rows the events of this transaction touched (called before commit)."""
    pending: list[Any] = session.info.get(hooks.PENDING_KEY) or []
    done: int = session.info.get(DONE_KEY, 0)
    if len(pending) <= done:
        return
    session.flush()
    new = pending[done:]
    session.info[DONE_KEY] = len(pending)
    by_type: dict[str, set[int]] = defaultdict(set)
    renamed: dict[str, set[int]] = defaultdict(set)
    for entity_type, entity_id, context_changed in _touched(session, new):
        by_type[entity_type].add(entity_id)
        if context_changed:
            renamed[entity_type].add(entity_id)
    for entity_type, ids in renamed.items():
        for name, dep_ids in _dependents(session, entity_type, sorted(ids)).items():
            by_type[name].update(dep_ids)
    for entity_type in TYPES:
        if by_type.get(entity_type):
            reindex(session, entity_type, by_type[entity_type])


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    sync(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(DONE_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(DONE_KEY, None)
