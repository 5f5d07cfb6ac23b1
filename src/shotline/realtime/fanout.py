"""Waking open streams when new events are committed, in this process and in the others.

Invariants:
- a wake-up only says "the log has new events up to id N"; every stream then reads the
  rows from the `event` table itself and filters them for its viewer, so a lost, doubled or
  late wake-up costs latency, never correctness (streams also re-read the log on every
  heartbeat as a safety net);
- in one process the after-commit hook (`events.hooks`) wakes the streams directly;
- across processes a relay carries the id: Redis pub/sub when `SHOTLINE_REDIS_URL` is set,
  else PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, else nothing (SQLite is
  one server process; other writers are picked up at the next heartbeat);
- nothing here blocks a commit: the hook only hands the id to a publisher thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from shotline.config import Settings
from shotline.events import hooks

log = logging.getLogger("shotline.realtime")

PG_CHANNEL = "shotline_events"
RETRY_SECONDS = 1.0


class Relay(Protocol):
    mode: str

    def publish(self, event_id: int) -> None: ...

    def listen(self, stop: threading.Event, deliver: Any) -> None: ...


class Broadcaster:
    """One per app: the open streams of this process and the relay to the other processes."""

    def __init__(self, relay: Relay | None = None) -> None:
        self.relay = relay
        self.mode = relay.mode if relay is not None else "in-process"
        self.latest = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: set[asyncio.Event] = set()
        self._outbox: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # --- lifecycle (called from the app's lifespan, inside the event loop) -------------

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop.clear()
        hooks.add_listener(self)
        if self.relay is not None:
            for target, name in ((self._publish_loop, "publish"), (self._listen_loop, "listen")):
                thread = threading.Thread(target=target, name=f"shotline-{name}", daemon=True)
                thread.start()
                self._threads.append(thread)

    def stop(self) -> None:
        hooks.remove_listener(self)
        self._stop.set()
        self._outbox.put(None)
        for thread in self._threads:
            thread.join(timeout=3)
        self._threads.clear()
        self._loop = None

    # --- producers -------------------------------------------------------------------

    def events_committed(self, event_ids: list[int]) -> None:
        """`events.hooks` listener (runs inside `Session.commit()`): never blocks."""
        newest = max(event_ids)
        self.wake(newest)
        if self.relay is not None:
            self._outbox.put(newest)

    def wake(self, event_id: int) -> None:
        """Thread-safe: new events up to `event_id` exist; every stream re-reads the log."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is shutting down
            loop.call_soon_threadsafe(self._wake_all, event_id)

    def _wake_all(self, event_id: int) -> None:
        self.latest = max(self.latest, event_id)
        for waiter in self._waiters:
            waiter.set()

    # --- consumers (the streams) -----------------------------------------------------

    @contextmanager
    def subscribe(self) -> Iterator[asyncio.Event]:
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            yield waiter
        finally:
            self._waiters.discard(waiter)

    @property
    def open_streams(self) -> int:
        return len(self._waiters)

    # --- relay threads ---------------------------------------------------------------

    def _publish_loop(self) -> None:
        if self.relay is None:
            return
        while not self._stop.is_set():
            item = self._outbox.get()
            if item is None:
                return
            newest = item
            while True:  # coalesce a burst into one message
                try:
                    more = self._outbox.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._stop.set()
                    break
                newest = max(newest, more)
            try:
                self.relay.publish(newest)
            except Exception:  # the others catch up at their next heartbeat
                log.warning("could not publish event %s over %s", newest, self.mode, exc_info=True)

    def _listen_loop(self) -> None:
        if self.relay is None:
            return
        while not self._stop.is_set():
            try:
                self.relay.listen(self._stop, self.wake)
            except Exception:
                log.warning("%s listener lost; reconnecting", self.mode, exc_info=True)
                self._stop.wait(RETRY_SECONDS)


class RedisRelay:
    mode = "redis"

    def __init__(self, url: str, channel: str) -> None:
        import redis

        self.channel = channel
        self._url = url
        self._client: Any = redis.Redis.from_url(url)

    def publish(self, event_id: int) -> None:
        self._client.publish(self.channel, str(event_id))

    def listen(self, stop: threading.Event, deliver: Any) -> None:
        import redis

        client = redis.Redis.from_url(self._url)
        pubsub = client.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
        try:
            pubsub.subscribe(self.channel)
            while not stop.is_set():
                message = pubsub.get_message(timeout=0.5)
                if message and message.get("type") == "message":
                    deliver(int(message["data"]))
        finally:
            pubsub.close()
            client.close()


class PostgresRelay:
    mode = "postgresql"

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._conn: Any = None

    def publish(self, event_id: int) -> None:
        import psycopg

        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self._dsn, autocommit=True)
        try:
            self._conn.execute("SELECT pg_notify(%s, %s)", (PG_CHANNEL, str(event_id)))
        except psycopg.Error:
            self._conn.close()
            self._conn = None
            raise

    def listen(self, stop: threading.Event, deliver: Any) -> None:
        import psycopg

        with psycopg.connect(self._dsn, autocommit=True) as conn:
            conn.execute(f"LISTEN {PG_CHANNEL}")
            while not stop.is_set():
                for notice in conn.notifies(timeout=0.5):
                    deliver(int(notice.payload))


def make_broadcaster(settings: Settings, database_url: str) -> Broadcaster:
    """Redis when configured, else LISTEN/NOTIFY on PostgreSQL, else in-process only."""
    if settings.redis_url:
        return Broadcaster(RedisRelay(settings.redis_url, f"{settings.job_queue_name}:events"))
    if make_url(database_url).get_backend_name() == "postgresql":
        return Broadcaster(PostgresRelay(database_url))
    return Broadcaster()
