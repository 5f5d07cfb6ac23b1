"""Concurrent uploads to one task get distinct consecutive numbers: real threads, each with
its own connection and transaction, against a fresh database (SQLite or PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shotline.auth.actor import Actor
from shotline.db.runtime import Database
from shotline.events.models import Event
from shotline.review import versions
from shotline.review.models import Version
from shotline.tasks.models import Task
from tests import factories
from tests.api.review.conftest import make_media
from tests.dbutil import migrated_database

pytestmark = pytest.mark.api
THREADS = 8


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    with migrated_database(tmp_path, "versions") as db:
        yield db


def test_concurrent_uploads_get_distinct_consecutive_numbers(fresh_db: Database) -> None:
    with fresh_db.unit_of_work() as session:
        org = factories.make_org(session)
        project = factories.make_project(session, org, code="CC")
        task = factories.make_task(session, shot=factories.make_shot(session, project))
        media = make_media(session, project)
        task_id, media_id, org_id = task.id, media.id, org.id
    actor = Actor.system(org_id)
    barrier = threading.Barrier(THREADS)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            barrier.wait(timeout=10)
            with fresh_db.unit_of_work() as session:
                version = versions.create_version(session, actor, task_id, media_ids=[media_id])
                numbers.append(version.number)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=upload) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS + 1))
    with fresh_db.unit_of_work() as session:
        stored = session.scalars(
            select(Version.number).where(Version.task_id == task_id).order_by(Version.number)
        ).all()
        assert list(stored) == list(range(1, THREADS + 1))
        created = session.scalar(
            select(func.count()).select_from(Event).where(Event.verb == "version.created")
        )
        assert created == THREADS
        moves = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.verb == "task.updated", Event.entity_id == task_id)
        )
        assert moves == 1  # only the first upload moves the task to internal review
        assert session.get(Task, task_id) is not None
