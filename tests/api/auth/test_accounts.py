"""Accounts: who may create, read and change them; events; If-Match; org isolation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from tests import factories

pytestmark = pytest.mark.api

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}
NEW = {
    "email": "New.Person@Example.com",
    "name": "New Person",
    "role": "artist",
    "password": "twelve chars ok",
}


def test_admin_creates_an_account_with_one_event_and_no_secret_in_it(
    as_admin: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    mark = factories.last_event_id(session)

    r = as_admin.post("/api/v1/accounts", json=NEW)

    assert r.status_code == 201
    body = r.json()
    assert body["email"] == "new.person@example.com"
    assert body["role"] == "artist"
    assert body["organization_id"] == people[Role.ADMIN].organization_id
    events = factories.events_after(session, mark)
    assert len(events) == 1
    event = events[0]
    assert event.verb == "account.created"
    assert event.actor_id == people[Role.ADMIN].id
    assert event.entity_id == body["id"]
    assert event.changes == {
        "email": [None, "new.person@example.com"],
        "name": [None, "New Person"],
        "role": [None, "artist"],
        "kind": [None, "person"],
        "status": [None, "active"],
        "organization_id": [None, body["organization_id"]],
    }
    assert "twelve" not in str(event.changes) + str(event.data)
    row = session.scalar(select(Account).where(Account.id == body["id"]))
    assert row is not None
    assert row.created_by == people[Role.ADMIN].id


@pytest.mark.parametrize("role", [Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_only_admins_create_accounts(as_role, session: Session, role: Role) -> None:  # type: ignore[no-untyped-def]
    mark = factories.last_event_id(session)
    r = as_role(role).post("/api/v1/accounts", json=NEW)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "permission_denied"
    assert factories.events_after(session, mark) == []


def test_anonymous_gets_401(as_anonymous: TestClient) -> None:
    for method, url in [
        ("GET", "/api/v1/accounts"),
        ("POST", "/api/v1/accounts"),
        ("GET", "/api/v1/me"),
    ]:
        r = as_anonymous.request(method, url, json=NEW if method == "POST" else None)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "not_authenticated"


def test_duplicate_email_is_409_and_writes_nothing(
    as_admin: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    mark = factories.last_event_id(session)
    r = as_admin.post("/api/v1/accounts", json={**NEW, "email": people[Role.ARTIST].email})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"email": "already taken"}
    assert factories.events_after(session, mark) == []


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        ({**NEW, "password": "short"}, "password", "must be at least 12 characters"),
        ({**NEW, "role": "overlord"}, "role", "Input should be"),
        ({**NEW, "email": "not-an-email"}, "email", "String should match pattern"),
        ({**NEW, "is_superuser": True}, "is_superuser", "unknown field"),
        ({**NEW, "organization_id": 99}, "organization_id", "unknown field"),
        ({k: v for k, v in NEW.items() if k != "name"}, "name", "Field required"),
        ({**NEW, "name": 12}, "name", "Input should be a valid string"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    as_admin: TestClient, session: Session, body: dict[str, object], field: str, problem: str
) -> None:
    mark = factories.last_event_id(session)
    r = as_admin.post("/api/v1/accounts", json=body)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_failed"
    assert r.json()["error"]["fields"][field].startswith(problem)
    assert factories.events_after(session, mark) == []


def test_list_shows_own_organization_and_clients_only_themselves(
    as_artist: TestClient, as_client: TestClient, people: dict[Role, Account], foreign_org
) -> None:  # type: ignore[no-untyped-def]
    listed = as_artist.get("/api/v1/accounts").json()
    assert {a["id"] for a in listed["items"]} == {a.id for a in people.values()}
    assert listed["total"] == len(people)
    mine = as_client.get("/api/v1/accounts").json()
    assert [a["id"] for a in mine["items"]] == [people[Role.CLIENT].id]


def test_foreign_and_unknown_ids_answer_the_same_404_as_an_unknown_route(
    as_admin: TestClient, as_foreign_admin: TestClient, people: dict[Role, Account]
) -> None:
    target = people[Role.ARTIST].id
    foreign = as_foreign_admin.get(f"/api/v1/accounts/{target}")
    foreign_patch = as_foreign_admin.patch(f"/api/v1/accounts/{target}", json={"name": "x"})
    unknown = as_admin.get("/api/v1/accounts/987654321")
    route = as_admin.get("/api/v1/no-such-thing")

    assert (
        foreign.status_code
        == foreign_patch.status_code
        == unknown.status_code
        == route.status_code
        == 404
    )
    assert foreign.json() == foreign_patch.json() == unknown.json() == route.json() == NOT_FOUND


def test_client_cannot_see_other_accounts(
    as_client: TestClient, people: dict[Role, Account]
) -> None:
    r = as_client.get(f"/api/v1/accounts/{people[Role.ARTIST].id}")
    assert r.status_code == 404


def test_update_records_old_and_new_values(
    as_admin: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    artist = people[Role.ARTIST]
    old_name = artist.name
    etag = as_admin.get(f"/api/v1/accounts/{artist.id}").headers["etag"]
    mark = factories.last_event_id(session)

    r = as_admin.patch(
        f"/api/v1/accounts/{artist.id}",
        json={"role": "supervisor", "name": "Maya Chen"},
        headers={"If-Match": etag},
    )

    assert r.status_code == 200
    assert r.headers["etag"] == f'"{int(etag.strip(chr(34))) + 1}"'
    events = factories.events_after(session, mark)
    assert [e.verb for e in events] == ["account.updated"]
    assert events[0].changes == {
        "role": ["artist", "supervisor"],
        "name": [old_name, "Maya Chen"],
    }


def test_stale_if_match_is_412_and_changes_nothing(
    as_admin: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    artist = people[Role.ARTIST]
    url = f"/api/v1/accounts/{artist.id}"
    etag = as_admin.get(url).headers["etag"]
    assert (
        as_admin.patch(url, json={"name": "First"}, headers={"If-Match": etag}).status_code == 200
    )
    mark = factories.last_event_id(session)

    r = as_admin.patch(url, json={"name": "Second"}, headers={"If-Match": etag})

    assert r.status_code == 412
    assert r.json()["error"]["code"] == "stale_version"
    assert as_admin.get(url).json()["name"] == "First"
    assert factories.events_after(session, mark) == []


def test_artist_may_rename_self_but_not_change_own_role(
    as_artist: TestClient, people: dict[Role, Account]
) -> None:
    me = people[Role.ARTIST].id
    assert as_artist.patch("/api/v1/me", json={"name": "Maya C."}).json()["name"] == "Maya C."
    r = as_artist.patch(f"/api/v1/accounts/{me}", json={"role": "admin"})
    assert r.status_code == 403
    assert as_artist.get("/api/v1/me").json()["role"] == "artist"


def test_artist_cannot_change_someone_else(
    as_artist: TestClient, people: dict[Role, Account]
) -> None:
    r = as_artist.patch(f"/api/v1/accounts/{people[Role.PRODUCER].id}", json={"name": "x"})
    assert r.status_code == 403


def test_the_last_admin_cannot_be_demoted(
    as_admin: TestClient, people: dict[Role, Account]
) -> None:
    r = as_admin.patch(f"/api/v1/accounts/{people[Role.ADMIN].id}", json={"role": "artist"})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"role": "last active admin"}


def test_null_for_a_required_field_is_422(
    as_admin: TestClient, people: dict[Role, Account]
) -> None:
    r = as_admin.patch(f"/api/v1/accounts/{people[Role.ARTIST].id}", json={"role": None})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"role": "may not be null"}


def test_role_change_ends_the_accounts_browser_sessions(
    app,
    db,
    as_admin: TestClient,
    people: dict[Role, Account],  # type: ignore[no-untyped-def]
) -> None:
    artist = people[Role.ARTIST]
    app.state.db = db
    with TestClient(app, base_url="https://testserver") as browser:
        browser.post(
            "/api/v1/auth/login",
            json={"email": artist.email, "password": factories.DEFAULT_PASSWORD},
        )
        assert browser.get("/api/v1/me").status_code == 200
        as_admin.patch(f"/api/v1/accounts/{artist.id}", json={"role": "supervisor"})
        assert browser.get("/api/v1/me").status_code == 401
