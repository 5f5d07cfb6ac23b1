"""The production screens in a real browser: projects, shots grid, kanban, task page, admin,
and an artist refused when moving someone else's task. Saves screenshots to docs/img/."""

from __future__ import annotations

import re

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def _login(page, url: str, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def _drag(page, card, column) -> None:  # type: ignore[no-untyped-def]
    """A real pointer drag (dnd-kit needs several moves past its 5 px threshold)."""
    box = card.bounding_box()
    target = column.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 12)
    page.mouse.down()
    for step in range(1, 11):
        x = box["x"] + (target["x"] + target["width"] / 2 - box["x"]) * step / 10
        y = box["y"] + 12 + (target["y"] + 80 - box["y"] - 12) * step / 10
        page.mouse.move(x, y)
    page.mouse.up()


def test_producer_grid_kanban_task_admin(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    email, password = live_server.logins["producer"]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _login(page, live_server.url, email, password)
        expect(page.get_by_role("heading", name="Overdue Tasks")).to_be_visible()
        expect(page.get_by_role("list", name="Workload per artist")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))

        page.get_by_role("link", name="Projects", exact=True).click()
        page.get_by_role("link", name=re.compile("Northwind")).click()
        grid = page.get_by_role("grid", name="shots grid")
        expect(grid.get_by_role("row").nth(1)).to_contain_text("SQ010_0010")
        page.get_by_label("Filter shots").fill("SQ020")
        expect(page.get_by_text(re.compile(r"^\d+ shots$"))).to_have_text("20 shots")
        page.get_by_role("button", name="Shot", exact=True).click()  # ascending
        page.get_by_role("button", name="Shot", exact=True).click()  # descending
        first = grid.get_by_role("row").nth(1)
        expect(first).to_contain_text("SQ020_")
        codes = grid.get_by_role("row").all_inner_texts()[1:4]
        assert codes == sorted(codes, reverse=True), codes
        page.screenshot(path=str(SCREENSHOTS / "shots-grid.png"))

        page.get_by_role("link", name="Tasks", exact=True).last.click()
        tasks_grid = page.get_by_role("grid", name="tasks grid")
        expect(tasks_grid.get_by_role("row").nth(1)).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "tasks-grid.png"))

        page.get_by_role("link", name="Kanban").click()
        page.get_by_label("Filter by shot code").fill("SQ010_0010")
        todo = page.locator("section[data-category=todo]")
        progress = page.locator("section[data-category=in_progress]")
        card = page.locator("li[data-task-id]").first
        expect(card).to_be_visible()
        task_id = card.get_attribute("data-task-id")
        source = card.locator("xpath=ancestor::section").get_attribute("data-category")
        target = progress if source != "in_progress" else todo
        target_cat = "in_progress" if source != "in_progress" else "todo"
        _drag(page, card, target)
        moved = f"section[data-category={target_cat}] li[data-task-id='{task_id}']"
        expect(page.locator(moved)).to_be_visible()
        page.wait_for_load_state("networkidle")
        page.get_by_label("Filter by shot code").fill("")
        page.screenshot(path=str(SCREENSHOTS / "kanban.png"))
        page.reload()
        page.get_by_label("Filter by shot code").fill("SQ010_0010")
        moved = f"section[data-category={target_cat}] li[data-task-id='{task_id}']"
        expect(page.locator(moved)).to_be_visible()

        page.goto(f"{live_server.url}/tasks/{task_id}")
        expect(page.get_by_label("Status")).to_be_visible()
        expect(page.get_by_role("heading", name="Versions")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "task-page.png"))

        page.get_by_role("link", name="Admin").click()
        expect(page.get_by_role("cell", name="Maya Chen")).to_be_visible()
        page.get_by_role("tab", name="Statuses").click()
        expect(page.get_by_label("Name of Internal review")).to_be_visible()
        page.get_by_role("tab", name="Accounts").click()
        page.screenshot(path=str(SCREENSHOTS / "admin.png"))
    finally:
        context.close()


def test_artist_cannot_move_someone_elses_task(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    email, password = live_server.logins["artist"]
    me = httpx.Client(base_url=live_server.url)
    me.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    my_id = me.get("/api/v1/me").json()["id"]
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/projects/1/kanban")
        page.get_by_label("Board entity").select_option("shot")
        todo = page.locator("section[data-category=todo]")
        others = todo.locator("li[data-task-id]").filter(
            has_not=page.locator(
                f"xpath=self::*[contains(concat(',', @data-assignees, ','), ',{my_id},')]"
            )
        )
        card = others.first
        expect(card).to_be_visible()
        task_id = card.get_attribute("data-task-id")
        _drag(page, card, page.locator("section[data-category=in_progress]"))
        expect(page.get_by_role("alert")).to_contain_text("only move tasks assigned to you")
        back = f"section[data-category=todo] li[data-task-id='{task_id}']"
        expect(page.locator(back)).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "kanban-refused.png"))
    finally:
        context.close()
        me.close()
