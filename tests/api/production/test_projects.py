"""Projects and crew: create with seeded setup, visibility by membership, If-Match, archive,
restore, delete forever, project roles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import Project
from shotline.tasks.models import TaskStatus, TaskTemplate, TaskType
from tests import factories

pytestmark = pytest.mark.api

NEW = {"code": "AQA", "name": "Aqua", "fps": 23.976, "resolution_width": 1920}


def test_producer_creates_a_project_with_statuses_templates_and_events(
    as_producer: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    mark = factories.last_event_id(session)

    r = as_producer.post("/api/v1/projects", json=NEW)

    assert r.status_code == 201, r.text
    body = r.json()
    assert {k: body[k] for k in ("code", "name", "status", "fps", "resolution_width")} == {
        "code": "AQA",
        "name": "Aqua",
        "status": "active",
        "fps": 23.976,
        "resolution_width": 1920,
    }
    assert body["settings"] == {
        "auto_internal_review_on_upload": True,
        "client_review_required_task_types": [],
        "burn_in_watermark": False,
    }
    statuses = session.scalars(
        select(TaskStatus)
        .where(TaskStatus.project_id == body["id"])
        .order_by(TaskStatus.sort_order)
    ).all()
    assert [(s.code, s.category.value) for s in statuses] == [
        ("TODO", "todo"),
        ("IN_PROGRESS", "in_progress"),
        ("INTERNAL_REVIEW", "internal_review"),
        ("CLIENT_REVIEW", "client_review"),
        ("CHANGES", "changes"),
        ("DONE", "done"),
        ("ON_HOLD", "on_hold"),
        ("OMITTED", "omitted"),
    ]
    templates = session.scalars(
        select(TaskTemplate)
        .where(TaskTemplate.project_id == body["id"])
        .order_by(TaskTemplate.name)
    ).all()
    assert [t.name for t in templates] == ["Asset basics", "Shot basics"]
    events = factories.events_after(session, mark)
    verbs = [e.verb for e in events]
    assert verbs[0] == "project.created"
    assert verbs.count("task_type.created") == 13
    assert verbs.count("task_status.created") == 8
    assert verbs.count("task_template.created") == 2
    created = events[0]
    assert created.project_id == body["id"]
    assert created.actor_id == people[Role.PRODUCER].id
    assert created.changes["code"] == [None, "AQA"]
    assert all(e.project_id == body["id"] for e in events if e.verb != "task_type.created")


def test_task_types_are_seeded_once_per_organization(
    as_admin: TestClient, session: Session
) -> None:
    as_admin.post("/api/v1/projects", json=NEW)
    as_admin.post("/api/v1/projects", json={**NEW, "code": "BQB"})
    count = session.scalar(select(func.count()).select_from(TaskType))
    assert count == 13
    listed = as_admin.get("/api/v1/task-types").json()
    assert [t["code"] for t in listed][:4] == ["TRACK", "ROTO", "KEY", "COMP"]


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_only_admins_and_producers_create_projects(as_role, session: Session, role: Role) -> None:  # type: ignore[no-untyped-def]
    mark = factories.last_event_id(session)
    r = as_role(role).post("/api/v1/projects", json=NEW)
    assert r.status_code == 403
    assert factories.events_after(session, mark) == []


def test_duplicate_code_is_409(as_admin: TestClient, project: Project) -> None:
    r = as_admin.post("/api/v1/projects", json={**NEW, "code": "NWD"})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"code": "already taken"}


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({**NEW, "fps": "fast"}, "fps", "Input should be a valid number"),
        ({**NEW, "organization_id": 3}, "organization_id", "unknown field"),
        ({**NEW, "name": None}, "name", "Input should be a valid string"),
        ({k: v for k, v in NEW.items() if k != "code"}, "code", "Field required"),
        ({**NEW, "settings": {"colour": 1}}, "settings.colour", "unknown field"),
        ({**NEW, "start_date": "2026-02-01", "end_date": "2026-01-01"}, "end_date", "must not"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    as_admin: TestClient, session: Session, body: dict[str, object], field: str, problem: str
) -> None:
    mark = factories.last_event_id(session)
    r = as_admin.post("/api/v1/projects", json=body)
    assert r.status_code == 422
    assert r.json()["error"]["fields"][field].startswith(problem)
    assert factories.events_after(session, mark) == []
    assert session.scalar(select(Project).where(Project.code == "AQA")) is None


def test_lists_show_members_their_projects_and_clients_nothing(
    as_admin: TestClient,
    as_artist: TestClient,
    as_client: TestClient,
    project: Project,
    other_project: Project,
    foreign_project: Project,
) -> None:
    assert [p["code"] for p in as_admin.get("/api/v1/projects").json()] == ["NWD", "OTHER"]
    assert [p["code"] for p in as_artist.get("/api/v1/projects").json()] == ["NWD"]
    assert as_client.get("/api/v1/projects").json() == []
    assert as_artist.get(f"/api/v1/projects/{other_project.id}").status_code == 404
    assert as_client.get(f"/api/v1/projects/{project.id}").status_code == 404


def test_patch_with_if_match_merges_settings_and_stale_etag_is_412(
    as_producer: TestClient, session: Session, project: Project
) -> None:
    got = as_producer.get(f"/api/v1/projects/{project.id}")
    etag = got.headers["etag"]
    mark = factories.last_event_id(session)

    r = as_producer.patch(
        f"/api/v1/projects/{project.id}",
        json={"name": "Northwind II", "settings": {"client_review_required_task_types": ["COMP"]}},
        headers={"If-Match": etag},
    )

    assert r.status_code == 200, r.text
    assert r.json()["settings"] == {
        "auto_internal_review_on_upload": True,
        "client_review_required_task_types": ["COMP"],
        "burn_in_watermark": False,
    }
    assert r.headers["etag"] != etag
    (event,) = factories.events_after(session, mark)
    assert event.verb == "project.updated"
    assert event.changes["name"] == ["Northwind", "Northwind II"]
    stale = as_producer.patch(
        f"/api/v1/projects/{project.id}", json={"name": "Lost"}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "stale_version"
    session.expire_all()
    assert session.get(Project, project.id).name == "Northwind II"  # type: ignore[union-attr]


def test_supervisor_member_cannot_edit_the_project(
    as_supervisor: TestClient, project: Project
) -> None:
    r = as_supervisor.patch(f"/api/v1/projects/{project.id}", json={"name": "x"})
    assert r.status_code == 403


def test_archive_restore_and_delete_forever(
    as_admin: TestClient, session: Session, org, project: Project
) -> None:  # type: ignore[no-untyped-def]
    empty_id = factories.make_project(session, org, code="EMPTY").id
    url = f"/api/v1/projects/{empty_id}"

    not_archived = as_admin.request("DELETE", url, json={"confirm": "EMPTY"})
    assert not_archived.status_code == 409
    assert as_admin.post(f"{url}/archive").json()["archived_at"] is not None
    assert [p["code"] for p in as_admin.get("/api/v1/projects").json()] == ["NWD"]
    listed = as_admin.get("/api/v1/projects", params={"include_archived": True}).json()
    assert [p["code"] for p in listed] == ["EMPTY", "NWD"]
    assert as_admin.post(f"{url}/restore").json()["archived_at"] is None
    as_admin.post(f"{url}/archive")
    wrong = as_admin.request("DELETE", url, json={"confirm": "empty"})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["fields"] == {"confirm": "must be 'EMPTY'"}
    missing = as_admin.request("DELETE", url, json={})
    assert missing.status_code == 422
    mark = factories.last_event_id(session)

    gone = as_admin.request("DELETE", url, json={"confirm": "EMPTY"})

    assert gone.status_code == 204
    assert as_admin.get(url).status_code == 404
    (event,) = factories.events_after(session, mark)
    assert (event.verb, event.entity_id, event.project_id) == (
        "project.deleted",
        empty_id,
        empty_id,
    )
    assert (
        session.scalar(
            select(func.count()).select_from(TaskStatus).where(TaskStatus.project_id == empty_id)
        )
        == 0
    )


def test_a_project_role_raises_an_artist_to_supervisor_in_that_project_only(
    as_role, session: Session, org, people: dict[Role, Account], project: Project
) -> None:  # type: ignore[no-untyped-def]
    artist = people[Role.ARTIST]
    second = factories.make_project(session, org, code="SUP")
    factories.add_member(session, second, artist, role=Role.SUPERVISOR)
    client = as_role(Role.ARTIST)

    assert client.post(f"/api/v1/projects/{second.id}/shots", json={"code": "A"}).status_code == 201
    assert (
        client.post(f"/api/v1/projects/{project.id}/shots", json={"code": "A"}).status_code == 403
    )


def test_members_add_update_remove_and_client_accounts_stay_clients(
    as_producer: TestClient, session: Session, people: dict[Role, Account], org, project: Project
) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/projects/{project.id}/members"
    extra = factories.make_account(session, org, role=Role.ARTIST)
    planned = as_producer.post(url, json={"display_name": "Comp TD (to hire)", "role": "artist"})
    assert planned.status_code == 201
    assert planned.json()["account_id"] is None
    linked = as_producer.post(url, json={"account_id": extra.id, "role": "supervisor"})
    assert linked.status_code == 201
    assert linked.json()["display_name"] == extra.name
    twice = as_producer.post(url, json={"account_id": extra.id, "role": "artist"})
    assert twice.status_code == 409
    raised = as_producer.post(
        url,
        json={
            "account_id": factories.make_account(session, org, role=Role.CLIENT).id,
            "role": "artist",
        },
    )
    assert raised.status_code == 422
    assert raised.json()["error"]["fields"] == {
        "role": "a client account can only be a client here"
    }
    names = [m["display_name"] for m in as_producer.get(url).json()]
    assert len(names) == 5
    member_id = linked.json()["id"]
    assert (
        as_producer.patch(f"/api/v1/project-members/{member_id}", json={"role": "artist"}).json()[
            "role"
        ]
        == "artist"
    )
    assert as_producer.delete(f"/api/v1/project-members/{member_id}").status_code == 204
    assert len(as_producer.get(url).json()) == 4
