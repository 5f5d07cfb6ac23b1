"""Real `shotline serve` processes (uvicorn in a subprocess) for stream and fan-out tests,
and a small Server-Sent Events reader."""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(data: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "SHOTLINE_DATA_DIR": str(data),
        "SHOTLINE_DATABASE_URL": database_url or f"sqlite:///{data / 'shotline.db'}",
        "SHOTLINE_STORAGE_URL": str(data / "media"),
        "SHOTLINE_EVENT_GAP_GRACE_SECONDS": "2",
    }
    env.pop("SHOTLINE_REDIS_URL", None)
    env.update(extra)
    return env


def load_demo(env: dict[str, str]) -> dict[str, tuple[str, str]]:
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
    return logins


@contextmanager
def serve(
    env: dict[str, str], log_path: Path, *args: str, start_timeout: float = 30
) -> Iterator[str]:
    """Start `shotline serve [args]` on a free port; yield its URL; stop it afterwards."""
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "shotline", "serve", "--port", str(port), *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(log_path.read_text())
            time.sleep(0.1)
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def work(env: dict[str, str], log_path: Path) -> Iterator[None]:
    """Run `shotline worker` (the job queue's consumer) while the block runs."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "shotline", "worker", "--threads", "1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def login(url: str, email: str, password: str) -> httpx.Client:
    browser = httpx.Client(base_url=url, timeout=10)
    r = browser.post("/api/v1/auth/login", json={"email": email, "password": password})
    r.raise_for_status()
    return browser


@dataclass
class Message:
    id: str | None = None
    event: str | None = None
    data: str = ""
    comment: str | None = None

    def json(self) -> Any:
        return json.loads(self.data)


@dataclass
class Stream:
    """An open SSE connection read on a thread; `next()` waits for the next message."""

    messages: queue.Queue[Message] = field(default_factory=queue.Queue)
    ended: threading.Event = field(default_factory=threading.Event)
    _response: Any = None

    def next(
        self, timeout: float = 5.0, *, comments: bool = False, notifications: bool = False
    ) -> Message:
        """The next event of the log (and comments / `notification` messages if asked)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message")
            message = self.messages.get(timeout=left)
            if message.comment is not None:
                if comments:
                    return message
            elif message.event != "notification" or notifications:
                return message

    def notification(self, timeout: float = 5.0) -> Message:
        """The next `notification` message (the viewer's unread count)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next(max(deadline - time.monotonic(), 0.001), notifications=True)
            if message.event == "notification":
                return message

    def events(self, count: int, timeout: float = 5.0) -> list[Message]:
        return [self.next(timeout) for _ in range(count)]

    def nothing_for(self, seconds: float, *, notifications: bool = False) -> bool:
        try:
            self.next(seconds, notifications=notifications)
        except (TimeoutError, queue.Empty):
            return True
        return False


@contextmanager
def open_stream(
    client: httpx.Client,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Iterator[Stream]:
    stream = Stream()
    ready = threading.Event()
    stop = threading.Event()

    def read() -> None:
        try:
            _read()
        finally:
            stream.ended.set()

    def _read() -> None:
        with client.stream(
            "GET", "/api/v1/stream", params=params, headers=headers, timeout=None
        ) as response:
            stream._response = response
            ready.set()
            if response.status_code != 200:
                return
            current = Message()
            try:
                for line in response.iter_lines():
                    if stop.is_set():
                        return
                    if line == "":
                        if current.id or current.event or current.data or current.comment:
                            stream.messages.put(current)
                        current = Message()
                    elif line.startswith(":"):
                        stream.messages.put(Message(comment=line[1:].strip()))
                    else:
                        key, _, value = line.partition(":")
                        value = value.removeprefix(" ")
                        if key == "id":
                            current.id = value
                        elif key == "event":
                            current.event = value
                        elif key == "data":
                            current.data += value
            except Exception:  # closed by the test (or the server stopped)
                return

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    ready.wait(10)
    # The stream is subscribed once its first comment ("connected") arrives.
    if stream._response is not None and stream._response.status_code == 200:
        stream.next(10, comments=True)
    try:
        yield stream
    finally:
        stop.set()
        if stream._response is not None:
            stream._response.close()
        thread.join(timeout=5)
