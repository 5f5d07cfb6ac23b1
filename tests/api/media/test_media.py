"""Media files: multipart upload, the processing job on real media, reading, downloads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import av
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.jobs.models import JobRun, JobState
from shotline.media.models import MediaFile, MediaState
from shotline.media.storage import LocalStorage
from tests import factories
from tests.api.media.conftest import MAX_UPLOAD, run_jobs
from tests.unit.media.media_samples import make_movie, make_still, truncate

pytestmark = pytest.mark.api

Upload = Callable[..., dict]


@pytest.fixture
def upload(as_uploader: TestClient) -> Upload:
    def send(path: Path, name: str | None = None, client: TestClient | None = None) -> dict:
        r = (client or as_uploader).post(
            "/api/v1/media", files={"file": (name or path.name, path.read_bytes())}
        )
        assert r.status_code == 201, r.text
        return dict(r.json())

    return send


def follow(client: TestClient, url: str, **headers: str):  # type: ignore[no-untyped-def]
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}", headers=headers)


def test_a_movie_without_audio_becomes_ready_with_proxy_thumbnails_and_filmstrip(
    upload: Upload, as_uploader: TestClient, queue, session: Session, tmp_path: Path
) -> None:
    movie = make_movie(tmp_path / "shot.mp4", frames=24, audio=False)
    body = upload(movie, name="shot_010.mov")
    assert body["state"] == "queued"
    assert body["renditions"] == []
    before = factories.last_event_id(session)
    assert run_jobs(queue) == 1

    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert got["state"] == "ready", got["failure_reason"]
    assert got["mime"] == "video/mp4"
    tech = got["technical"]
    assert (tech["width"], tech["height"], tech["frame_count"], tech["fps"]) == (64, 48, 24, "24")
    assert tech["has_audio"] is False
    kinds = {r["kind"]: r for r in got["renditions"]}
    assert set(kinds) == {
        "thumbnail_small",
        "thumbnail_medium",
        "thumbnail_large",
        "proxy",
        "filmstrip",
    }
    assert (kinds["proxy"]["frame_count"], kinds["proxy"]["fps"]) == (24, "24")
    # the proxy streams with range requests: the exact bytes
    full = follow(as_uploader, kinds["proxy"]["url"])
    assert full.status_code == 200
    assert full.headers["content-type"] == "video/mp4"
    assert full.headers["accept-ranges"] == "bytes"
    assert len(full.content) == kinds["proxy"]["size"]
    part = follow(as_uploader, kinds["proxy"]["url"], Range="bytes=100-199")
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{len(full.content)}"
    assert part.content == full.content[100:200]
    tail = follow(as_uploader, kinds["proxy"]["url"], Range="bytes=-10")
    assert tail.content == full.content[-10:]
    beyond = follow(as_uploader, kinds["proxy"]["url"], Range=f"bytes={len(full.content)}-")
    assert beyond.status_code == 416
    proxy_path = tmp_path / "proxy.mp4"
    proxy_path.write_bytes(full.content)
    with av.open(str(proxy_path)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 24
    verbs = [e.verb for e in factories.events_after(session, before)]
    assert verbs == ["media.processed"]
    job = session.scalars(
        select(JobRun).where(JobRun.args["media_file_id"].as_integer() == body["id"])
    ).one()
    assert (job.state, job.attempts, job.last_error) == (JobState.SUCCEEDED, 1, None)


def test_a_png_gets_metadata_and_thumbnails_and_a_second_upload_reuses_them(
    upload: Upload,
    as_uploader: TestClient,
    queue,
    session: Session,
    storage: LocalStorage,
    tmp_path: Path,
) -> None:
    png = make_still(tmp_path / "frame.jpg", "PNG", width=400, height=200)  # the extension lies
    first = upload(png)
    second = upload(png, name="copy.png")
    assert run_jobs(queue) == 2
    session.expire_all()
    a, b = session.get(MediaFile, first["id"]), session.get(MediaFile, second["id"])
    assert a is not None
    assert b is not None
    assert a.storage_key == b.storage_key  # one blob for the same bytes
    blobs = list((storage.root / "blobs").rglob("*"))
    assert len([p for p in blobs if p.is_file()]) == 1
    assert (a.state, a.mime, a.technical["width"], a.technical["height"]) == (
        MediaState.READY,
        "image/png",
        400,
        200,
    )
    sizes = {r.kind.value: (r.width, r.height) for r in a.renditions}
    assert sizes == {
        "thumbnail_small": (150, 75),
        "thumbnail_medium": (300, 150),
        "thumbnail_large": (400, 200),
    }
    assert b.state == MediaState.READY
    assert [r.storage_key for r in b.renditions] == [r.storage_key for r in a.renditions]
    processed = [e for e in factories.events_after(session, 0) if e.verb == "media.processed"]
    assert processed[-1].data["reused_from"] == a.id


def test_a_corrupt_movie_fails_with_a_reason_and_is_not_retried(
    upload: Upload, as_uploader: TestClient, queue, session: Session, tmp_path: Path
) -> None:
    movie = truncate(make_movie(tmp_path / "broken.mov", frames=48, audio=False), 0.4)
    body = upload(movie)
    before = factories.last_event_id(session)
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert got["state"] == "failed"
    assert got["failure_reason"].startswith("the movie")
    assert "/" not in got["failure_reason"]
    events = factories.events_after(session, before)
    assert [e.verb for e in events] == ["media.failed"]
    assert events[0].data == {"reason": got["failure_reason"]}
    job = session.scalars(select(JobRun).order_by(JobRun.id.desc())).first()
    assert job is not None
    assert (job.state, job.attempts, job.last_error) == (JobState.FAILED, 1, got["failure_reason"])
    assert queue.huey.pending_count() == 0
    assert queue.huey.scheduled_count() == 0
    # the original stays downloadable
    download = as_uploader.get(f"/api/v1/media/{body['id']}/download", follow_redirects=False)
    assert download.status_code == 302
    assert follow(as_uploader, download.headers["location"]).content == movie.read_bytes()


def test_download_is_a_short_lived_signed_attachment(
    upload: Upload, as_uploader: TestClient, media_client, tmp_path: Path
) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes(b"0123456789" * 100)
    body = upload(source, name="notes \u00e9t\u00e9.txt")
    r = as_uploader.get(f"/api/v1/media/{body['id']}/download", params={"redirect": "false"})
    assert r.status_code == 200
    url = r.json()["url"]
    query = parse_qs(urlsplit(url).query)
    expires = int(query["expires"][0])
    import time

    assert 0 < expires - time.time() <= 300
    anonymous = media_client(None)  # the signature is the grant
    got = follow(anonymous, url)
    assert got.status_code == 200
    assert got.content == source.read_bytes()
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''notes%20%C3%A9t%C3%A9.txt" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"
    ranged = follow(anonymous, url, Range="bytes=5-14")
    assert (ranged.status_code, ranged.content) == (206, source.read_bytes()[5:15])
    tampered = url.replace("signature=", "signature=0")
    assert follow(anonymous, tampered).status_code == 403
    other = url.replace(f"/media/{body['id']}/", f"/media/{body['id'] + 1}/")
    assert follow(anonymous, other).status_code == 403
    path = urlsplit(url).path
    expired = anonymous.get(path, params={"expires": "1", "signature": query["signature"][0]})
    assert expired.status_code == 403


def test_html_is_served_as_an_attachment(
    upload: Upload, as_uploader: TestClient, queue, tmp_path: Path
) -> None:
    page = tmp_path / "x.png"
    page.write_bytes(b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    body = upload(page)
    assert body["mime"] == "text/html"
    run_jobs(queue)
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert got["state"] == "ready"
    assert got["renditions"] == []
    r = follow(as_uploader, got["download_url"])
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_rendition_route_redirects_and_404s_until_made(
    upload: Upload, as_uploader: TestClient, queue, tmp_path: Path
) -> None:
    body = upload(make_still(tmp_path / "a.png", "PNG"))
    missing = as_uploader.get(f"/api/v1/media/{body['id']}/renditions/thumbnail_small")
    assert missing.status_code == 404
    run_jobs(queue)
    r = as_uploader.get(
        f"/api/v1/media/{body['id']}/renditions/thumbnail_small", follow_redirects=False
    )
    assert r.status_code == 302
    thumb = follow(as_uploader, r.headers["location"])
    assert thumb.headers["content-type"] == "image/jpeg"
    assert thumb.headers["content-disposition"].startswith("inline")
    assert thumb.content[:3] == b"\xff\xd8\xff"
    bad = as_uploader.get(f"/api/v1/media/{body['id']}/renditions/poster")
    assert bad.status_code == 422


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST])
def test_internal_roles_read_media(
    role: Role, upload: Upload, media_client, tmp_path: Path
) -> None:
    body = upload(make_still(tmp_path / "a.png", "PNG"))
    client = media_client(role)
    assert client.get(f"/api/v1/media/{body['id']}").status_code == 200
    assert (
        client.get(f"/api/v1/media/{body['id']}/download", follow_redirects=False).status_code
        == 302
    )


def test_clients_foreign_orgs_and_anonymous_do_not_see_media(
    upload: Upload, media_client, foreign_media_client: TestClient, tmp_path: Path
) -> None:
    body = upload(make_still(tmp_path / "a.png", "PNG"))
    paths = [
        f"/api/v1/media/{body['id']}",
        f"/api/v1/media/{body['id']}/download",
        f"/api/v1/media/{body['id']}/renditions/thumbnail_small",
        "/api/v1/media/999999",
    ]
    for client in (media_client(Role.CLIENT), foreign_media_client):
        for path in paths:
            r = client.get(path, follow_redirects=False)
            assert r.status_code == 404, path
            assert r.json()["error"]["code"] == "not_found"
    anonymous = media_client(None)
    assert anonymous.get(paths[0]).status_code == 401


def test_clients_may_not_upload_multipart(media_client, tmp_path: Path) -> None:
    r = media_client(Role.CLIENT).post("/api/v1/media", files={"file": ("a.bin", b"abc")})
    assert r.status_code == 403
    assert (
        media_client(None).post("/api/v1/media", files={"file": ("a.bin", b"abc")}).status_code
        == 401
    )


def test_multipart_over_the_limit_is_413(as_uploader: TestClient, storage: LocalStorage) -> None:
    r = as_uploader.post("/api/v1/media", files={"file": ("big.bin", b"x" * (MAX_UPLOAD + 1))})
    assert r.status_code == 413
    assert not (storage.root / "blobs").exists()


def test_multipart_upload_records_sha256_and_event(
    upload: Upload, session: Session, tmp_path: Path
) -> None:
    data = b"\x00\x01" * 5000
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    before = factories.last_event_id(session)
    body = upload(path)
    assert (body["sha256"], body["size"], body["original_name"]) == (
        hashlib.sha256(data).hexdigest(),
        len(data),
        "data.bin",
    )
    events = factories.events_after(session, before)
    assert [e.verb for e in events] == ["media.uploaded"]
    assert events[0].changes["sha256"] == [None, body["sha256"]]
