"""A real Shotline server (uvicorn in a subprocess) with demo data, for end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.dbutil import pg_base_url
from tests.e2e.browser import browser  # noqa: F401  (one session-wide browser for every module)
from tests.servers import base_env, load_demo, serve


@dataclass
class LiveServer:
    url: str
    logins: dict[str, tuple[str, str]]  # role -> (email, password)
    env: dict[str, str]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if pg_base_url():
        pytest.skip("end-to-end tests run once, on the embedded defaults")
    data = tmp_path_factory.mktemp("live")
    env = base_env(data)
    logins = load_demo(env)
    with serve(env, data / "server.log") as url:
        yield LiveServer(url=url, logins=logins, env=env)
