"""Frame accuracy of the review player at 23.976, 25 and 29.97 fps, by pixel read-back: a clip
whose frame i has its own level is uploaded; in the browser the supervisor goes to the first,
a middle and the last frame, checks the picture, draws a rectangle and saves a note on each;
after a reload, clicking each note shows that exact frame again (and its drawing)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import make_clip, shown_index, upload_version, wait_seeked
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e

FRAMES = 30
STEP = 7  # red level = 10 + STEP * frame index
SHOTS = {
    "24": "SQ020_0040",
    "24000/1001": "SQ020_0010",
    "25": "SQ020_0020",
    "30000/1001": "SQ020_0030",
}


@pytest.mark.parametrize("rate", ["24", "24000/1001", "25", "30000/1001"])
def test_notes_land_on_the_exact_frame(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path, rate: str
) -> None:
    from playwright.sync_api import expect

    fps = Fraction(rate)
    email, password = live_server.logins["supervisor"]
    api = httpx.Client(base_url=live_server.url, timeout=30)
    api.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    task_id = api.get(
        "/api/v1/projects/1/tasks",
        params={"fields": "title,shot.code", "shot.code": SHOTS[rate], "limit": 1},
    ).json()["items"][0]["id"]
    clip = tmp_path / f"frames_{rate.replace('/', '_')}.mp4"
    make_clip(clip, rate=fps, frames=FRAMES, step=STEP, size=(160, 90))
    version_id = upload_version(api, task_id, clip, f"{rate} fps frame test")
    data = api.get(f"/api/v1/versions/{version_id}/player").json()
    assert Fraction(data["rate"]["numerator"], data["rate"]["denominator"]) == fps
    assert data["frame_count"] == FRAMES
    first = data["first_frame"]

    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    try:
        _login(page, live_server.url, email, password)
        page.goto(f"{live_server.url}/review/{version_id}")
        player = page.get_by_role("region", name=re.compile("Review player"))
        frame_out = page.get_by_label("Current frame")
        expect(frame_out).to_have_text(str(first))
        wait_seeked(page)
        player.focus()
        middle = FRAMES // 2 + 1  # 16: one Shift+→ (10) and six →
        keys = {0: ["Home"], middle: ["Shift+ArrowRight"] + ["ArrowRight"] * 6, FRAMES - 1: ["End"]}
        for index, presses in keys.items():
            page.keyboard.press("Home")
            for key in presses:
                page.keyboard.press(key)
            expect(frame_out).to_have_text(str(first + index))
            wait_seeked(page)
            assert shown_index(page, STEP) == index
            page.get_by_role("button", name="Rectangle").click()
            box = page.get_by_role("img", name=re.compile("Drawing layer")).bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.7, steps=4)
            page.mouse.up()
            page.get_by_label(f"Note on frame {first + index}").fill(f"frame {index}")
            page.get_by_role("button", name=f"Save note at {first + index}").click()
            expect(
                page.get_by_role("button", name=f"Note at frame {first + index}: frame {index}")
            ).to_be_visible()
            player.focus()
        if fps.denominator == 1001 and fps.numerator == 30000:
            expect(page.get_by_label("Timecode")).to_contain_text(";")  # drop-frame label

        page.reload()
        frame_out = page.get_by_label("Current frame")
        expect(frame_out).to_have_text(str(first))
        for index in (FRAMES - 1, 0, middle):
            page.get_by_role("button", name=f"Note at frame {first + index}: frame {index}").click()
            expect(frame_out).to_have_text(str(first + index))
            wait_seeked(page)
            assert shown_index(page, STEP) == index, f"{rate} fps: frame {index}"
            rect = page.get_by_role("img", name="Drawings").locator("rect")
            expect(rect).to_have_count(1)
            assert abs(float(rect.get_attribute("x") or 0) - 32) <= 1  # source pixels of 160x90
        saved = api.get(f"/api/v1/versions/{version_id}/notes").json()
        assert sorted(n["frame_in"] for n in saved) == [first, first + middle, first + FRAMES - 1]
    finally:
        context.close()
        api.close()
