"""Client review in a real browser: the supervisor clicks Share With Client on /review/:id
(the first time: creates a link with a password), a guest opens the link in a fresh browser
context, enters the password, plays, draws a note at a frame and requests changes; the
supervisor's board shows the task in Changes and the client's note on the review page. Then
the same with approve → Done (one click this time: the link exists). Screenshots of the share
dialog and the client view go to docs/img/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import make_clip as _make_clip
from tests.e2e.review_helpers import shot_version
from tests.e2e.review_helpers import wait_seeked as _wait_seeked
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e

PASSWORD = "harbour-dawn-42"


def _category(api: httpx.Client, task_id: int) -> str:
    task = api.get(f"/api/v1/tasks/{task_id}").json()
    statuses = api.get("/api/v1/projects/1/task-statuses").json()
    return next(s["category"] for s in statuses if s["id"] == task["status_id"])


def _guest_reviews(browser: Any, url: str, name: str, decision: str, note: str, shot: str) -> None:
    """A guest in a fresh context: password, play, a drawn note at a frame, the decision."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(url)
        expect(page.get_by_role("heading", name="Welcome to the review")).to_be_visible()
        page.get_by_label("Your name").fill(name)
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Start reviewing").click()
        expect(page.get_by_role("alert")).to_contain_text("password is not right")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Start reviewing").click()
        shared = page.get_by_role("navigation", name="Shared versions")
        shared.get_by_role("button", name=re.compile(shot)).click()
        player = page.get_by_role("region", name=re.compile(f"Client player, {shot}"))
        expect(player).to_be_visible(timeout=15_000)
        # nothing internal: no board, no tasks, no navigation
        expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
        expect(page.get_by_role("link", name=re.compile("Kanban|Tasks|Projects"))).to_have_count(0)
        expect(page.get_by_test_id("watermark")).to_contain_text(name)
        _wait_seeked(page)
        page.get_by_role("button", name="Play").click()
        page.wait_for_function("() => document.querySelector('video').currentTime > 0.3")
        page.get_by_role("button", name="Pause").click()
        frame = page.get_by_label("Current frame")
        timeline = page.get_by_role("slider", name="Timeline")
        first = int(timeline.get_attribute("aria-valuemin") or 0)
        target = first + 12
        timeline.click(position={"x": 1, "y": 5})
        expect(frame).to_have_text(str(first))
        for _ in range(12):
            page.keyboard.press("ArrowRight")
        expect(frame).to_have_text(str(target))
        page.get_by_role("button", name="Rectangle").click()
        layer = page.get_by_role("img", name=re.compile("Drawing layer"))
        box = layer.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.6, steps=5)
        page.mouse.up()
        expect(page.get_by_text("1 shape drawn")).to_be_visible()
        page.get_by_label(f"Note on frame {target}").fill(note)
        page.get_by_role("button", name=f"Save note at {target}").click()
        saved = page.get_by_role("button", name=re.compile(f"Note at frame {target}"))
        expect(saved).to_be_visible()
        expect(page.get_by_role("img", name="Drawings").locator("rect")).to_have_count(1)
        if decision == "approve":
            page.get_by_role("button", name="Approve", exact=True).click()
            expect(page.get_by_role("status").filter(has_text="Approved")).to_be_visible()
        else:
            page.get_by_label("Decision note (optional)").fill("Please fix and send again")
            page.get_by_role("button", name="Request changes", exact=True).click()
            expect(page.get_by_role("status").filter(has_text="Changes requested")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "client-view.png"))
    finally:
        context.close()


def _board_shows(page: Any, url: str, shot: str, task_id: int, category: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/projects/1/kanban")
    page.get_by_label("Filter by shot code").fill(shot)  # long columns render cards in view
    column = page.locator(f"section[data-category='{category}']")
    expect(column.locator(f"li[data-task-id='{task_id}']")).to_be_visible(timeout=15_000)


def test_share_with_client_guest_requests_changes_then_approves(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    email, password = live_server.logins["supervisor"]
    api = httpx.Client(base_url=live_server.url, timeout=30)
    api.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    clip = tmp_path / "sq020_comp.mp4"
    _make_clip(clip)
    task_a, version_a = shot_version(api, "SQ020_0010", clip)
    task_b, version_b = shot_version(api, "SQ020_0020", clip)
    # the project has no live link (this test makes the first)
    live = api.get("/api/v1/projects/1/review-sessions", params={"active_only": True}).json()
    for row in live:
        api.post(f"/api/v1/review-sessions/{row['id']}/revoke").raise_for_status()

    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/review/{version_a}")
        decision = page.get_by_role("region", name="Decision")
        decision.get_by_role("button", name="Share With Client").click()
        dialog = page.get_by_role("dialog", name="Create review link for client?")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Name", exact=True).fill("Harbour dailies")
        dialog.get_by_label("Password (optional)").fill(PASSWORD)
        page.screenshot(path=str(SCREENSHOTS / "share-dialog.png"))
        dialog.get_by_role("button", name="Create link and share").click()
        created = page.get_by_role("dialog", name="Review link created")
        expect(created).to_be_visible()
        expect(created.get_by_role("img", name="QR code of the review link")).to_be_visible()
        shown = created.get_by_label("Review link", exact=True).input_value()
        assert re.search(r"/share/[A-Za-z0-9_-]{43,}$", shown), shown
        link = live_server.url + urlsplit(shown).path
        created.get_by_role("button", name="Done").click()
        expect(decision.get_by_role("button", name="Unshare")).to_be_visible()
        assert _category(api, task_a) == "client_review"

        _guest_reviews(
            browser, link, "Dana Client", "request-changes", "Boat wake too strong", "SQ020_0010"
        )

        _board_shows(page, live_server.url, "SQ020_0010", task_a, "changes")
        page.goto(f"{live_server.url}/review/{version_a}")
        client_note = page.get_by_role("button", name=re.compile("Boat wake too strong"))
        expect(client_note).to_be_visible()
        expect(client_note).to_contain_text("Dana Client")
        assert _category(api, task_a) == "changes"

        # The link exists now: one click shares the second shot into it.
        page.goto(f"{live_server.url}/review/{version_b}")
        page.get_by_role("region", name="Decision").get_by_role(
            "button", name="Share With Client"
        ).click()
        expect(page.get_by_role("status").filter(has_text="with the client")).to_be_visible()
        expect(page.get_by_role("dialog")).to_have_count(0)
        _guest_reviews(browser, link, "Dana Client", "approve", "Lovely, approved", "SQ020_0020")
        _board_shows(page, live_server.url, "SQ020_0020", task_b, "done")
        assert _category(api, task_b) == "done"
    finally:
        context.close()
        api.close()
