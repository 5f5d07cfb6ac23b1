"""Job runs: the API (admins), retries with backoff, and the Redis queue with a worker."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from huey import RedisHuey
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Organization, Role
from shotline.db.runtime import Database
from shotline.jobs import registry
from shotline.jobs import service as jobs
from shotline.jobs.models import JobRun, JobState
from shotline.jobs.queue import JobQueue
from shotline.jobs.registry import JobContext, JobFailed
from tests import factories
from tests.api.media.conftest import run_jobs

pytestmark = pytest.mark.api

CALLS: list[int] = []
DONE = threading.Event()


def _flaky(_context: JobContext, *, fail_times: int) -> None:
    CALLS.append(fail_times)
    if len(CALLS) <= fail_times:
        raise RuntimeError("temporary failure /secret/path")


def _final(_context: JobContext, *, reason: str) -> None:
    raise JobFailed(reason)


def _signal(_context: JobContext, *, token: str) -> None:
    CALLS.append(len(token))
    DONE.set()


@pytest.fixture(autouse=True)
def test_jobs() -> Iterator[None]:
    registry.job("test.flaky", retries=2, retry_delay=0, retry_backoff=2.0)(_flaky)
    registry.job("test.final", retries=3)(_final)
    registry.job("test.signal", retries=0)(_signal)
    CALLS.clear()
    DONE.clear()
    yield
    for name in ("test.flaky", "test.final", "test.signal"):
        registry._REGISTRY.pop(name, None)


def _run(session: Session, org: Organization, queue: JobQueue, name: str, **args: object) -> JobRun:
    queue.bind(session)
    run = jobs.create_job(session, Actor.system(org.id), name=name, args=args)
    session.commit()
    run_jobs(queue)
    session.expire_all()
    return run


def test_a_failing_job_is_retried_then_succeeds(
    session: Session, org: Organization, queue: JobQueue
) -> None:
    queue.huey.immediate = True
    run = _run(session, org, queue, "test.flaky", fail_times=2)
    assert len(CALLS) == 3
    assert (run.state, run.attempts, run.max_attempts, run.last_error) == (
        JobState.SUCCEEDED,
        3,
        3,
        None,
    )


def test_retries_run_out_into_failed_with_a_safe_reason(
    session: Session, org: Organization, queue: JobQueue
) -> None:
    queue.huey.immediate = True
    run = _run(session, org, queue, "test.flaky", fail_times=5)
    assert (run.state, run.attempts) == (JobState.FAILED, 3)
    assert run.last_error == "the job stopped on an unexpected error; see the worker log"


def test_retry_delay_grows_with_backoff(
    session: Session, org: Organization, queue: JobQueue
) -> None:
    spec = registry.get_spec("media.process")
    assert (spec.retries, spec.retry_delay, spec.retry_backoff) == (3, 5.0, 3.0)
    task = queue._tasks["media.process"].s(1)
    assert (task.retries, task.retry_delay, task.retry_backoff) == (3, 5.0, 3.0)


def test_admin_lists_filters_and_retries_failed_jobs(
    session: Session, org: Organization, queue: JobQueue, as_admin: TestClient
) -> None:
    failed = _run(session, org, queue, "test.final", reason="the file is damaged")
    ok = _run(session, org, queue, "test.signal", token="abc")
    assert (failed.state, failed.attempts, failed.last_error) == (
        JobState.FAILED,
        1,
        "the file is damaged",
    )
    assert ok.state == JobState.SUCCEEDED

    page = as_admin.get("/api/v1/jobs").json()
    assert [j["id"] for j in page["items"]] == [ok.id, failed.id]
    only_failed = as_admin.get("/api/v1/jobs", params={"state": "failed"}).json()
    assert [(j["id"], j["last_error"], j["attempts"]) for j in only_failed["items"]] == [
        (failed.id, "the file is damaged", 1)
    ]
    assert as_admin.get("/api/v1/jobs", params={"state": "nonsense"}).status_code == 422

    before = factories.last_event_id(session)
    app_state = as_admin.app.state  # type: ignore[attr-defined]
    saved = app_state.jobs
    app_state.jobs = queue
    try:
        r = as_admin.post(f"/api/v1/jobs/{failed.id}/retry")
    finally:
        app_state.jobs = saved
    assert r.status_code == 200
    assert r.json()["state"] == "queued"
    events = factories.events_after(session, before)
    assert [(e.verb, e.entity_id) for e in events] == [("job.retried", failed.id)]
    assert as_admin.post(f"/api/v1/jobs/{ok.id}/retry").status_code == 409


@pytest.mark.parametrize("role", [Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_only_admins_see_jobs(
    role: Role, as_role, session: Session, org: Organization, queue: JobQueue
) -> None:  # type: ignore[no-untyped-def]
    failed = _run(session, org, queue, "test.final", reason="x")
    client = as_role(role)
    assert client.get("/api/v1/jobs").status_code == 403
    assert client.post(f"/api/v1/jobs/{failed.id}/retry").status_code == 404


def test_foreign_and_anonymous_job_access(
    session: Session,
    org: Organization,
    queue: JobQueue,
    as_foreign_admin: TestClient,
    as_anonymous: TestClient,
) -> None:
    failed = _run(session, org, queue, "test.final", reason="x")
    assert as_foreign_admin.get("/api/v1/jobs").json()["items"] == []
    assert as_foreign_admin.post(f"/api/v1/jobs/{failed.id}/retry").status_code == 404
    assert as_anonymous.get("/api/v1/jobs").status_code == 401


def test_a_rolled_back_transaction_queues_nothing(
    session: Session, org: Organization, queue: JobQueue
) -> None:
    queue.bind(session)
    jobs.create_job(session, Actor.system(org.id), name="test.signal", args={"token": "x"})
    session.rollback()
    assert queue.huey.pending_count() == 0


def test_redis_queue_with_a_worker_thread(
    db: Database, session: Session, org: Organization, queue: JobQueue
) -> None:
    huey = RedisHuey(
        f"shotline-test-{uuid.uuid4().hex}", url="redis://127.0.0.1:6379/0", results=False
    )
    redis_queue = JobQueue(huey, queue.context)
    try:
        redis_queue.bind(session)
        run = jobs.create_job(
            session, Actor.system(org.id), name="test.signal", args={"token": "redis"}
        )
        session.commit()
        assert huey.pending_count() == 1
        consumer = redis_queue.consumer(1)
        consumer.start()
        try:
            assert DONE.wait(10)
        finally:
            consumer.stop()
        session.expire_all()
        assert CALLS == [5]
        assert (run.state, run.attempts) == (JobState.SUCCEEDED, 1)
    finally:
        huey.storage.flush_all()
