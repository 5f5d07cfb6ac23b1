"""Row history from the event log; revert one change, a row to a point, a whole batch."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import EntityStatus, Project, Shot
from tests import factories

pytestmark = pytest.mark.api


@pytest.fixture
def shot(session: Session, project: Project) -> Shot:
    row = factories.make_shot(session, project, code="SH010", description="first")
    session.commit()
    return row


def _patch(client: TestClient, shot_id: int, **body: object) -> None:
    r = client.patch(f"/api/v1/shots/{shot_id}", json=body)
    assert r.status_code == 200, r.text


def _history(client: TestClient, shot_id: int) -> list[dict]:  # type: ignore[type-arg]
    r = client.get(f"/api/v1/history/shot/{shot_id}")
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def test_history_lists_changes_newest_first(
    as_supervisor: TestClient, shot: Shot, people: dict[Role, Account]
) -> None:
    _patch(as_supervisor, shot.id, description="second")
    items = _history(as_supervisor, shot.id)
    assert [i["verb"] for i in items] == ["shot.updated", "shot.created"]
    assert items[0]["changes"] == [{"field": "description", "old": "first", "new": "second"}]
    assert items[0]["actor_id"] == people[Role.SUPERVISOR].id
    assert items[0]["actor_name"] == people[Role.SUPERVISOR].name


def test_revert_one_change_is_itself_revertible(
    session: Session, as_supervisor: TestClient, shot: Shot
) -> None:
    _patch(as_supervisor, shot.id, description="second", status="in_progress")
    change = _history(as_supervisor, shot.id)[0]["event_id"]
    r = as_supervisor.post(f"/api/v1/history/events/{change}/revert")
    assert r.status_code == 200, r.text
    session.expire_all()
    row = session.get(Shot, shot.id)
    assert row is not None
    assert (row.description, row.status) == ("first", EntityStatus.WAITING)
    revert_event = _history(as_supervisor, shot.id)[0]
    assert revert_event["batch_id"] == r.json()["batch_id"]
    r = as_supervisor.post(f"/api/v1/history/events/{revert_event['event_id']}/revert")
    assert r.status_code == 200
    session.expire_all()
    assert session.get(Shot, shot.id).description == "second"  # type: ignore[union-attr]


def test_revert_conflicts_when_the_field_changed_since(
    session: Session, as_supervisor: TestClient, shot: Shot
) -> None:
    _patch(as_supervisor, shot.id, description="second")
    change = _history(as_supervisor, shot.id)[0]["event_id"]
    _patch(as_supervisor, shot.id, description="third")
    r = as_supervisor.post(f"/api/v1/history/events/{change}/revert")
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"description": "changed since this event"}
    r = as_supervisor.post(f"/api/v1/history/events/{change}/revert", params={"force": "true"})
    assert r.status_code == 200
    session.expire_all()
    assert session.get(Shot, shot.id).description == "first"  # type: ignore[union-attr]


def test_revert_row_to_a_point_in_time(
    session: Session, as_supervisor: TestClient, shot: Shot
) -> None:
    created = _history(as_supervisor, shot.id)[0]["event_id"]
    _patch(as_supervisor, shot.id, description="second", frame_in=1001)
    _patch(as_supervisor, shot.id, description="third", status="final")
    as_supervisor.post(f"/api/v1/shots/{shot.id}/archive")
    r = as_supervisor.post(
        f"/api/v1/history/shot/{shot.id}/revert", params={"to_event_id": created}
    )
    assert r.status_code == 200, r.text
    session.expire_all()
    row = session.get(Shot, shot.id)
    assert row is not None
    assert (row.description, row.frame_in, row.status, row.archived_at) == (
        "first",
        None,
        EntityStatus.WAITING,
        None,
    )


def test_undo_a_bulk_batch(session: Session, as_supervisor: TestClient, project: Project) -> None:
    rows = [factories.make_shot(session, project, code=f"B{i}") for i in range(3)]
    session.commit()
    ids = [s.id for s in rows]
    r = as_supervisor.post(
        "/api/v1/bulk/shot", json={"action": "set", "ids": ids, "values": {"status": "final"}}
    )
    batch = r.json()["batch_id"]
    r = as_supervisor.post(f"/api/v1/history/batches/{batch}/undo")
    assert r.status_code == 200, r.text
    session.expire_all()
    assert {session.get(Shot, i).status for i in ids} == {EntityStatus.WAITING}  # type: ignore[union-attr]
    assert as_supervisor.post("/api/v1/history/batches/nope/undo").status_code == 404


@pytest.mark.parametrize(
    ("fixture", "read", "write"),
    [
        ("as_admin", 200, 200),
        ("as_producer", 200, 200),
        ("as_supervisor", 200, 200),
        ("as_artist", 200, 403),
        ("as_client", 404, 404),
        ("as_foreign_admin", 404, 404),
    ],
)
def test_history_permissions(
    request: pytest.FixtureRequest,
    session: Session,
    as_supervisor: TestClient,
    shot: Shot,
    fixture: str,
    read: int,
    write: int,
) -> None:
    _patch(as_supervisor, shot.id, description="second")
    event_id = _history(as_supervisor, shot.id)[0]["event_id"]
    batch = as_supervisor.post(
        "/api/v1/bulk/shot", json={"action": "set", "ids": [shot.id], "values": {"sort_order": 3}}
    ).json()["batch_id"]
    client: TestClient = request.getfixturevalue(fixture)
    assert client.get(f"/api/v1/history/shot/{shot.id}").status_code == read
    assert client.post(f"/api/v1/history/events/{event_id}/revert").status_code == write
    assert client.post(f"/api/v1/history/batches/{batch}/undo").status_code == write
    r = client.post(f"/api/v1/history/shot/{shot.id}/revert", params={"to_event_id": event_id})
    assert r.status_code == write
