"""A real tus client (tuspy) against a real server: chunked, checksummed, interrupted by a
server restart, resumed, then processed by the server's embedded worker."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from tusclient import client as tus

from tests.dbutil import pg_base_url
from tests.servers import free_port

pytestmark = pytest.mark.e2e


class Server:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "SHOTLINE_DATA_DIR": str(data),
            "SHOTLINE_DATABASE_URL": f"sqlite:///{data / 'shotline.db'}",
            "SHOTLINE_STORAGE_URL": str(data / "media"),
            "SHOTLINE_REDIS_URL": "",
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str, stdin: str | None = None) -> str:
        return subprocess.run(
            [sys.executable, "-m", "shotline", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout

    def start(self) -> None:
        with (self.data / "server.log").open("a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "shotline", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError((self.data / "server.log").read_text())
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    if pg_base_url():
        pytest.skip("end-to-end tests run once, on the embedded defaults")
    srv = Server(tmp_path_factory.mktemp("tus"))
    srv.cli("migrate")
    srv.cli(
        "user",
        "create",
        "td@example.com",
        "--role",
        "artist",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    key = srv.cli("api-key", "create", "td@example.com", "--name", "tuspy").strip()
    srv.start()
    try:
        yield srv, key
    finally:
        srv.stop()


def test_tuspy_upload_interrupted_by_a_restart_resumes_and_is_processed(
    server: tuple[Server, str], tmp_path: Path
) -> None:
    srv, key = server
    data = os.urandom(3 * 1024 * 1024 + 123)
    source = tmp_path / "plate.bin"
    source.write_bytes(data)
    auth = {"Authorization": f"Bearer {key}"}
    client = tus.TusClient(f"{srv.url}/api/v1/uploads/", headers=auth)
    metadata = {"filename": "plate.bin", "filetype": "application/octet-stream"}
    with source.open("rb") as stream:  # tuspy leaves files it opens itself unclosed
        uploader = client.uploader(
            file_stream=stream, chunk_size=512 * 1024, metadata=metadata, upload_checksum=True
        )
        for _ in range(3):
            uploader.upload_chunk()
        assert uploader.offset == 3 * 512 * 1024
        upload_url = uploader.url
    assert upload_url is not None

    srv.stop()  # the connection drops; upload state lives on disk
    srv.start()

    with source.open("rb") as stream:
        resumed = tus.TusClient(f"{srv.url}/api/v1/uploads/", headers=auth).uploader(
            file_stream=stream, url=upload_url, chunk_size=1024 * 1024, upload_checksum=True
        )
        assert resumed.offset == 3 * 512 * 1024  # asked the restarted server
        resumed.upload()
        assert resumed.offset == len(data)

    upload_id = upload_url.rsplit("/", 1)[-1]
    with httpx.Client(base_url=srv.url, headers=auth, timeout=10) as api:
        media_id = api.get(f"/api/v1/uploads/{upload_id}").json()["media_id"]
        deadline = time.monotonic() + 20
        while (media := api.get(f"/api/v1/media/{media_id}").json())["state"] in (
            "queued",
            "processing",
        ):
            assert time.monotonic() < deadline, media
            time.sleep(0.2)
        assert media["state"] == "ready"  # processed by the worker inside `shotline serve`
        assert media["sha256"] == hashlib.sha256(data).hexdigest()
        download = api.get(f"/api/v1/media/{media_id}/download", follow_redirects=True)
        assert download.status_code == 200
        assert hashlib.sha256(download.content).hexdigest() == hashlib.sha256(data).hexdigest()
