"""Sending the leak test's requests as one viewer and judging the answers.

Every request runs inside a SAVEPOINT that is rolled back afterwards, so the world is the
same for every request (a download counted, a note written or a link revoked by one request
never shows in the next) and a write can be checked against the untouched world: the SQL
statements the request ran name the tables it wrote, and those tables are compared with
their rows before the request."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx2
from sqlalchemy import Connection, Engine, MetaData, event, select

from shotline.db.base import Base
from tests.api.leak_routes import Call, body_for, walk
from tests.api.leak_world import Sight

DML = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)\"?", re.IGNORECASE)
# Bookkeeping any request may leave: the session's last-seen time, a link's access log,
# failure counters (a wrong password or API key is counted even though it fails).
BOOKKEEPING = {"review_session_access", "rate_limit_bucket"}
IGNORED_COLUMNS = {("auth_session", "last_seen_at"), ("api_key", "last_used_at")}
# Keys no client answer may carry (internal links and secrets).
INTERNAL_KEYS = {
    "task_id",
    "shot_id",
    "asset_id",
    "sequence_id",
    "episode_id",
    "uploaded_by",
    "assignee_ids",
    "token_hash",
    "password_hash",
    "secret",
    "status_id",
    "supervisor_id",
}
MEDIA_IN_URL = re.compile(r"/media/(\d+)/")
SAVEPOINT = "leak_probe_request"


@dataclass
class Answer:
    status: int
    text: str
    changed: set[str] = field(default_factory=set)

    @property
    def signature(self) -> tuple[int, str]:
        return self.status, self.text


class Prober:
    """One viewer's requests against the world, each rolled back. The requests go straight
    to the ASGI app from one event loop and one task (no TestClient thread hand-offs:
    thousands of requests stay fast)."""

    def __init__(
        self,
        app: Any,
        credentials: dict[str, Any],
        conn: Connection,
        engine: Engine,
        components: dict[str, Any],
    ) -> None:
        self.loop = asyncio.new_event_loop()
        self.http = httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=app), base_url="https://testserver", **credentials
        )
        self.conn = conn
        self.engine = engine
        self.components = components
        self.hint = 0
        self._tables: dict[str, list[tuple[Any, ...]]] = {}
        self._meta: MetaData = Base.metadata
        self._bodies: dict[tuple[str, str], dict[str, Any]] = {}
        self._written: set[str] = set()  # tables the current request wrote to
        event.listen(self.engine, "before_cursor_execute", self._listen)

    def send_all(self, calls: Iterable[Call]) -> list[tuple[Call, Answer]]:
        """Each call in turn, all from one task (anyio keeps its worker threads, where the
        app's sync code would run, for the life of a task: not one thread per request)."""

        async def run() -> list[tuple[Call, Answer]]:
            return [(call, await self._send(call)) for call in calls]

        return self.loop.run_until_complete(run())

    async def _send(self, call: Call) -> Answer:
        endpoint = call.endpoint
        key = (endpoint.method, endpoint.template)
        if key not in self._bodies:
            self._bodies[key] = body_for(endpoint, self.components, self.hint)
        self._written.clear()
        self.conn.exec_driver_sql(f"SAVEPOINT {SAVEPOINT}")
        try:
            r = await self.http.request(
                endpoint.method, call.url, params=call.query, **self._bodies[key]
            )
            changed = {t for t in self._written if self._rows(t) != self._before(t)}
        finally:
            # ROLLBACK TO keeps the savepoint open: release it too, or every request
            # nests one level deeper (on PostgreSQL the first write then gives each level
            # a transaction id and a lock, thousands of them, until the server's lock
            # table is full).
            self.conn.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
            self.conn.exec_driver_sql(f"RELEASE SAVEPOINT {SAVEPOINT}")
        return Answer(r.status_code, r.text, changed)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._listen)
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()

    def _listen(self, _c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        m = DML.match(statement)
        if m:
            self._written.add(m.group(1).lower())

    def _before(self, table: str) -> list[tuple[Any, ...]]:
        # Read outside any request: the world as every request finds it.
        if table not in self._tables:
            raise AssertionError(f"{table}: no snapshot (call snapshot() first)")
        return self._tables[table]

    def snapshot(self) -> None:
        for table in self._meta.tables:
            self._tables[table] = self._rows(table)

    def _rows(self, table: str) -> list[tuple[Any, ...]]:
        t = self._meta.tables[table]
        cols = [c for c in t.columns if (table, c.name) not in IGNORED_COLUMNS]
        rows = self.conn.execute(select(*cols).order_by(*t.primary_key.columns)).all()
        return [tuple(r) for r in rows]


# --- judging an answer ------------------------------------------------------------------


def secrets_in(text: str, forbidden: list[str]) -> list[str]:
    return [s for s in forbidden if s and s in text]


def id_problems(
    answer: Answer,
    call: Call,
    sight: Sight,
    components: dict[str, Any],
    me: int | None,
    own: set[int],
) -> list[str]:
    """What a 2xx JSON answer holds that the viewer may not have. `own`: the ids the
    viewer may see of the kind the route lists (for objects of no declared schema)."""
    try:
        body = json.loads(answer.text)
    except ValueError:
        return []
    problems: list[str] = []
    kinds = {"version": sight.versions, "note": sight.notes, "project": sight.projects}
    for name, obj in walk(body, call.endpoint.response, components):
        if "id" in obj and isinstance(obj["id"], int):
            allowed = _ID_RULES.get(name or "")
            if obj["id"] in own and (name is None or name in _ID_RULES):
                pass
            elif allowed is None:
                problems.append(f"a {name} object (id {obj['id']})")
            elif not allowed(obj["id"], sight, me):
                problems.append(f"{name} id {obj['id']}")
        for key in INTERNAL_KEYS & obj.keys():
            if any(v not in (None, 0) for v in _values(obj[key])):
                problems.append(f"{name}.{key}={obj[key]}")
        if any(v not in (None, *sight.versions) for v in _values(obj.get("version_id"))):
            problems.append(f"{name}.version_id={obj['version_id']}")
        if any(v not in (None, 0, *sight.media) for v in _values(obj.get("media_id"))):
            problems.append(f"{name}.media_id={obj['media_id']}")
        if name == "NoteClientRead" and obj.get("parent_id") not in (None, *sight.notes):
            problems.append(f"note parent {obj['parent_id']}")
        if obj.get("entity_id") is not None:
            ids = kinds.get(str(obj.get("entity_type")))
            if obj.get("entity_type") == "account":
                ids = {*sight.people, me or 0}
            if ids is None or obj["entity_id"] not in ids:
                problems.append(f"{name} about {obj.get('entity_type')} {obj['entity_id']}")
    for media_id in MEDIA_IN_URL.findall(answer.text):
        if int(media_id) not in sight.media:
            problems.append(f"a URL of media {media_id}")
    return problems


def _values(value: Any) -> list[Any]:
    """A value, or the two values of an event's change (`[old, new]`)."""
    return list(value) if isinstance(value, list) else [value]


def _own(value: int, _sight: Sight, me: int | None) -> bool:
    return value == me


_ID_RULES: dict[str, Any] = {
    "ClientVersionItem": lambda v, s, _m: v in s.versions,
    "VersionClientRead": lambda v, s, _m: v in s.versions,
    "NoteClientRead": lambda v, s, _m: v in s.notes,
    "ClientProjectRead": lambda v, s, _m: v in s.projects,
    "ClientDecisionRead": lambda v, s, _m: v in s.decisions,
    "ActivityItem": lambda _v, _s, _m: True,  # judged by what it is about (entity_id)
    "ActivityActor": lambda v, s, m: v in s.people or v == m,
    "NotificationRead": lambda v, s, _m: v in s.notifications,
    "AccountRead": _own,
    "MeRead": _own,
}
