"""E-mail against a real SMTP server on 127.0.0.1 (aiosmtpd): immediate e-mails, the daily
digest, idempotency, and a server that is down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account, Role
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.notifications import email, notifier, service
from shotline.notifications.models import (
    EmailDigest,
    EmailMode,
    EmailState,
    Notification,
    NotificationType,
)
from shotline.production.models import Project
from tests import factories
from tests.servers import free_port

pytestmark = pytest.mark.api

PUBLIC = "https://shotline.example"


class Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        self.messages.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        )
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, Settings]]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_starttls=False,
        public_url=PUBLIC,
        smtp_from="Shotline <shotline@studio.example>",
    )
    yield sink, settings
    controller.stop()


def assign(session: Session, project: Project, artist: Account, code: str) -> int:
    shot = factories.make_shot(session, project, code=code)
    task = factories.make_task(session, shot=shot, type_code="COMP", assignees=[artist])
    session.commit()
    return task.id


def test_immediate_email_sent_once_with_link(
    db: Database, session: Session, project: Project, people: dict[Role, Account], smtp
) -> None:  # type: ignore[no-untyped-def]
    sink, settings = smtp
    artist = people[Role.ARTIST]
    task_id = assign(session, project, artist, "SH010")
    assert notifier.consume(db, grace=0) == 1
    assert email.send_pending(db, settings) == 1
    assert len(sink.messages) == 1
    recipients, message = sink.messages[0]
    assert recipients == [artist.email]
    assert message["To"] == artist.email
    assert message["Subject"] == "[Shotline] Shotline created SH010 COMP"
    assert f"{PUBLIC}/tasks/{task_id}" in message.get_payload()
    row = session.scalars(select(Notification)).one()
    session.refresh(row)
    assert row.email_state == EmailState.SENT
    assert row.email_attempts == 1
    # Again (a retry, a second worker): nothing more is sent.
    assert email.send_pending(db, settings, retry_seconds=0) == 0
    assert len(sink.messages) == 1


def test_smtp_down_keeps_the_email_pending_with_the_reason_then_retries(
    db: Database, session: Session, project: Project, people: dict[Role, Account], smtp
) -> None:  # type: ignore[no-untyped-def]
    sink, settings = smtp
    artist = people[Role.ARTIST]
    assign(session, project, artist, "SH020")
    notifier.consume(db, grace=0)
    down = settings.model_copy(update={"smtp_port": free_port()})
    assert email.send_pending(db, down) == 0
    row = session.scalars(select(Notification)).one()
    session.refresh(row)
    assert row.email_state == EmailState.PENDING
    assert row.email_attempts == 1
    assert row.email_error is not None
    assert "ConnectionRefusedError" in row.email_error
    # Not retried before the retry delay ...
    assert email.send_pending(db, settings) == 0
    # ... then sent, and the reason cleared.
    assert email.send_pending(db, settings, retry_seconds=0) == 1
    session.refresh(row)
    assert (row.email_state, row.email_attempts, row.email_error) == (EmailState.SENT, 2, None)
    assert [r for r, _ in sink.messages] == [[artist.email]]


def test_daily_digest_one_email_per_person_per_day(
    db: Database, session: Session, project: Project, people: dict[Role, Account], smtp
) -> None:  # type: ignore[no-untyped-def]
    sink, settings = smtp
    artist = people[Role.ARTIST]
    service.put_preferences(
        session,
        Actor(organization_id=artist.organization_id, account_id=artist.id, role=artist.role),
        choices={NotificationType.TASK_ASSIGNED: {"email": EmailMode.DIGEST}},
    )
    first = assign(session, project, artist, "SH030")
    second = assign(session, project, artist, "SH040")
    assert notifier.consume(db, grace=0) == 2
    assert email.send_pending(db, settings) == 0  # digest rows are not sent at once
    today = date.today()  # noqa: DTZ011
    down = settings.model_copy(update={"smtp_port": free_port()})
    assert email.send_digests(db, down, day=today) == 0
    digest = session.get(EmailDigest, (artist.id, today))
    assert digest is not None
    assert digest.error is not None
    assert digest.sent_at is None
    assert email.send_digests(db, settings, day=today, retry_seconds=0) == 1
    assert len(sink.messages) == 1
    recipients, message = sink.messages[0]
    assert recipients == [artist.email]
    assert message["Subject"] == (
        f"[Shotline] Your daily digest for {today.isoformat()}: 2 notifications"
    )
    body = message.get_payload()
    assert f"{PUBLIC}/tasks/{first}" in body
    assert f"{PUBLIC}/tasks/{second}" in body
    assert "SH030 COMP" in body
    assert "SH040 COMP" in body
    # Same day again: nothing; the rows are sent.
    assert email.send_digests(db, settings, day=today, retry_seconds=0) == 0
    assert len(sink.messages) == 1
    states = {
        n.email_state
        for n in session.scalars(select(Notification).execution_options(populate_existing=True))
    }
    assert states == {EmailState.SENT}


def test_no_smtp_host_sends_nothing(
    db: Database, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    assign(session, project, people[Role.ARTIST], "SH050")
    notifier.consume(db, grace=0)
    assert email.send_pending(db, Settings(smtp_host="")) == 0
    row = session.scalars(select(Notification)).one()
    assert row.email_state == EmailState.PENDING
