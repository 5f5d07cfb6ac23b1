"""Versions: creation from media, numbering, automation on upload, artist rights, player."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.errors import ValidationFailed
from shotline.media.models import MediaFile, MediaState
from shotline.production.models import Project
from shotline.review import automation
from shotline.review.models import Version, VersionMedia
from shotline.tasks.models import Task
from tests import factories
from tests.api.review.conftest import make_media

pytestmark = pytest.mark.api


def test_artist_uploads_a_version_and_the_task_moves_to_internal_review(
    as_artist: TestClient,
    session: Session,
    project: Project,
    task: Task,
    media: MediaFile,
    people: dict[Role, Account],
) -> None:
    second = make_media(session, project, state=MediaState.QUEUED)
    mark = factories.last_event_id(session)
    artist = people[Role.ARTIST]

    r = as_artist.post(
        f"/api/v1/tasks/{task.id}/versions",
        json={"media_ids": [media.id, second.id], "description": "first pass"},
    )

    assert r.status_code == 201, r.text
    body = r.json()
    assert {
        k: body[k] for k in ("number", "task_id", "status", "frame_in", "frame_out", "fps")
    } == {
        "number": 1,
        "task_id": task.id,
        "status": "pending_review",
        "frame_in": 1001,
        "frame_out": 1048,
        "fps": "24",
    }
    assert body["uploaded_by"] == artist.id
    assert body["media_ids"] == [media.id, second.id]
    assert [(m["media_id"], m["role"], m["state"], m["proxy_ready"]) for m in body["media"]] == [
        (media.id, "main", "ready", True),
        (second.id, "reference", "queued", False),
    ]
    review = factories.status(session, project, "INTERNAL_REVIEW")
    todo = factories.status(session, project, "TODO")
    session.expire_all()
    assert session.get(Task, task.id).status_id == review.id  # type: ignore[union-attr]
    created, moved = factories.events_after(session, mark)
    assert (created.verb, created.entity_id) == ("version.created", body["id"])
    assert created.data == {
        "task_id": task.id,
        "number": 1,
        "uploaded_by": artist.id,
        "media_ids": [media.id, second.id],
    }
    assert (moved.verb, moved.entity_id) == ("task.updated", task.id)
    assert moved.changes["status_id"] == [todo.id, review.id]
    assert moved.data == {
        "status_category": ["todo", "internal_review"],
        "automation": "version_uploaded",
        "version_id": body["id"],
    }


def test_numbers_increase_per_task_and_list_is_newest_first(
    as_supervisor: TestClient, session: Session, project: Project, task: Task, media: MediaFile
) -> None:
    for _ in range(3):
        r = as_supervisor.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})
        assert r.status_code == 201, r.text
    other = factories.make_task(
        session, shot=factories.make_shot(session, project), type_code="ROTO"
    )
    r = as_supervisor.post(f"/api/v1/tasks/{other.id}/versions", json={"media_ids": [media.id]})
    assert r.json()["number"] == 1

    listed = as_supervisor.get(f"/api/v1/tasks/{task.id}/versions").json()

    assert [v["number"] for v in listed] == [3, 2, 1]


def test_setting_off_keeps_the_task_status(
    as_supervisor: TestClient, session: Session, project: Project, task: Task, media: MediaFile
) -> None:
    project.settings = {**project.settings, "auto_internal_review_on_upload": False}
    session.flush()
    mark = factories.last_event_id(session)

    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})

    assert r.status_code == 201
    assert [e.verb for e in factories.events_after(session, mark)] == ["version.created"]
    assert session.get(Task, task.id).status_id == factories.status(session, project, "TODO").id  # type: ignore[union-attr]


def test_project_without_an_internal_review_status_leaves_the_task(
    as_supervisor: TestClient, session: Session, project: Project, task: Task, media: MediaFile
) -> None:
    factories.status(session, project, "INTERNAL_REVIEW").archived_at = factories.utcnow()
    session.flush()
    mark = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})
    assert r.status_code == 201
    assert [e.verb for e in factories.events_after(session, mark)] == ["version.created"]


def test_artist_may_not_upload_to_a_task_not_assigned_to_them(
    as_artist: TestClient, session: Session, project: Project, media: MediaFile
) -> None:
    task = factories.make_task(session, shot=factories.make_shot(session, project))
    mark = factories.last_event_id(session)
    r = as_artist.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "permission_denied"
    assert factories.events_after(session, mark) == []


def test_media_of_another_organization_or_failed_is_422(
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    task: Task,
    foreign_project: Project,
) -> None:
    foreign = make_media(session, foreign_project)
    failed = make_media(session, project, state=MediaState.FAILED)
    r = as_supervisor.post(
        f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [foreign.id, failed.id]}
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "media_ids": f"cannot use media: {foreign.id}, {failed.id}"
    }
    assert session.scalars(select(Version).where(Version.task_id == task.id)).all() == []


def test_a_rolled_back_request_leaves_no_event_and_no_row(
    as_supervisor: TestClient,
    session: Session,
    task: Task,
    media: MediaFile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*_args: object) -> None:
        # The version, its media rows and `version.created` are written by now.
        raise ValidationFailed(fields={"media_ids": "boom"})

    monkeypatch.setattr(automation, "on_version_uploaded", fail)
    mark = factories.last_event_id(session)

    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})

    assert r.status_code == 422
    assert factories.events_after(session, mark) == []
    assert session.scalars(select(Version).where(Version.task_id == task.id)).all() == []
    assert session.scalars(select(VersionMedia)).all() == []


def test_patch_and_archive_a_version(
    as_supervisor: TestClient, as_artist: TestClient, session: Session, task: Task, media: MediaFile
) -> None:
    created = as_artist.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]})
    vid = created.json()["id"]
    r = as_artist.patch(
        f"/api/v1/versions/{vid}", json={"description": "fixed"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["description"], r.headers["etag"]) == ("fixed", '"2"')
    stale = as_artist.patch(
        f"/api/v1/versions/{vid}", json={"description": "x"}, headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    assert as_artist.post(f"/api/v1/versions/{vid}/archive").status_code == 403
    r = as_supervisor.post(f"/api/v1/versions/{vid}/archive")
    assert r.status_code == 200
    assert r.json()["archived_at"] is not None
    assert as_supervisor.get(f"/api/v1/tasks/{task.id}/versions").json() == []


def test_player_gives_rate_frames_timecode_filmstrip_notes_and_approvals(
    as_supervisor: TestClient, session: Session, project: Project, task: Task
) -> None:
    media = make_media(session, project, fps="30000/1001", frame_count=100)
    vid = as_supervisor.post(
        f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [media.id]}
    ).json()["id"]
    as_supervisor.post(f"/api/v1/versions/{vid}/notes", json={"body": "edge", "frame_in": 1010})

    r = as_supervisor.get(f"/api/v1/versions/{vid}/player")

    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rate"] == {
        "numerator": 30000,
        "denominator": 1001,
        "fps": 30000 / 1001,
        "drop_frame": True,
    }
    assert (body["first_frame"], body["last_frame"], body["frame_count"]) == (1001, 1100, 100)
    assert (body["width"], body["height"], body["state"]) == (1920, 1080, "ready")
    assert body["start_timecode"] == "01:00:00:00"
    assert body["first_frame_timecode"] == "00:00:33;11"
    assert body["proxy_url"].startswith(f"/api/v1/media/{media.id}/content/proxy?expires=")
    strip = body["filmstrip"]
    assert (strip["tiles"], strip["tile_width"], strip["frames"][0]) == (20, 160, 1003)
    assert [(n["body"], n["frame_in"]) for n in body["notes"]] == [("edge", 1010)]
    assert body["approval"] == {"status": "pending_review", "ready_to_share": False, "history": []}
