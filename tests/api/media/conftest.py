"""Media/job fixtures: an app with small limits, its own storage and an in-memory queue."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.app import create_app
from shotline.auth.models import Account, Role
from shotline.config import Settings, get_settings
from shotline.db.runtime import Database
from shotline.jobs.queue import JobQueue, memory_huey
from shotline.jobs.registry import JobContext
from shotline.media.storage import LocalStorage
from tests import factories

MAX_UPLOAD = 200_000


@pytest.fixture
def media_settings(tmp_path: Path) -> Settings:
    return get_settings().model_copy(
        update={
            "data_dir": tmp_path / "data",
            "storage_url": str(tmp_path / "media"),
            "max_upload_bytes": MAX_UPLOAD,
            "max_form_upload_bytes": MAX_UPLOAD,
        }
    )


@pytest.fixture
def storage(media_settings: Settings) -> LocalStorage:
    return LocalStorage(Path(media_settings.resolved_storage_url))


@pytest.fixture
def queue(db: Database, storage: LocalStorage, media_settings: Settings) -> JobQueue:
    return JobQueue(memory_huey(), JobContext(db, storage, media_settings))


@pytest.fixture
def media_app(
    db: Database, storage: LocalStorage, queue: JobQueue, media_settings: Settings
) -> FastAPI:
    app = create_app(media_settings, db=db, storage=storage, jobs=queue)
    return app


def run_jobs(queue: JobQueue) -> int:
    """Run everything waiting on the in-memory queue, as a worker would; return how many."""
    count = 0
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
        count += 1
    return count


@pytest.fixture
def media_client(
    media_app: FastAPI, session: Session, people: dict[Role, Account]
) -> Callable[[Role | None], TestClient]:
    clients: list[TestClient] = []

    def make(role: Role | None) -> TestClient:
        cookies = {}
        if role is not None:
            token = factories.make_session_token(session, people[role])
            session.commit()
            cookies = {get_settings().session_cookie_name: token}
        client = TestClient(media_app, base_url="https://testserver", cookies=cookies)
        clients.append(client)
        return client

    return make


@pytest.fixture
def as_uploader(media_client: Callable[[Role | None], TestClient]) -> TestClient:
    return media_client(Role.ARTIST)


@pytest.fixture
def foreign_media_client(media_app: FastAPI, session: Session, foreign_org: object) -> TestClient:
    account = factories.make_account(session, foreign_org, role=Role.ADMIN)  # type: ignore[arg-type]
    token = factories.make_session_token(session, account)
    session.commit()
    return TestClient(
        media_app,
        base_url="https://testserver",
        cookies={get_settings().session_cookie_name: token},
    )


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": "1.0.0", **extra}


def create_upload(
    client: TestClient,
    length: int,
    *,
    name: str = "plate.bin",
    filetype: str = "application/octet-stream",
) -> str:
    r = client.post(
        "/api/v1/uploads",
        headers=tus_headers(
            **{
                "Upload-Length": str(length),
                "Upload-Metadata": f"filename {b64(name)},filetype {b64(filetype)}",
            }
        ),
    )
    assert r.status_code == 201, r.text
    return str(r.headers["location"]).rsplit("/", 1)[-1]


def patch(client: TestClient, upload_id: str, offset: int, data: bytes, **extra: str):  # type: ignore[no-untyped-def]
    return client.patch(
        f"/api/v1/uploads/{upload_id}",
        content=data,
        headers=tus_headers(
            **{
                "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream",
                **extra,
            }
        ),
    )
