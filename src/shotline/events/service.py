"""Writing and reading the event log.

Invariants:
- `record` is called by the service that makes a change, in the same session and so in
  the same transaction: a rolled-back change leaves no event, a committed one exactly one;
- `changes` maps each changed field to `[old, new]` in JSON-safe form; secrets (password
  hashes, token hashes) are never passed in;
- the log is append-only: nothing updates or deletes an event.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.context import request_id_var
from shotline.db.dialect import insert_rows
from shotline.db.types import utcnow
from shotline.events import hooks
from shotline.events.models import Event


class Entity(Protocol):
    __tablename__: str
    id: Any


_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: nothing to convert (bulk writes call this a lot)
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def apply_changes(obj: Any, updates: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set attributes on `obj`; return `{field: [old, new]}` for those that really changed."""
    changes: dict[str, list[Any]] = {}
    for field, new in updates.items():
        old = getattr(obj, field)
        if old == new:
            continue
        setattr(obj, field, new)
        changes[field] = [jsonable(old), jsonable(new)]
    return changes


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, list[Any]]:
    """The `changes` of a creation: every field from None to its value."""
    return {f: [None, jsonable(getattr(obj, f))] for f in fields}


BATCH_KEY = "shotline.batch_id"


@contextmanager
def batch(session: Session, batch_id: str | None = None) -> Iterator[str]:
    """Every event recorded in this session inside the block shares one `batch_id` (bulk
    operations that call the single-row services, imports, reverts)."""
    outer = session.info.get(BATCH_KEY)
    current = outer or batch_id or uuid.uuid4().hex
    session.info[BATCH_KEY] = current
    try:
        yield current
    finally:
        if outer is None:
            session.info.pop(BATCH_KEY, None)
        else:
            session.info[BATCH_KEY] = outer


def record(
    session: Session,
    actor: Actor,
    verb: str,
    entity: Entity,
    changes: Mapping[str, list[Any]] | None = None,
    *,
    data: Mapping[str, Any] | None = None,
    project_id: int | None = None,
    organization_id: int | None = None,
    batch_id: str | None = None,
) -> Event:
    if entity.id is None:
        session.flush()
    if project_id is None:
        project_id = getattr(entity, "project_id", None)
    if organization_id is None:
        organization_id = getattr(entity, "organization_id", None) or actor.organization_id
    event = Event(
        organization_id=organization_id,
        project_id=project_id,
        actor_id=actor.account_id,
        actor_kind=actor.kind,
        verb=verb,
        entity_type=entity.__tablename__,
        entity_id=entity.id,
        changes=dict(changes or {}),
        data=jsonable(dict(data or {})),
        request_id=request_id_var.get(),
        batch_id=batch_id or session.info.get(BATCH_KEY),
    )
    session.add(event)
    hooks.note(session, [event])
    return event


def record_many(
    session: Session,
    actor: Actor,
    verb: str,
    entity_type: str,
    items: Sequence[tuple[int, Mapping[str, list[Any]], Mapping[str, Any] | None]],
    *,
    project_id: int | None = None,
    organization_id: int | None = None,
    batch_id: str | None = None,
) -> None:
    """`record` for many rows of one type at once: one set-based INSERT, same semantics.

    `items` holds `(entity_id, changes, data)`; the entities are already flushed.
    """
    if not items:
        return
    now = utcnow()
    common = {
        "created_at": now,
        "organization_id": organization_id or actor.organization_id,
        "project_id": project_id,
        "actor_id": actor.account_id,
        "actor_kind": actor.kind,
        "verb": verb,
        "entity_type": entity_type,
        "request_id": request_id_var.get(),
        "batch_id": session.info.get(BATCH_KEY) or batch_id,
    }
    ids = insert_rows(
        session,
        Event,
        [
            {
                **common,
                "entity_id": entity_id,
                "changes": dict(changes),
                "data": jsonable(dict(data or {})),
            }
            for entity_id, changes, data in items
        ],
        return_ids=True,
    )
    hooks.note(session, list(ids))


def list_events(
    session: Session,
    actor: Actor,
    *,
    after_id: int | None = None,
    before_id: int | None = None,
    limit: int = 100,
    entity_type: str | None = None,
    entity_id: int | None = None,
    verb_prefix: str | None = None,
) -> list[Event]:
    """Organization events, newest first, paged by id (admin and producer only)."""
    from shotline.auth import policy

    policy.require(actor, "read_events", None)
    stmt = select(Event).where(Event.organization_id == actor.organization_id)
    if after_id is not None:
        stmt = stmt.where(Event.id > after_id)
    if before_id is not None:
        stmt = stmt.where(Event.id < before_id)
    if entity_type is not None:
        stmt = stmt.where(Event.entity_type == entity_type)
    if entity_id is not None:
        stmt = stmt.where(Event.entity_id == entity_id)
    if verb_prefix:
        stmt = stmt.where(Event.verb.startswith(verb_prefix, autoescape=True))
    stmt = stmt.order_by(Event.id.desc()).limit(limit)
    return list(session.scalars(stmt))
