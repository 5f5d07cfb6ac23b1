"""Bulk operations: set, archive, restore, duplicate, reassign; batch ids; stale rows."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.events.models import Event
from shotline.production.models import EntityStatus, Project, Shot
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api


@pytest.fixture
def three(session: Session, project: Project) -> list[Shot]:
    rows = [factories.make_shot(session, project, code=f"SH0{i}0") for i in (1, 2, 3)]
    session.commit()
    return rows


def _batch_events(session: Session, batch_id: str) -> list[Event]:
    session.expire_all()
    return list(session.scalars(select(Event).where(Event.batch_id == batch_id).order_by(Event.id)))


def test_set_status_on_shots_one_event_per_row(
    session: Session, as_supervisor: TestClient, three: list[Shot]
) -> None:
    ids = [s.id for s in three]
    r = as_supervisor.post(
        "/api/v1/bulk/shot",
        json={"action": "set", "ids": ids, "values": {"status": "in_progress"}},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["changed"] == 3
    assert body["stale"] == []
    assert body["requested"] == 3
    evs = _batch_events(session, body["batch_id"])
    assert [(e.verb, e.entity_id, e.changes) for e in evs] == [
        ("shot.updated", i, {"status": ["waiting", "in_progress"]}) for i in ids
    ]
    assert {s.status for s in session.scalars(select(Shot).where(Shot.id.in_(ids)))} == {
        EntityStatus.IN_PROGRESS
    }


def test_stale_rows_are_skipped_and_listed(
    session: Session, as_supervisor: TestClient, three: list[Shot]
) -> None:
    a, b, c = three
    r = as_supervisor.post(
        "/api/v1/bulk/shot",
        json={
            "action": "archive",
            "ids": [a.id, b.id, c.id],
            "expected_versions": {str(a.id): 1, str(b.id): 7},
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stale"] == [{"id": b.id, "row_version": 1, "expected_version": 7}]
    assert body["changed"] == 2
    session.expire_all()
    assert session.get(Shot, b.id).archived_at is None  # type: ignore[union-attr]
    assert session.get(Shot, a.id).archived_at is not None  # type: ignore[union-attr]


def test_stale_rows_fail_everything_when_asked(
    session: Session, as_supervisor: TestClient, three: list[Shot]
) -> None:
    a, b, _c = three
    before = factories.last_event_id(session)
    r = as_supervisor.post(
        "/api/v1/bulk/shot",
        json={
            "action": "archive",
            "ids": [a.id, b.id],
            "expected_versions": {str(b.id): 3},
            "on_stale": "fail",
        },
    )
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {str(b.id): "stale: now row_version 1"}
    assert factories.events_after(session, before) == []


def test_restore_and_duplicate(
    session: Session, as_supervisor: TestClient, three: list[Shot]
) -> None:
    a = three[0]
    as_supervisor.post("/api/v1/bulk/shot", json={"action": "archive", "ids": [a.id]})
    r = as_supervisor.post("/api/v1/bulk/shot", json={"action": "restore", "ids": [a.id]})
    assert r.json()["changed"] == 1
    r = as_supervisor.post("/api/v1/bulk/shot", json={"action": "duplicate", "ids": [a.id]})
    assert r.status_code == 200, r.text
    (new_id,) = r.json()["created_ids"]
    session.expire_all()
    assert session.get(Shot, new_id).code == "SH010_copy"  # type: ignore[union-attr]
    r = as_supervisor.post("/api/v1/bulk/shot", json={"action": "duplicate", "ids": [a.id]})
    (second,) = r.json()["created_ids"]
    assert session.get(Shot, second).code == "SH010_copy2"  # type: ignore[union-attr]


def test_task_set_and_reassign(
    session: Session,
    as_supervisor: TestClient,
    project: Project,
    people: dict[Role, Account],
) -> None:
    shot = factories.make_shot(session, project, code="SH500")
    artist, sup = people[Role.ARTIST], people[Role.SUPERVISOR]
    t1 = factories.make_task(session, shot=shot, type_code="COMP", assignees=[artist])
    t2 = factories.make_task(session, shot=shot, type_code="ROTO", assignees=[artist, sup])
    t3 = factories.make_task(session, shot=shot, type_code="KEY")
    session.commit()
    status_id = factories.status(session, project, "IN_PROGRESS").id
    r = as_supervisor.post(
        "/api/v1/bulk/task",
        json={
            "action": "set",
            "ids": [t1.id, t2.id],
            "values": {"status_id": status_id, "due_date": "2026-12-01"},
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["changed"] == 2
    r = as_supervisor.post(
        "/api/v1/bulk/task",
        json={
            "action": "reassign",
            "ids": [t1.id, t2.id, t3.id],
            "values": {"from_account_id": artist.id, "to_account_id": sup.id},
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["changed"] == 2
    session.expire_all()
    assert session.get(Task, t1.id).assignee_ids == [sup.id]  # type: ignore[union-attr]
    assert session.get(Task, t2.id).assignee_ids == [sup.id]  # type: ignore[union-attr]
    assert session.get(Task, t3.id).assignee_ids == []  # type: ignore[union-attr]


def test_unknown_field_is_422(as_supervisor: TestClient, three: list[Shot]) -> None:
    r = as_supervisor.post(
        "/api/v1/bulk/shot",
        json={"action": "set", "ids": [three[0].id], "values": {"project_id": 5}},
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"values.project_id": "cannot be set in bulk on a shot"}


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("as_admin", 200),
        ("as_producer", 200),
        ("as_supervisor", 200),
        ("as_artist", 403),
        ("as_client", 404),
        ("as_foreign_admin", 404),
    ],
)
def test_bulk_permissions(
    request: pytest.FixtureRequest, fixture: str, status: int, three: list[Shot]
) -> None:
    client: TestClient = request.getfixturevalue(fixture)
    r = client.post("/api/v1/bulk/shot", json={"action": "archive", "ids": [three[0].id]})
    assert r.status_code == status, r.text
