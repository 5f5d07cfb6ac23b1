"""Personal API keys: shown once, hashed, revocable, with last-used time."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, ApiKey, Role
from shotline.auth.tokens import digest
from shotline.db.runtime import Database
from tests import factories

pytestmark = pytest.mark.api


def bearer(app: FastAPI, key: str) -> TestClient:
    return TestClient(
        app, base_url="https://testserver", headers={"Authorization": f"Bearer {key}"}
    )


def test_create_key_shows_it_once_and_stores_only_its_hash(
    as_artist: TestClient, session: Session
) -> None:
    r = as_artist.post("/api/v1/me/api-keys", json={"name": "nuke publish"})

    assert r.status_code == 201
    key = r.json()["key"]
    assert key.startswith("shl_")
    assert len(key) > 40
    row = session.scalar(select(ApiKey).where(ApiKey.id == r.json()["id"]))
    assert row is not None
    assert row.key_hash == digest(key)
    assert key not in str(row.__dict__)
    listed = as_artist.get("/api/v1/me/api-keys").json()
    assert listed[0]["name"] == "nuke publish"
    assert all("key" not in k for k in listed)


def test_key_authenticates_and_records_last_use(
    app: FastAPI, db: Database, as_artist: TestClient, session: Session
) -> None:
    created = as_artist.post("/api/v1/me/api-keys", json={"name": "farm"}).json()
    app.state.db = db

    me = bearer(app, created["key"]).get("/api/v1/me")

    assert me.status_code == 200
    keys = {k["id"]: k for k in as_artist.get("/api/v1/me/api-keys").json()}
    assert keys[created["id"]]["last_used_at"] is not None


def test_revoked_key_is_refused_on_the_next_request(
    app: FastAPI, db: Database, as_artist: TestClient, session: Session
) -> None:
    created = as_artist.post("/api/v1/me/api-keys", json={"name": "temp"}).json()
    script = bearer(app, created["key"])
    assert script.get("/api/v1/me").status_code == 200
    mark = factories.last_event_id(session)

    r = as_artist.delete(f"/api/v1/me/api-keys/{created['id']}")

    assert r.status_code == 200
    assert r.json()["revoked_at"] is not None
    refused = script.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_api_key"
    events = factories.events_after(session, mark)
    assert [(e.verb, e.entity_id) for e in events] == [("api_key.revoked", created["id"])]


def test_unknown_key_and_bad_scheme_are_401(app: FastAPI, db: Database) -> None:
    app.state.db = db
    assert bearer(app, "shl_nope_nope").get("/api/v1/me").status_code == 401
    basic = TestClient(app, base_url="https://testserver", headers={"Authorization": "Basic abc"})
    r = basic.get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"


def test_guessing_keys_is_rate_limited(app: FastAPI, db: Database) -> None:
    app.state.db = db
    guesser = bearer(app, "shl_00000000_guess")
    codes = [guesser.get("/api/v1/me").status_code for _ in range(31)]
    assert codes[:30] == [401] * 30
    assert codes[30] == 429


def test_others_cannot_revoke_my_key_but_an_admin_can(
    as_artist: TestClient,
    as_producer: TestClient,
    as_admin: TestClient,
    as_foreign_admin: TestClient,
) -> None:
    created = as_artist.post("/api/v1/me/api-keys", json={"name": "mine"}).json()
    url = f"/api/v1/me/api-keys/{created['id']}"

    assert as_producer.delete(url).status_code == 404
    assert as_foreign_admin.delete(url).status_code == 404
    assert as_admin.delete(url).status_code == 200


def test_clients_have_no_api_keys(as_client: TestClient) -> None:
    assert as_client.post("/api/v1/me/api-keys", json={"name": "x"}).status_code == 403
    assert as_client.get("/api/v1/me/api-keys").status_code == 403


def test_key_of_a_disabled_account_stops_working(
    app: FastAPI, db: Database, session: Session, people: dict[Role, Account], as_admin: TestClient
) -> None:
    artist = people[Role.ARTIST]
    key = factories.make_api_key(session, artist)
    session.commit()
    app.state.db = db
    version = as_admin.get(f"/api/v1/accounts/{artist.id}").headers["etag"]

    r = as_admin.patch(
        f"/api/v1/accounts/{artist.id}", json={"status": "disabled"}, headers={"If-Match": version}
    )

    assert r.status_code == 200
    assert bearer(app, key).get("/api/v1/me").status_code == 401
