"""Notes (frames, drawings, mentions, threads, edit/archive) and approvals with automation."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.media.models import MediaFile
from shotline.production.models import Project
from shotline.review.models import Approval, NoteMention
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api

ANNOTATION: dict[str, Any] = {
    "shapes": [
        {
            "type": "pen",
            "color": "#FF0000",
            "stroke_width": 3.5,
            "points": [[10.5, 20.0], [30.0, 40.25]],
        },
        {
            "type": "arrow",
            "color": "#00ff00",
            "stroke_width": 2.0,
            "start": [0.0, 0.0],
            "end": [100.0, 50.0],
        },
        {
            "type": "rect",
            "color": "#0000FF",
            "stroke_width": 1.0,
            "x": 5.0,
            "y": 6.0,
            "width": 70.0,
            "height": 80.0,
        },
        {
            "type": "ellipse",
            "color": "#123456",
            "stroke_width": 4.0,
            "cx": 960.0,
            "cy": 540.0,
            "rx": 30.0,
            "ry": 20.0,
        },
        {
            "type": "text",
            "color": "#FFFFFF",
            "stroke_width": 1.0,
            "x": 100.0,
            "y": 100.0,
            "text": "too bright",
            "font_size": 48.0,
        },
    ]
}


@pytest.fixture
def version_id(as_supervisor: TestClient, task: Task, media: MediaFile) -> int:
    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_a_note_with_a_frame_and_an_annotation_round_trips_exactly(
    as_supervisor: TestClient, session: Session, version_id: int
) -> None:
    mark = factories.last_event_id(session)
    r = as_supervisor.post(
        f"/api/v1/versions/{version_id}/notes",
        json={"body": "matte edge", "frame_in": 1012, "annotation": ANNOTATION},
    )
    assert r.status_code == 201, r.text
    note = as_supervisor.get(f"/api/v1/notes/{r.json()['id']}").json()
    assert (note["frame_in"], note["frame_out"], note["annotation"]) == (1012, None, ANNOTATION)
    assert (note["target_type"], note["target_id"], note["visibility"]) == (
        "version",
        version_id,
        "internal",
    )
    (event,) = factories.events_after(session, mark)
    assert event.verb == "note.created"
    assert event.changes["annotation"] == [None, ANNOTATION]


@pytest.mark.parametrize(
    ("shape", "field"),
    [
        (
            {"type": "rect", "color": "red", "x": 0, "y": 0, "width": 1, "height": 1},
            "annotation.shapes.0.rect.color",
        ),
        (
            {"type": "pen", "color": "#FF0000", "points": [[0, 0]] * 5001},
            "annotation.shapes.0.pen.points",
        ),
        ({"type": "star", "color": "#FF0000"}, "annotation.shapes.0"),
    ],
)
def test_an_invalid_annotation_is_422_naming_the_field(
    as_supervisor: TestClient, session: Session, version_id: int, shape: dict[str, Any], field: str
) -> None:
    mark = factories.last_event_id(session)
    r = as_supervisor.post(
        f"/api/v1/versions/{version_id}/notes",
        json={"body": "x", "frame_in": 1001, "annotation": {"shapes": [shape]}},
    )
    assert r.status_code == 422
    fields = r.json()["error"]["fields"]
    assert list(fields) == [field]
    assert factories.events_after(session, mark) == []


def test_frames_only_on_version_notes_and_inside_the_range(
    as_supervisor: TestClient, task: Task, version_id: int
) -> None:
    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/notes", json={"body": "x", "frame_in": 1})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"frame_in": "only version notes have frames"}
    r = as_supervisor.post(
        f"/api/v1/versions/{version_id}/notes", json={"body": "x", "frame_in": 999}
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"frame_in": "outside the version's frames 1001-1048"}


def test_mentions_are_stored_and_a_foreign_account_is_rejected(
    as_artist: TestClient,
    session: Session,
    task: Task,
    people: dict[Role, Account],
    foreign_org: Organization,
) -> None:
    sup = people[Role.SUPERVISOR]
    outsider = factories.make_account(session, foreign_org)
    body = f"@[{sup.name}](account:{sup.id}) please check"
    r = as_artist.post(f"/api/v1/tasks/{task.id}/notes", json={"body": body})
    assert r.status_code == 201, r.text
    assert r.json()["mention_ids"] == [sup.id]
    rows = session.scalars(
        select(NoteMention.account_id).where(NoteMention.note_id == r.json()["id"])
    )
    assert list(rows) == [sup.id]

    mark = factories.last_event_id(session)
    r = as_artist.post(
        f"/api/v1/tasks/{task.id}/notes", json={"body": f"@[X](account:{outsider.id}) hi"}
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"body": f"unknown mention: account {outsider.id}"}
    assert factories.events_after(session, mark) == []


def test_threaded_replies_oldest_first_and_frame_filter(
    as_supervisor: TestClient, as_artist: TestClient, version_id: int
) -> None:
    url = f"/api/v1/versions/{version_id}/notes"
    first = as_supervisor.post(url, json={"body": "a", "frame_in": 1010, "frame_out": 1020}).json()
    other = as_supervisor.post(url, json={"body": "b", "frame_in": 1030}).json()
    reply = as_artist.post(url, json={"body": "a1", "parent_id": first["id"]}).json()
    deeper = as_supervisor.post(url, json={"body": "a1x", "parent_id": reply["id"]}).json()

    listed = as_artist.get(url).json()
    assert [n["id"] for n in listed] == [first["id"], other["id"]]
    assert [r["id"] for r in listed[0]["replies"]] == [reply["id"]]
    assert [r["id"] for r in listed[0]["replies"][0]["replies"]] == [deeper["id"]]

    at_frame = as_artist.get(url, params={"frame": 1015}).json()
    assert [n["id"] for n in at_frame] == [first["id"]]
    assert as_artist.get(url, params={"frame": 1025}).json() == []


def test_edit_own_note_with_if_match_and_archive_rights(
    as_supervisor: TestClient, as_artist: TestClient, task: Task
) -> None:
    note = as_artist.post(f"/api/v1/tasks/{task.id}/notes", json={"body": "v1"}).json()
    url = f"/api/v1/notes/{note['id']}"
    assert as_supervisor.patch(url, json={"body": "no"}).status_code == 403
    r = as_artist.patch(url, json={"body": "v2"}, headers={"If-Match": '"1"'})
    assert (r.status_code, r.json()["body"]) == (200, "v2")
    assert as_artist.patch(url, json={"body": "v3"}, headers={"If-Match": '"1"'}).status_code == 412
    sup_note = as_supervisor.post(f"/api/v1/tasks/{task.id}/notes", json={"body": "s"}).json()
    assert as_artist.post(f"/api/v1/notes/{sup_note['id']}/archive").status_code == 403
    assert as_supervisor.post(f"{url}/archive").status_code == 200
    assert [n["id"] for n in as_artist.get(f"/api/v1/tasks/{task.id}/notes").json()] == [
        sup_note["id"]
    ]


def test_request_changes_moves_the_task_to_changes_with_a_note(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    task: Task,
    version_id: int,
    people: dict[Role, Account],
) -> None:
    mark = factories.last_event_id(session)
    r = as_supervisor.post(
        f"/api/v1/versions/{version_id}/request-changes", json={"note": "tighten the edge"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    changes = factories.status(session, project, "CHANGES")
    review = factories.status(session, project, "INTERNAL_REVIEW")
    assert body["task_status_id"] == changes.id
    assert body["version"]["status"] == "changes_requested"
    approval = body["approval"]
    assert {k: approval[k] for k in ("decision", "stage", "account_id", "version_id")} == {
        "decision": "changes_requested",
        "stage": "internal",
        "account_id": people[Role.SUPERVISOR].id,
        "version_id": version_id,
    }
    events = factories.events_after(session, mark)
    assert [e.verb for e in events] == ["note.created", "version.changes_requested", "task.updated"]
    assert events[1].data["note_id"] == approval["note_id"] == events[0].entity_id
    assert events[2].changes["status_id"] == [review.id, changes.id]
    assert events[2].data["automation"] == "changes_requested"


def test_approval_moves_the_task_to_done(
    as_supervisor: TestClient, session: Session, project: Project, task: Task, version_id: int
) -> None:
    r = as_supervisor.post(f"/api/v1/versions/{version_id}/approve", json={})
    assert r.status_code == 200, r.text
    assert r.json()["task_status_id"] == factories.status(session, project, "DONE").id
    assert (r.json()["version"]["status"], r.json()["version"]["ready_to_share"]) == (
        "approved",
        False,
    )
    history = as_supervisor.get(f"/api/v1/tasks/{task.id}/approvals").json()
    assert [(a["decision"], a["version_id"]) for a in history] == [("approved", version_id)]
    assert as_supervisor.get(f"/api/v1/versions/{version_id}/approvals").json() == history


def test_approval_with_client_review_required_stays_in_internal_review(
    as_producer: TestClient, session: Session, project: Project, task: Task, version_id: int
) -> None:
    project.settings = {**project.settings, "client_review_required_task_types": ["COMP"]}
    session.flush()
    mark = factories.last_event_id(session)
    r = as_producer.post(f"/api/v1/versions/{version_id}/approve", json={})
    assert r.status_code == 200, r.text
    assert r.json()["task_status_id"] == factories.status(session, project, "INTERNAL_REVIEW").id
    assert (r.json()["version"]["status"], r.json()["version"]["ready_to_share"]) == (
        "approved",
        True,
    )
    (event,) = factories.events_after(session, mark)
    assert (event.verb, event.changes) == (
        "version.approved",
        {"status": ["pending_review", "approved"], "ready_to_share": [False, True]},
    )


def test_artist_may_not_approve_or_request_changes_but_may_comment(
    as_artist: TestClient, session: Session, version_id: int
) -> None:
    mark = factories.last_event_id(session)
    for action in ("approve", "request-changes"):
        r = as_artist.post(f"/api/v1/versions/{version_id}/{action}", json={"note": "ok"})
        assert r.status_code == 403
    assert factories.events_after(session, mark) == []
    assert session.scalars(select(Approval)).all() == []
    r = as_artist.post(f"/api/v1/versions/{version_id}/notes", json={"body": "looks good?"})
    assert r.status_code == 201
