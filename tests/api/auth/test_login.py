"""Login, logout, sessions and the login rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from shotline.auth.models import Account, AccountStatus, AuthSession, Role
from shotline.db.types import utcnow
from tests import factories

pytestmark = pytest.mark.api

PASSWORD = factories.DEFAULT_PASSWORD
WRONG = {
    "error": {"code": "invalid_credentials", "message": "Wrong e-mail or password.", "fields": {}}
}


def login(client: TestClient, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/login", json={"email": email, "password": password})


def test_login_sets_a_secure_http_only_cookie_and_me_answers(
    client: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    artist = people[Role.ARTIST]
    mark = factories.last_event_id(session)

    r = login(client, artist.email.upper())  # e-mail is case-insensitive

    assert r.status_code == 200
    assert r.json()["email"] == artist.email
    assert r.json()["role"] == "artist"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("shotline_session=")
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "SameSite=lax" in cookie
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["id"] == artist.id
    assert [e.verb for e in factories.events_after(session, mark)] == ["account.logged_in"]


def test_wrong_password_and_unknown_account_answer_identically(
    client: TestClient, people: dict[Role, Account]
) -> None:
    wrong = login(client, people[Role.ARTIST].email, "not the password at all")
    unknown = login(client, "nobody@example.com", "not the password at all")

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == WRONG
    assert "set-cookie" not in wrong.headers


def test_disabled_account_cannot_log_in(
    client: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    artist = people[Role.ARTIST]
    session.execute(
        update(Account).where(Account.id == artist.id).values(status=AccountStatus.DISABLED)
    )
    session.commit()

    r = login(client, artist.email)

    assert r.status_code == 401
    assert r.json() == WRONG


@pytest.mark.parametrize("known", [True, False])
def test_repeated_failures_are_rate_limited_with_retry_after(
    client: TestClient, people: dict[Role, Account], known: bool
) -> None:
    email = people[Role.ARTIST].email if known else "ghost@example.com"
    for _ in range(5):
        assert login(client, email, "wrong password!!").status_code == 401

    r = login(client, email, PASSWORD)

    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["retry-after"]) <= 900


def test_successful_login_resets_the_failure_count(
    client: TestClient, people: dict[Role, Account]
) -> None:
    email = people[Role.ARTIST].email
    for _ in range(4):
        login(client, email, "wrong password!!")
    assert login(client, email).status_code == 200
    for _ in range(4):
        login(client, email, "wrong password!!")
    assert login(client, email).status_code == 200


def test_logout_ends_the_session_even_if_the_cookie_is_replayed(
    app,
    db,
    people: dict[Role, Account],  # type: ignore[no-untyped-def]
) -> None:
    app.state.db = db
    with TestClient(app, base_url="https://testserver") as browser:
        login(browser, people[Role.PRODUCER].email)
        token = browser.cookies.get("shotline_session")
        assert browser.post("/api/v1/auth/logout").status_code == 204
        assert browser.get("/api/v1/me").status_code == 401
    with TestClient(
        app, base_url="https://testserver", cookies={"shotline_session": token or ""}
    ) as replay:
        r = replay.get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"


def test_idle_session_expires(
    client: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    login(client, people[Role.ARTIST].email)
    session.execute(update(AuthSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    session.commit()

    assert client.get("/api/v1/me").status_code == 401


def test_session_past_its_absolute_lifetime_expires(
    client: TestClient, session: Session, people: dict[Role, Account]
) -> None:
    login(client, people[Role.ARTIST].email)
    session.execute(update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()

    assert client.get("/api/v1/me").status_code == 401


def test_password_change_ends_other_sessions_but_keeps_this_one(
    app,
    db,
    people: dict[Role, Account],  # type: ignore[no-untyped-def]
) -> None:
    email = people[Role.ARTIST].email
    app.state.db = db
    with (
        TestClient(app, base_url="https://testserver") as laptop,
        TestClient(app, base_url="https://testserver") as desktop,
    ):
        login(laptop, email)
        login(desktop, email)
        r = laptop.post(
            "/api/v1/me/password",
            json={"current_password": PASSWORD, "new_password": "a much better passphrase"},
        )
        assert r.status_code == 204
        assert laptop.get("/api/v1/me").status_code == 200
        assert desktop.get("/api/v1/me").status_code == 401
        assert login(desktop, email).status_code == 401
        assert login(desktop, email, "a much better passphrase").status_code == 200


def test_password_change_checks_the_current_password_and_strength(
    client: TestClient, people: dict[Role, Account]
) -> None:
    login(client, people[Role.ARTIST].email)

    wrong = client.post(
        "/api/v1/me/password", json={"current_password": "nope", "new_password": "long enough pass"}
    )
    short = client.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "short"}
    )

    assert wrong.status_code == 422
    assert wrong.json()["error"]["fields"] == {"current_password": "wrong password"}
    assert short.status_code == 422
    assert short.json()["error"]["fields"] == {"new_password": "must be at least 12 characters"}
