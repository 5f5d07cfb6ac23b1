"""Share With Client end to end: sessions, sharing, the guest's view and decisions moving
the task through client_review → done / changes; events, activity and notifications."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.activity import render
from shotline.auth.models import Account, Role
from shotline.clientreview.models import ReviewSession, ReviewSessionVersion
from shotline.db.runtime import Database
from shotline.notifications import notifier
from shotline.notifications.models import Notification, NotificationType
from shotline.production.models import Project
from shotline.review.models import Approval, Note, NoteVisibility, ReviewStage, Version
from shotline.tasks.models import StatusCategory, Task, TaskStatus
from tests import factories
from tests.api.clientreview.conftest import create_link, enter, share

pytestmark = pytest.mark.api


def category(session: Session, task: Task) -> StatusCategory:
    session.expire_all()
    status = session.get_one(TaskStatus, session.get_one(Task, task.id).status_id)
    return status.category


def test_share_without_session_says_what_the_dialog_needs(
    as_supervisor: TestClient, session: Session, version: Version
) -> None:
    r = as_supervisor.post(f"/api/v1/versions/{version.id}/share", json={})
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["code"] == "needs_review_session"
    assert set(error["fields"]) == {"review_session_id", "create_session"}
    session.expire_all()
    assert session.get_one(Version, version.id).is_client_visible is False


def test_share_with_create_session_in_one_call(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    task: Task,
    version: Version,
    supervisor: Account,
) -> None:
    assert category(session, task) == StatusCategory.INTERNAL_REVIEW
    start = factories.last_event_id(session)
    body = share(
        as_supervisor,
        version.id,
        create_session={"name": "Client dailies", "password": "s3cret-pass-123"},
    )
    created = body["created"]
    assert len(created["token"]) >= 43
    assert created["url"].endswith("/share/" + created["token"])
    assert "<iframe" in created["embed_html"]
    assert body["review_session"]["version_ids"] == [version.id]
    assert body["review_session"]["has_password"] is True
    assert body["version"]["is_client_visible"] is True
    assert body["version"]["shared_by"] == supervisor.id
    assert category(session, task) == StatusCategory.CLIENT_REVIEW
    # the token is stored only as its SHA-256, the password only as Argon2
    row = session.scalars(select(ReviewSession)).one()
    assert row.token_hash != created["token"]
    assert len(row.token_hash) == 64
    assert row.password_hash is not None
    assert row.password_hash.startswith("$argon2")
    verbs = [e.verb for e in factories.events_after(session, start)]
    assert verbs == [
        "review_session.created",
        "version.shared",
        "review_session.versions_added",
        "task.updated",
    ]
    for event in factories.events_after(session, start):
        assert created["token"] not in str(event.changes) + str(event.data)
        assert "s3cret" not in str(event.changes) + str(event.data)


def test_one_click_share_into_the_live_session_and_activity_sentence(
    as_supervisor: TestClient,
    session: Session,
    db: Database,
    project: Project,
    task: Task,
    version: Version,
    people: dict[Role, Account],
) -> None:
    link = create_link(as_supervisor, project.id)
    start = factories.last_event_id(session)
    body = share(as_supervisor, version.id)
    assert body["created"] is None
    assert body["review_session"]["id"] == link["id"]
    events = factories.events_after(session, start)
    shared = next(e for e in events if e.verb == "version.shared")
    assert shared.data["client_account_ids"] == [people[Role.CLIENT].id]
    names = render.load_names(session, [shared])
    sentence = render.render(shared, names).sentence
    assert sentence == f"{people[Role.SUPERVISOR].name} shared SH010 COMP v001 with the client"
    # the notifier tells the project's client account
    notifier.notify(session, [shared])
    rows = session.scalars(
        select(Notification).where(Notification.type == NotificationType.VERSION_SHARED)
    ).all()
    assert [n.recipient_id for n in rows] == [people[Role.CLIENT].id]


def test_guest_approves_task_done(
    as_supervisor: TestClient,
    client: TestClient,
    session: Session,
    task: Task,
    version: Version,
    people: dict[Role, Account],
) -> None:
    token = share(as_supervisor, version.id, create_session={"name": "Link"})["created"]["token"]
    headers = enter(client, token, name="Jane Client")
    start = factories.last_event_id(session)
    r = client.post(
        f"/api/v1/share/{token}/versions/{version.id}/approve",
        json={"note": "Lovely"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["decision"]["decision"] == "approved"
    assert r.json()["decision"]["by"] == "Jane Client"
    assert category(session, task) == StatusCategory.DONE
    approval = session.scalars(select(Approval)).one()
    assert (approval.stage, approval.guest_name, approval.account_id) == (
        ReviewStage.CLIENT,
        "Jane Client",
        None,
    )
    note = session.get_one(Note, approval.note_id)
    assert (note.visibility, note.guest_name, note.body) == (
        NoteVisibility.CLIENT,
        "Jane Client",
        "Lovely",
    )
    events = factories.events_after(session, start)
    assert [e.verb for e in events] == ["note.created", "version.approved", "task.updated"]
    assert {e.actor_kind for e in events} == {"guest"}
    approved = events[1]
    names = render.load_names(session, [approved])
    assert render.render(approved, names).sentence == "Client Jane Client approved SH010 COMP v001"
    notifier.notify(session, events)
    types = {
        (n.recipient_id, n.type)
        for n in session.scalars(select(Notification).where(Notification.event_id == approved.id))
    }
    assert (people[Role.ARTIST].id, NotificationType.CLIENT_APPROVED) in types


def test_guest_requests_changes_task_changes(
    as_supervisor: TestClient, client: TestClient, session: Session, task: Task, version: Version
) -> None:
    token = share(as_supervisor, version.id, create_session={"name": "Link"})["created"]["token"]
    headers = enter(client, token)
    r = client.post(
        f"/api/v1/share/{token}/versions/{version.id}/request-changes", json={}, headers=headers
    )
    assert r.status_code == 200, r.text
    assert category(session, task) == StatusCategory.CHANGES
    session.expire_all()
    assert session.get_one(Version, version.id).status == "changes_requested"


def test_client_account_approves_through_the_portal(
    as_supervisor: TestClient, as_client: TestClient, session: Session, task: Task, version: Version
) -> None:
    share(as_supervisor, version.id, create_session={"name": "Link"})
    r = as_client.post(f"/api/v1/portal/versions/{version.id}/approve", json={})
    assert r.status_code == 200, r.text
    assert category(session, task) == StatusCategory.DONE


def test_unshare_hides_it_everywhere_and_is_logged(
    as_supervisor: TestClient,
    as_client: TestClient,
    client: TestClient,
    session: Session,
    version: Version,
) -> None:
    token = share(as_supervisor, version.id, create_session={"name": "Link"})["created"]["token"]
    headers = enter(client, token)
    start = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/versions/{version.id}/unshare")
    assert r.status_code == 200
    assert r.json()["is_client_visible"] is False
    assert [e.verb for e in factories.events_after(session, start)] == ["version.unshared"]
    assert session.scalars(select(ReviewSessionVersion)).all() == []
    assert client.get(f"/api/v1/share/{token}/versions", headers=headers).json() == []
    r = client.get(f"/api/v1/share/{token}/versions/{version.id}/player", headers=headers)
    assert r.status_code == 404
    assert as_client.get(f"/api/v1/portal/versions/{version.id}/player").status_code == 404
