"""Leaks the client leak test (tests/api/test_client_leak.py) found, pinned one by one:
a client's inbox kept notifications about versions no longer shared with them, and a
client's activity feed linked client notes to the internal task."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from shotline.db.runtime import Database
from shotline.notifications import notifier
from shotline.review.models import Version
from tests.api.clientreview.conftest import share

pytestmark = pytest.mark.api


def test_unshared_version_leaves_the_client_inbox(
    db: Database, as_supervisor: TestClient, as_client: TestClient, version: Version
) -> None:
    share(as_supervisor, version.id, create_session={"name": "Dailies"})
    notifier.consume(db, grace=0)
    inbox = as_client.get("/api/v1/notifications").json()
    [shared] = [n for n in inbox["items"] if n["type"] == "VERSION_SHARED"]
    assert shared["entity_id"] == version.id
    assert as_client.get("/api/v1/notifications/unread-count").json()["unread"] == 1

    r = as_supervisor.post(f"/api/v1/versions/{version.id}/unshare")
    assert r.status_code == 200, r.text
    assert as_client.get("/api/v1/notifications").json()["items"] == []
    assert as_client.get("/api/v1/notifications/unread-count").json()["unread"] == 0
    r = as_client.post(f"/api/v1/notifications/{shared['id']}/read")
    assert r.status_code == 404
    assert r.json() == as_client.post("/api/v1/notifications/987654321/read").json()
    # Shared again: the notification is back (it is about something they see again).
    share(as_supervisor, version.id)
    assert [n["id"] for n in as_client.get("/api/v1/notifications").json()["items"]][-1] == (
        shared["id"]
    )


def test_client_activity_links_only_what_was_shared(
    as_supervisor: TestClient, as_client: TestClient, as_artist: TestClient, version: Version
) -> None:
    share(as_supervisor, version.id, create_session={"name": "Dailies"})
    r = as_client.post(f"/api/v1/portal/versions/{version.id}/notes", json={"body": "Nice"})
    assert r.status_code == 201, r.text
    items = as_client.get("/api/v1/activity").json()["items"]
    note = next(i for i in items if i["verb"] == "note.created")
    assert note["sentence"].endswith("commented on SH010 COMP v001")
    assert {link["entity_type"] for link in note["links"]} == {"account", None, "note"}
    assert all(
        link["entity_type"] in ("version", "note", "account", None)
        for item in items
        for link in item["links"]
    )
    # Staff still get the task link.
    staff = as_artist.get("/api/v1/activity").json()["items"]
    staff_note = next(i for i in staff if i["verb"] == "note.created")
    assert "task" in {link["entity_type"] for link in staff_note["links"]}
