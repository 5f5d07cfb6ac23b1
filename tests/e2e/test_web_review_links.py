"""Managing review links in a real browser: a producer shares a version into a new link
(through the API), a guest opens and unlocks it (through the API), then in the browser the
producer finds the link under the project's Review links tab, reads the guest in its access
log, regenerates it (the old URL dies, the new one works) and revokes it. The page's
screenshot goes to docs/img/review-links.png."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import make_clip, shot_version
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e

LINK = "Lighthouse dailies"
PASSWORD = "keeper-lamp-77"
GUEST = "Dana Client"
BROWSER_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def _shared_version(api: httpx.Client, clip: Path) -> dict[str, Any]:
    """A new version of SQ030_0010's first task, shared into a new link; the link made."""
    _task, version_id = shot_version(api, "SQ030_0010", clip)
    shared = api.post(
        f"/api/v1/versions/{version_id}/share",
        json={"create_session": {"name": LINK, "password": PASSWORD}},
    )
    shared.raise_for_status()
    created: dict[str, Any] = shared.json()["created"]
    return created


def _token_of(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def test_producer_manages_a_review_link(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    email, password = live_server.logins["producer"]
    api = httpx.Client(base_url=live_server.url, timeout=30)
    guest = httpx.Client(base_url=live_server.url, timeout=30, headers={"User-Agent": BROWSER_UA})
    api.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    clip = tmp_path / "sq030_comp.mp4"
    make_clip(clip, frames=12)
    link = _shared_version(api, clip)
    old_token = str(link["token"])
    assert link["version_ids"], link

    # the guest opens the link, mistypes the password, gets in and plays the version
    assert guest.get(f"/api/v1/share/{old_token}").status_code == 200
    wrong = guest.post(
        f"/api/v1/share/{old_token}/unlock", json={"name": GUEST, "password": "keeper-lamp"}
    )
    assert wrong.status_code == 401, wrong.text
    unlock = guest.post(
        f"/api/v1/share/{old_token}/unlock", json={"name": GUEST, "password": PASSWORD}
    )
    assert unlock.status_code == 200, unlock.text
    version_id = link["version_ids"][0]
    played = guest.get(
        f"/api/v1/share/{old_token}/versions/{version_id}/player",
        headers={"X-Guest-Token": unlock.json()["guest_token"]},
    )
    assert played.status_code == 200, played.text

    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/projects/1/shots")
        page.get_by_role("navigation", name="Project").get_by_role(
            "link", name="Review links"
        ).click()
        page.wait_for_url(f"{live_server.url}/projects/1/review-links")
        row = page.get_by_role("row", name=LINK)
        expect(row).to_be_visible()
        expect(row).to_contain_text("active")
        expect(row.get_by_role("cell").nth(3)).to_have_text("Yes")  # password
        expect(row.get_by_role("cell").nth(4)).to_have_text("off")  # downloads
        expect(row.get_by_role("cell").nth(5)).to_have_text("1")  # versions

        row.get_by_role("button", name="Access log").click()
        log = page.get_by_role("region", name=f"Access log of {LINK}")
        unlocked = log.get_by_role("row").filter(has_text="Unlocked (gave a name)")
        expect(unlocked).to_contain_text(GUEST)
        expect(unlocked).to_contain_text("127.0.0.1")
        expect(unlocked).to_contain_text("Chrome 131 on macOS")
        expect(log.get_by_role("row").filter(has_text="Opened the link")).to_have_count(1)
        expect(log.get_by_role("row").filter(has_text="Wrong password")).to_have_count(1)
        expect(log.get_by_role("row").filter(has_text="Played")).to_contain_text(
            re.compile(r"SQ030_0010 \w+ v\d{3}")
        )
        expect(page.get_by_label("Burn the viewer's name into downloads")).to_be_enabled()
        page.screenshot(path=str(SCREENSHOTS / "review-links.png"))

        # regenerate: the new URL is shown once; the old one is dead
        row.get_by_role("button", name="Regenerate").click()
        confirm = page.get_by_role("dialog", name="Give this link a new URL?")
        confirm.get_by_role("button", name="Regenerate").click()
        created = page.get_by_role("dialog", name="New review link")
        expect(created.get_by_role("img", name="QR code of the review link")).to_be_visible()
        new_token = _token_of(created.get_by_label("Review link", exact=True).input_value())
        assert new_token != old_token
        assert guest.get(f"/api/v1/share/{old_token}").status_code == 404
        info = guest.get(f"/api/v1/share/{new_token}")
        assert info.status_code == 200, info.text
        assert info.json()["name"] == LINK
        created.get_by_role("button", name="Done").click()

        # revoke: the link leaves the active list and shows as revoked with the others
        row.get_by_role("button", name="Revoke").click()
        page.get_by_role("dialog", name="Revoke this link?").get_by_role(
            "button", name="Revoke"
        ).click()
        expect(page.get_by_role("status").filter(has_text=f"Revoked “{LINK}”.")).to_be_visible()
        expect(row).to_have_count(0)
        page.get_by_label("Show expired and revoked").check()
        expect(row).to_contain_text("revoked")
        expect(row.get_by_role("button")).to_have_text(["Access log"])
        assert guest.get(f"/api/v1/share/{new_token}").status_code == 404
    finally:
        context.close()
        api.close()
        guest.close()
