"""Review in a real browser, as the demo supervisor: upload a generated movie to a task through
the UI (tus), wait for the proxy, open the player, step to a frame, draw a rectangle, save a
note, reload and find the note on that frame, approve. The picture shown is checked by pixel
read-back: every frame of the clip has its own grey level. Screenshots go to docs/img/."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import make_clip, shown_index, wait_seeked
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e

FRAMES = 48
STEP = 5  # grey level = 10 + STEP * frame index


def _shown_index(page) -> int:  # type: ignore[no-untyped-def]
    return shown_index(page, STEP)


def test_supervisor_uploads_draws_a_note_and_approves(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    email, password = live_server.logins["supervisor"]
    api = httpx.Client(base_url=live_server.url)
    api.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    tasks = api.get(
        "/api/v1/projects/1/tasks",
        params={"fields": "title,shot.code", "shot.code": "SQ010_0020", "limit": 1},
    )
    tasks.raise_for_status()
    task_id = tasks.json()["items"][0]["id"]
    clip = tmp_path / "sq010_0020_comp_v001.mp4"
    make_clip(clip, frames=FRAMES, step=STEP)

    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/tasks/{task_id}")
        page.get_by_label("Choose files").set_input_files(str(clip))
        page.get_by_label("Version description").fill("first comp pass")
        page.get_by_role("button", name="Upload version").click()
        versions = page.get_by_role("list", name="Versions")
        v001 = versions.get_by_role("button", name=re.compile("v001"))
        expect(v001).to_be_visible(timeout=20_000)
        expect(versions.get_by_text("Pending review")).to_be_visible(timeout=30_000)
        player = page.get_by_role("region", name=re.compile("Review player"))
        expect(player).to_be_visible(timeout=15_000)
        wait_seeked(page)
        page.screenshot(path=str(SCREENSHOTS / "task-versions.png"), full_page=True)

        version_id = api.get(f"/api/v1/tasks/{task_id}/versions").json()[0]["id"]
        data = api.get(f"/api/v1/versions/{version_id}/player").json()
        first = data["first_frame"]
        assert data["rate"]["numerator"] == 24
        assert data["frame_count"] == FRAMES

        page.goto(f"{live_server.url}/review/{version_id}")
        player = page.get_by_role("region", name=re.compile("Review player"))
        frame_out = page.get_by_label("Current frame")
        expect(frame_out).to_have_text(str(first))
        wait_seeked(page)
        assert _shown_index(page) == 0
        player.focus()
        for _ in range(12):
            page.keyboard.press("ArrowRight")
        page.get_by_role("button", name="Next frame").click()
        target = first + 13
        expect(frame_out).to_have_text(str(target))
        wait_seeked(page)
        assert _shown_index(page) == 13
        expect(page.get_by_label("Timecode")).to_contain_text(":")

        page.get_by_role("button", name="Rectangle").click()
        layer = page.get_by_role("img", name=re.compile("Drawing layer"))
        box = layer.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=5)
        page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.6, steps=5)
        page.mouse.up()
        expect(page.get_by_text("1 shape drawn")).to_be_visible()
        page.get_by_label(f"Note on frame {target}").fill("Grade is too flat here")
        page.get_by_role("button", name=f"Save note at {target}").click()
        note = page.get_by_role("button", name=re.compile(f"Note at frame {target}"))
        expect(note).to_be_visible()
        expect(page.get_by_role("img", name="Drawings").locator("rect")).to_have_count(1)
        page.screenshot(path=str(SCREENSHOTS / "review-player.png"))

        page.reload()
        frame_out = page.get_by_label("Current frame")
        expect(frame_out).to_have_text(str(first))
        page.get_by_role("button", name=re.compile(f"Note at frame {target}")).click()
        expect(frame_out).to_have_text(str(target))
        wait_seeked(page)
        assert _shown_index(page) == 13
        rect = page.get_by_role("img", name="Drawings").locator("rect")
        expect(rect).to_have_count(1)
        # source-frame pixels: a quarter of the 320x180 source, whatever the player's size
        assert abs(float(rect.get_attribute("x") or 0) - 80) <= 2
        assert abs(float(rect.get_attribute("width") or 0) - 160) <= 3
        saved = api.get(f"/api/v1/versions/{version_id}/notes").json()
        assert saved[0]["frame_in"] == target
        assert saved[0]["annotation"]["shapes"][0]["type"] == "rect"

        page.get_by_role("button", name="Approve").click()
        expect(page.get_by_role("status").filter(has_text="Approved.")).to_be_visible()
        decision = page.get_by_role("region", name="Decision")
        expect(decision.get_by_text("Approved", exact=True)).to_be_visible()
        history = api.get(f"/api/v1/tasks/{task_id}/approvals").json()
        assert history[-1]["decision"] == "approved"
    finally:
        context.close()
        api.close()
