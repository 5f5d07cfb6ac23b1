"""Tasks: create, read, update, assign, watchers, archive/restore/delete, bulk update.

Invariants:
- a task belongs to exactly one shot or one asset (422 here, CHECK `one_parent` in the
  database); `project_id` is copied from that parent; its type applies to that kind of
  parent and its status is one of the project's (422 otherwise);
- assignees and supervisors are internal accounts of the organization (422 otherwise);
  assignee and watcher sets live in `task_assignee` / `task_watcher` and are written
  set-based; the task's `row_version` moves when its assignees change;
- events (one per changed task): `task.created`; `task.updated` for field changes, with
  `data.status_category = [old, new]` when the status changes so automation can key off
  the category; `task.assigned` when only the assignees change (a bulk update that changes
  fields and assignees records one `task.updated` whose changes include `assignee_ids`);
  `task.watchers_changed`; `task.archived` / `task.restored` / `task.deleted`;
- artists may change only `status_id` of tasks assigned to them; re-assigning, other
  fields, archive and delete are for supervisors and up (403); a task of a project the
  actor is not a member of is 404;
- `bulk_update_tasks` is all-or-nothing: one transaction, set-based statements, one event
  per changed row sharing a `batch_id`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AccountStatus, Role
from shotline.db.base import ACTOR_KEY
from shotline.db.dialect import in_ids, insert_rows
from shotline.db.types import utcnow
from shotline.errors import NotFound, ValidationFailed
from shotline.production.custom_fields import validate_values
from shotline.production.models import Asset, CustomEntity, Project, Shot
from shotline.production.service import (
    apply_update,
    archive_row,
    check_deletable,
    check_version,
    load,
    record_deleted,
    restore_row,
)
from shotline.tasks.models import (
    AppliesTo,
    StatusCategory,
    Task,
    TaskAssignee,
    TaskStatus,
    TaskType,
    TaskWatcher,
)

TASK_FIELDS = (
    "project_id",
    "shot_id",
    "asset_id",
    "task_type_id",
    "status_id",
    "title",
    "description",
    "priority",
    "start_date",
    "due_date",
    "estimated_hours",
    "sort_order",
    "supervisor_id",
    "custom",
)
STATUS_ONLY = frozenset({"status_id"})


def get_task(session: Session, actor: Actor, task_id: int) -> Task:
    return load(session, actor, Task, task_id, "read_production")


# --- checks --------------------------------------------------------------------------


def check_task_type(
    session: Session, actor: Actor, task_type_id: int, kind: AppliesTo, field: str = "task_type_id"
) -> TaskType:
    task_type = session.get(TaskType, task_type_id)
    if task_type is None or task_type.organization_id != actor.organization_id:
        raise ValidationFailed(fields={field: "no such task type"})
    if task_type.applies_to not in (AppliesTo.BOTH, kind):
        raise ValidationFailed(fields={field: f"this task type is for {task_type.applies_to}s"})
    return task_type


def check_status(session: Session, project_id: int, status_id: int) -> TaskStatus:
    status = session.get(TaskStatus, status_id)
    if status is None or status.project_id != project_id:
        raise ValidationFailed(fields={"status_id": "no such status in this project"})
    return status


def default_status(session: Session, project_id: int) -> TaskStatus:
    """The project's first `todo` status (else its first status)."""
    stmt = (
        select(TaskStatus)
        .where(TaskStatus.project_id == project_id, TaskStatus.archived_at.is_(None))
        .order_by(
            (TaskStatus.category != StatusCategory.TODO), TaskStatus.sort_order, TaskStatus.id
        )
        .limit(1)
    )
    status = session.scalar(stmt)
    if status is None:
        raise ValidationFailed(fields={"status_id": "the project has no statuses"})
    return status


def check_accounts(session: Session, actor: Actor, ids: Iterable[int], field: str) -> list[int]:
    """Distinct ids of active internal accounts of the organization, sorted (422 otherwise)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = session.execute(
        select(Account.id, Account.role, Account.status).where(
            Account.id.in_(wanted), Account.organization_id == actor.organization_id
        )
    ).all()
    ok = {i for i, role, status in rows if role != Role.CLIENT and status == AccountStatus.ACTIVE}
    bad = [str(i) for i in wanted if i not in ok]
    if bad:
        raise ValidationFailed(fields={field: "not assignable: " + ", ".join(bad)})
    return wanted


def _write_links(
    session: Session,
    model: type[TaskAssignee | TaskWatcher],
    task_ids: Sequence[int],
    ids: list[int],
) -> None:
    session.execute(delete(model).where(in_ids(model.task_id, task_ids)))
    now = utcnow()
    rows = [{"task_id": t, "account_id": a, "created_at": now} for t in task_ids for a in ids]
    insert_rows(session, model, rows)


# --- create / update -----------------------------------------------------------------


def create_task(
    session: Session,
    actor: Actor,
    *,
    task_type_id: int,
    shot_id: int | None = None,
    asset_id: int | None = None,
    status_id: int | None = None,
    title: str | None = None,
    assignee_ids: Iterable[int] = (),
    watcher_ids: Iterable[int] = (),
    supervisor_id: int | None = None,
    custom: dict[str, Any] | None = None,
    **fields: Any,
) -> Task:
    if (shot_id is None) == (asset_id is None):
        problem = "give exactly one of shot_id and asset_id"
        raise ValidationFailed(problem, fields={"shot_id": problem, "asset_id": problem})
    parent: Shot | Asset
    if shot_id is not None:
        parent, kind = load(session, actor, Shot, shot_id, "edit_production"), AppliesTo.SHOT
    else:
        parent, kind = (
            load(session, actor, Asset, asset_id or 0, "edit_production"),
            AppliesTo.ASSET,
        )
    project_id = parent.project_id
    task_type = check_task_type(session, actor, task_type_id, kind)
    status = (
        check_status(session, project_id, status_id)
        if status_id is not None
        else default_status(session, project_id)
    )
    if supervisor_id is not None:
        check_accounts(session, actor, [supervisor_id], "supervisor_id")
    assignees = check_accounts(session, actor, assignee_ids, "assignee_ids")
    watchers = check_accounts(session, actor, watcher_ids, "watcher_ids")
    values = validate_values(session, actor, project_id, CustomEntity.TASK, custom or {})
    task = Task(
        project_id=project_id,
        shot_id=shot_id,
        asset_id=asset_id,
        task_type_id=task_type.id,
        status_id=status.id,
        title=title or task_type.name,
        supervisor_id=supervisor_id,
        custom=values,
        **fields,
    )
    session.add(task)
    session.flush()
    _write_links(session, TaskAssignee, [task.id], assignees)
    _write_links(session, TaskWatcher, [task.id], watchers)
    session.expire(task, ["assignee_rows", "watcher_rows"])
    changes = events.snapshot(task, TASK_FIELDS)
    changes["assignee_ids"] = [None, assignees]
    changes["watcher_ids"] = [None, watchers]
    events.record(session, actor, "task.created", task, changes)
    return task


def update_task(
    session: Session,
    actor: Actor,
    task_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Task:
    task = load(session, actor, Task, task_id, "read_production")
    verb = "update_task_status" if set(updates) <= STATUS_ONLY else "edit_production"
    policy.require(actor, verb, task)
    check_version(task, expected_version)
    data: dict[str, Any] = {}
    if updates.get("status_id") is not None and updates["status_id"] != task.status_id:
        new = check_status(session, task.project_id, updates["status_id"])
        old = session.get(TaskStatus, task.status_id)
        data["status_category"] = [old.category if old else None, new.category]
    if updates.get("task_type_id") is not None:
        kind = AppliesTo.SHOT if task.shot_id is not None else AppliesTo.ASSET
        check_task_type(session, actor, updates["task_type_id"], kind)
    if updates.get("supervisor_id") is not None:
        check_accounts(session, actor, [updates["supervisor_id"]], "supervisor_id")
    if "custom" in updates:
        if updates["custom"] is None:
            raise ValidationFailed(fields={"custom": "may not be null"})
        updates = {
            **updates,
            "custom": validate_values(
                session,
                actor,
                task.project_id,
                CustomEntity.TASK,
                updates["custom"],
                current=task.custom,
            ),
        }
    apply_update(
        session, actor, task, updates, project_id=task.project_id, verb="task.updated", data=data
    )
    return task


def assign_task(
    session: Session,
    actor: Actor,
    task_id: int,
    *,
    assignee_ids: Iterable[int],
    expected_version: int | None = None,
) -> Task:
    """Replace the task's assignees (an empty list unassigns)."""
    task = load(session, actor, Task, task_id, "edit_production")
    check_version(task, expected_version)
    new = check_accounts(session, actor, assignee_ids, "assignee_ids")
    old = task.assignee_ids
    if old == new:
        return task
    _write_links(session, TaskAssignee, [task.id], new)
    task.updated_at = utcnow()  # moves row_version: the ETag changes with the assignees
    session.flush()
    session.expire(task, ["assignee_rows"])
    events.record(session, actor, "task.assigned", task, {"assignee_ids": [old, new]})
    return task


def add_watchers(
    session: Session, actor: Actor, task_id: int, *, account_ids: Iterable[int]
) -> Task:
    """Anyone who sees the task may watch it; adding others takes edit rights."""
    task = load(session, actor, Task, task_id, "read_production")
    wanted = set(account_ids)
    if wanted != {actor.account_id}:
        policy.require(actor, "edit_production", task)
    check_accounts(session, actor, wanted, "account_ids")
    old = task.watcher_ids
    new = sorted(set(old) | wanted)
    return _set_watchers(session, actor, task, old, new)


def remove_watcher(session: Session, actor: Actor, task_id: int, account_id: int) -> Task:
    task = load(session, actor, Task, task_id, "read_production")
    if account_id != actor.account_id:
        policy.require(actor, "edit_production", task)
    old = task.watcher_ids
    return _set_watchers(session, actor, task, old, [a for a in old if a != account_id])


def _set_watchers(
    session: Session, actor: Actor, task: Task, old: list[int], new: list[int]
) -> Task:
    if old == new:
        return task
    _write_links(session, TaskWatcher, [task.id], new)
    session.expire(task, ["watcher_rows"])
    events.record(session, actor, "task.watchers_changed", task, {"watcher_ids": [old, new]})
    return task


def archive_task(session: Session, actor: Actor, task_id: int) -> Task:
    task = load(session, actor, Task, task_id, "edit_production")
    return archive_row(session, actor, task, project_id=task.project_id)  # type: ignore[no-any-return]


def restore_task(session: Session, actor: Actor, task_id: int) -> Task:
    task = load(session, actor, Task, task_id, "edit_production")
    return restore_row(session, actor, task, project_id=task.project_id)  # type: ignore[no-any-return]


def delete_task(session: Session, actor: Actor, task_id: int, *, confirm: str) -> None:
    """Delete an archived task forever; `confirm` is its title."""
    task = load(session, actor, Task, task_id, "delete_forever")
    check_deletable(task, confirm, task.title)
    record_deleted(session, actor, task, TASK_FIELDS, project_id=task.project_id)


# --- bulk ----------------------------------------------------------------------------


def bulk_update_tasks(
    session: Session, actor: Actor, *, task_ids: Sequence[int], values: dict[str, Any]
) -> tuple[str, int]:
    """Set the same values on many tasks; returns the batch id and how many changed."""
    ids = sorted(set(task_ids))
    columns = {k: v for k, v in values.items() if k != "assignee_ids"}
    for field in ("status_id", "priority"):
        if field in columns and columns[field] is None:
            raise ValidationFailed(fields={f"set.{field}": "may not be null"})
    stmt = select(Task.id, Task.project_id, Task.status_id, Task.due_date, Task.priority).where(
        in_ids(Task.id, ids)
    )
    rows: dict[int, Any] = {r.id: r for r in session.execute(stmt)}
    if len(rows) != len(ids):
        raise NotFound()
    for project_id in sorted({r.project_id for r in rows.values()}):
        project = session.get(Project, project_id)
        if project is None or not policy.can_see(actor, project):
            raise NotFound()
        policy.require(actor, "edit_production", project)
    categories: dict[int, StatusCategory] = {}
    if "status_id" in columns:
        status = session.get(TaskStatus, columns["status_id"])
        if status is None or {r.project_id for r in rows.values()} != {status.project_id}:
            raise ValidationFailed(fields={"set.status_id": "no such status in these projects"})
        status_stmt = select(TaskStatus.id, TaskStatus.category).where(
            TaskStatus.project_id == status.project_id
        )
        categories = dict(session.execute(status_stmt).all())
    new_assignees: list[int] | None = None
    old_assignees: dict[int, list[int]] = defaultdict(list)
    if "assignee_ids" in values:
        new_assignees = check_accounts(
            session, actor, values["assignee_ids"] or [], "set.assignee_ids"
        )
        link_stmt = (
            select(TaskAssignee.task_id, TaskAssignee.account_id)
            .where(in_ids(TaskAssignee.task_id, ids))
            .order_by(TaskAssignee.task_id, TaskAssignee.account_id)
        )
        for task_id, account_id in session.execute(link_stmt):
            old_assignees[task_id].append(account_id)

    items: dict[str, list[tuple[int, dict[str, list[Any]], dict[str, Any] | None]]] = {
        "task.updated": [],
        "task.assigned": [],
    }
    changed_columns: list[int] = []
    changed_assignees: list[int] = []
    for task_id in ids:
        row = rows[task_id]
        changes = {
            f: [events.jsonable(getattr(row, f)), events.jsonable(v)]
            for f, v in columns.items()
            if getattr(row, f) != v
        }
        data = None
        if "status_id" in changes:
            old_category = categories.get(row.status_id)
            data = {"status_category": [old_category, categories[columns["status_id"]]]}
        if changes:
            changed_columns.append(task_id)
        if new_assignees is not None and old_assignees[task_id] != new_assignees:
            changes["assignee_ids"] = [old_assignees[task_id], new_assignees]
            changed_assignees.append(task_id)
        if not changes:
            continue
        verb = "task.assigned" if set(changes) == {"assignee_ids"} else "task.updated"
        items[verb].append((task_id, changes, data))

    changed = sorted(set(changed_columns) | set(changed_assignees))
    if not changed:
        return uuid.uuid4().hex, 0
    session.flush()
    editor_id = session.info.get(ACTOR_KEY, actor.account_id)
    now = utcnow()
    session.execute(
        update(Task)
        .where(in_ids(Task.id, changed))
        .values(**columns, row_version=Task.row_version + 1, updated_at=now, updated_by=editor_id)
        .execution_options(synchronize_session=False)
    )
    if new_assignees is not None and changed_assignees:
        _write_links(session, TaskAssignee, changed_assignees, new_assignees)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Task) and obj.id in rows:
            session.expire(obj)
    batch_id = uuid.uuid4().hex
    for verb, verb_items in items.items():
        by_project: dict[int, list[Any]] = defaultdict(list)
        for item in verb_items:
            by_project[rows[item[0]].project_id].append(item)
        for project_id, project_items in by_project.items():
            events.record_many(
                session,
                actor,
                verb,
                "task",
                project_items,
                project_id=project_id,
                batch_id=batch_id,
            )
    return batch_id, len(changed)
