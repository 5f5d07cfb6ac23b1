"""Slack per project: routes and roles, masked URL, and the poster against a real HTTP
receiver on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.notifications import slack
from shotline.production.models import Project
from shotline.tasks import service as tasks
from tests import factories
from tests.api.webhooks.test_webhooks import Receiver, receiver  # noqa: F401

pytestmark = pytest.mark.api

PUBLIC_HOOK = "https://8.8.8.8/services/T000/B000/secretXYZ1234"
LOOPBACK = Settings(outbound_allow_loopback=True, public_url="https://shotline.example")


def connect_slack(
    session: Session, project: Project, url: str | None, *, active: bool | None = None
) -> None:
    """The project posts to `url` (None: keep the saved URL), as the system would set it."""
    slack.put_integration(
        session,
        Actor.system(project.organization_id),
        project.id,
        settings=LOOPBACK,
        webhook_url=url,
        types=None,
        active=active,
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.PRODUCER, 200),
        (Role.SUPERVISOR, 200),
        (Role.ARTIST, 403),
        (Role.CLIENT, 404),
    ],
)
def test_who_may_manage_a_projects_slack(
    as_role, project: Project, role: Role, status: int
) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = as_role(role)
    url = f"/api/v1/projects/{project.id}/slack"
    r = client.put(url, json={"webhook_url": PUBLIC_HOOK})
    assert r.status_code == status, r.text
    if status != 200:
        assert "error" in r.json()
        return
    body = r.json()
    assert body["webhook_url_masked"] == "https://8.8.8.8/…1234"
    assert "secretXYZ" not in r.text
    assert body["types"] == [str(t) for t in slack.DEFAULT_TYPES]
    got = client.get(url)
    assert got.status_code == 200
    assert "secretXYZ" not in got.text
    r = client.put(url, json={"types": ["TASK_APPROVED"], "active": False})
    assert r.json()["types"] == ["TASK_APPROVED"]
    assert r.json()["active"] is False
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


def test_foreign_org_and_bad_input(
    as_admin: TestClient, as_foreign_admin: TestClient, project: Project
) -> None:
    url = f"/api/v1/projects/{project.id}/slack"
    assert as_foreign_admin.put(url, json={"webhook_url": PUBLIC_HOOK}).status_code == 404
    assert as_foreign_admin.get(url).status_code == 404
    assert as_foreign_admin.delete(url).status_code == 404
    r = as_admin.put(url, json={})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"webhook_url": "required for a new integration"}
    r = as_admin.put(url, json={"webhook_url": "http://127.0.0.1:9/hook"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"]["webhook_url"].startswith("refused:")
    r = as_admin.put(url, json={"webhook_url": PUBLIC_HOOK, "types": ["NOPE"]})
    assert r.status_code == 422
    assert "types.0" in r.json()["error"]["fields"]
    r = as_admin.put(url, json={"webhook_url": PUBLIC_HOOK, "extra": 1})
    assert r.status_code == 422
    assert as_admin.get("/api/v1/projects/999999/slack").status_code == 404


def test_poster_sends_ready_for_review_and_approved_with_links(
    db: Database,
    session: Session,
    project: Project,
    people: dict[Role, Account],
    receiver: Receiver,  # noqa: F811
) -> None:
    system = Actor.system(project.organization_id)
    connect_slack(session, project, receiver.url)
    session.commit()
    assert slack.post(db, LOOPBACK, grace=0) == 0  # starts at the end of the log
    shot = factories.make_shot(session, project, code="SH010")
    task = factories.make_task(
        session,
        shot=shot,
        type_code="COMP",
        assignees=[people[Role.ARTIST]],
        supervisor_id=people[Role.SUPERVISOR].id,
    )
    asset = factories.make_asset(session, project, code="ASSET_CAR01")
    model = factories.make_task(session, asset=asset, type_code="MODEL")
    for target, code in ((task, "INTERNAL_REVIEW"), (model, "DONE")):
        status = factories.status(session, project, code)
        tasks.update_task(session, system, target.id, updates={"status_id": status.id})
    session.commit()
    assert slack.post(db, LOOPBACK, grace=0) == 2
    texts = [json.loads(body)["text"] for _, body in receiver.received]
    link = "<https://shotline.example/tasks/{}|Open in Shotline>"
    assert texts == [
        f"SH010 COMP task ready for review: {link.format(task.id)}",
        f"ASSET_CAR01 MODEL task approved: {link.format(model.id)}",
    ]
    # Nothing new: nothing posted again.
    assert slack.post(db, LOOPBACK, grace=0) == 0
    assert len(receiver.received) == 2


def test_poster_retries_after_a_server_error(
    db: Database,
    session: Session,
    project: Project,
    receiver: Receiver,  # noqa: F811
) -> None:
    system = Actor.system(project.organization_id)
    connect_slack(session, project, receiver.url)
    session.commit()
    slack.post(db, LOOPBACK, grace=0)
    shot = factories.make_shot(session, project, code="SH020")
    task = factories.make_task(session, shot=shot, type_code="COMP")
    status = factories.status(session, project, "DONE")
    tasks.update_task(session, system, task.id, updates={"status_id": status.id})
    session.commit()
    receiver.answers = [503]
    assert slack.post(db, LOOPBACK, grace=0) == 0
    assert slack.post(db, LOOPBACK, grace=0) == 1
    assert len(receiver.received) == 2
    assert json.loads(receiver.received[1][1])["text"].startswith("SH020 COMP task approved")


def _approve_a_task(session: Session, project: Project, code: str) -> None:
    system = Actor.system(project.organization_id)
    shot = factories.make_shot(session, project, code=code)
    task = factories.make_task(session, shot=shot, type_code="COMP")
    status = factories.status(session, project, "DONE")
    tasks.update_task(session, system, task.id, updates={"status_id": status.id})
    session.commit()


def test_a_failing_project_does_not_hold_up_the_others(
    db: Database,
    session: Session,
    org: Organization,
    project: Project,
    receiver: Receiver,  # noqa: F811
) -> None:
    other = Receiver()
    other.thread.start()
    try:
        second = factories.make_project(session, org, code="OTHER")
        for target, url in ((project, receiver.url), (second, other.url)):
            connect_slack(session, target, url)
        session.commit()
        # The first project's channel is down; its event comes first in the log.
        receiver.answers = [503, 503]
        _approve_a_task(session, project, "SH100")
        _approve_a_task(session, second, "SH200")
        assert slack.post(db, LOOPBACK, grace=0) == 1
        assert [json.loads(b)["text"][:22] for _, b in other.received] == ["SH200 COMP task approv"]
        # Still down: retried; the other project's message is not posted again.
        _approve_a_task(session, second, "SH201")
        assert slack.post(db, LOOPBACK, grace=0) == 1
        assert len(other.received) == 2
        assert json.loads(other.received[1][1])["text"].startswith("SH201 COMP task approved")
        # Back up: the waiting message goes out, once.
        assert slack.post(db, LOOPBACK, grace=0) == 1
        assert slack.post(db, LOOPBACK, grace=0) == 0
        texts = [json.loads(b)["text"] for _, b in receiver.received]
        assert len(texts) == 3
        assert all(t.startswith("SH100 COMP task approved") for t in texts)
        assert len(other.received) == 2
    finally:
        other.server.shutdown()
        other.server.server_close()


def test_a_paused_integration_does_not_post_its_backlog_when_switched_back_on(
    db: Database,
    session: Session,
    project: Project,
    receiver: Receiver,  # noqa: F811
) -> None:
    for active in (None, False):
        connect_slack(session, project, receiver.url, active=active)
        session.commit()
    _approve_a_task(session, project, "SH300")
    assert slack.post(db, LOOPBACK, grace=0) == 0
    connect_slack(session, project, None, active=True)
    session.commit()
    assert slack.post(db, LOOPBACK, grace=0) == 0
    _approve_a_task(session, project, "SH301")
    assert slack.post(db, LOOPBACK, grace=0) == 1
    assert json.loads(receiver.received[0][1])["text"].startswith("SH301 COMP task approved")
