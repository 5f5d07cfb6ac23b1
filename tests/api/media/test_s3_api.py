"""The whole media path through the API on S3 storage (moto server on 127.0.0.1)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy.orm import Session

from shotline.app import create_app, make_storage
from shotline.auth.models import Account, Role
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.jobs.queue import JobQueue, memory_huey
from shotline.jobs.registry import JobContext
from shotline.media.storage import S3Storage
from tests import factories
from tests.api.media.conftest import run_jobs
from tests.unit.media.conftest import (  # noqa: F401  # fixtures
    S3_KEY,
    S3_REGION,
    S3_SECRET,
    s3_bucket,
    s3_endpoint,
)
from tests.unit.media.media_samples import make_movie

pytestmark = pytest.mark.api


@pytest.fixture
def s3_app(
    db: Database,
    media_settings: Settings,
    s3_bucket: str,  # noqa: F811
    s3_endpoint: str,  # noqa: F811
) -> tuple[TestClient, JobQueue]:
    settings = media_settings.model_copy(
        update={
            "storage_url": f"s3://{s3_bucket}/studio",
            "s3_endpoint_url": s3_endpoint,
            "s3_region": S3_REGION,
            "s3_access_key_id": S3_KEY,
            "s3_secret_access_key": SecretStr(S3_SECRET),
        }
    )
    storage = make_storage(settings)
    assert isinstance(storage, S3Storage)
    queue = JobQueue(memory_huey(), JobContext(db, storage, settings))
    app = create_app(settings, db=db, storage=storage, jobs=queue)
    return TestClient(app, base_url="https://testserver"), queue


def test_upload_process_and_download_through_presigned_urls(
    s3_app: tuple[TestClient, JobQueue],
    session: Session,
    people: dict[Role, Account],
    media_settings: Settings,
    s3_endpoint: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    client, queue = s3_app
    token = factories.make_session_token(session, people[Role.ARTIST])
    session.commit()
    client.cookies.set(media_settings.session_cookie_name, token)
    data = make_movie(tmp_path / "shot.mp4", frames=12, audio=True).read_bytes()
    r = client.post("/api/v1/media", files={"file": ("shot_020.mp4", data)})
    assert r.status_code == 201, r.text
    media_id = r.json()["id"]
    assert r.json()["sha256"] == hashlib.sha256(data).hexdigest()
    assert run_jobs(queue) == 1
    got = client.get(f"/api/v1/media/{media_id}").json()
    assert got["state"] == "ready", got["failure_reason"]

    r = client.get(f"/api/v1/media/{media_id}/download", params={"redirect": "false"})
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert url.startswith(f"{s3_endpoint}/")
    assert "X-Amz-Signature=" in url
    fetched = httpx.get(url)
    assert fetched.status_code == 200
    assert fetched.content == data
    assert "attachment" in fetched.headers.get("content-disposition", "")

    r = client.get(f"/api/v1/media/{media_id}/renditions/proxy", params={"redirect": "false"})
    proxy = httpx.get(r.json()["url"])
    assert proxy.status_code == 200
    assert proxy.headers["content-type"] == "video/mp4"
    sizes = {x["kind"]: x["size"] for x in got["renditions"]}
    assert len(proxy.content) == sizes["proxy"]
