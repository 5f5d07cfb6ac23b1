"""A real Shotline server (uvicorn in a subprocess) with demo data, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.dbutil import pg_base_url
from tests.e2e.browser import browser  # noqa: F401  (one session-wide browser for every module)


@dataclass
class LiveServer:
    url: str
    logins: dict[str, tuple[str, str]]  # role -> (email, password)
    env: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if pg_base_url():
        pytest.skip("end-to-end tests run once, on the embedded defaults")
    data = tmp_path_factory.mktemp("live")
    env = {
        **os.environ,
        "SHOTLINE_DATA_DIR": str(data),
        "SHOTLINE_DATABASE_URL": f"sqlite:///{data / 'shotline.db'}",
        "SHOTLINE_STORAGE_URL": str(data / "media"),
    }
    demo = subprocess.run(
        [sys.executable, "-m", "shotline", "demo"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    logins = {}
    for line in demo.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and "@" in parts[1]:
            logins[parts[0]] = (parts[1], parts[2])
    port = _free_port()
    log = (data / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "shotline", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(Path(log.name).read_text())
        time.sleep(0.2)
    try:
        yield LiveServer(url=url, logins=logins, env=env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
