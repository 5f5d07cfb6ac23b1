"""Project-scoped media visibility and the virus-scanner hook (real scanner scripts)."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.jobs.models import JobRun, JobState
from shotline.media import service
from shotline.production.models import Project
from tests import factories
from tests.api.media.conftest import b64, run_jobs, tus_headers
from tests.unit.media.media_samples import make_still

pytestmark = pytest.mark.api


@pytest.fixture
def projects(session: Session, org: Organization, people: dict[Role, Account]) -> tuple[int, int]:
    mine = factories.make_project(session, org)
    other = factories.make_project(session, org)
    factories.add_member(session, mine, people[Role.ARTIST])
    factories.add_member(session, mine, people[Role.SUPERVISOR])
    session.commit()
    return mine.id, other.id


def _png(tmp_path: Path, name: str = "a.png") -> bytes:
    return make_still(tmp_path / name, "PNG").read_bytes()


def _upload(client: TestClient, data: bytes, project_id: int | None = None, name: str = "a.png"):  # type: ignore[no-untyped-def]
    form = {"project_id": str(project_id)} if project_id is not None else {}
    return client.post("/api/v1/media", files={"file": (name, data)}, data=form)


def test_project_media_is_visible_to_members_and_org_wide_roles_only(
    media_client: Callable[[Role | None], TestClient],
    projects: tuple[int, int],
    session: Session,
    people: dict[Role, Account],
    tmp_path: Path,
) -> None:
    mine, other = projects
    admin = media_client(Role.ADMIN)
    r = _upload(admin, _png(tmp_path), other)
    assert r.status_code == 201, r.text
    assert r.json()["project_id"] == other
    media_id = r.json()["id"]
    artist = media_client(Role.ARTIST)
    for path in (
        f"/api/v1/media/{media_id}",
        f"/api/v1/media/{media_id}/download",
        f"/api/v1/media/{media_id}/renditions/thumbnail_small",
    ):
        got = artist.get(path, follow_redirects=False)
        assert got.status_code == 404, path
        assert got.json()["error"]["code"] == "not_found"
    assert media_client(Role.PRODUCER).get(f"/api/v1/media/{media_id}").status_code == 200
    # the artist's own project: visible; media without a project: visible to all internal
    own = _upload(admin, _png(tmp_path), mine).json()["id"]
    loose = _upload(admin, _png(tmp_path)).json()["id"]
    assert artist.get(f"/api/v1/media/{own}").status_code == 200
    assert artist.get(f"/api/v1/media/{loose}").status_code == 200
    factories.add_member(session, session.get_one(Project, other), people[Role.ARTIST])
    session.commit()
    # memberships are read when a session starts: a new login sees the project's media
    assert media_client(Role.ARTIST).get(f"/api/v1/media/{media_id}").status_code == 200


def test_uploads_to_a_project_need_membership(
    media_client: Callable[[Role | None], TestClient],
    projects: tuple[int, int],
    tmp_path: Path,
) -> None:
    mine, other = projects
    artist = media_client(Role.ARTIST)
    assert _upload(artist, _png(tmp_path), mine).status_code == 201
    r = _upload(artist, _png(tmp_path), other)
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"project_id": "no such project"}
    assert _upload(artist, _png(tmp_path), 999_999).status_code == 422
    # tus: checked at creation, before a byte is sent
    meta = f"filename {b64('a.png')},filetype {b64('image/png')},project_id {b64(str(other))}"
    r = artist.post(
        "/api/v1/uploads",
        headers=tus_headers(**{"Upload-Length": "10", "Upload-Metadata": meta}),
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["fields"] == {"Upload-Metadata.project_id": "no such project"}
    meta = f"filename {b64('a.png')},filetype {b64('image/png')},project_id {b64(str(mine))}"
    r = artist.post(
        "/api/v1/uploads",
        headers=tus_headers(**{"Upload-Length": "10", "Upload-Metadata": meta}),
    )
    assert r.status_code == 201, r.text


# --- the scanner hook -------------------------------------------------------------------


def _script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return f"{path} --no-summary {{path}}"


@pytest.fixture
def with_scanner(media_app: FastAPI, tmp_path: Path) -> Callable[[str], None]:
    def configure(body: str) -> None:
        command = _script(tmp_path, "scanner.sh", body)
        settings = media_app.state.settings.model_copy(update={"scan_command": command})
        media_app.state.settings = settings
        media_app.state.jobs.context.settings = settings

    return configure


def test_without_a_scanner_media_is_not_scanned_and_usable(
    as_uploader: TestClient, queue, tmp_path: Path
) -> None:
    body = _upload(as_uploader, _png(tmp_path)).json()
    assert body["scan_state"] == "not_scanned"
    assert body["download_url"]
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert (got["state"], got["scan_state"]) == ("ready", "not_scanned")


def test_clean_scan_then_processing(
    with_scanner, as_uploader: TestClient, queue, tmp_path: Path
) -> None:
    seen = tmp_path / "seen.txt"
    with_scanner(f'echo "$2" > {seen}; echo "$3: OK"; exit 0')
    body = _upload(as_uploader, _png(tmp_path)).json()
    assert body["scan_state"] == "pending"
    assert body["download_url"] is None
    r = as_uploader.get(f"/api/v1/media/{body['id']}/download", follow_redirects=False)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "scan_pending")
    run_jobs(queue)
    assert seen.read_text().strip().startswith("/")  # a server path, never the client's name
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert (got["state"], got["scan_state"]) == ("ready", "clean")
    assert len(got["renditions"]) == 3
    assert (
        as_uploader.get(f"/api/v1/media/{body['id']}/download", follow_redirects=False).status_code
        == 302
    )


def test_infected_media_is_never_served(
    with_scanner,
    as_uploader: TestClient,
    media_client,
    media_app: FastAPI,
    queue,
    session: Session,
    tmp_path: Path,
) -> None:
    with_scanner('echo "$2: Eicar-Test-Signature FOUND"; exit 1')
    body = _upload(as_uploader, _png(tmp_path)).json()
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert (got["state"], got["scan_state"]) == ("failed", "infected")
    reason = "the virus scanner found malware: Eicar-Test-Signature FOUND"
    assert got["failure_reason"] == reason
    assert got["renditions"] == []
    assert got["download_url"] is None
    for path in ("download", "renditions/thumbnail_small"):
        r = as_uploader.get(f"/api/v1/media/{body['id']}/{path}", follow_redirects=False)
        assert r.status_code == 410, path
        assert r.json()["error"]["code"] == "media_infected"
    run = session.scalars(select(JobRun).where(JobRun.name == "media.process")).one()
    assert run.state == JobState.FAILED
    assert "malware" in str(run.last_error)
    # a signed URL cannot reach it either
    settings = media_app.state.settings
    path, _ = service.signed_path(settings.media_url_key(), body["id"], "original", 60)
    r = media_client(Role.ADMIN).get(path)
    assert (r.status_code, r.json()["error"]["code"]) == (410, "media_infected")


def test_a_crashing_scanner_is_an_error_and_nothing_is_served(
    with_scanner, as_uploader: TestClient, media_client, queue, session: Session, tmp_path: Path
) -> None:
    with_scanner("echo boom >&2; exit 2")
    body = _upload(as_uploader, _png(tmp_path)).json()
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert (got["state"], got["scan_state"]) == ("failed", "error")
    assert got["failure_reason"] == "the virus scanner failed (exit code 2)"
    r = as_uploader.get(f"/api/v1/media/{body['id']}/download", follow_redirects=False)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "scan_failed")
    # once the scanner works, an admin retries the job and the file becomes usable
    with_scanner("exit 0")
    run = session.scalars(select(JobRun).where(JobRun.name == "media.process")).one()
    assert run.state == JobState.FAILED
    r = media_client(Role.ADMIN).post(f"/api/v1/jobs/{run.id}/retry")
    assert r.status_code == 200, r.text
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert (got["state"], got["scan_state"]) == ("ready", "clean")
