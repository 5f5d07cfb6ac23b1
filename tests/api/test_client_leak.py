"""The client leak test (issue 7, "Must show"): as a client account, as a guest of link A
and anonymously, call every route of the OpenAPI schema with every id in the database in
every id parameter. Only shared versions of the client's projects (for the guest: of link
A), their media and client-visible notes ever come back; for everything else the answer is
exactly the answer for an id that exists nowhere (the same 404, or the same 401/403 when
the route is closed to the viewer whatever the id); no secret string of the world appears
in any answer; and a write changes nothing the viewer may not change.

Reads take every id of the database; writes every id of the table each parameter names
(so every one of that kind, the viewer's and the others') and a spread of the rest, which
for that parameter are ids that exist nowhere (`request_list` says why).

The world is built once for the module (`leak_world.build`) in a transaction rolled back at
the end; every request runs in its own rolled-back SAVEPOINT (`leak_probe.Prober`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anyio.to_thread
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from shotline.config import get_settings
from shotline.db.base import Base
from shotline.db.runtime import Database
from tests.api.leak_probe import BOOKKEEPING, Answer, Prober, id_problems, secrets_in
from tests.api.leak_routes import (
    COLLECTIONS,
    NOWHERE,
    Call,
    Endpoint,
    Param,
    calls,
    endpoints,
    kind_of,
    table_of,
)
from tests.api.leak_world import LINK_PASSWORD, Sight, World, build

pytestmark = pytest.mark.api

VIEWERS = ("client", "guest", "anonymous")
# Tables whose rows are log lines, not things the API addresses by id in bulk: their ids
# go only into the parameters named for them.
LOG_TABLES = {
    "event",
    "review_session_access",
    "webhook_delivery",
    "search_document",
    "rate_limit_bucket",
    "auth_session",
    "notification",
    "consumer_cursor",
    "email_digest",
    "overdue_notice",
    "media_rendition",
    "media_sequence_frame",
    "review_guest",
}
# What a viewer may do (2xx, rows written) — and only on its own things (see `_mine`).
CLIENT_WRITES = {
    ("POST", "/api/v1/portal/versions/{version_id}/notes"),
    ("POST", "/api/v1/portal/versions/{version_id}/approve"),
    ("POST", "/api/v1/portal/versions/{version_id}/request-changes"),
    ("POST", "/api/v1/notifications/{notification_id}/read"),
    ("POST", "/api/v1/notifications/read-all"),
    ("PUT", "/api/v1/me/notification-preferences"),
    ("PATCH", "/api/v1/me"),
    ("PATCH", "/api/v1/accounts/{account_id}"),
    ("POST", "/api/v1/auth/logout"),
}
GUEST_WRITES = {
    ("POST", "/api/v1/share/{token}/unlock"),
    ("POST", "/api/v1/share/{token}/versions/{version_id}/notes"),
    ("POST", "/api/v1/share/{token}/versions/{version_id}/approve"),
    ("POST", "/api/v1/share/{token}/versions/{version_id}/request-changes"),
    ("GET", "/api/v1/share/{token}/versions/{version_id}/download"),  # counts the download
}
ANYONE_WRITES = {("POST", "/api/v1/share/{token}/unlock")}
UNKNOWN_TOKEN = "unknown-link-token-that-was-never-issued-0000000000"


@pytest.fixture(scope="module")
def world(engine: Engine, app: FastAPI) -> Iterator[World]:
    conn = engine.connect()
    outer = conn.begin()
    factory = sessionmaker(
        bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    db = Database(engine=engine, read=factory, write=factory)
    w = build(app, db)
    w.conn = conn
    yield w
    outer.rollback()
    conn.close()


async def run_inline(func: Any, *args: Any, **_options: Any) -> Any:
    return func(*args)


@pytest.fixture
def prober(
    world: World, app: FastAPI, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """`prober(viewer)`: a Prober with the viewer's credentials. The app's sync code
    (endpoints, dependencies, which Starlette hands to a worker thread) runs on the event
    loop's own thread: the requests go one at a time anyway, and the two thread switches
    per dependency were most of a request's time on a busy machine."""
    monkeypatch.setattr(anyio.to_thread, "run_sync", run_inline)
    app.state.db = world.db
    components = app.openapi()["components"]["schemas"]
    opened: list[Prober] = []

    def make(viewer: str) -> Prober:
        opened.append(Prober(app, credentials(world, viewer), world.conn, engine, components))
        return opened[-1]

    yield make
    for one in opened:
        one.close()


def credentials(w: World, viewer: str) -> dict[str, Any]:
    """The client's session cookie; the guest's token of link A as the header scripts send
    and as the cookie a browser sends (here on every path, not only the link's)."""
    if viewer == "client":
        return {"cookies": {get_settings().session_cookie_name: w.cookies["client"]}}
    if viewer == "guest":
        token = w.guest_tokens["A"]
        return {"headers": {"X-Guest-Token": token}, "cookies": {"shotline_guest": token}}
    return {}


def sight_of(w: World, viewer: str) -> Sight:
    return {"client": w.client, "guest": w.guest_a}.get(viewer, Sight())


def forbidden_for(w: World, viewer: str) -> list[str]:
    if viewer == "anonymous":
        return [*w.secret, *w.client.forbidden, *w.guest_a.forbidden]
    return [*w.secret, *sight_of(w, viewer).forbidden]


# --- the request list ----------------------------------------------------------------


def rows_by_table(w: World) -> dict[str, list[int]]:
    return {
        name: sorted(w.conn.scalars(select(table.c.id)))
        for name, table in Base.metadata.tables.items()
        if "id" in table.columns
    }


def all_ids(rows: dict[str, list[int]]) -> list[int]:
    return sorted({i for name, ids in rows.items() if name not in LOG_TABLES for i in ids})


def endpoint_is_public(endpoint: Endpoint) -> bool:
    """Routes that answer without an account: share links, signed media URLs."""
    return endpoint.template.startswith(("/api/v1/share/", "/api/v1/media/{media_id}/content"))


def request_list(
    w: World, schema: dict[str, Any], *, writes: bool, without_account: bool
) -> Iterator[Call]:
    """Reads: every id of the database (and every row of the parameter's own table, for
    the log tables left out of "every id") into every id parameter, for the client; for
    the guest and anonymous callers into the routes that take no account, and a few
    (shared, first, middle, last, nowhere) into the others — each answer must equal the
    nowhere answer.

    Writes: every row of the table the parameter names (every version, every note, every
    shot ...: so every id the viewer may touch, and every one of that kind it may not) and
    the first, middle and last id of the database (an id of another kind must be answered
    like an unknown one), or every id when the parameter's table is not known. The other
    ids are ids of rows of other tables: for this parameter they are ids that exist
    nowhere, like `NOWHERE`, which every series also sends."""
    rows = rows_by_table(w)
    ids = all_ids(rows)
    spread = {ids[0], ids[len(ids) // 2], ids[-1]}
    tokens = {**w.link_tokens, "unknown": UNKNOWN_TOKEN}
    few = sorted({*w.client.versions, *spread})
    anchors = {
        "version_id": w.versions["P1.a.v1"].id,
        "review_session_id": w.links["A"].id,
        "task_id": w.versions["P1.a.v1"].task_id,
        "project_id": w.projects["P1"].id,
        "account_id": w.people["producer"].id,
    }

    def strings(param: Param) -> list[str]:
        if param.name == "token":
            return list(tokens.values())
        if "enum" in param.schema:
            return [str(v) for v in param.schema["enum"]][:2]
        if param.name == "entity":
            return ["task", "version"]
        if param.name == "variant":
            return ["proxy", "original"]
        return ["0" * 32]

    def ids_for(endpoint: Endpoint) -> Any:
        def pick(strings_: dict[str, Any], param: Param) -> list[int]:
            token = strings_.get("token")
            if token is not None and token not in (tokens["A"], tokens["B"]):
                return few  # dead and foreign links: a few ids are enough
            if without_account and not endpoint_is_public(endpoint):
                return few  # no account: refused before any id is looked at
            table = table_of(endpoint.template, param.name, strings_)
            own = rows.get(table or "", [])
            if writes and table is not None:
                return sorted({*own, *spread})
            return sorted({*ids, *own})

        return pick

    for endpoint in endpoints(schema):
        if endpoint.writes != writes or endpoint.template == "/api/v1/stream":
            continue
        yield from calls(
            endpoint,
            ids_for(endpoint),
            strings,
            lambda p: anchors.get(p.name, ids[0]),
        )


# --- judging -------------------------------------------------------------------------


def sight_ids(w: World, viewer: str, kind: str | None) -> set[int]:
    sight = sight_of(w, viewer)
    me = {w.people["client"].id} if viewer == "client" else set()
    return {
        "version": sight.versions,
        "note": sight.notes,
        "project": sight.projects,
        "media": sight.media,
        "notification": sight.notifications,
        "account": me,
    }.get(kind or "", set())


def _mine(w: World, viewer: str, call: Call) -> bool:
    """Does a varying id of this call name something the viewer sees (so its answer may
    differ from the nowhere answer: a 403 for what they see but may not do, or data)?"""
    values = call.values()
    if viewer == "guest" and values.get("token") not in (None, w.link_tokens["A"]):
        return False
    template = call.endpoint.template
    return any(
        values[name] in sight_ids(w, viewer, kind_of(template, name)) for name in call.varying
    )


def judge(w: World, viewer: str, answers: list[tuple[Call, Answer]], components: Any) -> list[str]:
    sight = sight_of(w, viewer)
    forbidden = forbidden_for(w, viewer)
    me = w.people["client"].id if viewer == "client" else None
    writes = {"client": CLIENT_WRITES, "guest": GUEST_WRITES}.get(viewer, set()) | ANYONE_WRITES
    baselines = {c.series(): a for c, a in answers if c.varying and c.is_baseline}
    problems: list[str] = []
    for call, answer in answers:
        where = f"{viewer} {call.endpoint.method} {call.url} {call.query or ''} -> {answer.status}"
        if answer.status >= 500:
            problems.append(f"{where}: server error {answer.text[:200]}")
        token = str(call.values().get("token"))
        told = w.reveals.get(token, []) if call.endpoint.template == "/api/v1/share/{token}" else []
        leaked = [s for s in secrets_in(answer.text, forbidden) if s not in told]
        if leaked:
            problems.append(f"{where}: secret strings {leaked[:3]}")
        mine = _mine(w, viewer, call)
        route = (call.endpoint.method, call.endpoint.template)
        allowed = (mine or not call.varying) and route in writes and answer.status < 300
        if call.varying and not mine:
            base = baselines[call.series()]
            if answer.signature != base.signature:
                problems.append(
                    f"{where}: differs from an unknown id ({base.status} {base.text[:80]}): "
                    f"{answer.text[:160]}"
                )
        if 200 <= answer.status < 300 and viewer != "anonymous":
            head = call.endpoint.template.split("/{")[0].removesuffix("/query")
            own = sight_ids(w, viewer, COLLECTIONS.get(head.rsplit("/", 1)[-1]))
            if allowed:
                own = own | w.fresh_ids()  # what the viewer's own write just made
            problems += [
                f"{where}: {p}" for p in id_problems(answer, call, sight, components, me, own)
            ]
        changed = answer.changed - BOOKKEEPING
        if changed and not allowed:
            problems.append(f"{where}: wrote {sorted(changed)}")
    return problems


def sweep(w: World, prober: Prober, viewer: str, schema: dict[str, Any], *, writes: bool) -> None:
    prober.hint = w.versions["P1.a.v1"].id
    prober.snapshot()
    todo = request_list(w, schema, writes=writes, without_account=viewer != "client")
    answers = prober.send_all(todo)
    problems = judge(w, viewer, answers, schema["components"]["schemas"])
    assert not problems, f"{len(problems)} problems in {len(answers)} requests:\n" + "\n".join(
        problems[:60]
    )


@pytest.mark.parametrize("viewer", VIEWERS)
def test_reads_show_only_what_was_shared(
    world: World, prober: Any, app: FastAPI, viewer: str
) -> None:
    sweep(world, prober(viewer), viewer, app.openapi(), writes=False)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_writes_change_only_what_the_viewer_may(
    world: World, prober: Any, app: FastAPI, viewer: str
) -> None:
    sweep(world, prober(viewer), viewer, app.openapi(), writes=True)


def _as_guest(prober: Prober, method: str, url: str, **kw: Any) -> Answer:
    r = prober.loop.run_until_complete(prober.http.request(method, url, **kw))
    return Answer(r.status_code, r.text)


def test_guest_of_link_a_is_nobody_on_link_b(world: World, prober: Any) -> None:
    w = world
    guest = prober("guest")  # carries link A's guest token
    a, b = w.link_tokens["A"], w.link_tokens["B"]
    mine, theirs = w.versions["P1.a.v1"].id, w.versions["P1.b.v1"].id
    refused = _as_guest(guest, "GET", f"/api/v1/share/{b}/versions")
    assert refused.status == 401
    assert "guest_needed" in refused.text
    for method, tail, body in (
        ("GET", "player", None),
        ("POST", "notes", {"body": "hello"}),
        ("POST", "approve", {}),
        ("POST", "request-changes", {"note": "more fog"}),
        ("GET", "download", None),
    ):
        # A's guest on B's token: nobody, whatever the version.
        for version_id in (mine, theirs, NOWHERE):
            got = _as_guest(
                guest, method, f"/api/v1/share/{b}/versions/{version_id}/{tail}", json=body
            )
            assert got.signature == refused.signature, (method, tail, got.text)
        # B's version through A's own link: the same 404 as a version that does not exist.
        got = _as_guest(guest, method, f"/api/v1/share/{a}/versions/{theirs}/{tail}", json=body)
        nowhere = _as_guest(
            guest, method, f"/api/v1/share/{a}/versions/{NOWHERE}/{tail}", json=body
        )
        assert got.status == 404
        assert got.signature == nowhere.signature
    listed = _as_guest(guest, "GET", f"/api/v1/share/{a}/versions", params={"all": "true"})
    assert {v["id"] for v in json.loads(listed.text)} == w.guest_a.versions


def test_expired_revoked_and_wrong_password_links_are_refused(world: World, prober: Any) -> None:
    w = world
    anyone = prober("anonymous")
    unknown = _as_guest(anyone, "GET", f"/api/v1/share/{UNKNOWN_TOKEN}")
    assert unknown.status == 404
    for name in ("E", "R"):
        token = w.link_tokens[name]
        assert _as_guest(anyone, "GET", f"/api/v1/share/{token}").signature == unknown.signature
        body = {"name": "Late Guest"}
        got = _as_guest(anyone, "POST", f"/api/v1/share/{token}/unlock", json=body)
        assert (
            got.signature
            == _as_guest(
                anyone, "POST", f"/api/v1/share/{UNKNOWN_TOKEN}/unlock", json=body
            ).signature
        )
        # The guest who entered before the link expired or was revoked is out too.
        old = {"X-Guest-Token": w.guest_tokens[name]}
        listed = _as_guest(anyone, "GET", f"/api/v1/share/{token}/versions", headers=old)
        assert listed.status == 404
    a = w.link_tokens["A"]
    for password in (None, "wrong-password", LINK_PASSWORD.upper()):
        got = _as_guest(
            anyone,
            "POST",
            f"/api/v1/share/{a}/unlock",
            json={"name": "Mallory", "password": password},
        )
        assert got.status == 401
        assert "wrong_password" in got.text
        assert LINK_PASSWORD not in got.text
    info = _as_guest(anyone, "GET", f"/api/v1/share/{a}")
    assert json.loads(info.text)["password_required"] is True
    assert LINK_PASSWORD not in info.text
    assert (w.links["A"].password_hash or "-") not in info.text
