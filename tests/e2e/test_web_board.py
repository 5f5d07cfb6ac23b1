"""Creating a shot with the shots tab's form, shot page quick-add, "Apply template" on selected
shots, batch status on the tasks grid, and no kanban for clients, in a real browser. Saves
docs/img/new-shot.png and docs/img/shot-page.png."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e


def test_quick_add_and_batch_status(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    email, password = live_server.logins["producer"]
    code = f"QA{uuid.uuid4().hex[:6].upper()}"

    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/projects/1/shots")
        page.get_by_role("button", name="New shot").click()
        form = page.get_by_role("form", name="New shot")
        form.get_by_label("Code").fill(code)
        form.get_by_label("Sequence (episode)").select_option(label="SQ030 — Lighthouse")
        form.get_by_label("Frame in").fill("1100")
        form.get_by_label("Frame out").fill("1001")
        form.get_by_label("Description").fill("Made with the form")
        form.get_by_role("button", name="Create shot").click()
        expect(form.get_by_label("Frame out")).to_have_attribute("aria-invalid", "true")
        expect(form.get_by_text("must not be before frame_in")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "new-shot.png"))
        form.get_by_label("Frame out").fill("1196")
        expect(form.get_by_text("must not be before frame_in")).to_have_count(0)
        form.get_by_role("button", name="Create shot").click()
        created = form.get_by_role("link", name=code)
        expect(created).to_be_visible()
        created.click()
        expect(page.get_by_role("heading", name=code)).to_be_visible()
        expect(page.get_by_text("Made with the form")).to_be_visible()
        for name in ("Track", "Roto", "Comp"):
            button = page.get_by_role("button", name=f"Add {name}")
            button.click()
            expect(button).to_have_count(0)  # hidden once the task exists
        for name in ("Track", "Roto", "Comp"):
            expect(page.get_by_role("link", name=re.compile(rf"^{code} {name} "))).to_be_visible()
        latest = page.get_by_role("list", name="Latest versions")
        expect(latest.get_by_text("No version yet")).to_have_count(3)
        page.screenshot(path=str(SCREENSHOTS / "shot-page.png"))

        # A second shot from the form, then "Apply template" on it from the grid's selection.
        other = f"{code}B"
        page.goto(f"{live_server.url}/projects/1/shots")
        page.get_by_role("button", name="New shot").click()
        form = page.get_by_role("form", name="New shot")
        form.get_by_label("Code").fill(other)
        form.get_by_role("button", name="Create shot").click()
        expect(form.get_by_role("link", name=other)).to_be_visible()
        page.get_by_label("Filter shots").fill(other)
        shots = page.get_by_role("grid", name="shots grid")
        expect(shots.get_by_role("row")).to_have_count(2)
        shots.get_by_label(re.compile(r"^Select row \d+$")).check()
        toolbar = page.get_by_role("toolbar", name="Batch actions")
        toolbar.get_by_label("Apply template").select_option(label="Shot basics")
        expect(toolbar.get_by_role("status")).to_have_text("Created 3 tasks on 1 shot.")
        page.goto(f"{live_server.url}/projects/1/shots")
        page.get_by_label("Filter shots").fill(other)
        page.get_by_role("grid", name="shots grid").get_by_role("link", name=other).click()
        for name in ("Track", "Roto", "Comp"):
            expect(page.get_by_role("link", name=re.compile(rf"^{other} {name} "))).to_be_visible()

        page.goto(f"{live_server.url}/projects/1/tasks")
        grid = page.get_by_role("grid", name="tasks grid")
        expect(grid.get_by_role("row").nth(5)).to_be_visible()
        boxes = grid.get_by_label(re.compile(r"^Select row \d+$"))
        ids = [boxes.nth(i).get_attribute("aria-label").split()[-1] for i in range(5)]  # type: ignore[union-attr]
        for i in range(5):
            boxes.nth(i).check()
        status = page.get_by_label("Set status")
        target = status.locator("option").last
        label = target.inner_text().strip()
        status.select_option(target.get_attribute("value"))
        page.wait_for_load_state("networkidle")
        page.reload()
        grid = page.get_by_role("grid", name="tasks grid")
        for task_id in ids:
            row = grid.get_by_role("row").filter(
                has=page.get_by_label(f"Select row {task_id}", exact=True)
            )
            expect(row).to_contain_text(label)
    finally:
        context.close()


def test_client_sees_no_kanban(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    email, password = live_server.logins["client"]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    try:
        _login(page, live_server.url, email, password)
        expect(page.get_by_role("link", name="Kanban")).to_have_count(0)
        page.goto(f"{live_server.url}/projects/1/kanban")
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("link", name="Kanban")).to_have_count(0)
        expect(page.locator("section[data-category]")).to_have_count(0)
        expect(page.locator("li[data-task-id]")).to_have_count(0)
    finally:
        context.close()
