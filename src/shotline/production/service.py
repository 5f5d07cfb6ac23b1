"""Projects, crew and departments, plus the write helpers every production service uses.

Invariants:
- every mutating function calls `policy.require` first (via `load` / `get_project`), and a
  row the actor may not see answers `NotFound`, exactly like a missing one;
- every write records exactly one event per changed row, `<table>.<verb>`, with
  `project_id` set, in the caller's transaction; nothing commits here;
- PATCH semantics: `updates` holds only the fields the caller sent; a null for a NOT NULL
  column is a 422 naming the field; `expected_version` (If-Match) mismatches raise 412;
- archive/restore set or clear `archived_at`; delete forever needs an archived row, the
  admin/producer rule and `confirm` equal to the row's code (or name);
- creating a project seeds its task statuses and the two quick-add templates, and the
  organization's default task types on first use;
- a client account can only hold the client role in a project (a project role never
  raises an outside account into internal data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, inspect, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Role
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from shotline.production.models import Department, Project, ProjectMember
from shotline.tasks import defaults

T = TypeVar("T")

PROJECT_FIELDS = (
    "organization_id",
    "code",
    "name",
    "status",
    "fps",
    "resolution_width",
    "resolution_height",
    "start_date",
    "end_date",
    "description",
    "settings",
)
MEMBER_FIELDS = ("project_id", "account_id", "display_name", "department_id", "role")
DEPARTMENT_FIELDS = ("organization_id", "code", "name", "color")
DEFAULT_SETTINGS: dict[str, Any] = {
    "auto_internal_review_on_upload": True,
    "client_review_required_task_types": [],
    "burn_in_watermark": False,
}


# --- helpers shared by the production and task services ----------------------------


def load(session: Session, actor: Actor, model: type[T], row_id: int, verb: str) -> T:
    """The row, or `NotFound` when it is missing or not visible; then `policy.require`."""
    row = session.get(model, row_id)
    if row is None or not policy.can_see(actor, row):
        raise NotFound()
    policy.require(actor, verb, row)
    return row


def get_project(
    session: Session, actor: Actor, project_id: int, *, verb: str = "read_production"
) -> Project:
    return load(session, actor, Project, project_id, verb)


def check_version(obj: Any, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != obj.row_version:
        raise PreconditionFailed()


def check_not_null(model: type[Any], updates: Mapping[str, Any]) -> None:
    columns = inspect(model).columns
    bad = {
        f: "may not be null"
        for f, v in updates.items()
        if v is None and f in columns and not columns[f].nullable
    }
    if bad:
        raise ValidationFailed(fields=bad)


def ensure_unique(
    session: Session,
    model: type[Any],
    scope: ColumnElement[bool],
    field: str,
    value: Any,
    *,
    exclude_id: int | None = None,
) -> None:
    column = getattr(model, field)
    stmt = select(model.id).where(scope, column == value)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    if session.scalar(stmt.limit(1)) is not None:
        raise Conflict(f"This {field} is already taken.", fields={field: "already taken"})


def record_created(
    session: Session, actor: Actor, obj: Any, fields: Iterable[str], *, project_id: int | None
) -> None:
    session.flush()
    events.record(
        session,
        actor,
        f"{obj.__tablename__}.created",
        obj,
        events.snapshot(obj, fields),
        project_id=project_id,
    )


def apply_update(
    session: Session,
    actor: Actor,
    obj: Any,
    updates: Mapping[str, Any],
    *,
    project_id: int | None,
    verb: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> dict[str, list[Any]]:
    """Apply `updates`, flush, and record one event when something really changed."""
    check_not_null(type(obj), updates)
    changes = events.apply_changes(obj, updates)
    if changes:
        session.flush()
        events.record(
            session,
            actor,
            verb or f"{obj.__tablename__}.updated",
            obj,
            changes,
            project_id=project_id,
            data=data,
        )
    return changes


def archive_row(session: Session, actor: Actor, obj: Any, *, project_id: int | None) -> Any:
    if obj.archived_at is None:
        obj.archived_at = utcnow()
        session.flush()
        events.record(
            session,
            actor,
            f"{obj.__tablename__}.archived",
            obj,
            {"archived_at": [None, events.jsonable(obj.archived_at)]},
            project_id=project_id,
        )
    return obj


def restore_row(session: Session, actor: Actor, obj: Any, *, project_id: int | None) -> Any:
    if obj.archived_at is not None:
        old = events.jsonable(obj.archived_at)
        obj.archived_at = None
        session.flush()
        events.record(
            session,
            actor,
            f"{obj.__tablename__}.restored",
            obj,
            {"archived_at": [old, None]},
            project_id=project_id,
        )
    return obj


def check_deletable(obj: Any, confirm: str, label: str) -> None:
    """Delete forever only archived rows, with the code (or name) typed again."""
    if obj.archived_at is None:
        raise Conflict("Archive it first; only archived rows can be deleted forever.")
    if confirm != label:
        raise ValidationFailed(
            "Type the code to confirm.", fields={"confirm": f"must be {label!r}"}
        )


def record_deleted(
    session: Session,
    actor: Actor,
    obj: Any,
    fields: Iterable[str],
    *,
    project_id: int | None,
    data: dict[str, Any] | None = None,
) -> None:
    """One `<table>.deleted` event holding the last values (and `data`, e.g. the reason),
    then the DELETE."""
    events.record(
        session,
        actor,
        f"{obj.__tablename__}.deleted",
        obj,
        {f: [events.jsonable(getattr(obj, f)), None] for f in fields},
        data=data,
        project_id=project_id,
    )
    session.delete(obj)
    session.flush()


def org_account(
    session: Session, actor: Actor, account_id: int, field: str, *, internal: bool = True
) -> Account:
    """An account of the actor's organization (internal role unless `internal=False`)."""
    account = session.get(Account, account_id)
    if account is None or account.organization_id != actor.organization_id:
        raise ValidationFailed(fields={field: "no such account"})
    if internal and account.role == Role.CLIENT:
        raise ValidationFailed(fields={field: "client accounts cannot hold this"})
    return account


# --- projects ------------------------------------------------------------------------


def list_projects(
    session: Session, actor: Actor, *, include_archived: bool = False
) -> list[Project]:
    stmt = select(Project).where(policy.visible(actor, Project))
    if not include_archived:
        stmt = stmt.where(Project.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(Project.code, Project.id)))


def create_project(session: Session, actor: Actor, **fields: Any) -> Project:
    policy.require(actor, "create_project", None)
    ensure_unique(
        session, Project, Project.organization_id == actor.organization_id, "code", fields["code"]
    )
    _check_dates(fields.get("start_date"), fields.get("end_date"))
    fields["settings"] = {**DEFAULT_SETTINGS, **(fields.get("settings") or {})}
    project = Project(organization_id=actor.organization_id, **fields)
    session.add(project)
    session.flush()
    record_created(session, actor, project, PROJECT_FIELDS, project_id=project.id)
    defaults.seed_project(session, actor, project)
    return project


def update_project(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Project:
    project = get_project(session, actor, project_id, verb="manage_project")
    check_version(project, expected_version)
    if updates.get("code") is not None:
        ensure_unique(
            session,
            Project,
            Project.organization_id == actor.organization_id,
            "code",
            updates["code"],
            exclude_id=project.id,
        )
    if "settings" in updates:
        patch = updates["settings"]
        if patch is None:
            raise ValidationFailed(fields={"settings": "may not be null"})
        merged = dict(project.settings)
        merged.update({k: v for k, v in patch.items() if v is not None})
        updates = {**updates, "settings": merged}
    _check_dates(
        updates.get("start_date", project.start_date), updates.get("end_date", project.end_date)
    )
    apply_update(session, actor, project, updates, project_id=project.id)
    return project


def _check_dates(start: Any, end: Any) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationFailed(fields={"end_date": "must not be before start_date"})


def archive_project(session: Session, actor: Actor, project_id: int) -> Project:
    project = get_project(session, actor, project_id, verb="manage_project")
    return archive_row(session, actor, project, project_id=project.id)  # type: ignore[no-any-return]


def restore_project(session: Session, actor: Actor, project_id: int) -> Project:
    project = get_project(session, actor, project_id, verb="manage_project")
    return restore_row(session, actor, project, project_id=project.id)  # type: ignore[no-any-return]


def delete_project(session: Session, actor: Actor, project_id: int, *, confirm: str) -> None:
    """Delete an archived project that holds no production data (its setup goes with it)."""
    from shotline.production.models import Asset, Episode, Sequence, Shot
    from shotline.tasks.models import Task

    project = get_project(session, actor, project_id, verb="delete_forever")
    check_deletable(project, confirm, project.code)
    for model in (Task, Shot, Asset, Sequence, Episode):
        if session.scalar(select(model.id).where(model.project_id == project.id).limit(1)):
            raise Conflict(
                "Delete its shots, assets, sequences and episodes first.",
                fields={"project": f"still has {model.__tablename__} rows"},
            )
    # Statuses, templates, crew and custom field definitions go by ON DELETE CASCADE.
    record_deleted(session, actor, project, PROJECT_FIELDS, project_id=project.id)


# --- crew ----------------------------------------------------------------------------


def list_members(session: Session, actor: Actor, project_id: int) -> list[ProjectMember]:
    project = get_project(session, actor, project_id)
    stmt = (
        select(ProjectMember)
        .where(ProjectMember.project_id == project.id, ProjectMember.archived_at.is_(None))
        .order_by(ProjectMember.display_name, ProjectMember.id)
    )
    return list(session.scalars(stmt))


def get_member(session: Session, actor: Actor, member_id: int) -> ProjectMember:
    return load(session, actor, ProjectMember, member_id, "read_production")


def add_member(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    role: Role,
    account_id: int | None = None,
    display_name: str | None = None,
    department_id: int | None = None,
) -> ProjectMember:
    project = get_project(session, actor, project_id, verb="manage_project")
    name = _check_member(session, actor, project, account_id, role, department_id)
    if display_name is None:
        if name is None:
            raise ValidationFailed(fields={"display_name": "required without account_id"})
        display_name = name
    member = ProjectMember(
        project_id=project.id,
        account_id=account_id,
        display_name=display_name,
        department_id=department_id,
        role=role,
    )
    session.add(member)
    record_created(session, actor, member, MEMBER_FIELDS, project_id=project.id)
    return member


def _check_member(
    session: Session,
    actor: Actor,
    project: Project,
    account_id: int | None,
    role: Role,
    department_id: int | None,
    *,
    member_id: int | None = None,
) -> str | None:
    if department_id is not None:
        department = session.get(Department, department_id)
        if department is None or department.organization_id != project.organization_id:
            raise ValidationFailed(fields={"department_id": "no such department"})
    if account_id is None:
        return None
    account = org_account(session, actor, account_id, "account_id", internal=False)
    if account.role == Role.CLIENT and role != Role.CLIENT:
        raise ValidationFailed(fields={"role": "a client account can only be a client here"})
    stmt = select(ProjectMember.id).where(
        ProjectMember.project_id == project.id, ProjectMember.account_id == account_id
    )
    if member_id is not None:
        stmt = stmt.where(ProjectMember.id != member_id)
    if session.scalar(stmt) is not None:
        raise Conflict(fields={"account_id": "already a member of this project"})
    return account.name


def update_member(
    session: Session,
    actor: Actor,
    member_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> ProjectMember:
    member = load(session, actor, ProjectMember, member_id, "manage_project")
    check_version(member, expected_version)
    _check_member(
        session,
        actor,
        member.project,
        updates.get("account_id", member.account_id),
        updates.get("role", member.role) or member.role,
        updates.get("department_id", member.department_id),
        member_id=member.id,
    )
    apply_update(session, actor, member, updates, project_id=member.project_id)
    return member


def remove_member(session: Session, actor: Actor, member_id: int) -> None:
    """Crew slots are configuration: removing one deletes it (the event keeps its values)."""
    member = load(session, actor, ProjectMember, member_id, "manage_project")
    record_deleted(session, actor, member, MEMBER_FIELDS, project_id=member.project_id)


# --- departments (organization-wide) -------------------------------------------------


def list_departments(session: Session, actor: Actor) -> list[Department]:
    policy.require(actor, "read_catalogue", None)
    stmt = select(Department).where(
        policy.visible(actor, Department), Department.archived_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(Department.name, Department.id)))


def create_department(
    session: Session, actor: Actor, *, code: str, name: str, color: str | None = None
) -> Department:
    policy.require(actor, "manage_catalogue", None)
    scope = Department.organization_id == actor.organization_id
    ensure_unique(session, Department, scope, "code", code)
    department = Department(
        organization_id=actor.organization_id, code=code, name=name, color=color
    )
    session.add(department)
    record_created(session, actor, department, DEPARTMENT_FIELDS, project_id=None)
    return department


def update_department(
    session: Session,
    actor: Actor,
    department_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Department:
    department = load(session, actor, Department, department_id, "manage_catalogue")
    check_version(department, expected_version)
    if updates.get("code") is not None:
        scope = Department.organization_id == actor.organization_id
        ensure_unique(session, Department, scope, "code", updates["code"], exclude_id=department.id)
    apply_update(session, actor, department, updates, project_id=None)
    return department


def count_rows(session: Session, model: type[Any], where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(where)) or 0
