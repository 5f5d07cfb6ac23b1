"""Routes: the organization's event log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shotline.deps import CurrentActor, DbSession
from shotline.events import service
from shotline.events.schemas import EventPage, EventRead

router = APIRouter(prefix="/api/v1", tags=["events"])


@router.get("/events", summary="The event log")
def list_events(
    actor: CurrentActor,
    session: DbSession,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    after_id: Annotated[int | None, Query(ge=0)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    entity_type: str | None = None,
    entity_id: Annotated[int | None, Query(ge=1)] = None,
    verb: Annotated[str | None, Query(description="A verb or a prefix such as 'account.'")] = None,
) -> EventPage:
    """Every change in the organization, newest first, with old and new values.

    Page backwards with `before_id` (the `next_before_id` of the previous page), or read
    forward from a cursor with `after_id`. Admins and producers only.
    """
    rows = service.list_events(
        session,
        actor,
        before_id=before_id,
        after_id=after_id,
        limit=limit,
        entity_type=entity_type,
        entity_id=entity_id,
        verb_prefix=verb,
    )
    next_before = rows[-1].id if len(rows) == limit else None
    return EventPage(items=[EventRead.model_validate(e) for e in rows], next_before_id=next_before)
