"""Route: the live stream (Server-Sent Events)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from shotline.activity.schemas import to_item
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.deps import short_lived_actor
from shotline.errors import ShotlineError
from shotline.notifications.service import unread_count
from shotline.realtime import service
from shotline.realtime.fanout import Broadcaster

router = APIRouter(prefix="/api/v1", tags=["realtime"])

# While the log holds ids that cannot be read yet (a transaction in flight), look again soon.
BEHIND_RETRY_SECONDS = 0.2


def _read(
    db: Database, actor: Actor, cursor: int, project_id: int | None, grace: float
) -> tuple[list[ServerSentEvent], int, bool]:
    with db.read() as session:
        batch = service.read_stream(
            session, actor, after_id=cursor, project_id=project_id, grace=grace
        )
        messages = [
            ServerSentEvent(
                data=to_item(entry).model_dump_json(),
                id=str(entry.event.id),
            )
            for entry in batch.entries
        ]
    return messages, batch.position, batch.behind


def _unread(db: Database, actor: Actor) -> int | None:
    """The viewer's unread count, or None when they have no inbox (a client-review guest)."""
    if not policy.may(actor, "read_own_notifications", None):
        return None
    with db.read() as session:
        return unread_count(session, actor)


def _open(db: Database, actor: Actor, project_id: int | None, after_id: int | None) -> int:
    with db.read() as session:
        return service.open_stream(session, actor, project_id=project_id, after_id=after_id)


@router.get(
    "/stream",
    summary="Live updates (Server-Sent Events)",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "An event stream"}},
)
async def stream_events(
    request: Request,
    project_id: Annotated[int | None, Query(ge=1, description="Only this project")] = None,
    after_id: Annotated[
        int | None, Query(ge=0, description="Resume after this event id (like Last-Event-ID)")
    ] = None,
    last_event_id: Annotated[int | None, Header(ge=0, alias="Last-Event-ID")] = None,
) -> EventSourceResponse:
    """What happens from now on, as far as the caller may see it (the activity feed's rules).

    Two kinds of message:
    - an event of the log: no `event:` line (a plain `message`), `id:` = the event id and
      `data:` = the activity item (verb, entity, sentence, links, changes) as JSON. A
      browser reconnecting sends `Last-Event-ID` and first receives the events it missed
      from the log; `after_id` does the same for clients that cannot set headers;
    - `event: notification`, no `id:` (the resume position stays an event id), `data:`
      `{"unread": N}`: the viewer's own unread in-app count, sent on connecting and
      whenever it changes (a notification arrived, some were marked read).

    A comment line is sent every `SHOTLINE_STREAM_HEARTBEAT_SECONDS`.
    """
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    broadcaster: Broadcaster = request.app.state.broadcaster
    actor = await run_in_threadpool(short_lived_actor, request)
    start = last_event_id if last_event_id is not None else after_id
    cursor = await run_in_threadpool(_open, db, actor, project_id, start)
    grace = settings.event_gap_grace_seconds
    heartbeat = settings.stream_heartbeat_seconds

    async def messages() -> AsyncIterator[ServerSentEvent]:
        nonlocal actor, cursor
        unread: int | None = None
        with broadcaster.subscribe(actor.account_id) as sub:
            yield ServerSentEvent(comment="connected", retry=2000)
            sub.inbox_changed = True
            while True:
                sub.woken.clear()
                if sub.inbox_changed:
                    sub.inbox_changed = False
                    count = await run_in_threadpool(_unread, db, actor)
                    if count is not None and count != unread:
                        unread = count
                        yield ServerSentEvent(
                            event="notification", data=json.dumps({"unread": count})
                        )
                batch, cursor, behind = await run_in_threadpool(
                    _read, db, actor, cursor, project_id, grace
                )
                for message in batch:
                    yield message
                if batch and behind:
                    continue
                try:
                    wait = BEHIND_RETRY_SECONDS if behind else heartbeat
                    await asyncio.wait_for(sub.woken.wait(), timeout=wait)
                except TimeoutError:
                    if behind:
                        continue
                    # The session may have ended or the role changed: check again.
                    try:
                        actor = await run_in_threadpool(short_lived_actor, request)
                    except ShotlineError:
                        return
                    sub.inbox_changed = True  # safety net: a wake-up may have been lost
                    yield ServerSentEvent(comment="heartbeat")

    return EventSourceResponse(
        messages(), ping=0, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )
