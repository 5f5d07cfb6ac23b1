"""Activity feeds: sentences, links, scopes, paging, visibility and no N+1."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.production.models import Project
from tests import factories

pytestmark = pytest.mark.api


@pytest.fixture
def maya(session: Session, org: Organization, project: Project) -> Account:
    account = factories.make_account(session, org, name="Maya Chen")
    factories.add_member(session, project, account)
    return account


def test_sentences_for_assign_and_status_move(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    people: dict[Role, Account],
    maya: Account,
) -> None:
    shot = factories.make_shot(session, project, code="SH010")
    task = factories.make_task(session, shot=shot, type_code="ROTO")
    review = factories.status(session, project, "INTERNAL_REVIEW")
    supervisor = people[Role.SUPERVISOR]
    session.commit()
    mark = factories.last_event_id(session)

    assert as_supervisor.post(
        f"/api/v1/tasks/{task.id}/assign", json={"assignee_ids": [maya.id]}
    ).is_success
    assert as_supervisor.patch(f"/api/v1/tasks/{task.id}", json={"status_id": review.id}).is_success
    r = as_supervisor.get("/api/v1/activity", params={"project_id": project.id, "limit": 2})

    assert r.status_code == 200, r.text
    moved, assigned = r.json()["items"]
    assert moved["id"] > assigned["id"] > mark
    assert moved["sentence"] == f"{supervisor.name} moved SH010 ROTO to Internal review"
    assert moved["actor"] == {"id": supervisor.id, "name": supervisor.name}
    assert moved["changes"] == {"status_id": [task.status_id, review.id]}
    assert assigned["sentence"] == f"{supervisor.name} assigned SH010 ROTO to Maya Chen"
    assert assigned["links"] == [
        {"label": supervisor.name, "entity_type": "account", "entity_id": supervisor.id},
        {"label": "SH010 ROTO", "entity_type": "task", "entity_id": task.id},
        {"label": "Maya Chen", "entity_type": "account", "entity_id": maya.id},
    ]
    assert r.json()["next_before_id"] == assigned["id"]


def test_review_verbs_render_from_their_payload(
    as_producer: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    shot = factories.make_shot(session, project, code="SH010")
    task = factories.make_task(session, shot=shot, type_code="COMP")

    class Version:
        __tablename__ = "version"
        id = 77
        project_id = project.id

    guest = Actor(
        organization_id=project.organization_id, account_id=None, role=Role.CLIENT, kind="guest"
    )
    events.record(
        session, guest, "version.approved", Version(), data={"task_id": task.id, "number": 4}
    )
    session.commit()

    r = as_producer.get("/api/v1/activity", params={"project_id": project.id})

    first = r.json()["items"][0]
    assert first["sentence"] == "Client approved SH010 COMP v004"
    assert first["links"][1] == {
        "label": "SH010 COMP v004",
        "entity_type": "version",
        "entity_id": 77,
    }


def test_a_page_costs_one_query_per_kind_of_name(
    as_producer: TestClient,
    session: Session,
    project: Project,
    people: dict[Role, Account],
    count_statements,  # type: ignore[no-untyped-def]
) -> None:
    shot = factories.make_shot(session, project)
    wip = factories.status(session, project, "IN_PROGRESS")
    for code in ("ROTO", "COMP", "TRACK", "KEY"):
        task = factories.make_task(
            session, shot=shot, type_code=code, assignees=[people[Role.ARTIST]]
        )
        factories.task_service.update_task(
            session, factories.system_for(project), task.id, updates={"status_id": wip.id}
        )
    session.commit()
    count_statements.statements.clear()

    r = as_producer.get("/api/v1/activity", params={"project_id": project.id, "limit": 50})

    assert r.status_code == 200
    assert len(r.json()["items"]) >= 9
    assert len(count_statements.matching("task_status")) == 1
    assert len(count_statements.matching("task_type")) == 1


def test_visibility_members_see_their_projects_only(
    as_artist: TestClient,
    as_client: TestClient,
    as_producer: TestClient,
    as_foreign_admin: TestClient,
    session: Session,
    project: Project,
    other_project: Project,
) -> None:
    mine = factories.make_shot(session, project, code="MINE")
    theirs = factories.make_shot(session, other_project, code="THEIRS")
    session.commit()

    artist = as_artist.get("/api/v1/activity").json()["items"]
    producer = as_producer.get("/api/v1/activity").json()["items"]

    assert {i["entity_id"] for i in artist if i["entity_type"] == "shot"} == {mine.id}
    assert {theirs.id, mine.id} <= {i["entity_id"] for i in producer if i["entity_type"] == "shot"}
    assert as_client.get("/api/v1/activity").json()["items"] == []
    foreign = as_foreign_admin.get("/api/v1/activity").json()["items"]
    assert {i["verb"] for i in foreign} == {"account.created", "organization.created"}
    for client, params in (
        (as_artist, {"project_id": other_project.id}),
        (as_artist, {"entity_type": "shot", "entity_id": theirs.id}),
        (as_client, {"project_id": project.id}),
        (as_foreign_admin, {"project_id": project.id}),
        (as_foreign_admin, {"entity_type": "shot", "entity_id": mine.id}),
    ):
        assert client.get("/api/v1/activity", params=params).status_code == 404, params


def test_person_feed_and_paging(
    as_producer: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    supervisor = people[Role.SUPERVISOR]
    actor = Actor(
        organization_id=project.organization_id,
        account_id=supervisor.id,
        role=Role.SUPERVISOR,
        project_roles={project.id: Role.SUPERVISOR},
    )
    shots = [
        factories.shots.create_shot(session, actor, project.id, code=f"PG{i}") for i in range(5)
    ]
    session.commit()

    first = as_producer.get("/api/v1/activity", params={"actor_id": supervisor.id, "limit": 3})
    second = as_producer.get(
        "/api/v1/activity",
        params={"actor_id": supervisor.id, "limit": 3, "before_id": first.json()["next_before_id"]},
    )

    ids = [i["entity_id"] for i in first.json()["items"] + second.json()["items"]]
    assert ids == [s.id for s in reversed(shots)]
    assert second.json()["next_before_id"] is None
    assert first.json()["items"][0]["sentence"] == f"{supervisor.name} created shot PG4"
