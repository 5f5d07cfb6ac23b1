"""The query engine over the account entity: filters, links, sort, fields, paging, errors."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from tests import factories

pytestmark = pytest.mark.api


@pytest.fixture
def crew(session: Session, org: Organization, people: dict[Role, Account]) -> dict[str, Account]:
    names = ["Maya Chen", "Marco Rossi", "Zoe Kim", "Aiko Sato", "Ben O'Neil_x%"]
    out = {n: factories.make_account(session, org, role=Role.ARTIST, name=n) for n in names}
    session.commit()
    return out


def names(r) -> list[str]:  # type: ignore[no-untyped-def]
    assert r.status_code == 200, r.text
    return [row["name"] for row in r.json()["items"]]


def test_equals_in_and_contains(as_admin: TestClient, crew: dict[str, Account]) -> None:
    assert names(as_admin.get("/api/v1/accounts", params={"name": "Zoe Kim"})) == ["Zoe Kim"]
    assert names(
        as_admin.get("/api/v1/accounts", params={"name__in": "Zoe Kim,Aiko Sato", "sort": "name"})
    ) == ["Aiko Sato", "Zoe Kim"]
    assert names(
        as_admin.get("/api/v1/accounts", params={"name__contains": "ma", "sort": "name"})
    ) == [
        "Marco Rossi",
        "Maya Chen",
    ]
    # LIKE wildcards in the value are literal characters
    assert names(as_admin.get("/api/v1/accounts", params={"name__contains": "_x%"})) == [
        "Ben O'Neil_x%"
    ]
    assert names(as_admin.get("/api/v1/accounts", params={"name__starts_with": "mar"})) == [
        "Marco Rossi"
    ]


def test_enum_filter_sort_desc_and_total(as_admin: TestClient, crew: dict[str, Account]) -> None:
    r = as_admin.get("/api/v1/accounts", params={"role": "artist", "sort": "-name", "limit": 2})
    body = r.json()
    assert body["total"] == 6  # five crew + the fixture artist
    assert [row["name"] for row in body["items"]] == ["Zoe Kim", "Maya Chen"]
    page3 = as_admin.get(
        "/api/v1/accounts", params={"role": "artist", "sort": "-name", "limit": 2, "page": 3}
    )
    assert page3.json()["total"] == 6
    assert len(page3.json()["items"]) == 2
    past_end = as_admin.get("/api/v1/accounts", params={"role": "artist", "limit": 2, "page": 9})
    assert past_end.json()["items"] == []
    assert past_end.json()["total"] == 6


def test_field_selection_and_linked_fields(as_admin: TestClient, crew: dict[str, Account]) -> None:
    r = as_admin.get(
        "/api/v1/accounts",
        params={"fields": "name,organization.name", "name": "Maya Chen"},
    )
    assert r.json()["items"] == [
        {"id": crew["Maya Chen"].id, "name": "Maya Chen", "organization.name": "Northwind VFX"}
    ]
    assert r.json()["fields"] == ["id", "name", "organization.name"]


def test_filter_on_a_linked_field(as_admin: TestClient, crew: dict[str, Account]) -> None:
    r = as_admin.get("/api/v1/accounts", params={"organization.name": "Northwind VFX", "limit": 1})
    assert r.json()["total"] == 10
    none = as_admin.get("/api/v1/accounts", params={"organization.name": "Other Studio"})
    assert none.json()["total"] == 0


def test_and_or_groups_in_the_body(as_admin: TestClient, crew: dict[str, Account]) -> None:
    body = {
        "filters": [
            {
                "any": [
                    {"field": "name", "op": "starts_with", "value": "m"},
                    {"field": "name", "value": "Zoe Kim"},
                ]
            },
            {"field": "role", "op": "eq", "value": "artist"},
        ],
        "sort": ["name"],
        "fields": ["name"],
    }
    r = as_admin.post("/api/v1/accounts/query", json=body)
    assert names(r) == ["Marco Rossi", "Maya Chen", "Zoe Kim"]
    as_json = as_admin.get(
        "/api/v1/accounts", params={"filters": json.dumps(body["filters"]), "sort": "name"}
    )
    assert names(as_json) == ["Marco Rossi", "Maya Chen", "Zoe Kim"]


def test_is_empty_and_dates(as_admin: TestClient, crew: dict[str, Account]) -> None:
    never = as_admin.get("/api/v1/accounts", params={"last_login_at__is_empty": "true", "limit": 1})
    assert never.json()["total"] == 10
    recent = as_admin.get("/api/v1/accounts", params={"created_at__in_last_days": "1", "limit": 1})
    assert recent.json()["total"] == 10
    future = as_admin.get("/api/v1/accounts", params={"created_at__gt": "2999-01-01T00:00:00Z"})
    assert future.json()["total"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"nope": "1"}, "filters.nope"),
        ({"password_hash": "x"}, "filters.password_hash"),
        ({"organization.settings": "x"}, "filters.organization.settings"),
        ({"sort": "password_hash"}, "sort.password_hash"),
        ({"fields": "name,password_hash"}, "fields.password_hash"),
        ({"role": "overlord"}, "filters.role"),
        ({"created_at__gt": "yesterday"}, "filters.created_at"),
        ({"name__frobnicate": "x"}, "name__frobnicate"),
        ({"id__between": "1"}, "filters.id"),
        ({"created_at__in_last_days": "-4"}, "filters.created_at"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"filters": "{not json"}, "filters"),
    ],
)
def test_bad_queries_name_the_problem(
    as_admin: TestClient, params: dict[str, str], field: str
) -> None:
    r = as_admin.get("/api/v1/accounts", params=params)
    assert r.status_code == 422, r.text
    assert field in r.json()["error"]["fields"]


def test_one_statement_per_page_with_linked_fields(
    as_admin: TestClient, crew: dict[str, Account], count_statements
) -> None:  # type: ignore[no-untyped-def]
    count_statements.statements.clear()
    r = as_admin.get(
        "/api/v1/accounts",
        params={
            "fields": "name,role,organization.name",
            "sort": "organization.name,-name",
            "role": "artist",
        },
    )
    assert r.status_code == 200
    assert len(r.json()["items"]) == 6
    listing = [s for s in count_statements.statements if "WITH page AS" in s]
    assert len(listing) == 1
    assert "FROM account" in listing[0]
    # the whole request: resolve the session (auth_session, account, memberships) + the list
    reads = [
        s for s in count_statements.statements if s.lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    assert len(reads) <= 5


def test_permission_filter_is_always_applied(
    as_client: TestClient, as_foreign_admin: TestClient, crew: dict[str, Account]
) -> None:
    assert as_client.get("/api/v1/accounts", params={"limit": 1}).json()["total"] == 1
    foreign = as_foreign_admin.get("/api/v1/accounts", params={"name": "Maya Chen"})
    assert foreign.json()["total"] == 0
