"""The event log: one event per write, nothing for a rolled-back write, org isolation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth import accounts
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from tests import factories

pytestmark = pytest.mark.api


def test_rolled_back_write_leaves_no_event_and_no_row(session: Session, org: Organization) -> None:
    session.commit()
    mark = factories.last_event_id(session)
    savepoint = session.begin_nested()
    accounts.create_account(
        session,
        Actor.system(org.id),
        email="ghost@example.com",
        name="Ghost",
        role=Role.ARTIST,
        password="long enough password",
    )
    savepoint.rollback()

    assert factories.events_after(session, mark) == []
    assert accounts.find_account_by_email(session, "ghost@example.com") is None


def test_failed_request_leaves_no_event(as_admin: TestClient, session: Session, people) -> None:  # type: ignore[no-untyped-def]
    mark = factories.last_event_id(session)
    r = as_admin.patch(f"/api/v1/accounts/{people[Role.ADMIN].id}", json={"status": "disabled"})
    assert r.status_code == 409
    assert factories.events_after(session, mark) == []


def test_admin_and_producer_read_the_log_newest_first(
    as_admin: TestClient, as_producer: TestClient, people: dict[Role, Account]
) -> None:
    as_admin.patch(f"/api/v1/accounts/{people[Role.ARTIST].id}", json={"name": "Renamed"})

    page = as_producer.get("/api/v1/events", params={"verb": "account.updated"}).json()

    assert page["items"][0]["verb"] == "account.updated"
    assert page["items"][0]["changes"]["name"][1] == "Renamed"
    assert page["items"][0]["request_id"]
    ids = [e["id"] for e in as_admin.get("/api/v1/events").json()["items"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_other_roles_cannot_read_the_log(as_role, role: Role) -> None:  # type: ignore[no-untyped-def]
    assert as_role(role).get("/api/v1/events").status_code == 403


def test_log_never_shows_another_organization(
    as_admin: TestClient, as_foreign_admin: TestClient, people: dict[Role, Account]
) -> None:
    as_admin.patch(f"/api/v1/accounts/{people[Role.ARTIST].id}", json={"name": "Secret Name"})
    items = as_foreign_admin.get("/api/v1/events", params={"limit": 500}).json()["items"]
    assert all(e["organization_id"] != people[Role.ADMIN].organization_id for e in items)
    assert "Secret Name" not in str(items)


def test_paging_backwards_by_id(as_admin: TestClient) -> None:
    first = as_admin.get("/api/v1/events", params={"limit": 2}).json()
    assert len(first["items"]) == 2
    second = as_admin.get(
        "/api/v1/events", params={"limit": 2, "before_id": first["next_before_id"]}
    ).json()
    assert max(e["id"] for e in second["items"]) < min(e["id"] for e in first["items"])
