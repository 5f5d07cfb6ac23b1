"""Staff routes of client review: who may and may not (every role, foreign ids → 404),
validation naming the field, org settings, QR codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.clientreview import sessions
from shotline.production.models import Project
from shotline.review import versions
from shotline.review.models import Version
from tests import factories
from tests.api.clientreview.conftest import create_link
from tests.api.review.conftest import make_media

pytestmark = pytest.mark.api


def routes(ids: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    p, s, v = ids["project"], ids["session"], ids["version"]
    return [
        ("GET", f"/api/v1/projects/{p}/review-sessions", None),
        ("GET", f"/api/v1/projects/{p}/review-sessions/defaults", None),
        ("POST", f"/api/v1/projects/{p}/review-sessions", {"name": "x"}),
        ("GET", f"/api/v1/review-sessions/{s}", None),
        ("PATCH", f"/api/v1/review-sessions/{s}", {"name": "y"}),
        ("GET", f"/api/v1/review-sessions/{s}/access-log", None),
        ("POST", f"/api/v1/versions/{v}/share", {"review_session_id": s}),
        ("POST", f"/api/v1/review-sessions/{s}/versions", {"version_ids": [v]}),
        ("DELETE", f"/api/v1/review-sessions/{s}/versions/{v}", None),
        ("POST", f"/api/v1/review-sessions/{s}/qr.png", {"token": ids["token"]}),
        ("POST", f"/api/v1/review-sessions/{s}/qr.svg", {"token": ids["token"]}),
        ("POST", f"/api/v1/versions/{v}/unshare", None),
        ("POST", f"/api/v1/review-sessions/{s}/regenerate", None),
        ("POST", f"/api/v1/review-sessions/{s}/revoke", None),
    ]


def world(session: Session, project: Project) -> dict[str, Any]:
    system = factories.system_for(project)
    shot = factories.make_shot(session, project, code="SH900")
    task = factories.make_task(session, shot=shot)
    version = versions.create_version(
        session, system, task.id, media_ids=[make_media(session, project).id]
    )
    row, token = sessions.create_session(session, system, project.id, name="L")
    session.flush()
    return {"project": project.id, "session": row.id, "version": version.id, "token": token}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, "ok"),
        (Role.PRODUCER, "ok"),
        (Role.SUPERVISOR, "ok"),
        (Role.ARTIST, 403),
        (Role.CLIENT, 404),
    ],
)
def test_matrix_own_project(
    as_role: Any, session: Session, project: Project, role: Role, expected: object
) -> None:
    ids = world(session, project)
    client: TestClient = as_role(role)
    for method, path, body in routes(ids):
        r = client.request(method, path, json=body)
        if expected == "ok":
            assert r.status_code in (200, 201), (method, path, r.text)
        else:
            assert r.status_code == expected, (method, path, r.status_code)


def test_matrix_foreign_org_and_other_project(
    as_foreign_admin: TestClient,
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    other_project: Project,
) -> None:
    ids = world(session, project)
    other = world(session, other_project)  # the supervisor is not a member of it
    start = factories.last_event_id(session)
    for method, path, body in routes(ids):
        assert as_foreign_admin.request(method, path, json=body).status_code == 404, path
    for method, path, body in routes(other):
        assert as_supervisor.request(method, path, json=body).status_code == 404, path
    assert factories.events_after(session, start) == []


def test_validation_names_the_field(as_admin: TestClient, project: Project) -> None:
    url = f"/api/v1/projects/{project.id}/review-sessions"
    far = (datetime.now(UTC) + timedelta(days=91)).isoformat()
    cases = [
        ({"name": "x", "expires_at": far}, "expires_at"),
        ({"name": "x", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"name": ""}, "name"),
        ({"name": "x", "download_limit": 0}, "download_limit"),
        ({"name": "x", "token": "abc"}, "token"),
        ({"name": "x", "version_ids": [999999]}, "version_ids"),
    ]
    for body, field in cases:
        r = as_admin.post(url, json=body)
        assert r.status_code == 422, body
        assert field in str(r.json()["error"]["fields"]), (body, r.json())


def test_share_settings_admin_only_and_enforced(
    as_admin: TestClient, as_supervisor: TestClient, project: Project
) -> None:
    url = "/api/v1/organization/share-settings"
    assert as_supervisor.get(url).json() == {"share_default_days": 14, "share_max_days": 90}
    assert as_supervisor.patch(url, json={"share_max_days": 30}).status_code == 403
    r = as_admin.patch(url, json={"share_default_days": 40, "share_max_days": 30})
    assert r.status_code == 422
    assert "share_default_days" in r.json()["error"]["fields"]
    r = as_admin.patch(url, json={"share_default_days": 3, "share_max_days": 7})
    assert r.json() == {"share_default_days": 3, "share_max_days": 7}
    link = create_link(as_supervisor, project.id)
    expires = datetime.fromisoformat(link["expires_at"])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=3))) < timedelta(minutes=1)
    far = (datetime.now(UTC) + timedelta(days=8)).isoformat()
    r = as_supervisor.post(
        f"/api/v1/projects/{project.id}/review-sessions", json={"name": "x", "expires_at": far}
    )
    assert r.status_code == 422


def test_qr_codes(as_supervisor: TestClient, project: Project) -> None:
    link = create_link(as_supervisor, project.id)
    base = f"/api/v1/review-sessions/{link['id']}"
    png = as_supervisor.post(f"{base}/qr.png", json={"token": link["token"]})
    assert png.status_code == 200
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = as_supervisor.post(f"{base}/qr.svg", json={"token": link["token"]})
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content
    assert svg.headers["content-disposition"].startswith("attachment")
    wrong = as_supervisor.post(f"{base}/qr.png", json={"token": "stale"})
    assert wrong.status_code == 422
    assert "token" in wrong.json()["error"]["fields"]


def test_add_only_shared_versions(
    as_supervisor: TestClient, project: Project, version: Version
) -> None:
    link = create_link(as_supervisor, project.id)
    r = as_supervisor.post(
        f"/api/v1/review-sessions/{link['id']}/versions", json={"version_ids": [version.id]}
    )
    assert r.status_code == 422
    assert "version_ids" in r.json()["error"]["fields"]
