"""Client accounts: the portal shows shared versions only (newest per task, older on
request); staff routes never hand them internal data; the activity feed shows only what
was shared with them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.production.models import Project
from shotline.review import notes, versions
from shotline.review.models import NoteVisibility, Version
from shotline.tasks.models import Task
from tests import factories
from tests.api.clientreview.conftest import share
from tests.api.review.conftest import make_media

pytestmark = pytest.mark.api


def test_portal_projects_and_versions(
    as_supervisor: TestClient,
    as_client: TestClient,
    session: Session,
    project: Project,
    other_project: Project,
    task: Task,
    version: Version,
    internal_version: Version,
) -> None:
    assert [p["code"] for p in as_client.get("/api/v1/portal/projects").json()] == ["NWD"]
    url = f"/api/v1/portal/projects/{project.id}/versions"
    assert as_client.get(url).json() == []
    share(as_supervisor, version.id, create_session={"name": "L"})
    v3 = versions.create_version(
        session, factories.system_for(project), task.id, media_ids=[make_media(session, project).id]
    )
    share(as_supervisor, v3.id)
    latest = as_client.get(url).json()
    assert [(v["id"], v["latest"]) for v in latest] == [(v3.id, True)]
    everything = as_client.get(url, params={"all": "true"}).json()
    assert [(v["label"], v["latest"]) for v in everything] == [
        ("SH010 COMP v003", True),
        ("SH010 COMP v001", False),
    ]
    assert as_client.get(f"/api/v1/portal/projects/{other_project.id}/versions").status_code == 404


def test_client_never_sees_unshared_versions_internal_notes_or_tasks(
    as_supervisor: TestClient,
    as_client: TestClient,
    session: Session,
    project: Project,
    task: Task,
    version: Version,
    internal_version: Version,
) -> None:
    system = factories.system_for(project)
    internal = notes.create_note(
        session, system, target_type="version", target_id=version.id, body="internal"
    )
    shared_note = notes.create_note(
        session,
        system,
        target_type="version",
        target_id=version.id,
        body="hi client",
        visibility=NoteVisibility.CLIENT,
    )
    share(as_supervisor, version.id, create_session={"name": "L"})
    r = as_client.get(f"/api/v1/portal/versions/{version.id}/player")
    assert r.status_code == 200
    assert [n["id"] for n in r.json()["notes"]] == [shared_note.id]
    for path in (
        f"/api/v1/portal/versions/{internal_version.id}/player",
        f"/api/v1/versions/{internal_version.id}",
        f"/api/v1/tasks/{task.id}",
        f"/api/v1/tasks/{task.id}/versions",
        f"/api/v1/notes/{internal.id}",
    ):
        assert as_client.get(path).status_code == 404, path
    # staff routes never return internal schemas for shared rows either
    assert as_client.get(f"/api/v1/versions/{version.id}").status_code == 403
    r = as_client.post(f"/api/v1/portal/versions/{internal_version.id}/notes", json={"body": "x"})
    assert r.status_code == 404


def test_activity_feed_for_clients_shows_only_shared(
    as_supervisor: TestClient, as_client: TestClient, project: Project, version: Version
) -> None:
    share(as_supervisor, version.id, create_session={"name": "L"})
    as_client.post(f"/api/v1/portal/versions/{version.id}/notes", json={"body": "nice"})
    r = as_client.get("/api/v1/activity")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    verbs = [i["verb"] for i in items]
    assert sorted(verbs) == ["note.created", "version.shared"]
