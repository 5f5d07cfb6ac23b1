"""Shots, sequences, assets, links and custom fields: exact bodies, rows and events; codes,
ranges, bulk creation, permissions by project role."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.events.models import Event
from shotline.production.models import AssetLink, Project, Shot
from tests import factories

pytestmark = pytest.mark.api


def test_supervisor_creates_a_shot_with_one_event(
    as_supervisor: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    sequence = factories.make_sequence(session, project, code="SQ010")
    mark = factories.last_event_id(session)

    r = as_supervisor.post(
        f"/api/v1/projects/{project.id}/shots",
        json={
            "code": "SQ010_0010",
            "sequence_id": sequence.id,
            "frame_in": 1001,
            "frame_out": 1096,
        },
    )

    assert r.status_code == 201, r.text
    body = r.json()
    assert body["working_duration"] == 96
    assert {k: body[k] for k in ("code", "status", "sequence_id", "custom", "row_version")} == {
        "code": "SQ010_0010",
        "status": "waiting",
        "sequence_id": sequence.id,
        "custom": {},
        "row_version": 1,
    }
    (event,) = factories.events_after(session, mark)
    assert (event.verb, event.entity_type, event.entity_id) == ("shot.created", "shot", body["id"])
    assert event.project_id == project.id
    assert event.actor_id == people[Role.SUPERVISOR].id
    assert event.changes["frame_out"] == [None, 1096]
    row = session.get(Shot, body["id"])
    assert row is not None
    assert row.created_by == people[Role.SUPERVISOR].id


def test_working_duration_is_a_sql_expression(session: Session, project: Project) -> None:
    factories.make_shot(session, project, code="A", frame_in=1001, frame_out=1010)
    factories.make_shot(session, project, code="B", frame_in=1001, frame_out=1200)
    factories.make_shot(session, project, code="C")
    long_ones = session.scalars(
        select(Shot.code).where(Shot.project_id == project.id, Shot.working_duration > 100)
    ).all()
    assert long_ones == ["B"]


def test_duplicate_shot_code_is_409_and_writes_nothing(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    factories.make_shot(session, project, code="SH010")
    mark = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/projects/{project.id}/shots", json={"code": "SH010"})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"code": "already taken"}
    assert factories.events_after(session, mark) == []


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({"code": "X", "frame_in": "one"}, "frame_in", "Input should be a valid integer"),
        ({"code": "X", "project_id": 1}, "project_id", "unknown field"),
        ({"code": None}, "code", "Input should be a valid string"),
        ({"code": "X", "status": None}, "status", "Input should be"),
        ({"code": "X", "frame_in": 1010, "frame_out": 1001}, "frame_out", "must not be before"),
        ({"code": "X", "sequence_id": 987654}, "sequence_id", "no such sequence"),
        ({"code": "X", "custom": {"nope": 1}}, "custom.nope", "unknown custom field"),
    ],
)
def test_bad_shot_input_names_the_field_and_writes_nothing(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    body: dict[str, object],
    field: str,
    problem: str,
) -> None:
    mark = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/projects/{project.id}/shots", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["fields"][field].startswith(problem)
    assert factories.events_after(session, mark) == []
    assert session.scalar(select(func.count()).select_from(Shot)) == 0


def test_patch_null_for_required_field_and_stale_if_match(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    shot = factories.make_shot(session, project, code="SH1", frame_in=1001, frame_out=1010)
    url = f"/api/v1/shots/{shot.id}"
    etag = as_supervisor.get(url).headers["etag"]
    assert etag == '"1"'
    null = as_supervisor.patch(url, json={"code": None})
    assert null.status_code == 422
    assert null.json()["error"]["fields"] == {"code": "may not be null"}
    ok = as_supervisor.patch(url, json={"frame_out": 1020}, headers={"If-Match": etag})
    assert ok.status_code == 200
    assert ok.json()["working_duration"] == 20
    assert ok.headers["etag"] == '"2"'
    stale = as_supervisor.patch(url, json={"frame_out": 1030}, headers={"If-Match": etag})
    assert stale.status_code == 412
    session.expire_all()
    assert session.get(Shot, shot.id).frame_out == 1020  # type: ignore[union-attr]


def test_artist_reads_but_cannot_write_shots(
    as_artist: TestClient, session: Session, project: Project
) -> None:
    shot = factories.make_shot(session, project, code="SH1")
    assert as_artist.get(f"/api/v1/shots/{shot.id}").status_code == 200
    assert as_artist.patch(f"/api/v1/shots/{shot.id}", json={"description": "x"}).status_code == 403
    assert as_artist.post(f"/api/v1/shots/{shot.id}/archive").status_code == 403
    created = as_artist.post(f"/api/v1/projects/{project.id}/shots", json={"code": "Z"})
    assert created.status_code == 403


def test_archive_restore_delete_shot_with_its_tasks_and_links(
    as_admin: TestClient, as_supervisor: TestClient, session: Session, project: Project
) -> None:
    shot = factories.make_shot(session, project, code="SH1")
    asset = factories.make_asset(session, project, code="boat")
    task = factories.make_task(session, shot=shot)
    shot_id, task_id = shot.id, task.id
    link = as_supervisor.post(f"/api/v1/shots/{shot.id}/asset-links", json={"asset_id": asset.id})
    assert link.status_code == 201
    url = f"/api/v1/shots/{shot.id}"
    assert as_supervisor.post(f"{url}/archive").status_code == 200
    assert as_supervisor.request("DELETE", url, json={"confirm": "SH1"}).status_code == 403
    mark = factories.last_event_id(session)

    r = as_admin.request("DELETE", url, json={"confirm": "SH1"})

    assert r.status_code == 204
    verbs = sorted((e.verb, e.entity_id) for e in factories.events_after(session, mark))
    assert verbs == sorted(
        [
            ("shot.deleted", shot_id),
            ("task.deleted", task_id),
            ("asset_link.deleted", link.json()["id"]),
        ]
    )
    assert as_admin.get(url).status_code == 404
    assert as_admin.get(f"/api/v1/tasks/{task_id}").status_code == 404


def test_bulk_creates_1000_shots_in_one_call(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    sequence = factories.make_sequence(session, project)
    shots = [
        {"code": f"SH{n:04d}", "sequence_id": sequence.id, "frame_in": 1001, "frame_out": 1000 + n}
        for n in range(1, 1001)
    ]
    mark = factories.last_event_id(session)

    r = as_supervisor.post(f"/api/v1/projects/{project.id}/shots/bulk", json={"shots": shots})

    assert r.status_code == 201, r.text
    body = r.json()
    assert body["count"] == 1000
    assert len(set(body["ids"])) == 1000
    rows = session.execute(
        select(Shot.code, Shot.working_duration).where(Shot.id.in_(body["ids"])).order_by(Shot.code)
    ).all()
    assert rows[0] == ("SH0001", 1)
    assert rows[-1] == ("SH1000", 1000)
    events = factories.events_after(session, mark)
    assert len(events) == 1000
    assert {e.verb for e in events} == {"shot.created"}
    assert {e.batch_id for e in events} == {body["batch_id"]}
    assert {e.entity_id for e in events} == set(body["ids"])
    assert {e.project_id for e in events} == {project.id}


def test_bulk_with_taken_codes_is_409_naming_them_and_writes_nothing(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    factories.make_shot(session, project, code="SH0002")
    mark = factories.last_event_id(session)
    shots = [{"code": "SH0001"}, {"code": "SH0002"}, {"code": "SH0003"}, {"code": "SH0003"}]
    r = as_supervisor.post(f"/api/v1/projects/{project.id}/shots/bulk", json={"shots": shots})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"codes": "SH0002, SH0003"}
    assert factories.events_after(session, mark) == []
    assert session.scalar(select(func.count()).select_from(Shot)) == 1


def test_a_rolled_back_bulk_request_leaves_no_event_and_no_row(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    mark = factories.last_event_id(session)
    shots = [{"code": "OK1"}, {"code": "OK2"}, {"code": "BAD", "frame_in": 9, "frame_out": 1}]
    r = as_supervisor.post(f"/api/v1/projects/{project.id}/shots/bulk", json={"shots": shots})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"shots.2.frame_out": "must not be before frame_in"}
    assert factories.events_after(session, mark) == []
    assert session.scalar(select(func.count()).select_from(Shot)) == 0


def test_custom_fields_are_validated_and_merged(
    as_producer: TestClient, as_supervisor: TestClient, session: Session, project: Project
) -> None:
    url = f"/api/v1/projects/{project.id}/custom-fields"
    for body in (
        {
            "entity_type": "shot",
            "key": "vendor",
            "label": "Vendor",
            "field_type": "choice",
            "options": ["in-house", "outsourced"],
            "required": True,
        },
        {"entity_type": "shot", "key": "bid_days", "label": "Bid days", "field_type": "number"},
        {"entity_type": "shot", "key": "delivery", "label": "Delivery", "field_type": "date"},
    ):
        assert as_producer.post(url, json=body).status_code == 201
    assert (
        as_producer.post(
            url, json={"entity_type": "shot", "key": "Bad Key", "label": "x", "field_type": "text"}
        ).status_code
        == 422
    )
    shots_url = f"/api/v1/projects/{project.id}/shots"

    bad = as_supervisor.post(
        shots_url, json={"code": "A", "custom": {"vendor": "elsewhere", "bid_days": "3"}}
    )
    missing = as_supervisor.post(shots_url, json={"code": "A", "custom": {"bid_days": 3}})
    ok = as_supervisor.post(
        shots_url, json={"code": "A", "custom": {"vendor": "in-house", "delivery": "2027-01-31"}}
    )

    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {
        "custom.vendor": "must be one of: in-house, outsourced",
        "custom.bid_days": "must be a number",
    }
    assert missing.json()["error"]["fields"] == {"custom.vendor": "required"}
    assert ok.status_code == 201
    assert ok.json()["custom"] == {"vendor": "in-house", "delivery": "2027-01-31"}
    patched = as_supervisor.patch(
        f"/api/v1/shots/{ok.json()['id']}", json={"custom": {"bid_days": 2.5, "delivery": None}}
    )
    assert patched.json()["custom"] == {"vendor": "in-house", "bid_days": 2.5}
    cleared = as_supervisor.patch(
        f"/api/v1/shots/{ok.json()['id']}", json={"custom": {"vendor": None}}
    )
    assert cleared.status_code == 422


def test_assets_custom_type_and_links(
    as_supervisor: TestClient, session: Session, project: Project, other_project: Project
) -> None:
    url = f"/api/v1/projects/{project.id}/assets"
    no_type = as_supervisor.post(url, json={"code": "buoy", "name": "Buoy", "asset_type": "custom"})
    assert no_type.json()["error"]["fields"] == {
        "custom_type": "required when asset_type is custom"
    }
    buoy = as_supervisor.post(
        url, json={"code": "buoy", "name": "Buoy", "asset_type": "custom", "custom_type": "nav"}
    )
    assert buoy.status_code == 201
    boat = factories.make_asset(session, project, code="boat", asset_type="vehicle")
    foreign = factories.make_asset(session, other_project, code="boat")
    shot = factories.make_shot(session, project)

    first = as_supervisor.post(
        f"/api/v1/shots/{shot.id}/asset-links", json={"asset_id": boat.id, "count": 2}
    )
    again = as_supervisor.post(f"/api/v1/shots/{shot.id}/asset-links", json={"asset_id": boat.id})
    across = as_supervisor.post(
        f"/api/v1/shots/{shot.id}/asset-links", json={"asset_id": foreign.id}
    )
    nested = as_supervisor.post(
        f"/api/v1/assets/{boat.id}/asset-links", json={"asset_id": buoy.json()["id"]}
    )
    itself = as_supervisor.post(f"/api/v1/assets/{boat.id}/asset-links", json={"asset_id": boat.id})

    assert first.status_code == 201
    assert (first.json()["shot_id"], first.json()["count"]) == (shot.id, 2)
    assert again.status_code == 409
    assert across.status_code == 422
    assert nested.status_code == 201
    assert nested.json()["parent_asset_id"] == boat.id
    assert itself.status_code == 422
    assert [
        link["id"] for link in as_supervisor.get(f"/api/v1/shots/{shot.id}/asset-links").json()
    ] == [first.json()["id"]]
    assert len(as_supervisor.get(f"/api/v1/assets/{boat.id}/asset-links").json()) == 2
    assert session.scalar(select(func.count()).select_from(AssetLink)) == 2
    with_links = session.scalar(
        select(func.count()).select_from(Event).where(Event.verb == "asset_link.created")
    )
    assert with_links == 2
