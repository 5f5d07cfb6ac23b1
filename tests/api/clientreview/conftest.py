"""Client-review fixtures: a shot task in internal review with a version (SH010 COMP v001),
a second internal version on the same task, helpers to share and to enter a link."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import Project
from shotline.review import versions
from shotline.review.models import Version
from shotline.tasks.models import Task
from tests import factories
from tests.api.review.conftest import make_media, media, task

__all__ = ["media", "task"]


@pytest.fixture
def version(session: Session, project: Project, task: Task) -> Version:
    m = make_media(session, project)
    return versions.create_version(
        session, factories.system_for(project), task.id, media_ids=[m.id]
    )


@pytest.fixture
def internal_version(session: Session, project: Project, task: Task, version: Version) -> Version:
    m = make_media(session, project)
    return versions.create_version(
        session, factories.system_for(project), task.id, media_ids=[m.id]
    )


def create_link(client: TestClient, project_id: int, **kw: Any) -> dict[str, Any]:
    body = {"name": "Dailies", **kw}
    r = client.post(f"/api/v1/projects/{project_id}/review-sessions", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def share(client: TestClient, version_id: int, **body: Any) -> dict[str, Any]:
    r = client.post(f"/api/v1/versions/{version_id}/share", json=body)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def enter(client: TestClient, token: str, name: str = "Jane Client", **kw: Any) -> dict[str, str]:
    """Unlock the link; returns the header a guest sends."""
    r = client.post(f"/api/v1/share/{token}/unlock", json={"name": name, **kw})
    assert r.status_code == 200, r.text
    client.cookies.clear()
    return {"X-Guest-Token": r.json()["guest_token"]}


@pytest.fixture
def supervisor(people: dict[Role, Account]) -> Account:
    return people[Role.SUPERVISOR]
