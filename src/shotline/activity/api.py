"""Routes: activity feeds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shotline.activity import service
from shotline.activity.schemas import ActivityPage, to_item
from shotline.deps import CurrentActor, DbSession

router = APIRouter(prefix="/api/v1", tags=["activity"])


@router.get("/activity", summary="Activity feed")
def list_activity(
    actor: CurrentActor,
    session: DbSession,
    project_id: Annotated[int | None, Query(ge=1)] = None,
    entity_type: Annotated[str | None, Query(description="project, shot, asset or task")] = None,
    entity_id: Annotated[int | None, Query(ge=1)] = None,
    actor_id: Annotated[int | None, Query(ge=1, description="Only what this person did")] = None,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ActivityPage:
    """What happened, newest first, each event as a sentence with links.

    Without filters: the whole organization as far as the caller may see it. Scope it to a
    project, to one shot, asset or task (a shot's feed includes its tasks), or to a person.
    Page with `before_id` = the previous page's `next_before_id`.
    """
    entries = service.list_activity(
        session,
        actor,
        project_id=project_id,
        entity_type=entity_type,
        entity_id=entity_id,
        actor_id=actor_id,
        before_id=before_id,
        limit=limit,
    )
    next_before = entries[-1].event.id if len(entries) == limit else None
    return ActivityPage(items=[to_item(e) for e in entries], next_before_id=next_before)
