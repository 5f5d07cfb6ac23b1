"""Job runs: create (and queue after commit), list, retry.

Invariants:
- `create_job` writes a `job_run` row in the caller's transaction and queues it only when
  that transaction commits; a dedupe key reuses an unfinished run instead of adding one.
- Listing and retrying are for admins of the run's organization; other ids answer 404.
- A retry is allowed only for `failed` runs, and records `job.retried`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotFound
from shotline.jobs.models import JobRun, JobState
from shotline.jobs.queue import send_after_commit
from shotline.jobs.registry import get_spec

UNFINISHED = (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)


def create_job(
    session: Session,
    actor: Actor,
    *,
    name: str,
    args: dict[str, Any],
    dedupe_key: str | None = None,
) -> JobRun:
    """Record a job run and queue it after commit. Called by services, not routes."""
    spec = get_spec(name)
    if dedupe_key is not None:
        existing = session.scalar(
            select(JobRun)
            .where(JobRun.dedupe_key == dedupe_key, JobRun.state.in_(UNFINISHED))
            .order_by(JobRun.id.desc())
            .limit(1)
        )
        if existing is not None:
            return existing
    run = JobRun(
        organization_id=actor.organization_id,
        name=name,
        args=events.jsonable(args),
        dedupe_key=dedupe_key,
        state=JobState.QUEUED,
        attempts=0,
        max_attempts=spec.max_attempts,
        queued_at=utcnow(),
        created_by=actor.account_id,
    )
    session.add(run)
    session.flush()
    send_after_commit(session, name, run.id)
    return run


def get_job(session: Session, actor: Actor, job_id: int) -> JobRun:
    run = session.get(JobRun, job_id)
    if run is None or not policy.can_see(actor, run):
        raise NotFound()
    return run


def list_jobs(
    session: Session,
    actor: Actor,
    *,
    state: JobState | None = None,
    name: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[JobRun], int]:
    policy.require(actor, "list_jobs", None)
    where = [policy.visible(actor, JobRun)]
    if state is not None:
        where.append(JobRun.state == state)
    if name is not None:
        where.append(JobRun.name == name)
    total = session.scalar(select(func.count()).select_from(JobRun).where(*where)) or 0
    rows = session.scalars(
        select(JobRun).where(*where).order_by(JobRun.id.desc()).limit(limit).offset(offset)
    )
    return list(rows), total


def retry_job(session: Session, actor: Actor, job_id: int) -> JobRun:
    run = get_job(session, actor, job_id)
    policy.require(actor, "retry_job", run)
    if run.state != JobState.FAILED:
        raise Conflict(
            f"Only failed jobs can be retried; this one is {run.state.value}.",
            fields={"state": run.state.value},
        )
    run.state = JobState.QUEUED
    run.queued_at = utcnow()
    run.finished_at = None
    session.flush()
    events.record(session, actor, "job.retried", run, {"state": ["failed", "queued"]})
    send_after_commit(session, run.name, run.id)
    return run
