"""Route: global search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shotline.deps import CurrentActor, DbSession
from shotline.search import service
from shotline.search.schemas import SearchResultRead

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search", summary="Search everything")
def search(
    actor: CurrentActor,
    session: DbSession,
    q: Annotated[str, Query(max_length=200, description="Words or a partial code.")],
    types: Annotated[
        str | None,
        Query(
            description="Comma-separated: project,sequence,shot,asset,task,version,note,account."
        ),
    ] = None,
    project_id: Annotated[int | None, Query(description="Only this project.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_LIMIT)] = 20,
) -> SearchResultRead:
    """Ranked matches across projects, sequences, shots, assets, tasks, versions, notes and
    accounts the caller may open: exact code first, then prefix, then other matches. Client
    accounts find only the versions shared with them and their client-visible notes."""
    wanted = [t.strip() for t in types.split(",") if t.strip()] if types else None
    result = service.search(session, actor, q=q, types=wanted, project_id=project_id, limit=limit)
    return SearchResultRead.model_validate(result)
