"""Applying a task template to many selected shots (the shots grid's "Apply template"):
who may, one error per shot that cannot take it, nothing half-written."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.production.models import Project
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api


def template_url(client: TestClient, project: Project, name: str = "Shot basics") -> str:
    templates = client.get(f"/api/v1/projects/{project.id}/task-templates").json()
    template = next(t for t in templates if t["name"] == name)
    return f"/api/v1/projects/{project.id}/task-templates/{template['id']}/apply"


def task_count(session: Session, project: Project) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).where(Task.project_id == project.id)) or 0


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, 201),
        (Role.PRODUCER, 201),
        (Role.SUPERVISOR, 201),
        (Role.ARTIST, 403),
        (Role.CLIENT, 404),
    ],
)
def test_who_may_apply_a_template(
    as_role,  # type: ignore[no-untyped-def]
    as_producer: TestClient,
    session: Session,
    project: Project,
    role: Role,
    expected: int,
) -> None:
    shots = [factories.make_shot(session, project) for _ in range(3)]
    session.commit()
    url = template_url(as_producer, project)
    mark = factories.last_event_id(session)

    r = as_role(role).post(url, json={"shot_ids": [s.id for s in shots]})

    assert r.status_code == expected, r.text
    created = 9 if expected == 201 else 0
    assert task_count(session, project) == created
    assert len(factories.events_after(session, mark)) == created


def test_anonymous_and_other_organizations_are_refused(
    as_anonymous: TestClient,
    as_foreign_admin: TestClient,
    as_producer: TestClient,
    session: Session,
    project: Project,
) -> None:
    shot = factories.make_shot(session, project)
    session.commit()
    url = template_url(as_producer, project)

    assert as_anonymous.post(url, json={"shot_ids": [shot.id]}).status_code == 401
    assert as_foreign_admin.post(url, json={"shot_ids": [shot.id]}).status_code == 404
    assert task_count(session, project) == 0


def test_one_error_per_shot_that_cannot_take_it_and_nothing_written(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    other_project: Project,
) -> None:
    good = factories.make_shot(session, project, code="SH010")
    archived = factories.make_shot(session, project, code="SH020")
    archived.archived_at = factories.utcnow()
    elsewhere = factories.make_shot(session, other_project, code="SH030")
    session.commit()
    url = template_url(as_supervisor, project)
    mark = factories.last_event_id(session)

    r = as_supervisor.post(url, json={"shot_ids": [good.id, archived.id, elsewhere.id, 999999]})

    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["fields"] == {
        f"shot_ids.{archived.id}": "SH020 is archived",
        f"shot_ids.{elsewhere.id}": f"no shot {elsewhere.id} in this project",
        "shot_ids.999999": "no shot 999999 in this project",
    }
    assert error["message"] == "Nothing was created: 3 of the 4 shots cannot take this template."
    assert task_count(session, project) == 0
    assert factories.events_after(session, mark) == []

    ok = as_supervisor.post(url, json={"shot_ids": [good.id]})
    assert (ok.status_code, ok.json()["created"]) == (201, 3)
