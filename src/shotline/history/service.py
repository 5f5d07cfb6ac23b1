"""Row history and reverts, read from the event log.

Invariants:
- history lists the events of one row, newest first, to whoever may open the row (404
  otherwise); each event's `changes` are `{field: [old, new]}` as recorded;
- a revert is itself a change: it goes through the entity's update/archive/restore
  service (permissions `edit_production`, validation, events) and its events share a new
  `batch_id`, so a revert can be reverted or undone in turn;
- reverting one event writes back its old values; a field changed again since that event
  is a conflict (409 naming the fields) unless `force`;
- undoing a creation archives the row (nothing is deleted); undoing an archive restores it;
- reverting a row to a point sets every field changed after that event back to its value
  at that point (the old value of the first later change), and the archived state too;
- undoing a batch reverts its events newest first, all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.errors import Conflict, NotFound, ValidationFailed
from shotline.events.models import Event
from shotline.io.ops import Ops, from_event_value, ops_for
from shotline.tasks import service as tasks

MAX_BATCH = 50_000
UNDO_VERBS = frozenset({"created", "updated", "assigned", "archived", "restored"})


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    event_id: int
    created_at: datetime
    actor_id: int | None
    actor_name: str | None
    verb: str
    batch_id: str | None
    changes: list[FieldChange]


def row_history(
    session: Session,
    actor: Actor,
    *,
    entity: str,
    row_id: int,
    before_id: int | None = None,
    limit: int = 100,
) -> list[HistoryEntry]:
    """The row's changes, newest first (who, when, field, old → new)."""
    ops_for(entity).get(session, actor, row_id)
    stmt = (
        select(Event, Account.name)
        .outerjoin(Account, Account.id == Event.actor_id)
        .where(
            Event.organization_id == actor.organization_id,
            Event.entity_type == entity,
            Event.entity_id == row_id,
        )
    )
    if before_id is not None:
        stmt = stmt.where(Event.id < before_id)
    rows = session.execute(stmt.order_by(Event.id.desc()).limit(limit)).all()
    return [
        HistoryEntry(
            event_id=ev.id,
            created_at=ev.created_at,
            actor_id=ev.actor_id,
            actor_name=name,
            verb=ev.verb,
            batch_id=ev.batch_id,
            changes=[FieldChange(f, pair[0], pair[1]) for f, pair in ev.changes.items()],
        )
        for ev, name in rows
    ]


def _event(session: Session, actor: Actor, event_id: int) -> Event:
    ev = session.get(Event, event_id)
    if ev is None or ev.organization_id != actor.organization_id or ev.entity_id is None:
        raise NotFound()
    return ev


def _editable(session: Session, actor: Actor, ops: Ops, row_id: int) -> Any:
    row = ops.get(session, actor, row_id)  # 404 unless visible
    policy.require(actor, "edit_production", row)
    return row


def revert_event(session: Session, actor: Actor, event_id: int, *, force: bool = False) -> str:
    """Write back the old values of one event; returns the revert's batch id."""
    ev = _event(session, actor, event_id)
    ops = ops_for(ev.entity_type)
    _editable(session, actor, ops, ev.entity_id or 0)
    with events.batch(session) as batch_id:
        _undo(session, actor, ops, ev, force=force)
    return batch_id


def undo_batch(session: Session, actor: Actor, batch_id: str, *, force: bool = False) -> str:
    """Revert every event of a batch (a bulk edit, an import), newest first."""
    stmt = (
        select(Event)
        .where(Event.organization_id == actor.organization_id, Event.batch_id == batch_id)
        .order_by(Event.id.desc())
        .limit(MAX_BATCH + 1)
    )
    evs = list(session.scalars(stmt))
    if not evs:
        raise NotFound()
    if len(evs) > MAX_BATCH:
        raise ValidationFailed(fields={"batch_id": f"more than {MAX_BATCH} changes"})
    for ev in evs:
        if ev.entity_type not in ("shot", "asset", "task", "sequence") or ev.entity_id is None:
            raise ValidationFailed(fields={"batch_id": f"holds {ev.verb}, which cannot be undone"})
    checked: set[tuple[str, int]] = set()
    with events.batch(session) as new_batch:
        for ev in evs:
            ops = ops_for(ev.entity_type)
            key = (ev.entity_type, ev.entity_id or 0)
            if key not in checked:
                _editable(session, actor, ops, key[1])
                checked.add(key)
            _undo(session, actor, ops, ev, force=force)
    return new_batch


def revert_row(
    session: Session,
    actor: Actor,
    *,
    entity: str,
    row_id: int,
    to_event_id: int,
) -> str:
    """Set the row back to how it was right after event `to_event_id`."""
    ops = ops_for(entity)
    row = _editable(session, actor, ops, row_id)
    point = session.get(Event, to_event_id)
    if point is None or point.entity_type != entity or point.entity_id != row_id:
        raise ValidationFailed(fields={"to_event_id": "not an event of this row"})
    later: Sequence[Event] = list(
        session.scalars(
            select(Event)
            .where(Event.entity_type == entity, Event.entity_id == row_id, Event.id > to_event_id)
            .order_by(Event.id.desc())
        )
    )
    target: dict[str, Any] = {}
    for ev in later:  # newest first: the last write wins, i.e. the earliest later change
        for field, pair in ev.changes.items():
            target[field] = pair[0]
    with events.batch(session) as batch_id:
        archived = target.pop("archived_at", "unchanged")
        assignees = target.pop("assignee_ids", None)
        updates = {
            f: from_event_value(ops.model, f, v)
            for f, v in target.items()
            if f in ops.fields and events.jsonable(getattr(row, f)) != v
        }
        if updates:
            ops.update(session, actor, row_id, updates=updates)
        if assignees is not None and entity == "task":
            tasks.assign_task(session, actor, row_id, assignee_ids=assignees)
        if archived is None:
            ops.restore(session, actor, row_id)
        elif archived != "unchanged":
            ops.archive(session, actor, row_id)
    return batch_id


def _undo(session: Session, actor: Actor, ops: Ops, ev: Event, *, force: bool) -> None:
    verb = ev.verb.partition(".")[2]
    row_id = ev.entity_id or 0
    if verb not in UNDO_VERBS:
        raise ValidationFailed(fields={"event": f"{ev.verb} cannot be reverted"})
    if verb in ("created", "restored"):
        ops.archive(session, actor, row_id)
        return
    if verb == "archived":
        ops.restore(session, actor, row_id)
        return
    row = ops.get(session, actor, row_id)
    updates: dict[str, Any] = {}
    conflicts: dict[str, str] = {}
    assignees: list[int] | None = None
    for field, (old, new) in ev.changes.items():
        if field == "assignee_ids":
            current: Any = row.assignee_ids
            assignees = old or []
        elif field in ops.fields:
            current = events.jsonable(getattr(row, field))
            updates[field] = from_event_value(ops.model, field, old)
        else:
            continue
        if current != new and not force:
            conflicts[field] = "changed since this event"
    if conflicts:
        raise Conflict(
            "The row changed since; revert with force=true to overwrite.", fields=conflicts
        )
    if updates:
        ops.update(session, actor, row_id, updates=updates)
    if assignees is not None:
        tasks.assign_task(session, actor, row_id, assignee_ids=assignees)
