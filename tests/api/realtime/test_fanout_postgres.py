"""PostgreSQL LISTEN/NOTIFY fan-out: two `shotline serve` processes on a fresh PostgreSQL
database, no Redis; a change made through one reaches an SSE client of the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dbutil import fresh_database, pg_base_url
from tests.servers import base_env, load_demo, login, open_stream, serve

pytestmark = pytest.mark.pg_only


def test_two_servers_on_postgresql_listen_notify(tmp_path: Path) -> None:
    if not pg_base_url():
        pytest.skip("needs PostgreSQL (SHOTLINE_TEST_DATABASE_URL)")
    with fresh_database(tmp_path, "fanout") as url:
        env = base_env(
            tmp_path,
            url,
            # Long heartbeat: what arrives quickly came through NOTIFY, not the safety net.
            SHOTLINE_STREAM_HEARTBEAT_SECONDS="30",
        )
        logins = load_demo(env)
        with serve(env, tmp_path / "a.log") as a, serve(env, tmp_path / "b.log") as b:
            admin = login(a, *logins["admin"])
            supervisor = login(b, *logins["supervisor"])
            try:
                me = supervisor.get("/api/v1/me").json()["id"]
                r = admin.post("/api/v1/projects", json={"code": "PGFAN", "name": "Fan-out"})
                assert r.status_code == 201, r.text
                project_id = r.json()["id"]
                r = admin.post(
                    f"/api/v1/projects/{project_id}/members",
                    json={"account_id": me, "role": "supervisor"},
                )
                assert r.status_code == 201, r.text
                with open_stream(supervisor, {"project_id": project_id}) as stream:
                    r = admin.patch(f"/api/v1/projects/{project_id}", json={"name": "Via PG"})
                    assert r.status_code == 200, r.text
                    message = stream.next(3)
                    assert message.json()["verb"] == "project.updated"
                    assert message.json()["changes"]["name"] == ["Fan-out", "Via PG"]
            finally:
                admin.close()
                supervisor.close()
