"""Send Review Email against a real SMTP server on 127.0.0.1 (aiosmtpd): at creation (also
through Share With Client) and later with the token; the message that arrived; the token
checked against its hash; no SMTP, a dead SMTP server, dead links; who may and who may not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.clientreview.models import ReviewSession
from shotline.events.models import Event
from shotline.production.models import Project
from shotline.review.models import Version
from tests.api.clientreview.conftest import create_link, share
from tests.api.notifications.test_email import Sink
from tests.servers import free_port

pytestmark = pytest.mark.api

PUBLIC = "https://review.studio.example"


@pytest.fixture
def sink(app: FastAPI) -> Iterator[Sink]:
    """A real SMTP server; the app's settings point at it for the test."""
    received = Sink()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    before = app.state.settings
    app.state.settings = before.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": controller.port,
            "smtp_starttls": False,
            "smtp_username": "",
            "public_url": PUBLIC,
            "smtp_from": "Shotline <review@studio.example>",
        }
    )
    yield received
    app.state.settings = before
    controller.stop()


def text(message: Any) -> str:
    return str(message.get_payload(decode=True).decode()).replace("\r\n", "\n")


def emailed_events(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Event).where(Event.verb == "review_session.emailed")
        )
        or 0
    )


def test_share_with_a_new_link_emails_it_with_project_shot_and_message(
    as_supervisor: TestClient, session: Session, project: Project, version: Version, sink: Sink
) -> None:
    body = share(
        as_supervisor,
        version.id,
        create_session={
            "name": "Client dailies",
            "password": "pw-not-in-mail-123",
            "email": {"to": ["Dana@Client.example", "lee@client.example"], "message": "Hi!"},
        },
    )
    created = body["created"]
    assert created["emailed"]["recipients"] == ["dana@client.example", "lee@client.example"]
    assert len(sink.messages) == 1
    recipients, message = sink.messages[0]
    assert sorted(recipients) == ["dana@client.example", "lee@client.example"]
    assert message["Subject"] == "[Northwind] Ready for your review: SH010 COMP v001"
    assert message["From"] == "Shotline <review@studio.example>"
    content = text(message)
    assert f"{PUBLIC}/share/{created['token']}" in content
    assert created["url"] in content
    assert "Northwind" in content
    assert "- SH010 COMP v001" in content
    assert "Message:\nHi!" in content
    assert "pw-not-in-mail-123" not in content
    assert emailed_events(session) == 1


def test_send_later_with_the_token_and_the_token_is_checked(
    as_producer: TestClient, session: Session, project: Project, version: Version, sink: Sink
) -> None:
    link = create_link(as_producer, project.id)
    share(as_producer, version.id, review_session_id=link["id"])
    url = f"/api/v1/review-sessions/{link['id']}/email"
    wrong = as_producer.post(url, json={"token": "x" * 43, "to": ["a@client.example"]})
    assert wrong.status_code == 422
    assert "token" in wrong.json()["error"]["fields"]
    r = as_producer.post(url, json={"token": link["token"], "to": ["a@client.example"]})
    assert r.status_code == 200, r.text
    assert r.json() == {
        "recipients": ["a@client.example"],
        "subject": "[Northwind] Ready for your review: SH010 COMP v001",
    }
    [(recipients, message)] = sink.messages
    assert recipients == ["a@client.example"]
    assert link["url"] in text(message)
    assert "Message:" not in text(message)
    # After regeneration the old token is refused, the new one works.
    new = as_producer.post(f"/api/v1/review-sessions/{link['id']}/regenerate").json()
    old = as_producer.post(url, json={"token": link["token"], "to": ["a@client.example"]})
    assert old.status_code == 422
    assert as_producer.post(url, json={"token": new["token"], "to": ["b@x.example"]}).is_success
    assert new["url"] in text(sink.messages[-1][1])
    assert len(sink.messages) == 2


def test_bad_input_names_the_field_and_sends_nothing(
    as_supervisor: TestClient, project: Project, sink: Sink
) -> None:
    link = create_link(as_supervisor, project.id)
    url = f"/api/v1/review-sessions/{link['id']}/email"
    for body, field in (
        ({"token": link["token"], "to": []}, "to"),
        ({"token": link["token"], "to": ["not-an-address"]}, "to"),
        ({"token": link["token"], "to": ["a@b.example"], "message": "x" * 5001}, "message"),
        ({"to": ["a@b.example"]}, "token"),
    ):
        r = as_supervisor.post(url, json=body)
        assert r.status_code == 422, body
        assert any(field in name for name in r.json()["error"]["fields"]), r.json()
    assert sink.messages == []


def test_revoked_link_is_not_sent(
    as_supervisor: TestClient, session: Session, project: Project, sink: Sink
) -> None:
    link = create_link(as_supervisor, project.id)
    as_supervisor.post(f"/api/v1/review-sessions/{link['id']}/revoke")
    r = as_supervisor.post(
        f"/api/v1/review-sessions/{link['id']}/email",
        json={"token": link["token"], "to": ["a@b.example"]},
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "review_session_not_live"
    assert sink.messages == []
    assert emailed_events(session) == 0


def test_without_smtp_409_and_the_link_is_not_created(
    app: FastAPI, as_supervisor: TestClient, session: Session, project: Project
) -> None:
    assert not app.state.settings.smtp_host
    before = session.scalar(select(func.count()).select_from(ReviewSession))
    r = as_supervisor.post(
        f"/api/v1/projects/{project.id}/review-sessions",
        json={"name": "Dailies", "email": {"to": ["a@b.example"]}},
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "email_not_configured"
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(ReviewSession)) == before


def test_smtp_down_is_502_and_nothing_is_half_written(
    app: FastAPI, as_supervisor: TestClient, session: Session, version: Version, sink: Sink
) -> None:
    app.state.settings = app.state.settings.model_copy(update={"smtp_port": free_port()})
    r = as_supervisor.post(
        f"/api/v1/versions/{version.id}/share",
        json={"create_session": {"name": "Dailies", "email": {"to": ["a@b.example"]}}},
    )
    assert r.status_code == 502
    error = r.json()["error"]
    assert error["code"] == "email_failed"
    assert "ConnectionRefusedError" in error["message"]
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(ReviewSession)) == 0
    assert session.get_one(Version, version.id).is_client_visible is False
    assert emailed_events(session) == 0


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, 200),
        (Role.PRODUCER, 200),
        (Role.SUPERVISOR, 200),
        (Role.ARTIST, 403),
        (Role.CLIENT, 404),
    ],
)
def test_who_may_send(
    as_role: Any, as_admin: TestClient, project: Project, role: Role, expected: int, sink: Sink
) -> None:
    link = create_link(as_admin, project.id)
    r = as_role(role).post(
        f"/api/v1/review-sessions/{link['id']}/email",
        json={"token": link["token"], "to": ["a@b.example"]},
    )
    assert r.status_code == expected, r.text
    assert len(sink.messages) == (1 if expected == 200 else 0)


def test_anonymous_foreign_and_other_project_may_not(
    as_anonymous: TestClient,
    as_foreign_admin: TestClient,
    as_supervisor: TestClient,
    as_admin: TestClient,
    session: Session,
    other_project: Project,
    sink: Sink,
) -> None:
    link = create_link(as_admin, other_project.id)  # the supervisor is no member of it
    body = {"token": link["token"], "to": ["a@b.example"]}
    url = f"/api/v1/review-sessions/{link['id']}/email"
    assert as_anonymous.post(url, json=body).status_code == 401
    assert as_foreign_admin.post(url, json=body).status_code == 404
    assert as_supervisor.post(url, json=body).status_code == 404
    assert as_supervisor.post("/api/v1/review-sessions/999999/email", json=body).status_code == 404
    assert sink.messages == []
