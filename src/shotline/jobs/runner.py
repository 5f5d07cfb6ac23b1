"""Running one job: record the attempt, call the function, record the outcome.

Invariants:
- Each attempt is its own short transaction before and after the work, so the API shows
  `running` while the job runs and the outcome once it ends, even if the work fails.
- A job whose row says `succeeded` is not run again (a duplicate delivery is a no-op).
- `JobFailed` is final: recorded as `failed` with its reason, never retried. Any other
  exception is retried by Huey while retries are left (state `retrying`), then `failed`.
- The recorded error is a short sentence, never a traceback or a file path.
"""

from __future__ import annotations

import logging

from shotline.db.types import utcnow
from shotline.jobs.models import JobRun, JobState
from shotline.jobs.registry import JobContext, JobFailed, JobSpec

log = logging.getLogger("shotline.jobs")

UNEXPECTED = "the job stopped on an unexpected error; see the worker log"


def execute(context: JobContext, spec: JobSpec, job_run_id: int, *, retries_left: int) -> None:
    with context.db.unit_of_work() as session:
        run = session.get(JobRun, job_run_id)
        if run is None or run.state == JobState.SUCCEEDED:
            return
        run.state = JobState.RUNNING
        run.attempts += 1
        run.started_at = utcnow()
        run.finished_at = None
        args = dict(run.args)
    try:
        spec.func(context, **args)
    except JobFailed as exc:
        _finish(context, job_run_id, JobState.FAILED, exc.reason)
        return
    except Exception as exc:
        log.exception("job %s (job_run %s) failed", spec.name, job_run_id)
        reason = getattr(exc, "reason", None) or UNEXPECTED
        state = JobState.RETRYING if retries_left > 0 else JobState.FAILED
        _finish(context, job_run_id, state, str(reason))
        if state == JobState.FAILED and spec.on_give_up is not None:
            spec.on_give_up(context, str(reason), **args)
        raise
    _finish(context, job_run_id, JobState.SUCCEEDED, None)


def _finish(context: JobContext, job_run_id: int, state: JobState, error: str | None) -> None:
    with context.db.unit_of_work() as session:
        run = session.get(JobRun, job_run_id)
        if run is None:
            return
        run.state = state
        run.last_error = error[:1000] if error else None
        run.finished_at = utcnow()
