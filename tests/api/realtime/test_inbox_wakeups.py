"""Who is told that their inbox changed: the notifier's and mark-read's commits name the
recipients (and only them), a rollback tells nobody; the broadcaster wakes only those
people's streams, also when the wake-up comes from another process."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.db.runtime import Database
from shotline.events import hooks
from shotline.notifications import notifier
from shotline.production.models import Project
from shotline.realtime.fanout import Broadcaster, _coalesce, inbox_payload
from tests import factories

pytestmark = pytest.mark.api


class Ear:
    """A real commit listener that writes down what it hears."""

    def __init__(self) -> None:
        self.inboxes: list[set[int]] = []
        self.events: list[list[int]] = []

    def events_committed(self, event_ids: list[int]) -> None:
        self.events.append(event_ids)

    def inbox_changed(self, account_ids: set[int]) -> None:
        self.inboxes.append(set(account_ids))


@pytest.fixture
def ear() -> Iterator[Ear]:
    listener = Ear()
    hooks.add_listener(listener)
    yield listener
    hooks.remove_listener(listener)


def test_the_notifier_names_the_recipients_and_mark_read_the_reader(
    as_supervisor: TestClient,
    as_artist: TestClient,
    db: Database,
    session: Session,
    project: Project,
    people: dict[Role, Account],
    ear: Ear,
) -> None:
    artist, supervisor = people[Role.ARTIST], people[Role.SUPERVISOR]
    shot = factories.make_shot(session, project, code="SH010")
    task = factories.make_task(session, shot=shot, type_code="COMP", supervisor_id=supervisor.id)
    session.commit()
    notifier.consume(db, grace=0)
    ear.inboxes.clear()

    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/assign", json={"assignee_ids": [artist.id]})
    assert r.status_code == 200, r.text
    assert ear.inboxes == []  # the event alone changes nobody's inbox yet
    assert notifier.consume(db, grace=0) == 1
    assert ear.inboxes == [{artist.id}]

    assert notifier.consume(db, grace=0) == 0  # nothing new: nobody is told
    assert ear.inboxes == [{artist.id}]
    r = as_artist.post("/api/v1/notifications/read-all")
    assert r.status_code == 200, r.text
    assert ear.inboxes[-1] == {artist.id}
    count = len(ear.inboxes)
    assert as_artist.post("/api/v1/notifications/read-all").status_code == 200
    assert len(ear.inboxes) == count  # nothing was unread: no wake-up


def test_a_rolled_back_transaction_tells_nobody(db: Database, ear: Ear) -> None:
    with db.write() as session:
        session.execute(select(1))  # a transaction is under way, as when rows are written
        hooks.note_inbox(session, {7})
        session.rollback()
        session.commit()
    assert ear.inboxes == []
    with db.write() as session:
        hooks.note_inbox(session, {7, 8})
        session.commit()
    assert ear.inboxes == [{7, 8}]


def test_inbox_wakeups_reach_only_the_named_peoples_streams() -> None:
    async def scenario() -> None:
        broadcaster = Broadcaster()
        broadcaster.start()
        try:
            with (
                broadcaster.subscribe(1) as one,
                broadcaster.subscribe(2) as two,
                broadcaster.subscribe(None) as guest,
            ):
                broadcaster.deliver("n:1,3")  # as a relay from another process delivers it
                await asyncio.wait_for(one.woken.wait(), 5)
                assert one.inbox_changed
                assert not two.inbox_changed
                assert not two.woken.is_set()
                assert not guest.woken.is_set()
                broadcaster.deliver(inbox_payload(None))  # "everyone with an inbox"
                await asyncio.wait_for(two.woken.wait(), 5)
                assert two.inbox_changed
                assert not guest.inbox_changed
                broadcaster.deliver("42")  # a new event wakes every stream, inbox untouched
                await asyncio.wait_for(guest.woken.wait(), 5)
                assert broadcaster.latest == 42
                assert not guest.inbox_changed
        finally:
            broadcaster.stop()

    asyncio.run(scenario())


def test_relay_payloads_coalesce_and_stay_under_notify_limits() -> None:
    burst = [("e", 3), ("n", frozenset({2})), ("e", 9), ("n", frozenset({1, 2}))]
    assert _coalesce(burst) == ["9", "n:1,2"]
    assert _coalesce([("n", frozenset({5}))]) == ["n:5"]
    assert inbox_payload(frozenset(range(100_000, 103_000))) == "n:*"
