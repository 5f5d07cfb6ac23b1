"""Bulk operations of the grids' batch toolbar: set, archive, restore, duplicate, reassign.

Invariants:
- one transaction for the whole request: any failure writes nothing;
- every row goes through its entity's single-row service (or, for setting task fields, the
  set-based `tasks.service.bulk_update_tasks`), so permissions, validation and events are
  exactly those of the REST API; every event of the call shares one `batch_id`
  (`events.batch`), which `POST /history/batches/{batch_id}/undo` reverts;
- optimistic concurrency: `expected_versions` maps ids to the `row_version` the caller saw;
  rows that moved since are listed with their current version and either skipped
  (`on_stale="skip"`) or fail the whole call with 409 (`on_stale="fail"`);
- rows of projects the actor may not see are 404 (the whole call), like single rows.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import Conflict, NotFound, ValidationFailed
from shotline.io.ops import Ops, from_event_value, ops_for
from shotline.production import assets, shots
from shotline.production.models import Asset, Project, Shot
from shotline.tasks import service as tasks
from shotline.tasks.models import Task

CHUNK = 5_000
SETTABLE: dict[str, frozenset[str]] = {
    "shot": frozenset(
        {"status", "description", "sequence_id", "sort_order", "head_handles", "tail_handles"}
    ),
    "asset": frozenset(
        {"status", "description", "priority", "due_date", "lead_id", "asset_type", "custom_type"}
    ),
    "sequence": frozenset({"episode_id", "description", "sort_order", "name"}),
    "task": frozenset(
        {"status_id", "priority", "due_date", "start_date", "estimated_hours", "assignee_ids"}
    ),
}
TASK_SET_BASED = frozenset({"status_id", "priority", "due_date", "assignee_ids"})


class BulkAction(enum.StrEnum):
    SET = "set"
    ARCHIVE = "archive"
    RESTORE = "restore"
    DUPLICATE = "duplicate"
    REASSIGN = "reassign"


@dataclass
class StaleRow:
    id: int
    row_version: int
    expected_version: int


@dataclass
class BulkResult:
    batch_id: str
    action: BulkAction
    requested: int
    changed: int = 0
    created_ids: list[int] = field(default_factory=list)
    stale: list[StaleRow] = field(default_factory=list)


def bulk_apply(
    session: Session,
    actor: Actor,
    *,
    entity: str,
    action: BulkAction,
    ids: Sequence[int],
    values: dict[str, Any] | None = None,
    expected_versions: dict[int, int] | None = None,
    on_stale: Literal["skip", "fail"] = "skip",
) -> BulkResult:
    ops = ops_for(entity)
    values = dict(values or {})
    wanted = sorted(set(ids))
    versions = _current_versions(session, actor, ops, wanted)
    stale = [
        StaleRow(id=i, row_version=versions[i], expected_version=v)
        for i, v in sorted((expected_versions or {}).items())
        if i in versions and versions[i] != v
    ]
    if stale and on_stale == "fail":
        raise Conflict(
            "Some rows changed since you read them; nothing was written.",
            fields={str(s.id): f"stale: now row_version {s.row_version}" for s in stale},
        )
    stale_ids = {s.id for s in stale}
    todo = [i for i in wanted if i not in stale_ids]
    with events.batch(session) as batch_id:
        result = BulkResult(batch_id=batch_id, action=action, requested=len(wanted), stale=stale)
        if not todo:
            return result
        if action == BulkAction.SET:
            result.changed = _set(session, actor, ops, todo, values)
        elif action == BulkAction.REASSIGN:
            result.changed = _reassign(session, actor, ops, todo, values)
        elif action in (BulkAction.ARCHIVE, BulkAction.RESTORE):
            service = ops.archive if action == BulkAction.ARCHIVE else ops.restore
            for row_id in todo:
                before = versions[row_id]
                row = service(session, actor, row_id)
                result.changed += int(row.row_version != before)
        else:
            result.created_ids = _duplicate(session, actor, ops, todo, values)
            result.changed = len(result.created_ids)
    return result


def _current_versions(session: Session, actor: Actor, ops: Ops, ids: list[int]) -> dict[int, int]:
    """`{id: row_version}`; 404 when a row is missing or in a project the actor may not
    see; 403 when the actor may not edit it."""
    model = ops.model
    rows: dict[int, tuple[int, int]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stmt = select(model.id, model.row_version, model.project_id).where(model.id.in_(chunk))
        rows.update({r[0]: (r[1], r[2]) for r in session.execute(stmt)})
    if len(rows) != len(ids):
        raise NotFound()
    for project_id in sorted({p for _v, p in rows.values()}):
        project = session.get(Project, project_id)
        if project is None or not policy.can_see(actor, project):
            raise NotFound()
        policy.require(actor, "edit_production", project)
    return {i: v for i, (v, _p) in rows.items()}


def _check_keys(ops: Ops, values: dict[str, Any]) -> None:
    allowed = SETTABLE[ops.name]
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationFailed(
            fields={f"values.{k}": f"cannot be set in bulk on a {ops.name}" for k in unknown}
        )
    if not values:
        raise ValidationFailed(fields={"values": "set at least one field"})


def _set(session: Session, actor: Actor, ops: Ops, ids: list[int], values: dict[str, Any]) -> int:
    _check_keys(ops, values)
    if ops.name == "task" and set(values) <= TASK_SET_BASED:
        typed = {k: from_event_value(Task, k, v) for k, v in values.items()}
        _batch, count = tasks.bulk_update_tasks(session, actor, task_ids=ids, values=typed)
        return count
    typed = {k: from_event_value(ops.model, k, v) for k, v in values.items()}
    changed = 0
    for row_id in ids:
        changed += _update_one(session, actor, ops, row_id, dict(typed))
    return changed


def _update_one(
    session: Session, actor: Actor, ops: Ops, row_id: int, updates: dict[str, Any]
) -> int:
    if ops.name == "task" and "assignee_ids" in updates:
        assignees = updates.pop("assignee_ids") or []
        moved = _update_one(session, actor, ops, row_id, updates) if updates else 0
        before = ops.get(session, actor, row_id).assignee_ids
        task = tasks.assign_task(session, actor, row_id, assignee_ids=assignees)
        return max(moved, int(task.assignee_ids != before))
    row = ops.get(session, actor, row_id)
    before = row.row_version
    row = ops.update(session, actor, row_id, updates=updates)
    return int(row.row_version != before)


def _reassign(
    session: Session, actor: Actor, ops: Ops, ids: list[int], values: dict[str, Any]
) -> int:
    """Tasks only. `{"assignee_ids": [...]}` replaces the assignees;
    `{"from_account_id": a, "to_account_id": b}` swaps one person for another."""
    if ops.name != "task":
        raise ValidationFailed(fields={"action": "reassign works on tasks"})
    if "assignee_ids" in values and len(values) == 1:
        _batch, count = tasks.bulk_update_tasks(session, actor, task_ids=ids, values=values)
        return count
    if set(values) != {"from_account_id", "to_account_id"}:
        raise ValidationFailed(
            fields={"values": "give assignee_ids, or from_account_id and to_account_id"}
        )
    old, new = values["from_account_id"], values["to_account_id"]
    changed = 0
    for row_id in ids:
        task = tasks.get_task(session, actor, row_id)
        current = task.assignee_ids
        if old not in current:
            continue
        target = sorted({new if a == old else a for a in current})
        tasks.assign_task(session, actor, row_id, assignee_ids=target)
        changed += 1
    return changed


def _duplicate(
    session: Session, actor: Actor, ops: Ops, ids: list[int], values: dict[str, Any]
) -> list[int]:
    suffix = str(values.get("code_suffix") or "_copy")
    created: list[int] = []
    for row_id in ids:
        row = ops.get(session, actor, row_id)
        if isinstance(row, Shot):
            fields = {
                f: getattr(row, f)
                for f in shots.SHOT_FIELDS
                if f not in ("project_id", "code", "thumbnail_media_id")
            }
            code = _free_code(session, Shot, row.project_id, row.code + suffix)
            created.append(
                shots.create_shot(session, actor, row.project_id, code=code, **fields).id
            )
        elif isinstance(row, Asset):
            fields = {
                f: getattr(row, f)
                for f in assets.ASSET_FIELDS
                if f not in ("project_id", "code", "thumbnail_media_id")
            }
            code = _free_code(session, Asset, row.project_id, row.code + suffix)
            created.append(
                assets.create_asset(session, actor, row.project_id, code=code, **fields).id
            )
        elif isinstance(row, Task):
            copy = tasks.create_task(
                session,
                actor,
                task_type_id=row.task_type_id,
                shot_id=row.shot_id,
                asset_id=row.asset_id,
                status_id=row.status_id,
                title=f"{row.title} (copy)",
                assignee_ids=row.assignee_ids,
                supervisor_id=row.supervisor_id,
                custom=row.custom,
                description=row.description,
                priority=row.priority,
                start_date=row.start_date,
                due_date=row.due_date,
                estimated_hours=row.estimated_hours,
            )
            created.append(copy.id)
        else:
            raise ValidationFailed(fields={"action": f"{ops.name} rows cannot be duplicated"})
    return created


def _free_code(session: Session, model: type[Any], project_id: int, code: str) -> str:
    taken = set(
        session.scalars(
            select(model.code).where(model.project_id == project_id, model.code.startswith(code))
        )
    )
    candidate, n = code, 2
    while candidate in taken:
        candidate = f"{code}{n}"
        n += 1
    return candidate
