"""One error shape for every failure; health; security headers; request ids."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.api


def test_health_reports_database_and_migrations(client: TestClient) -> None:
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok", "migrations": "head"}


def test_malformed_json_is_400_with_the_error_shape(client: TestClient) -> None:
    r = client.post(
        "/api/v1/auth/login",
        content=b'{"email": "a@b.c", ',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json() == {
        "error": {
            "code": "malformed_json",
            "message": "The request body is not valid JSON.",
            "fields": {},
        }
    }


def test_wrong_types_name_the_field(client: TestClient) -> None:
    r = client.post("/api/v1/auth/login", json={"email": ["x"], "password": 5})
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"email", "password"}


def test_oversized_body_is_413_before_it_is_read(client: TestClient) -> None:
    big = b'{"email": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    r = client.post("/api/v1/auth/login", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"


def test_oversized_chunked_body_is_413(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 100_000

    r = client.post(
        "/api/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_unknown_route_and_wrong_method(client: TestClient) -> None:
    assert client.post("/api/v1/nothing-here").json()["error"]["code"] == "not_found"
    r = client.delete("/api/v1/health")
    assert r.status_code == 405
    assert r.json()["error"]["code"] == "method_not_allowed"


def test_responses_carry_security_headers_and_a_request_id(client: TestClient) -> None:
    r = client.get("/api/v1/health", headers={"X-Request-ID": "render-farm-42"})
    assert r.headers["x-request-id"] == "render-farm-42"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    generated = client.get("/api/v1/health", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["x-request-id"] != "bad id with spaces"


def test_only_share_link_pages_may_be_framed_and_only_as_configured(
    client: TestClient,
) -> None:
    share = client.get("/share/some-token")
    assert "frame-ancestors *" in share.headers["content-security-policy"]
    assert "x-frame-options" not in share.headers, "the embed snippet must render"
    for path in ("/projects/1/kanban", "/login", "/api/v1/share/some-token"):
        r = client.get(path)
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-frame-options"] == "DENY", path


def test_share_frame_ancestors_can_be_narrowed_and_is_checked(db) -> None:  # type: ignore[no-untyped-def]
    import pydantic

    from shotline.app import create_app
    from shotline.config import Settings, get_settings

    narrow = get_settings().model_copy(
        update={"share_frame_ancestors": "https://portal.client.example"}
    )
    with TestClient(create_app(narrow, db=db), base_url="https://testserver") as app_client:
        csp = app_client.get("/share/x").headers["content-security-policy"]
    assert "frame-ancestors https://portal.client.example;" in csp
    with pytest.raises(pydantic.ValidationError):
        Settings(share_frame_ancestors="*; script-src *")


def test_unexpected_errors_hide_details_and_carry_the_request_id(db) -> None:  # type: ignore[no-untyped-def]
    from fastapi import APIRouter

    from shotline.app import create_app
    from shotline.db.runtime import Database

    router = APIRouter()

    @router.get("/api/v1/_boom")
    def boom() -> None:
        raise RuntimeError("SELECT secret FROM table at /srv/shotline/x.py")

    # An app of its own: the session's shared app must not grow a route that raises.
    app = create_app(db=Database.from_url("sqlite://"))
    app.include_router(router)
    app.state.db = db
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        r = c.get("/api/v1/_boom", headers={"X-Request-ID": "abc123"})
    assert r.status_code == 500
    assert r.json()["error"]["request_id"] == "abc123"
    assert "SELECT" not in r.text
    assert "/srv" not in r.text


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/auth/login" in schema["paths"]
    assert schema["paths"]["/api/v1/me"]["get"]["operationId"] == "get_me"
    assert client.get("/api/docs").status_code == 200
