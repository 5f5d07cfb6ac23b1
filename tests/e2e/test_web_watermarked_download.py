"""A project that burns the viewer's name into downloads, in a real browser: a guest presses
Download on a shared movie, the worker (in-process on the embedded defaults) makes the copy,
Chromium receives the file, and every frame of it carries the burned-in name."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import httpx2 as httpx
import numpy as np
import pytest

from tests.e2e.conftest import LiveServer
from tests.e2e.review_helpers import make_clip, shot_version

pytestmark = pytest.mark.e2e
SHOT = "SQ030_0010"


def _frames(path: Path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_a_guest_downloads_a_copy_with_their_name_burned_in(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    email, password = live_server.logins["producer"]
    api = httpx.Client(base_url=live_server.url, timeout=30)
    api.post("/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    clip = tmp_path / "sq030_comp.mp4"
    make_clip(clip, frames=24)
    _task, version_id = shot_version(api, SHOT, clip)
    project = api.get("/api/v1/projects/1")
    api.patch(
        "/api/v1/projects/1",
        json={"settings": {"burn_in_watermark": True}},
        headers={"If-Match": project.headers["etag"]},
    ).raise_for_status()
    link = api.post(
        "/api/v1/projects/1/review-sessions",
        json={"name": "Lighthouse downloads", "allow_downloads": True, "download_limit": 2},
    )
    link.raise_for_status()
    api.post(
        f"/api/v1/versions/{version_id}/share", json={"review_session_id": link.json()["id"]}
    ).raise_for_status()
    url = live_server.url + urlsplit(link.json()["url"]).path

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(url)
        page.get_by_label("Your name").fill("Ola Viewer")
        page.get_by_role("button", name="Start reviewing").click()
        shared = page.get_by_role("navigation", name="Shared versions")
        shared.get_by_role("button", name=re.compile(SHOT)).click()
        button = page.get_by_role("button", name="Download")
        expect(button).to_have_attribute("title", re.compile("burned into the downloaded"))
        with page.expect_download(timeout=90_000) as info:
            button.click()
        saved = tmp_path / "downloaded.mp4"
        info.value.save_as(saved)
        assert info.value.suggested_filename == "sq030_comp_watermarked.mp4"
    finally:
        context.close()
        project = api.get("/api/v1/projects/1")
        api.patch(
            "/api/v1/projects/1",
            json={"settings": {"burn_in_watermark": False}},
            headers={"If-Match": project.headers["etag"]},
        ).raise_for_status()

    original, copy = _frames(clip), _frames(saved)
    assert len(copy) == len(original) == 24
    for index, (before, after) in enumerate(zip(original, copy, strict=True)):
        band = slice(after.shape[0] * 2 // 5, after.shape[0] * 3 // 5)
        changed = np.abs(after[band].astype(int) - before[band].astype(int))
        assert (changed > 40).sum() > 200, f"no name burned into frame {index}"
    left = api.get(f"/api/v1/review-sessions/{link.json()['id']}").json()
    assert left["downloads"] == 1
    log = api.get(f"/api/v1/review-sessions/{link.json()['id']}/access-log").json()
    assert [row["viewer_name"] for row in log if row["kind"] == "downloaded"] == ["Ola Viewer"]
    api.close()
