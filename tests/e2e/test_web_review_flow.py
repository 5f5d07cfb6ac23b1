"""The whole review loop in a real browser, two people: the artist uploads v001 to their task
(Internal Review on the board) → the supervisor draws a note on a frame and requests changes
(Changes on the board) → the artist replies to the note and uploads v002 → the supervisor
compares v002 with v001 (wipe and side by side, frame-locked: both pictures are read back),
zooms in and draws in source pixels, and approves (Done on the board); the shot page's
"Latest versions" card then shows the approved v002. Screenshots of the compare views and the
shot page go to docs/img/."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import OTHER_VIDEO, make_clip, shown_index, wait_seeked
from tests.e2e.test_web_production import _login

pytestmark = pytest.mark.e2e

FRAMES = 48
STEP = 5
WARM = (1.0, 0.7, 0.45)  # v002 is graded warmer: the wipe shows the difference


def _new_task_for_the_artist(live_server: LiveServer) -> tuple[str, int]:
    """A fresh shot with a Comp task assigned to the demo artist (set up by the producer)."""
    email, password = live_server.logins["producer"]
    code = f"RV{uuid.uuid4().hex[:6].upper()}"
    with httpx.Client(base_url=live_server.url) as api:
        api.post(
            "/api/v1/auth/login", json={"email": email, "password": password}
        ).raise_for_status()
        shot = api.post("/api/v1/projects/1/shots", json={"code": code})
        shot.raise_for_status()
        comp = next(t for t in api.get("/api/v1/task-types").json() if t["code"] == "COMP")
        people = api.get("/api/v1/accounts", params={"fields": "email", "limit": 100}).json()
        artist = next(a for a in people["items"] if a["email"] == live_server.logins["artist"][0])
        task = api.post(
            "/api/v1/tasks",
            json={
                "shot_id": shot.json()["id"],
                "task_type_id": comp["id"],
                "assignee_ids": [artist["id"]],
            },
        )
        task.raise_for_status()
        return code, int(task.json()["id"])


def _expect_on_board(page: Any, url: str, code: str, task_id: int, category: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/projects/1/kanban")
    page.get_by_label("Filter by shot code").fill(code)
    card = page.locator(f'section[data-category="{category}"] li[data-task-id="{task_id}"]')
    expect(card).to_be_visible(timeout=15_000)


def _upload(page: Any, url: str, task_id: int, clip: Path, description: str, label: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/tasks/{task_id}")
    page.get_by_label("Choose files").set_input_files(str(clip))
    page.get_by_label("Version description").fill(description)
    page.get_by_role("button", name="Upload version").click()
    versions = page.get_by_role("list", name="Versions")
    expect(versions.get_by_role("button", name=re.compile(label))).to_be_visible(timeout=20_000)
    expect(page.get_by_role("region", name=re.compile(f"Review player, {label}"))).to_be_visible(
        timeout=30_000
    )


def _draw_rect(page: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    """Drag a rectangle over the drawing layer, at fractions of its (possibly zoomed) box."""
    page.get_by_role("button", name="Rectangle").click()
    box = page.get_by_role("img", name=re.compile("Drawing layer")).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * x0, box["y"] + box["height"] * y0)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * x1, box["y"] + box["height"] * y1, steps=5)
    page.mouse.up()


def test_upload_review_retake_compare_approve(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    url = live_server.url
    code, task_id = _new_task_for_the_artist(live_server)
    v1_clip, v2_clip = tmp_path / "comp_v001.mp4", tmp_path / "comp_v002.mp4"
    make_clip(v1_clip, frames=FRAMES, step=STEP)
    make_clip(v2_clip, frames=FRAMES, step=STEP, tint=WARM)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    artist = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    supervisor = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="dark")
    a, s = artist.new_page(), supervisor.new_page()
    api = httpx.Client(base_url=url)
    try:
        _login(a, url, *live_server.logins["artist"])
        _login(s, url, *live_server.logins["supervisor"])
        email, password = live_server.logins["supervisor"]
        api.post(
            "/api/v1/auth/login", json={"email": email, "password": password}
        ).raise_for_status()

        # 1. the artist uploads v001: Internal Review; artists get no decision buttons
        _upload(a, url, task_id, v1_clip, "first comp", "v001")
        decision = a.get_by_role("region", name="Decision")
        expect(decision.get_by_role("button", name="Approve")).to_have_count(0)
        _expect_on_board(a, url, code, task_id, "internal_review")
        v1 = api.get(f"/api/v1/tasks/{task_id}/versions").json()[0]["id"]

        # 2. the supervisor draws a note on frame 1013 and requests changes: Changes
        s.goto(f"{url}/review/{v1}")
        player = s.get_by_role("region", name=re.compile("Review player"))
        frame_out = s.get_by_label("Current frame")
        wait_seeked(s)
        first = int(frame_out.inner_text())
        player.focus()
        for _ in range(12):
            s.keyboard.press("ArrowRight")
        expect(frame_out).to_have_text(str(first + 12))
        _draw_rect(s, 0.3, 0.3, 0.6, 0.6)
        s.get_by_label(f"Note on frame {first + 12}").fill("Edge too hard on the mast")
        s.get_by_role("button", name=f"Save note at {first + 12}").click()
        expect(
            s.get_by_role("button", name=re.compile(f"Note at frame {first + 12}"))
        ).to_be_visible()
        s.get_by_label("Decision note (optional)").fill("Soften the mast edge")
        s.get_by_role("button", name="Request changes").click()
        expect(s.get_by_role("status").filter(has_text="Changes requested.")).to_be_visible()
        _expect_on_board(s, url, code, task_id, "changes")

        # 3. the artist replies on the note (no Edit on someone else's note) and uploads v002
        a.goto(f"{url}/review/{v1}")
        note = a.locator("li[data-note-id]").filter(has_text="Edge too hard on the mast").first
        expect(note.get_by_role("button", name=re.compile("^Reply to"))).to_be_visible()
        expect(note.get_by_role("button", name="Edit note")).to_have_count(0)
        note.get_by_role("button", name=re.compile("^Reply to")).first.click()
        a.get_by_label(re.compile("^Your reply to")).fill("Softened in v002")
        a.get_by_role("button", name="Send reply").click()
        reply = a.locator("li[data-note-id]").filter(has_text="Softened in v002").last
        expect(reply.get_by_role("button", name="Edit note")).to_be_visible()
        _upload(a, url, task_id, v2_clip, "softer mast edge", "v002")
        _expect_on_board(a, url, code, task_id, "internal_review")
        v2 = api.get(f"/api/v1/tasks/{task_id}/versions").json()[0]["id"]

        # 4. the supervisor opens v002 on frame 1016, zooms in and draws: source pixels (320x180)
        s.goto(f"{url}/review/{v2}?frame={first + 15}")
        player = s.get_by_role("region", name=re.compile("Review player, v002"))
        frame_out = s.get_by_label("Current frame")
        expect(frame_out).to_have_text(str(first + 15))
        wait_seeked(s)
        level = s.get_by_label("Zoom level")
        fitted = level.inner_text()
        player.focus()
        for _ in range(3):
            s.keyboard.press("=")
        expect(level).not_to_have_text(fitted)
        _draw_rect(s, 0.4, 0.45, 0.6, 0.55)
        s.get_by_label(f"Note on frame {first + 15}").fill("Better; check the horizon")
        s.get_by_role("button", name=f"Save note at {first + 15}").click()
        expect(
            s.get_by_role("button", name=re.compile(f"Note at frame {first + 15}"))
        ).to_be_visible()
        saved = next(
            n for n in api.get(f"/api/v1/versions/{v2}/notes").json() if n["frame_in"] == first + 15
        )
        shape = saved["annotation"]["shapes"][0]
        for key, expected in (("x", 128), ("width", 64), ("y", 81), ("height", 18)):
            assert abs(shape[key] - expected) <= 2, (key, shape)
        s.get_by_role("button", name="Fit").click()

        # 5. compares it with v001: a wipe (the drawing on top) and side by side, frame-locked
        s.get_by_role("button", name="Wipe").click()
        expect(s.get_by_label("Compare with")).to_have_value(str(v1))
        other = s.locator(OTHER_VIDEO)
        expect(other).to_have_attribute("data-frame", str(first + 15))
        wait_seeked(s)
        wait_seeked(s, OTHER_VIDEO)
        assert shown_index(s, STEP) == 15
        assert shown_index(s, STEP, OTHER_VIDEO) == 15
        player.focus()
        for key, index in (("ArrowRight", 18), ("ArrowLeft", 15)):
            for _ in range(3):
                s.keyboard.press(key)
            expect(frame_out).to_have_text(str(first + index))
            expect(other).to_have_attribute("data-frame", str(first + index))
            wait_seeked(s)
            wait_seeked(s, OTHER_VIDEO)
            assert shown_index(s, STEP) == index
            assert shown_index(s, STEP, OTHER_VIDEO) == index
        expect(s.get_by_role("img", name="Drawings").locator("rect")).to_have_count(1)
        divider = s.get_by_role("slider", name="Wipe divider")
        box = divider.bounding_box()
        assert box is not None
        s.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        s.mouse.down()
        s.mouse.move(box["x"] - 200, box["y"] + box["height"] / 2, steps=5)
        s.mouse.up()
        assert int(divider.get_attribute("aria-valuenow") or 50) < 40
        s.screenshot(path=str(SCREENSHOTS / "review-compare-wipe.png"))
        s.get_by_role("button", name="Side by side").click()
        expect(s.get_by_role("slider", name="Wipe divider")).to_have_count(0)
        wait_seeked(s, OTHER_VIDEO)
        assert shown_index(s, STEP, OTHER_VIDEO) == 15
        s.screenshot(path=str(SCREENSHOTS / "review-compare-side.png"))
        # play both, pause: the same frame in both pictures
        player.focus()
        s.keyboard.press("Space")
        s.wait_for_function(
            "(n) => Number(document.querySelector('[role=region][data-frame]').dataset.frame) > n",
            arg=first + 20,
        )
        s.keyboard.press("Space")
        expect(s.get_by_role("button", name="Play")).to_be_visible()
        shown = int(frame_out.inner_text()) - first
        assert 20 < shown < FRAMES - 1
        expect(other).to_have_attribute("data-frame", str(first + shown))
        wait_seeked(s)
        wait_seeked(s, OTHER_VIDEO)
        assert shown_index(s, STEP) == shown
        assert shown_index(s, STEP, OTHER_VIDEO) == shown
        s.get_by_role("button", name="Side by side").click()
        expect(s.locator(OTHER_VIDEO)).to_have_count(0)

        # 6. approve: Done
        s.get_by_role("button", name="Approve").click()
        expect(s.get_by_role("status").filter(has_text="Approved.")).to_be_visible()
        history = api.get(f"/api/v1/tasks/{task_id}/approvals").json()
        assert [h["decision"] for h in history] == ["changes_requested", "approved"]
        _expect_on_board(s, url, code, task_id, "done")

        # 7. the shot page's "Latest versions" card shows the approved v002, linking to it
        shot_id = api.get(f"/api/v1/tasks/{task_id}").json()["shot_id"]
        s.goto(f"{url}/projects/1/shots/{shot_id}")
        latest = s.get_by_role("list", name="Latest versions").get_by_role("listitem", name="Comp")
        expect(latest.get_by_text("Approved")).to_be_visible()
        review = latest.get_by_role("link", name=re.compile("Latest version v002"))
        expect(review).to_have_attribute("href", f"/review/{v2}")
        expect(latest.locator("img")).to_be_visible()
        s.screenshot(path=str(SCREENSHOTS / "shot-latest-versions.png"))
        review.click()
        expect(s.get_by_role("region", name=re.compile("Review player, v002"))).to_be_visible()
    finally:
        artist.close()
        supervisor.close()
        api.close()
