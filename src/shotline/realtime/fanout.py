"""Waking open streams when new events are committed, in this process and in the others.

Invariants:
- a wake-up only says "the log has new events up to id N" (or "these people's inboxes
  changed"); every stream then reads the rows from the `event` table itself and filters
  them for its viewer (or counts its viewer's unread notifications), so a lost, doubled or
  late wake-up costs latency, never correctness (streams also re-read the log and the
  count on every heartbeat as a safety net);
- an inbox wake-up names account ids: only those people's streams look at their inbox,
  and a stream only ever counts its own viewer's notifications;
- in one process the after-commit hook (`events.hooks`) wakes the streams directly;
- across processes a relay carries the wake-up: Redis pub/sub when `SHOTLINE_REDIS_URL` is
  set, else PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, else nothing (SQLite
  is one server process; other writers are picked up at the next heartbeat). A process
  without streams (`shotline worker`) only publishes;
- nothing here blocks a commit: the hook only hands the wake-up to a publisher thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.engine import make_url

from shotline.config import Settings
from shotline.events import hooks

log = logging.getLogger("shotline.realtime")

PG_CHANNEL = "shotline_events"
RETRY_SECONDS = 1.0
# Relay payloads: "<event id>" or "n:<account id>,<account id>,..." ("n:*": everyone).
INBOX_PREFIX = "n:"
EVERYONE = "*"
# PostgreSQL NOTIFY payloads must stay under 8000 bytes: a longer list becomes "everyone".
MAX_PAYLOAD = 7000

# An outbox item: a new newest event id, or the accounts whose inbox changed (None: all).
Wake = tuple[str, Any]


class Relay(Protocol):
    mode: str

    def publish(self, payload: str) -> None: ...

    def listen(self, stop: threading.Event, deliver: Callable[[str], None]) -> None: ...


@dataclass(eq=False)
class Subscription:
    """One open stream: woken for new events, and told when its viewer's inbox changed."""

    account_id: int | None
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    inbox_changed: bool = False


def inbox_payload(account_ids: frozenset[int] | None) -> str:
    if account_ids is None:
        return INBOX_PREFIX + EVERYONE
    text = INBOX_PREFIX + ",".join(str(i) for i in sorted(account_ids))
    return text if len(text) <= MAX_PAYLOAD else INBOX_PREFIX + EVERYONE


class Broadcaster:
    """One per app: the open streams of this process and the relay to the other processes."""

    def __init__(self, relay: Relay | None = None) -> None:
        self.relay = relay
        self.mode = relay.mode if relay is not None else "in-process"
        self.latest = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subscriptions: set[Subscription] = set()
        self._outbox: queue.SimpleQueue[Wake | None] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        """In a server (inside its event loop): wake local streams, publish and listen."""
        self._loop = asyncio.get_running_loop()
        self._start(("publish", "listen"))

    def start_publishing(self) -> None:
        """In a process without streams (`shotline worker`): only tell the others."""
        self._start(("publish",))

    def _start(self, roles: tuple[str, ...]) -> None:
        self._stop.clear()
        hooks.add_listener(self)
        if self.relay is None:
            return
        loops = {"publish": self._publish_loop, "listen": self._listen_loop}
        for name in roles:
            thread = threading.Thread(target=loops[name], name=f"shotline-{name}", daemon=True)
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

    # --- producers (`events.hooks` listeners: run inside `Session.commit()`, never block) --

    def events_committed(self, event_ids: list[int]) -> None:
        newest = max(event_ids)
        self.wake(newest)
        if self.relay is not None:
            self._outbox.put(("e", newest))

    def inbox_changed(self, account_ids: set[int]) -> None:
        accounts = frozenset(account_ids)
        self.wake_inbox(accounts)
        if self.relay is not None:
            self._outbox.put(("n", accounts))

    def wake(self, event_id: int) -> None:
        """Thread-safe: new events up to `event_id` exist; every stream re-reads the log."""
        self._call(self._wake_all, event_id)

    def wake_inbox(self, account_ids: frozenset[int] | None) -> None:
        """Thread-safe: these people's notifications changed (None: anyone's)."""
        self._call(self._wake_inboxes, account_ids)

    def deliver(self, payload: str) -> None:
        """A relay message from another process."""
        if payload.startswith(INBOX_PREFIX):
            names = payload.removeprefix(INBOX_PREFIX)
            ids = None if names == EVERYONE else frozenset(int(i) for i in names.split(",") if i)
            self.wake_inbox(ids)
        else:
            self.wake(int(payload))

    def _call(self, target: Callable[[Any], None], arg: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop is shutting down
            loop.call_soon_threadsafe(target, arg)

    def _wake_all(self, event_id: int) -> None:
        self.latest = max(self.latest, event_id)
        for sub in self._subscriptions:
            sub.woken.set()

    def _wake_inboxes(self, account_ids: frozenset[int] | None) -> None:
        for sub in self._subscriptions:
            if sub.account_id is None:
                continue
            if account_ids is None or sub.account_id in account_ids:
                sub.inbox_changed = True
                sub.woken.set()

    # --- consumers (the streams) -----------------------------------------------------

    @contextmanager
    def subscribe(self, account_id: int | None = None) -> Iterator[Subscription]:
        sub = Subscription(account_id)
        self._subscriptions.add(sub)
        try:
            yield sub
        finally:
            self._subscriptions.discard(sub)

    @property
    def open_streams(self) -> int:
        return len(self._subscriptions)

    # --- relay threads ---------------------------------------------------------------

    def _publish_loop(self) -> None:
        while not self._stop.is_set():
            item = self._outbox.get()
            if item is None:
                return
            batch = [item]
            while True:  # coalesce a burst
                try:
                    more = self._outbox.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._stop.set()
                    break
                batch.append(more)
            for payload in _coalesce(batch):
                self._publish(payload)

    def _publish(self, payload: str) -> None:
        if self.relay is None:
            return
        try:
            self.relay.publish(payload)
        except Exception:  # the others catch up at their next heartbeat
            log.warning("could not publish %r over %s", payload, self.mode, exc_info=True)

    def _listen_loop(self) -> None:
        if self.relay is None:
            return
        while not self._stop.is_set():
            try:
                self.relay.listen(self._stop, self.deliver)
            except Exception:
                log.warning("%s listener lost; reconnecting", self.mode, exc_info=True)
                self._stop.wait(RETRY_SECONDS)


def _coalesce(batch: list[Wake]) -> list[str]:
    """A burst of wake-ups as few relay messages: the newest event id, and one inbox list."""
    newest = max((value for kind, value in batch if kind == "e"), default=None)
    inboxes = [value for kind, value in batch if kind == "n"]
    out = [] if newest is None else [str(newest)]
    if inboxes:
        accounts: frozenset[int] = frozenset().union(*inboxes)
        out.append(inbox_payload(accounts))
    return out


class RedisRelay:
    mode = "redis"

    def __init__(self, url: str, channel: str) -> None:
        import redis

        self.channel = channel
        self._url = url
        self._client: Any = redis.Redis.from_url(url)

    def publish(self, payload: str) -> None:
        self._client.publish(self.channel, payload)

    def listen(self, stop: threading.Event, deliver: Callable[[str], None]) -> None:
        import redis

        client = redis.Redis.from_url(self._url)
        pubsub = client.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
        try:
            pubsub.subscribe(self.channel)
            while not stop.is_set():
                message = pubsub.get_message(timeout=0.5)
                if message and message.get("type") == "message":
                    data = message["data"]
                    deliver(data.decode() if isinstance(data, bytes) else str(data))
        finally:
            pubsub.close()
            client.close()


class PostgresRelay:
    mode = "postgresql"

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._conn: Any = None

    def publish(self, payload: str) -> None:
        import psycopg

        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self._dsn, autocommit=True)
        try:
            self._conn.execute("SELECT pg_notify(%s, %s)", (PG_CHANNEL, payload))
        except psycopg.Error:
            self._conn.close()
            self._conn = None
            raise

    def listen(self, stop: threading.Event, deliver: Callable[[str], None]) -> None:
        import psycopg

        with psycopg.connect(self._dsn, autocommit=True) as conn:
            conn.execute(f"LISTEN {PG_CHANNEL}")
            while not stop.is_set():
                for notice in conn.notifies(timeout=0.5):
                    deliver(notice.payload)


def make_broadcaster(settings: Settings, database_url: str) -> Broadcaster:
    """Redis when configured, else LISTEN/NOTIFY on PostgreSQL, else in-process only."""
    if settings.redis_url:
        return Broadcaster(RedisRelay(settings.redis_url, f"{settings.job_queue_name}:events"))
    if make_url(database_url).get_backend_name() == "postgresql":
        return Broadcaster(PostgresRelay(database_url))
    return Broadcaster()
