"""Share links from the guest's side: identical 404s, passwords and throttling, guest
identities bound to one link, revocation and regeneration, downloads, the access log, and
what a guest may never see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shotline.clientreview.models import ReviewSession, ReviewSessionAccess
from shotline.config import get_settings
from shotline.production.models import Project
from shotline.review import notes
from shotline.review.models import NoteVisibility, Version
from tests import factories
from tests.api.clientreview.conftest import create_link, enter, share

pytestmark = pytest.mark.api


def access_kinds(session: Session) -> list[str]:
    session.expire_all()
    rows = session.scalars(select(ReviewSessionAccess).order_by(ReviewSessionAccess.id))
    return [r.kind.value for r in rows]


def test_unknown_expired_revoked_links_answer_the_same_404(
    as_supervisor: TestClient, client: TestClient, session: Session, project: Project
) -> None:
    expired = create_link(as_supervisor, project.id, name="old")
    revoked = create_link(as_supervisor, project.id, name="gone")
    session.execute(
        update(ReviewSession)
        .where(ReviewSession.id == expired["id"])
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    assert as_supervisor.post(f"/api/v1/review-sessions/{revoked['id']}/revoke").status_code == 200
    answers = [
        client.get(f"/api/v1/share/{t}")
        for t in (expired["token"], revoked["token"], "x" * 43, "nope")
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.text for r in answers}) == 1


def test_info_and_no_password_in_any_response(
    as_supervisor: TestClient, client: TestClient, session: Session, project: Project
) -> None:
    link = create_link(as_supervisor, project.id, password="hunter2-hunter2")
    assert "hunter2" not in str(link)
    r = client.get(f"/api/v1/share/{link['token']}")
    assert r.status_code == 200
    assert r.json() == {
        "name": "Dailies",
        "project_name": "Northwind",
        "expires_at": r.json()["expires_at"],
        "password_required": True,
        "email_required": False,
        "allow_comments": True,
        "allow_approvals": True,
        "allow_downloads": False,
    }
    got = as_supervisor.get(f"/api/v1/review-sessions/{link['id']}").json()
    assert "token" not in got
    assert "hunter2" not in str(got)
    assert "password_hash" not in got
    assert access_kinds(session) == ["opened"]


def test_wrong_password_401_then_429(
    as_supervisor: TestClient, client: TestClient, session: Session, project: Project
) -> None:
    link = create_link(as_supervisor, project.id, password="right-password-1")
    url = f"/api/v1/share/{link['token']}/unlock"
    limit = get_settings().login_max_failures
    for _ in range(limit):
        r = client.post(url, json={"name": "Mallory", "password": "wrong"})
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "wrong_password"
    r = client.post(url, json={"name": "Mallory", "password": "right-password-1"})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert access_kinds(session) == ["failed_password"] * limit
    log = as_supervisor.get(f"/api/v1/review-sessions/{link['id']}/access-log").json()
    assert log[0]["viewer_name"] == "Mallory"
    assert log[0]["ip"] == "testclient"


def test_password_unlock_and_missing_guest(
    as_supervisor: TestClient, client: TestClient, project: Project, version: Version
) -> None:
    link = share(
        as_supervisor, version.id, create_session={"name": "L", "password": "pw-pw-pw-pw-1"}
    )
    token = link["created"]["token"]
    assert client.get(f"/api/v1/share/{token}/versions").status_code == 401
    r = client.post(f"/api/v1/share/{token}/unlock", json={"name": "Jane"})
    assert r.status_code == 401
    r = client.post(
        f"/api/v1/share/{token}/unlock", json={"name": "Jane", "password": "pw-pw-pw-pw-1"}
    )
    assert r.status_code == 200
    assert "shotline_guest" in r.headers["set-cookie"]
    assert "HttpOnly" in r.headers["set-cookie"]
    assert "Path=/api/v1/share/" in r.headers["set-cookie"]
    headers = {"X-Guest-Token": r.json()["guest_token"]}
    client.cookies.clear()
    assert [
        v["id"] for v in client.get(f"/api/v1/share/{token}/versions", headers=headers).json()
    ] == [version.id]


def test_player_is_redacted_and_logged(
    as_supervisor: TestClient,
    client: TestClient,
    session: Session,
    project: Project,
    version: Version,
    internal_version: Version,
) -> None:
    system = factories.system_for(project)
    notes.create_note(
        session, system, target_type="version", target_id=version.id, body="internal only"
    )
    notes.create_note(
        session,
        system,
        target_type="version",
        target_id=version.id,
        body="for the client",
        visibility=NoteVisibility.CLIENT,
    )
    token = share(as_supervisor, version.id, create_session={"name": "L"})["created"]["token"]
    headers = enter(client, token, name="Jane")
    listed = client.get(f"/api/v1/share/{token}/versions", headers=headers).json()
    assert [v["label"] for v in listed] == ["SH010 COMP v001"]
    r = client.get(f"/api/v1/share/{token}/versions/{version.id}/player", headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert [n["body"] for n in body["notes"]] == ["for the client"]
    assert body["watermark"].startswith("Jane · ")
    assert body["proxy_url"].startswith("/api/v1/media/")
    expires = datetime.fromisoformat(body["urls_expire_at"])
    assert expires <= datetime.now(UTC) + timedelta(seconds=301)
    for key in ("task_id", "uploaded_by", "status", "project_id", "ready_to_share"):
        assert key not in body["version"]
    assert (body["can_comment"], body["can_approve"], body["can_download"]) == (True, True, False)
    # the unshared internal version of the same task is a 404
    r = client.get(f"/api/v1/share/{token}/versions/{internal_version.id}/player", headers=headers)
    assert r.status_code == 404
    assert access_kinds(session) == ["unlocked", "played"]


def test_guest_of_link_a_is_nobody_on_link_b(
    as_supervisor: TestClient, client: TestClient, project: Project, version: Version
) -> None:
    a = share(as_supervisor, version.id, create_session={"name": "A"})["created"]["token"]
    b = create_link(as_supervisor, project.id, name="B", version_ids=[version.id])["token"]
    headers = enter(client, a)
    assert client.get(f"/api/v1/share/{b}/versions", headers=headers).status_code == 401
    r = client.post(f"/api/v1/share/{b}/versions/{version.id}/approve", json={}, headers=headers)
    assert r.status_code == 401


def test_revoke_and_regenerate_take_effect_on_the_next_request(
    as_supervisor: TestClient, client: TestClient, project: Project, version: Version
) -> None:
    created = share(as_supervisor, version.id, create_session={"name": "L"})["created"]
    headers = enter(client, created["token"])
    url = f"/api/v1/share/{created['token']}/versions"
    assert client.get(url, headers=headers).status_code == 200
    fresh = as_supervisor.post(f"/api/v1/review-sessions/{created['id']}/regenerate").json()
    assert fresh["token"] != created["token"]
    assert client.get(url, headers=headers).status_code == 404
    headers = enter(client, fresh["token"])
    new_url = f"/api/v1/share/{fresh['token']}/versions"
    assert client.get(new_url, headers=headers).status_code == 200
    as_supervisor.post(f"/api/v1/review-sessions/{created['id']}/revoke")
    assert client.get(new_url, headers=headers).status_code == 404
    assert client.get(f"/api/v1/share/{fresh['token']}").status_code == 404
    # a revoked link stays revoked: regenerating it would hand out a dead URL
    again = as_supervisor.post(f"/api/v1/review-sessions/{created['id']}/regenerate")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "link_revoked"


def test_flags_forbid_comments_approvals_downloads(
    as_supervisor: TestClient, client: TestClient, version: Version
) -> None:
    created = share(
        as_supervisor,
        version.id,
        create_session={"name": "L", "allow_comments": False, "allow_approvals": False},
    )["created"]
    token = created["token"]
    headers = enter(client, token)
    base = f"/api/v1/share/{token}/versions/{version.id}"
    assert client.post(f"{base}/notes", json={"body": "hi"}, headers=headers).status_code == 403
    assert client.post(f"{base}/approve", json={}, headers=headers).status_code == 403
    assert client.get(f"{base}/download", headers=headers).status_code == 403


def test_guest_note_with_frame_and_drawing(
    as_supervisor: TestClient, client: TestClient, session: Session, version: Version
) -> None:
    token = share(as_supervisor, version.id, create_session={"name": "L"})["created"]["token"]
    headers = enter(client, token, name="Jane")
    base = f"/api/v1/share/{token}/versions/{version.id}/notes"
    drawing = {
        "shapes": [
            {
                "type": "rect",
                "color": "#FF0000",
                "stroke_width": 2.0,
                "x": 1.0,
                "y": 2.0,
                "width": 3.0,
                "height": 4.0,
            }
        ]
    }
    r = client.post(
        base, json={"body": "too bright", "frame_in": 1010, "annotation": drawing}, headers=headers
    )
    assert r.status_code == 201, r.text
    assert (r.json()["guest_name"], r.json()["frame_in"]) == ("Jane", 1010)
    r = client.post(base, json={"body": "x", "frame_in": 5}, headers=headers)
    assert r.status_code == 422
    assert "frame_in" in r.json()["error"]["fields"]
    r = client.post(base, json={"body": "x", "task_id": 1}, headers=headers)
    assert r.status_code == 422
    assert access_kinds(session) == ["unlocked", "commented"]


def test_downloads_counted_to_the_limit_and_logged(
    as_supervisor: TestClient, client: TestClient, session: Session, version: Version
) -> None:
    created = share(
        as_supervisor,
        version.id,
        create_session={"name": "L", "allow_downloads": True, "download_limit": 2},
    )["created"]
    headers = enter(client, created["token"])
    url = f"/api/v1/share/{created['token']}/versions/{version.id}/download"
    first = client.get(url, headers=headers)
    assert first.status_code == 200
    assert first.json()["downloads_left"] == 1
    assert "/content/original?" in first.json()["url"]
    assert client.get(url, headers=headers).json()["downloads_left"] == 0
    third = client.get(url, headers=headers)
    assert third.status_code == 409
    assert third.json()["error"]["code"] == "download_limit_reached"
    session.expire_all()
    assert session.get_one(ReviewSession, created["id"]).downloads == 2
    assert access_kinds(session) == ["unlocked", "downloaded", "downloaded", "download_refused"]


def test_the_access_log_names_the_version_played(
    as_supervisor: TestClient, client: TestClient, version: Version
) -> None:
    created = share(as_supervisor, version.id, create_session={"name": "L"})["created"]
    headers = enter(client, created["token"], name="Dana")
    listed = client.get(f"/api/v1/share/{created['token']}/versions", headers=headers).json()
    r = client.get(
        f"/api/v1/share/{created['token']}/versions/{version.id}/player", headers=headers
    )
    assert r.status_code == 200
    log = as_supervisor.get(f"/api/v1/review-sessions/{created['id']}/access-log").json()
    played = next(row for row in log if row["kind"] == "played")
    assert played["version_id"] == version.id
    assert played["version_label"] == listed[0]["label"]
    assert played["version_label"].endswith(" v001")
    assert all(row["version_label"] is None for row in log if row["version_id"] is None)
