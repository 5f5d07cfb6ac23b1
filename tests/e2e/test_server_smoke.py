"""The README's first command, in miniature: demo data, a real server, a real login."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def test_demo_prints_a_login_for_every_role(live_server: LiveServer) -> None:
    assert set(live_server.logins) == {"admin", "producer", "supervisor", "artist", "client"}


def test_health_and_demo_admin_login_over_http(live_server: LiveServer) -> None:
    email, password = live_server.logins["admin"]
    with httpx.Client(base_url=live_server.url) as browser:
        assert browser.get("/api/v1/health").json()["status"] == "ok"
        r = browser.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200
        # Plain http on loopback: the cookie is not marked Secure, so a local demo works.
        assert "Secure" not in r.headers["set-cookie"]
        me = browser.get("/api/v1/me")
        assert me.status_code == 200
        assert me.json()["role"] == "admin"
        assert browser.post("/api/v1/auth/logout").status_code == 204
        assert browser.get("/api/v1/me").status_code == 401


def test_wrong_password_over_http(live_server: LiveServer) -> None:
    email, _ = live_server.logins["artist"]
    r = httpx.post(
        f"{live_server.url}/api/v1/auth/login", json={"email": email, "password": "wrong password!"}
    )
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_credentials"
