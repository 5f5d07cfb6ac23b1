"""What one viewer's stream shows: the event log after a cursor, filtered and rendered.

Invariants:
- the rows are the activity feed's rows: `policy.visible(actor, Event)` (the same filter as
  `GET /api/v1/activity`), optionally one project, which must be visible (else 404);
- the cursor moves over events the viewer may not see too, but never past an id hole that
  may still be a transaction in flight (`read_forward`'s gap grace), so nothing is skipped;
- `start_position` without an explicit cursor is the current end of the log: a new stream
  shows what happens next; a reconnect (`Last-Event-ID`) resumes exactly after its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from shotline.activity.service import ActivityEntry, render_events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import NotFound
from shotline.events.consumers import last_event_id, read_forward
from shotline.events.models import Event
from shotline.production.models import Project

BATCH = 200


@dataclass
class StreamBatch:
    entries: list[ActivityEntry]
    position: int
    # Newer ids exist that could not be read yet (a hole younger than the grace).
    behind: bool


def open_stream(
    session: Session, actor: Actor, *, project_id: int | None, after_id: int | None
) -> int:
    """Check the viewer may stream (and see the project); return the starting cursor."""
    policy.require(actor, "read_stream", None)
    if project_id is not None:
        project = session.get(Project, project_id)
        if project is None or not policy.can_see(actor, project):
            raise NotFound()
    if after_id is not None:
        return after_id
    return last_event_id(session)


def read_stream(
    session: Session,
    actor: Actor,
    *,
    after_id: int,
    project_id: int | None = None,
    grace: float = 10.0,
    limit: int = BATCH,
) -> StreamBatch:
    where: list[ColumnElement[bool]] = [policy.visible(actor, Event)]
    if project_id is not None:
        where.append(Event.project_id == project_id)
    rows, position = read_forward(session, after_id, limit=limit, grace=grace, where=where)
    behind = last_event_id(session) > position
    return StreamBatch(render_events(session, actor, rows), position, behind)
