"""Routes: background job runs (admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from shotline.deps import CurrentActor, DbSession
from shotline.jobs import service
from shotline.jobs.models import JobState
from shotline.jobs.schemas import JobRunPage, JobRunRead

router = APIRouter(prefix="/api/v1", tags=["jobs"])


@router.get("/jobs", summary="List background jobs")
def list_jobs(
    actor: CurrentActor,
    session: DbSession,
    state: JobState | None = None,
    name: Annotated[str | None, Query(description="A job name such as 'media.process'")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JobRunPage:
    """Job runs of the organization, newest first, with state, attempts and last error.

    Filter by `state` (queued, running, retrying, succeeded, failed) or `name`. Admins only.
    """
    rows, total = service.list_jobs(
        session, actor, state=state, name=name, limit=limit, offset=offset
    )
    return JobRunPage(items=[JobRunRead.model_validate(r) for r in rows], total=total)


@router.post("/jobs/{job_id}/retry", summary="Retry a failed job")
def retry_job(job_id: int, request: Request, actor: CurrentActor, session: DbSession) -> JobRunRead:
    """Queue a failed job again (409 for a job that has not failed). Admins only."""
    request.app.state.jobs.bind(session)  # sent to the queue once this commits
    return JobRunRead.model_validate(service.retry_job(session, actor, job_id))
