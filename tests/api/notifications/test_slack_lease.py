"""Two poster runs at once never post a Slack message twice (real threads, own connections,
a fresh database: SQLite or PostgreSQL, a real HTTP receiver), and the lease rules."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from shotline.auth.actor import Actor
from shotline.db.runtime import Database
from shotline.db.types import utcnow
from shotline.events.consumers import end_lease, take_lease
from shotline.events.models import ConsumerCursor
from shotline.notifications import slack
from shotline.tasks import service as tasks
from tests import factories
from tests.api.notifications.test_slack import LOOPBACK, connect_slack
from tests.api.webhooks.test_webhooks import Receiver, receiver  # noqa: F401
from tests.dbutil import migrated_database

pytestmark = pytest.mark.api
RUNS = 4
APPROVED = 6


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    with migrated_database(tmp_path, "slacklease") as db:
        yield db


def test_overlapping_runs_post_each_message_once(
    fresh_db: Database,
    receiver: Receiver,  # noqa: F811
) -> None:
    with fresh_db.unit_of_work() as session:
        org = factories.make_org(session)
        project = factories.make_project(session, org, code="LEASE")
        system = Actor.system(org.id)
        connect_slack(session, project, receiver.url)
    with fresh_db.unit_of_work() as session:
        project = session.merge(project)
        done = factories.status(session, project, "DONE")
        for n in range(APPROVED):
            shot = factories.make_shot(session, project, code=f"SH{n:03d}")
            task = factories.make_task(session, shot=shot, type_code="COMP")
            tasks.update_task(session, system, task.id, updates={"status_id": done.id})
    barrier = threading.Barrier(RUNS)
    posted: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            posted.append(slack.post(fresh_db, LOOPBACK, grace=0))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    texts = [json.loads(body)["text"][:5] for _, body in receiver.received]
    assert sorted(texts) == [f"SH{n:03d}" for n in range(APPROVED)], "each message once"
    assert sum(posted) == APPROVED
    assert slack.post(fresh_db, LOOPBACK, grace=0) == 0, "the lease was freed, nothing left"


def test_a_lease_is_held_until_ended_or_expired(fresh_db: Database) -> None:
    with fresh_db.unit_of_work() as session:
        assert take_lease(session, "slack:1", 60) is True
    with fresh_db.unit_of_work() as session:
        assert take_lease(session, "slack:1", 60) is False, "held by the first run"
        end_lease(session, "slack:1", 42)
    with fresh_db.unit_of_work() as session:
        assert take_lease(session, "slack:1", 60) is True
        cursor = session.get_one(ConsumerCursor, "slack:1")
        assert cursor.last_event_id == 42
        end_lease(session, "slack:1", 7)
        assert cursor.last_event_id == 42, "a cursor never moves back"
    with fresh_db.unit_of_work() as session:
        assert take_lease(session, "slack:1", 60) is True
        # the run that took it died: its lease runs out
        session.execute(
            update(ConsumerCursor)
            .where(ConsumerCursor.name == "slack:1")
            .values(leased_until=utcnow() - timedelta(seconds=1))
        )
    with fresh_db.unit_of_work() as session:
        assert take_lease(session, "slack:1", 60) is True
