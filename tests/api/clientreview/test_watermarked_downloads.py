"""A project that burns the viewer's name into downloads: the guest's download is prepared by
the job (real media, real decoding), counted once, reachable only by that guest, and files
that cannot carry a mark are refused without being counted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import av
import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.clientreview.models import AccessKind, ReviewSession, ReviewSessionAccess
from shotline.jobs.queue import JobQueue
from shotline.media.models import MediaFile
from shotline.production.models import Project
from shotline.review import versions
from shotline.review.models import Version
from shotline.tasks.models import Task
from tests import factories
from tests.api.clientreview.conftest import create_link, enter, share
from tests.api.media.conftest import (
    media_app,
    media_client,
    media_settings,
    queue,
    run_jobs,
    storage,
)
from tests.unit.media.media_samples import make_movie, read_frame_number

pytestmark = pytest.mark.api
__all__ = ["media_app", "media_client", "media_settings", "queue", "storage"]

Client = Callable[[Role | None], TestClient]


def fetch(client: TestClient, url: str) -> Any:
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


@pytest.fixture
def staff(media_client: Client) -> TestClient:
    return media_client(Role.SUPERVISOR)


def upload_version(
    session: Session, staff: TestClient, queue: JobQueue, project: Project, task: Task, path: Path
) -> int:
    """Upload `path` to the project, let the worker process it, make a version of it."""
    r = staff.post(
        "/api/v1/media",
        files={"file": (path.name, path.read_bytes())},
        data={"project_id": str(project.id)},
    )
    assert r.status_code == 201, r.text
    run_jobs(queue)
    version = versions.create_version(
        session, factories.system_for(project), task.id, media_ids=[r.json()["id"]]
    )
    session.commit()
    return version.id


def burn_in(media_client: Client, project: Project, on: bool = True) -> None:
    """The producer turns the project setting on (or off)."""
    r = media_client(Role.PRODUCER).patch(
        f"/api/v1/projects/{project.id}", json={"settings": {"burn_in_watermark": on}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["settings"]["burn_in_watermark"] is on


def ask_download(
    guest: TestClient, link: dict[str, Any], version_id: int, headers: dict[str, str]
) -> Any:
    """The guest presses Download on the version: the raw response."""
    return guest.get(
        f"/api/v1/share/{link['token']}/versions/{version_id}/download", headers=headers
    )


@pytest.fixture
def movie_version(
    session: Session,
    staff: TestClient,
    queue: JobQueue,
    project: Project,
    task: Task,
    tmp_path: Path,
) -> int:
    movie = make_movie(tmp_path / "sh010_comp_v001.mp4", width=320, height=180, frames=12)
    return upload_version(session, staff, queue, project, task, movie)


@pytest.fixture
def link(staff: TestClient, project: Project, movie_version: int) -> dict[str, Any]:
    created = create_link(staff, project.id, allow_downloads=True, download_limit=3)
    share(staff, movie_version, review_session_id=created["id"])
    return created


def test_a_guest_download_is_prepared_with_the_name_burned_in_and_counted_once(
    session: Session,
    staff: TestClient,
    media_client: Client,
    queue: JobQueue,
    project: Project,
    movie_version: int,
    link: dict[str, Any],
    tmp_path: Path,
) -> None:
    source = tmp_path / "sh010_comp_v001.mp4"
    burn_in(media_client, project)
    guest = media_client(None)
    headers = enter(guest, link["token"], name="Jane Client")
    player = guest.get(
        f"/api/v1/share/{link['token']}/versions/{movie_version}/player", headers=headers
    )
    assert player.json()["download_watermarked"] is True

    r = ask_download(guest, link, movie_version, headers)
    assert r.status_code == 200, r.text
    asked = r.json()
    assert (asked["state"], asked["watermarked"], asked["url"], asked["downloads_left"]) == (
        "queued",
        True,
        None,
        2,
    )
    waiting = guest.get(asked["status_url"], headers=headers).json()
    assert (waiting["state"], waiting["url"]) == ("queued", None)

    assert run_jobs(queue) == 1
    ready = guest.get(asked["status_url"], headers=headers)
    assert ready.status_code == 200
    body = ready.json()
    assert body["state"] == "ready"
    assert body["downloads_left"] == 2, "polling never counts again"
    got = fetch(guest, body["url"])
    assert got.status_code == 200
    assert got.headers["content-type"] == "video/mp4"
    assert 'filename="sh010_comp_v001_watermarked.mp4"' in got.headers["content-disposition"]
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(got.content)
    frames = decoded(copy)
    assert len(frames) == 12
    for index, (before, after) in enumerate(zip(decoded(source), frames, strict=True)):
        assert read_frame_number(after[:45]) == index, "every frame, in order"
        changed = np.abs(after[72:108].astype(int) - before[72:108].astype(int))
        assert (changed > 40).sum() > 200, f"no name burned into frame {index}"
    session.expire_all()
    row = session.scalars(select(ReviewSession).where(ReviewSession.id == link["id"])).one()
    assert row.downloads == 1
    kinds = session.scalars(
        select(ReviewSessionAccess.kind).where(ReviewSessionAccess.review_session_id == row.id)
    ).all()
    assert kinds.count(AccessKind.DOWNLOADED) == 1

    # the same viewer again the same day: ready at once from the stored copy, counted
    again = ask_download(guest, link, movie_version, headers).json()
    assert (again["state"], again["downloads_left"]) == ("ready", 1)
    assert run_jobs(queue) == 0
    assert fetch(guest, again["url"]).content == got.content


def decoded(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_only_the_guest_who_asked_reaches_the_copy(
    staff: TestClient,
    media_client: Client,
    project: Project,
    movie_version: int,
    link: dict[str, Any],
) -> None:
    burn_in(media_client, project)
    jane = media_client(None)
    jane_headers = enter(jane, link["token"], name="Jane Client")
    asked = ask_download(jane, link, movie_version, jane_headers).json()

    other = media_client(None)
    bo_headers = enter(other, link["token"], name="Bo")
    assert other.get(asked["status_url"], headers=bo_headers).status_code == 404
    assert other.get(asked["status_url"]).status_code == 401
    link_b = create_link(staff, project.id, name="Other client", allow_downloads=True)
    share(staff, movie_version, review_session_id=link_b["id"])
    b_headers = enter(other, link_b["token"], name="Jane Client")
    path_b = f"/api/v1/share/{link_b['token']}/downloads/{asked['download_id']}"
    assert other.get(path_b, headers=b_headers).status_code == 404
    # the content route wants a valid signature
    bad = other.get(
        f"/api/v1/client-downloads/{asked['download_id']}/content?expires=1&signature=x"
    )
    assert bad.status_code == 403
    assert bad.json()["error"]["code"] == "invalid_signature"
    # bad input names the field
    unsigned = other.get(f"/api/v1/client-downloads/{asked['download_id']}/content")
    assert unsigned.status_code == 422
    assert set(unsigned.json()["error"]["fields"]) >= {"expires", "signature"}
    odd = other.get(f"/api/v1/share/{link_b['token']}/downloads/latest", headers=b_headers)
    assert odd.status_code == 422
    assert "download_id" in odd.json()["error"]["fields"]


def test_a_file_that_cannot_carry_the_mark_is_refused_and_not_counted(
    session: Session,
    staff: TestClient,
    media_client: Client,
    queue: JobQueue,
    project: Project,
    task: Task,
    tmp_path: Path,
) -> None:
    doc = tmp_path / "brief.txt"
    doc.write_text("client brief\n")
    version_id = upload_version(session, staff, queue, project, task, doc)
    created = create_link(staff, project.id, allow_downloads=True)
    share(staff, version_id, review_session_id=created["id"])
    guest = media_client(None)
    headers = enter(guest, created["token"])
    path = f"/api/v1/share/{created['token']}/versions/{version_id}/download"

    burn_in(media_client, project)
    r = guest.get(path, headers=headers)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "watermark_unsupported"
    session.expire_all()
    assert session.get_one(ReviewSession, created["id"]).downloads == 0

    burn_in(media_client, project, on=False)
    plain = guest.get(path, headers=headers).json()
    assert (plain["state"], plain["watermarked"]) == ("ready", False)
    assert fetch(guest, plain["url"]).content == doc.read_bytes()


def test_who_may_turn_burn_in_on_and_bad_values(media_client: Client, project: Project) -> None:
    path = f"/api/v1/projects/{project.id}"
    body = {"settings": {"burn_in_watermark": True}}
    assert media_client(Role.ARTIST).patch(path, json=body).status_code == 403
    assert media_client(Role.CLIENT).patch(path, json=body).status_code == 404
    assert media_client(None).patch(path, json=body).status_code == 401
    bad = media_client(Role.PRODUCER).patch(path, json={"settings": {"burn_in_watermark": "maybe"}})
    assert bad.status_code == 422
    assert "settings.burn_in_watermark" in bad.json()["error"]["fields"]
    assert media_client(Role.PRODUCER).get(path).json()["settings"]["burn_in_watermark"] is False


def test_a_copy_that_cannot_be_made_fails_and_gives_the_download_back(
    session: Session,
    staff: TestClient,
    media_client: Client,
    queue: JobQueue,
    project: Project,
    movie_version: int,
    link: dict[str, Any],
) -> None:
    burn_in(media_client, project)
    guest = media_client(None)
    headers = enter(guest, link["token"])
    asked = ask_download(guest, link, movie_version, headers).json()
    # the stored bytes are damaged after processing (disk fault): the job fails for good
    version = session.get_one(Version, movie_version)
    media = session.get_one(MediaFile, versions.version_media(session, version)[0][1].id)
    blob = Path(staff.app.state.settings.resolved_storage_url) / media.storage_key  # type: ignore[attr-defined]
    blob.write_bytes(blob.read_bytes()[:300])
    run_jobs(queue)
    failed = guest.get(asked["status_url"], headers=headers).json()
    assert failed["state"] == "failed"
    assert failed["url"] is None
    assert "damaged" in failed["reason"] or "decode" in failed["reason"]
    assert failed["downloads_left"] == 3, "a copy that failed is not counted"
    session.expire_all()
    assert session.get_one(ReviewSession, link["id"]).downloads == 0
