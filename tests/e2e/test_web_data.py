"""Data screens in a real browser, as the demo producer: the CSV import wizard, archive and
restore, global search, a task's history with revert, the activity tab, and the artist's
notifications bell after an assignment. Saves docs/img/import-wizard.png, history.png,
activity.png, inbox.png."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

# 50 shots, ZZ900_0010 … ZZ900_0500, as a spreadsheet would have them.
SHOTS = 50
CSV = "Shot,Sequence,Frame In,Frame Out,Description\n" + "".join(
    f"ZZ900_{n * 10:04d},SQ010,1001,{1040 + n},Imported by the wizard test\n"
    for n in range(1, SHOTS + 1)
)


def _login(page, url: str, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def _api(live_server: LiveServer, role: str) -> httpx.Client:
    email, password = live_server.logins[role]
    client = httpx.Client(base_url=live_server.url, timeout=10)
    client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}
    ).raise_for_status()
    return client


def test_producer_import_archive_history_activity(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    api = _api(live_server, "producer")
    email, password = live_server.logins["producer"]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    csv = tmp_path / "shots.csv"
    csv.write_text(CSV, encoding="utf-8")
    try:
        _login(page, live_server.url, email, password)

        # Import 50 shots through the wizard.
        page.goto(f"{live_server.url}/projects/1/import")
        page.get_by_label("CSV file").set_input_files(str(csv))
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_label("Field for Shot")).to_have_value("code")
        page.get_by_label("Field for Sequence").select_option("sequence.code")
        page.get_by_label("Field for Frame In").select_option("frame_in")
        page.get_by_label("Field for Frame Out").select_option("frame_out")
        page.get_by_label("Field for Description").select_option("description")
        page.get_by_role("button", name="Validate").click()
        preview = page.get_by_role("table", name="Import preview")
        expect(preview.locator("[data-action=error]")).to_have_count(0)
        expect(preview.locator("[data-action=new]").first).to_be_visible()
        # the preview is virtualized: the action filter counts every row
        filters = page.get_by_role("group", name="Filter rows by action")
        expect(filters.get_by_role("button", name=re.compile(r"^All"))).to_have_text("All 50")
        expect(filters.get_by_role("button", name=re.compile(r"^New"))).to_have_text("New 50")
        expect(filters.get_by_role("button", name=re.compile(r"^Errors"))).to_have_text("Errors 0")
        page.screenshot(path=str(SCREENSHOTS / "import-wizard.png"))
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Import").click()
        result = page.get_by_role("region", name="Import result")
        expect(result).to_contain_text("Import finished")
        expect(result.get_by_text("Created").locator("xpath=following-sibling::dd")).to_have_text(
            str(SHOTS)
        )
        batch_id = (
            result.get_by_text(re.compile(r"^Batch ")).inner_text().removeprefix("Batch ").strip()
        )
        result.get_by_role("link", name=re.compile("Open the shots grid")).click()
        page.get_by_label("Filter shots").fill("ZZ900")
        grid = page.get_by_role("grid", name="shots grid")
        expect(page.get_by_text(re.compile(r"^\d+ shots$"))).to_have_text(f"{SHOTS} shots")
        expect(grid).to_contain_text("ZZ900_0010")
        expect(grid).to_contain_text("ZZ900_0020")

        rows = api.get(
            "/api/v1/projects/1/shots", params={"code": "ZZ900_0020", "fields": "code"}
        ).json()
        shot_id = rows["items"][0]["id"]

        # Global search: Ctrl+K, a partial code, arrows and Enter.
        page.keyboard.press("Control+k")
        page.keyboard.type("ZZ900_002")
        results = page.get_by_role("listbox", name="Search results")
        expect(results.get_by_role("option", name=re.compile("ZZ900_0020"))).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "search.png"))
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/projects/1/shots/{shot_id}$"))

        # Archive one (API), restore it from the archived page.
        api.post(f"/api/v1/shots/{shot_id}/archive").raise_for_status()
        page.goto(f"{live_server.url}/projects/1/archived")
        archived = page.get_by_role("table", name="Archived shots")
        archived.get_by_role("button", name="Restore ZZ900_0020").click()
        expect(page.get_by_role("button", name="Restore ZZ900_0020")).to_have_count(0)
        assert api.get(f"/api/v1/shots/{shot_id}").json()["archived_at"] is None

        # A task's history: change its priority (API), revert it in the browser.
        task = api.get(
            "/api/v1/projects/1/tasks", params={"fields": "title,priority,row_version", "limit": 1}
        ).json()["items"][0]
        new_priority = 3 if task["priority"] != 3 else 0
        api.patch(
            f"/api/v1/tasks/{task['id']}",
            json={"priority": new_priority},
            headers={"If-Match": f'"{task["row_version"]}"'},
        ).raise_for_status()
        page.goto(f"{live_server.url}/tasks/{task['id']}")
        page.get_by_role("tab", name="History").click()
        changes = page.get_by_role("list", name="Changes")
        latest = changes.get_by_role("listitem").first
        expect(latest).to_contain_text("priority")
        latest.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "history.png"))
        latest.get_by_role("button", name="Revert this change").click()
        expect(page.get_by_role("status").filter(has_text="Change reverted.")).to_be_visible()
        assert api.get(f"/api/v1/tasks/{task['id']}").json()["priority"] == task["priority"]

        # The project's activity, as sentences with links.
        page.goto(f"{live_server.url}/projects/1/activity")
        feed = page.get_by_role("region", name="Project activity")
        expect(feed.get_by_role("listitem").first).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "activity.png"))

        # Leave the demo as it was for the other browser tests (undoing the import archives rows).
        api.post(f"/api/v1/history/batches/{batch_id}/undo").raise_for_status()
        left = api.get("/api/v1/projects/1/shots", params={"code__starts_with": "ZZ900"}).json()
        assert left["items"] == [], left
    finally:
        context.close()
        api.close()


def test_artist_bell_after_assignment(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    producer = _api(live_server, "producer")
    artist = _api(live_server, "artist")
    email, password = live_server.logins["artist"]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        me = artist.get("/api/v1/me").json()["id"]
        artist.post("/api/v1/notifications/read-all").raise_for_status()
        _login(page, live_server.url, email, password)
        expect(page.get_by_role("button", name="Notifications", exact=True)).to_be_visible()

        tasks = producer.get(
            "/api/v1/projects/1/tasks",
            params={"fields": "title,assignees,row_version", "limit": 50},
        ).json()["items"]
        task = next(t for t in tasks if me not in (t.get("assignees") or []))
        producer.post(
            f"/api/v1/tasks/{task['id']}/assign",
            json={"assignee_ids": [me]},
            headers={"If-Match": f'"{task["row_version"]}"'},
        ).raise_for_status()
        # No reload: the embedded worker runs the notifier after the commit; its commit wakes
        # the artist's /api/v1/stream, which sends the new unread count to the bell.
        bell = page.get_by_role("button", name=re.compile(r"Notifications \(\d+ unread\)"))
        expect(bell).to_be_visible()
        bell.click()
        item = page.get_by_role("menuitem", name=re.compile("Unread:"))
        expect(item.first).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "inbox.png"))
        item.first.click()
        page.wait_for_url(re.compile(rf"/tasks/{task['id']}$"))
        expect(page.get_by_role("button", name="Notifications", exact=True)).to_be_visible()
    finally:
        context.close()
        producer.close()
        artist.close()
