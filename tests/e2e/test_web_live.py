"""Live updates between two people in real browsers: a producer moves a card on the kanban
board and assigns it to an artist; the artist's open board and bell follow without a
reload. Saves docs/img/live-board.png."""

from __future__ import annotations

import re

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.test_web_data import _api, _login
from tests.e2e.test_web_production import _drag

pytestmark = pytest.mark.e2e


def _todo_task_of_someone_else(producer: httpx.Client, person: int) -> dict[str, object]:
    rows = producer.get(
        "/api/v1/projects/1/tasks",
        params={
            "fields": "assignees,shot.code,status.category",
            "status.category": "todo",
            "shot.id__is_empty": "false",
            "limit": 100,
        },
    ).json()["items"]
    return next(
        r
        for r in rows
        if r["status.category"] == "todo" and person not in (r.get("assignees") or [])
    )


def test_artist_board_and_bell_follow_the_producer_live(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    producer, artist = _api(live_server, "producer"), _api(live_server, "artist")
    me = artist.get("/api/v1/me").json()["id"]
    artist.post("/api/v1/notifications/read-all").raise_for_status()
    task = _todo_task_of_someone_else(producer, me)
    task_id, shot = task["id"], str(task["shot.code"])
    card_in = "section[data-category={}] li[data-task-id='" + str(task_id) + "']"

    contexts = [
        browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
        for _ in range(2)
    ]
    producer_page, artist_page = (c.new_page() for c in contexts)
    try:
        for page, role in ((producer_page, "producer"), (artist_page, "artist")):
            _login(page, live_server.url, *live_server.logins[role])
            page.goto(f"{live_server.url}/projects/1/kanban")
            page.get_by_label("Filter by shot code").fill(shot)
            expect(page.locator(card_in.format("todo"))).to_be_visible()
        bell = artist_page.get_by_role("button", name="Notifications", exact=True)
        expect(bell).to_be_visible()

        # The producer drags the card to In progress; the artist's board follows.
        _drag(
            producer_page,
            producer_page.locator(card_in.format("todo")),
            producer_page.locator("section[data-category=in_progress]"),
        )
        expect(producer_page.locator(card_in.format("in_progress"))).to_be_visible()
        expect(artist_page.locator(card_in.format("in_progress"))).to_be_visible()
        expect(artist_page.locator(card_in.format("todo"))).to_have_count(0)

        # The producer assigns the task to the artist on its page.
        producer_page.goto(f"{live_server.url}/tasks/{task_id}")
        producer_page.get_by_label("Assignee").select_option(str(me))
        expect(producer_page.get_by_label("Assignee")).to_have_value(str(me))

        # The artist's bell and board show it, still without a reload.
        unread = artist_page.get_by_role("button", name=re.compile(r"Notifications \(1 unread\)"))
        expect(unread).to_be_visible()
        expect(artist_page.locator(card_in.format("in_progress"))).to_have_attribute(
            "data-assignees", re.compile(rf"(^|,){me}(,|$)")
        )
        unread.click()
        item = artist_page.get_by_role("menuitem", name=re.compile("Unread: .* assigned"))
        expect(item).to_have_count(1)
        artist_page.screenshot(path=str(SCREENSHOTS / "live-board.png"))
        kinds = [n["type"] for n in artist.get("/api/v1/notifications").json()["items"]]
        assert kinds[0] == "TASK_ASSIGNED"
    finally:
        for context in contexts:
            context.close()
        producer.close()
        artist.close()
