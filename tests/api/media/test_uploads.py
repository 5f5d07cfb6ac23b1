"""tus 1.0 uploads at /api/v1/uploads through the ASGI app."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Role
from shotline.config import Settings
from shotline.jobs.models import JobRun, JobState
from shotline.media.models import MediaFile, MediaState
from shotline.media.storage import LocalStorage, blob_key
from tests import factories
from tests.api.media.conftest import MAX_UPLOAD, b64, create_upload, patch, tus_headers

pytestmark = pytest.mark.api


def sha1_header(data: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(data).digest()).decode()  # noqa: S324


def test_options_advertise_version_extensions_and_limit(as_uploader: TestClient) -> None:
    r = as_uploader.options("/api/v1/uploads/", headers=tus_headers())
    assert r.status_code == 204
    assert r.headers["tus-version"] == "1.0.0"
    assert r.headers["tus-max-size"] == str(MAX_UPLOAD)
    extensions = set(r.headers["tus-extension"].split(","))
    assert {"creation", "termination", "checksum", "expiration"} <= extensions
    assert "sha1" in r.headers["tus-checksum-algorithm"].split(",")


def test_upload_in_two_chunks_with_checksums_creates_a_queued_media_file(
    as_uploader: TestClient, session: Session, storage: LocalStorage, people: dict
) -> None:
    data = os.urandom(150_000)
    before = factories.last_event_id(session)
    upload_id = create_upload(as_uploader, len(data), name="../../etc/plate v1.bin")
    head = as_uploader.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers())
    assert head.status_code == 200
    assert head.headers["upload-offset"] == "0"
    assert head.headers["upload-length"] == str(len(data))

    first = patch(
        as_uploader,
        upload_id,
        0,
        data[:100_000],
        **{"Upload-Checksum": sha1_header(data[:100_000])},
    )
    assert first.status_code == 204, first.text
    assert first.headers["upload-offset"] == "100000"
    assert "upload-expires" in first.headers
    last = patch(
        as_uploader,
        upload_id,
        100_000,
        data[100_000:],
        **{"Upload-Checksum": sha1_header(data[100_000:])},
    )
    assert last.status_code == 204, last.text
    media_id = int(last.headers["shotline-media-id"])

    session.expire_all()
    media = session.get(MediaFile, media_id)
    assert media is not None
    digest = hashlib.sha256(data).hexdigest()
    assert (media.sha256, media.size, media.state) == (digest, len(data), MediaState.QUEUED)
    assert media.storage_key == blob_key(digest)
    assert media.original_name == "plate v1.bin"
    assert media.mime == "application/octet-stream"
    assert media.uploaded_by == people[Role.ARTIST].id
    assert b"".join(storage.open_read(media.storage_key)) == data
    job = session.scalars(
        select(JobRun).where(JobRun.dedupe_key == f"media.process:{media_id}")
    ).one()
    assert (job.name, job.state, job.args) == (
        "media.process",
        JobState.QUEUED,
        {"media_file_id": media_id},
    )
    verbs = [(e.verb, e.entity_id) for e in factories.events_after(session, before)]
    assert verbs == [("media.uploaded", media_id)]
    # the upload id tells its media file; a HEAD still says complete
    assert as_uploader.get(f"/api/v1/uploads/{upload_id}").json() == {"media_id": media_id}
    again = as_uploader.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers())
    assert again.headers["upload-offset"] == str(len(data))


def test_missing_tus_resumable_is_412(as_uploader: TestClient) -> None:
    r = as_uploader.post(
        "/api/v1/uploads",
        headers={
            "Upload-Length": "10",
            "Upload-Metadata": f"filename {b64('a')},filetype {b64('b')}",
        },
    )
    assert r.status_code == 412
    assert r.headers["tus-version"] == "1.0.0"


def test_declared_length_over_the_limit_is_413_and_stores_nothing(
    as_uploader: TestClient, media_settings: Settings
) -> None:
    r = as_uploader.post(
        "/api/v1/uploads",
        headers=tus_headers(
            **{
                "Upload-Length": str(MAX_UPLOAD + 1),
                "Upload-Metadata": f"filename {b64('big.mov')},filetype {b64('video/quicktime')}",
            }
        ),
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
    uploads = media_settings.uploads_dir
    stored = [p for p in uploads.rglob("*") if p.is_file()] if uploads.exists() else []
    assert stored == []


def test_metadata_without_filename_is_422(as_uploader: TestClient) -> None:
    r = as_uploader.post(
        "/api/v1/uploads",
        headers=tus_headers(**{"Upload-Length": "10", "Upload-Metadata": f"filetype {b64('x/y')}"}),
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"Upload-Metadata.filename": "required"}


def test_wrong_offset_is_409_and_keeps_the_offset(as_uploader: TestClient) -> None:
    upload_id = create_upload(as_uploader, 100)
    assert patch(as_uploader, upload_id, 0, b"a" * 40).status_code == 204
    r = patch(as_uploader, upload_id, 10, b"b" * 10)
    assert r.status_code == 409
    head = as_uploader.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers())
    assert head.headers["upload-offset"] == "40"


def test_bad_checksum_is_460_and_stores_nothing(as_uploader: TestClient) -> None:
    upload_id = create_upload(as_uploader, 100)
    r = patch(as_uploader, upload_id, 0, b"a" * 50, **{"Upload-Checksum": sha1_header(b"other")})
    assert r.status_code == 460
    assert r.json()["error"]["code"] == "checksum_mismatch"
    head = as_uploader.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers())
    assert head.headers["upload-offset"] == "0"
    bad = patch(as_uploader, upload_id, 0, b"a", **{"Upload-Checksum": "crc32 AAAA"})
    assert bad.status_code == 400


def test_unknown_and_foreign_upload_ids_are_404(
    as_uploader: TestClient, media_client: Callable[[Role | None], TestClient]
) -> None:
    assert as_uploader.head("/api/v1/uploads/" + "0" * 32, headers=tus_headers()).status_code == 404
    assert patch(as_uploader, "0" * 32, 0, b"x").status_code == 404
    upload_id = create_upload(as_uploader, 10)
    producer = media_client(Role.PRODUCER)
    assert producer.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers()).status_code == 404
    assert patch(producer, upload_id, 0, b"x").status_code == 404
    assert producer.get(f"/api/v1/uploads/{upload_id}").status_code == 404


def test_termination_deletes_the_upload(as_uploader: TestClient, media_settings: Settings) -> None:
    upload_id = create_upload(as_uploader, 100)
    patch(as_uploader, upload_id, 0, b"a" * 10)
    r = as_uploader.delete(f"/api/v1/uploads/{upload_id}", headers=tus_headers())
    assert r.status_code == 204
    assert (
        as_uploader.head(f"/api/v1/uploads/{upload_id}", headers=tus_headers()).status_code == 404
    )
    assert not any(p.name == upload_id for p in Path(media_settings.uploads_dir).rglob(upload_id))


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST])
def test_internal_roles_may_start_uploads(
    media_client: Callable[[Role | None], TestClient], role: Role
) -> None:
    create_upload(media_client(role), 10)


def test_clients_may_not_upload_and_anonymous_must_log_in(
    media_client: Callable[[Role | None], TestClient],
) -> None:
    client = media_client(Role.CLIENT)
    r = client.post("/api/v1/uploads", headers=tus_headers(**{"Upload-Length": "10"}))
    assert r.status_code == 403
    anonymous = media_client(None)
    r = anonymous.post("/api/v1/uploads", headers=tus_headers(**{"Upload-Length": "10"}))
    assert r.status_code == 401
    r = patch(anonymous, "0" * 32, 0, b"x", **{"Upload-Checksum": sha1_header(b"x")})
    assert r.status_code == 401


def test_api_key_uploads(
    media_client: Callable[[Role | None], TestClient], session: Session, people: dict
) -> None:
    key = factories.make_api_key(session, people[Role.SUPERVISOR])
    session.commit()
    client = media_client(None)
    client.headers["Authorization"] = f"Bearer {key}"
    upload_id = create_upload(client, 3)
    r = patch(client, upload_id, 0, b"abc")
    assert r.status_code == 204
    assert "shotline-media-id" in r.headers


def test_tus_library_errors_have_our_shape_and_specific_codes(
    as_uploader: TestClient, media_settings: Settings
) -> None:
    upload_id = create_upload(as_uploader, 100)
    assert patch(as_uploader, upload_id, 0, b"a" * 40).status_code == 204
    r = patch(as_uploader, upload_id, 10, b"b" * 10)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "offset_mismatch")
    assert r.headers["tus-resumable"] == "1.0.0"
    r = patch(as_uploader, upload_id, 40, b"b", **{"Upload-Offset": "x"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_offset")
    r = as_uploader.post("/api/v1/uploads", headers={"Upload-Length": "10"})
    assert (r.status_code, r.json()["error"]["code"]) == (412, "tus_version_unsupported")
    assert r.headers["tus-version"] == "1.0.0"
    # an upload past its expiry answers 410 upload_expired
    info = next(media_settings.uploads_dir.rglob(f"{upload_id}.info"))
    past = "Mon, 01 Jan 2001 00:00:00 GMT"
    info.write_text(info.read_text().replace('"expires": "', f'"expires": "{past}", "x": "'))
    r = patch(as_uploader, upload_id, 40, b"b")
    assert (r.status_code, r.json()["error"]["code"]) == (410, "upload_expired")
    assert r.json()["error"]["message"] == "The upload expired; start a new one."
