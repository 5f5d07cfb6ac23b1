"""A real Shotline server process for benchmarks (uvicorn, one worker, as a studio runs it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import serve


@contextmanager
def running_server(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """`shotline serve --no-worker` on the benchmark's database, quiet logs."""
    full_env = {**os.environ, **env, "SHOTLINE_LOG_LEVEL": "warning"}
    with serve(full_env, log_path, "--no-worker", start_timeout=60) as url:
        yield url
