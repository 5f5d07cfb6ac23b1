"""The queue: Huey with SQLite storage (embedded) or Redis storage (many machines).

Invariants:
- The queue carries only a `job_run.id`; the `job_run` row says what to run and records its
  state, attempts and last error, so the API shows every job whatever the backend.
- A job is sent to the queue only after the transaction that created its row commits
  (`after_commit`), so a worker never looks for a row that is not there yet, and a
  rolled-back request queues nothing.
- The same task code runs in both modes; only `make_huey` differs.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy import event
from sqlalchemy.orm import Session

from shotline.config import Settings
from shotline.jobs import pumps, runner
from shotline.jobs.registry import JobContext, JobSpec, all_specs

log = logging.getLogger("shotline.jobs")

QUEUE_KEY = "shotline.job_queue"
PENDING_KEY = "shotline.pending_jobs"


def make_huey(settings: Settings, *, name: str | None = None) -> Huey:
    """RedisHuey when `SHOTLINE_REDIS_URL` is set, else SqliteHuey at `<data_dir>/jobs.db`."""
    queue_name = name or settings.job_queue_name
    if settings.redis_url:
        return RedisHuey(queue_name, url=settings.redis_url, results=False)
    settings.jobs_db_path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(queue_name, filename=str(settings.jobs_db_path), results=False)


def memory_huey(*, immediate: bool = False) -> Huey:
    """An in-memory queue (tests): `immediate=True` runs each job as it is sent."""
    return MemoryHuey("shotline-test", immediate=immediate, results=False)


class JobQueue:
    """Huey tasks for every registered job, bound to one `JobContext`."""

    def __init__(self, huey: Huey, context: JobContext) -> None:
        self.huey = huey
        self.context = context
        self._tasks: dict[str, Any] = {}
        for spec in all_specs():
            self._tasks[spec.name] = huey.task(
                retries=spec.retries,
                retry_delay=spec.retry_delay,
                retry_backoff=spec.retry_backoff,
                context=True,
                name=spec.name,
            )(self._task_body(spec))
        # Event-log consumers (notifier, webhooks): kicked after commits, and every minute.
        self._pump = huey.task(name="events.pump")(self._run_pump)
        huey.periodic_task(crontab(), name="events.pump_periodic")(self._run_pump)
        huey.periodic_task(crontab(hour="6", minute="0"), name="notifications.scan_overdue")(
            self._run_overdue
        )
        # Abandoned tus uploads past their expiry leave the disk.
        huey.periodic_task(crontab(minute="17"), name="uploads.cleanup")(self._run_cleanup)
        huey.periodic_task(crontab(hour="7", minute="0"), name="notifications.send_digests")(
            self._run_digests
        )
        huey.periodic_task(crontab(hour="3", minute="30"), name="io.purge_archived")(
            self._run_purge
        )

    def _run_pump(self) -> None:
        pumps.run(self.context)

    def _run_overdue(self) -> None:
        pumps.scan_overdue(self.context)

    def _run_cleanup(self) -> None:
        pumps.cleanup_uploads(self.context)

    def _run_digests(self) -> None:
        pumps.send_digests(self.context)

    def _run_purge(self) -> None:
        pumps.purge_archived(self.context)

    def events_committed(self, event_ids: list[int]) -> None:  # noqa: ARG002
        """`events.hooks` listener: new events are in the log, run the consumers."""
        try:
            self._pump()
        except Exception:  # the periodic run picks them up
            log.exception("could not queue events.pump")

    def _task_body(self, spec: JobSpec) -> Any:
        def run(job_run_id: int, task: Any = None) -> None:
            retries_left = int(getattr(task, "retries", 0) or 0)
            runner.execute(self.context, spec, job_run_id, retries_left=retries_left)

        run.__name__ = spec.name.replace(".", "_")
        return run

    def send(self, name: str, job_run_id: int) -> None:
        """Put a job on the queue now (callers normally use `send_after_commit`)."""
        self._tasks[name](job_run_id)

    def bind(self, session: Session) -> None:
        """Jobs created in `session` go to this queue once it commits."""
        session.info[QUEUE_KEY] = self

    def consumer(self, workers: int) -> EmbeddedConsumer:
        return EmbeddedConsumer(self.huey, workers)


def send_after_commit(session: Session, name: str, job_run_id: int) -> None:
    """Queue the job when `session` commits; forget it if the session rolls back."""
    pending: list[tuple[str, int]] | None = session.info.get(PENDING_KEY)
    if pending is None:
        pending = []
        session.info[PENDING_KEY] = pending
        event.listen(session, "after_commit", _flush_pending)
        event.listen(session, "after_soft_rollback", _drop_pending)
    pending.append((name, job_run_id))


def _flush_pending(session: Session) -> None:
    pending: list[tuple[str, int]] = session.info.get(PENDING_KEY) or []
    queue: JobQueue | None = session.info.get(QUEUE_KEY)
    session.info[PENDING_KEY] = []
    if not pending:
        return
    if queue is None:
        log.warning("no job queue bound: %d job(s) stay queued in job_run", len(pending))
        return
    for name, job_run_id in pending:
        try:
            queue.send(name, job_run_id)
        except Exception:  # the row stays "queued"; POST /jobs/{id}/retry sends it again
            log.exception("could not queue job %s (job_run %s)", name, job_run_id)


def _drop_pending(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info[PENDING_KEY] = []


class EmbeddedConsumer:
    """Huey's consumer threads without its signal handling, to run inside another
    process (`shotline serve` in embedded mode, tests). `shotline worker` uses Huey's own
    consumer."""

    def __init__(self, huey: Huey, workers: int) -> None:
        self._consumer = Consumer(
            huey,
            workers=workers,
            worker_type="thread",
            periodic=True,
            initial_delay=0.05,
            max_delay=1.0,
            check_worker_health=False,
        )
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._consumer.scheduler.start()
            for _worker, thread in self._consumer.worker_threads:
                thread.start()
            self._started = True

    def stop(self) -> None:
        with self._lock:
            if not self._started:
                return
            self._consumer.stop(graceful=True)
            self._started = False
