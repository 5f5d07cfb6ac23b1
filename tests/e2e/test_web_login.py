"""The web app in a real browser: log in as the demo admin, see the dashboard, log out."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def test_login_dashboard_logout(live_server: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    email, password = live_server.logins["admin"]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        expect(page).to_have_url(re.compile(r"/login"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill("definitely wrong")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Wrong e-mail or password.")).to_be_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "login.png"))

        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        for title in ("Tasks Due Today", "Tasks In Review", "Overdue Tasks", "Artist Workload"):
            expect(page.get_by_role("heading", name=title)).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))

        page.get_by_role("button", name="Sam Rivera").click()
        page.get_by_role("menuitem", name="Log out").click()
        expect(page).to_have_url(re.compile(r"/login"))
        assert page.request.get(f"{live_server.url}/api/v1/me").status == 401
    finally:
        context.close()
