"""Every review route, as every role, with ids of another organization (and, for members,
of a project they are not in; and for clients, of their own project): always 404, nothing
written."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.production.models import Project
from shotline.review import notes, versions
from tests import factories
from tests.api.production.test_foreign_ids import fill
from tests.api.review.conftest import make_media

pytestmark = pytest.mark.api

ROUTES: list[tuple[str, str, dict[str, object] | None]] = (
    [
        ("POST", "/api/v1/tasks/{task}/versions", {"media_ids": ["{media}"]}),
        ("GET", "/api/v1/tasks/{task}/versions", None),
        ("GET", "/api/v1/versions/{version}", None),
        ("PATCH", "/api/v1/versions/{version}", {"description": "x"}),
        ("POST", "/api/v1/versions/{version}/approve", {"note": "ok"}),
        ("POST", "/api/v1/versions/{version}/request-changes", {}),
        ("GET", "/api/v1/versions/{version}/approvals", None),
        ("GET", "/api/v1/tasks/{task}/approvals", None),
        ("GET", "/api/v1/versions/{version}/player", None),
        ("GET", "/api/v1/notes/{note}", None),
        ("PATCH", "/api/v1/notes/{note}", {"body": "x"}),
    ]
    + [
        (method, f"/api/v1/{plural}/{{{target}}}/notes", body)
        for target, plural in (
            ("task", "tasks"),
            ("version", "versions"),
            ("shot", "shots"),
            ("asset", "assets"),
        )
        for method, body in (("GET", None), ("POST", {"body": "hi"}))
    ]
    + [
        ("POST", "/api/v1/notes/{note}/archive", None),
        ("POST", "/api/v1/versions/{version}/archive", None),
    ]
)


def build_world(session: Session, project: Project, author: Account) -> dict[str, int]:
    system = factories.system_for(project)
    shot = factories.make_shot(session, project, code="SH1")
    asset = factories.make_asset(session, project, code="boat")
    task = factories.make_task(session, shot=shot)
    media = make_media(session, project)
    version = versions.create_version(session, system, task.id, media_ids=[media.id])
    note = notes.create_note(session, system, target_type="version", target_id=version.id, body="n")
    note.author_id = author.id  # even "your own" note elsewhere stays invisible
    session.flush()
    return {
        "task": task.id,
        "shot": shot.id,
        "asset": asset.id,
        "media": media.id,
        "version": version.id,
        "note": note.id,
    }


def call_all(client: TestClient, ids: dict[str, int]) -> list[str]:
    wrong = []
    for method, path, body in ROUTES:
        r = client.request(
            method, path.format(**ids), json=fill(body, ids) if body is not None else None
        )
        if r.status_code != 404:
            wrong.append(f"{method} {path} → {r.status_code} {r.text[:120]}")
    return wrong


@pytest.mark.parametrize("role", list(Role))
def test_foreign_organization_ids_are_404_on_every_review_route(
    as_role,  # type: ignore[no-untyped-def]
    session: Session,
    people: dict[Role, Account],
    foreign_org: Organization,
    project: Project,
    role: Role,
) -> None:
    foreign = factories.make_project(session, foreign_org, code="NWD")
    outsider = factories.make_account(session, foreign_org)
    ids = build_world(session, foreign, outsider)
    mark = factories.last_event_id(session)

    assert call_all(as_role(role), ids) == []
    assert factories.events_after(session, mark) == []


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_ids_of_a_project_the_actor_is_not_in_are_404(
    as_role,  # type: ignore[no-untyped-def]
    session: Session,
    people: dict[Role, Account],
    project: Project,
    other_project: Project,
    role: Role,
) -> None:
    ids = build_world(session, other_project, people[role])
    mark = factories.last_event_id(session)

    assert call_all(as_role(role), ids) == []
    assert factories.events_after(session, mark) == []


def test_clients_see_nothing_of_their_own_project_yet(
    as_client: TestClient, session: Session, people: dict[Role, Account], project: Project
) -> None:
    ids = build_world(session, project, people[Role.CLIENT])
    mark = factories.last_event_id(session)
    assert call_all(as_client, ids) == []
    assert factories.events_after(session, mark) == []


def test_the_matrix_is_not_vacuous_for_an_admin_at_home(
    as_admin: TestClient, session: Session, people: dict[Role, Account], project: Project
) -> None:
    ids = build_world(session, project, people[Role.ADMIN])
    for method, path, body in ROUTES:
        r = as_admin.request(
            method, path.format(**ids), json=fill(body, ids) if body is not None else None
        )
        assert r.status_code in (200, 201), f"{method} {path} → {r.status_code} {r.text[:200]}"
