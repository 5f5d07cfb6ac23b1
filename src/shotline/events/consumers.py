"""Reading the event log forward from a cursor (notifier, Slack, webhooks, the stream).

Invariants:
- a consumer reads `id > cursor` in id order and moves its cursor in the same transaction
  as the rows it writes: a crash replays the batch (at-least-once), never skips it;
- ids are handed out at INSERT but rows become visible at COMMIT, so on PostgreSQL a
  transaction still in flight can hold an id lower than one already committed. When the
  ids read are not contiguous, `read_forward` stops before the first hole unless the event
  after it is older than `grace` seconds (a hole that old is a rolled-back transaction);
- the cursor row is locked (`FOR UPDATE` on PostgreSQL; SQLite write transactions are
  serial) so two workers running the same consumer take turns instead of doubling work;
- a consumer that acts outside the database between reading and moving its cursor (posts
  to Slack) takes a lease first (`take_lease`, one conditional UPDATE): while it is held,
  other runs skip that cursor; `end_lease` moves the cursor and frees it. A run that dies
  leaves the lease to expire, and the next run replays from the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shotline.db.types import utcnow
from shotline.events.models import ConsumerCursor, Event


def read_forward(
    session: Session,
    after_id: int,
    *,
    limit: int = 500,
    grace: float = 10.0,
    where: Sequence[ColumnElement[bool]] = (),
) -> tuple[list[Event], int]:
    """Events after `after_id` that are safe to consume, and the new cursor position.

    With `where`, only matching events are returned, but the cursor still moves over the
    others (the hole check always looks at every id).
    """
    rows = session.execute(
        select(Event.id, Event.created_at)
        .where(Event.id > after_id)
        .order_by(Event.id)
        .limit(limit)
    ).all()
    if not rows:
        return [], after_id
    oldest_allowed = utcnow() - timedelta(seconds=grace)
    position = after_id
    for event_id, created_at in rows:
        if grace > 0 and event_id != position + 1 and created_at > oldest_allowed:
            break
        position = event_id
    if position == after_id:
        return [], after_id
    stmt = select(Event).where(Event.id > after_id, Event.id <= position, *where)
    return list(session.scalars(stmt.order_by(Event.id))), position


def last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(Event.id), 0))) or 0)


def lock_cursor(session: Session, name: str) -> ConsumerCursor:
    """The consumer's cursor, locked for this transaction; a new consumer starts at 0."""
    cursor = session.scalar(
        select(ConsumerCursor).where(ConsumerCursor.name == name).with_for_update()
    )
    if cursor is None:
        cursor = ConsumerCursor(name=name, last_event_id=0)
        session.add(cursor)
        session.flush()
    return cursor


def get_position(session: Session, name: str) -> int:
    value = session.scalar(select(ConsumerCursor.last_event_id).where(ConsumerCursor.name == name))
    return int(value or 0)


def take_lease(session: Session, name: str, seconds: float) -> bool:
    """Hold the consumer `name` for `seconds` (its cursor is made if missing); False while
    another run holds it."""
    if session.get(ConsumerCursor, name) is None:
        try:
            with session.begin_nested():
                session.add(ConsumerCursor(name=name, last_event_id=0))
        except IntegrityError:  # another run made it at the same moment: it holds it
            return False
    now = utcnow()
    result = cast(
        CursorResult[Any],
        session.execute(
            update(ConsumerCursor)
            .where(
                ConsumerCursor.name == name,
                or_(ConsumerCursor.leased_until.is_(None), ConsumerCursor.leased_until <= now),
            )
            .values(leased_until=now + timedelta(seconds=seconds))
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def end_lease(session: Session, name: str, position: int | None) -> None:
    """Move the cursor to `position` (never back; None: stay) and free the lease."""
    cursor = lock_cursor(session, name)
    if position is not None:
        cursor.last_event_id = max(cursor.last_event_id, position)
    cursor.leased_until = None
