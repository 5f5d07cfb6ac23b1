"""Helpers for the review e2e tests: clips whose frames carry their own number (as a grey
level), and reading back which frame a `<video>` in the page shows."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import httpx2 as httpx

MAIN_VIDEO = 'video[aria-label="Version media"]'
OTHER_VIDEO = 'video[aria-label^="Compared version media"]'


def make_clip(
    path: Path,
    *,
    rate: Fraction = Fraction(24),
    frames: int = 48,
    step: int = 5,
    tint: tuple[float, float, float] = (1.0, 1.0, 1.0),
    size: tuple[int, int] = (320, 180),
) -> None:
    """An H.264 movie whose frame i is grey level `10 + step * i`. With a `tint`, everything
    but the central third is coloured (two versions look different in a wipe) while the centre,
    where `shown_index` reads, stays grey (colour conversion would blur the level)."""
    import av
    import numpy as np

    width, height = size
    assert 10 + step * (frames - 1) <= 250, "too many frames for the grey steps"
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "1", "g": "12"}
        for i in range(frames):
            level = 10 + step * i
            img = np.empty((height, width, 3), dtype=np.uint8)
            for channel, factor in enumerate(tint):
                img[:, :, channel] = round(level * factor)
            img[height // 3 : 2 * height // 3, width // 3 : 2 * width // 3] = level
            out.mux(stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")))
        out.mux(stream.encode(None))


def shown_index(page: Any, step: int = 5, selector: str = MAIN_VIDEO) -> int:
    """The media frame on screen in `selector`, from the level at the picture's centre."""
    level = page.evaluate(
        """(selector) => {
          const v = document.querySelector(selector);
          const c = document.createElement('canvas');
          c.width = v.videoWidth; c.height = v.videoHeight;
          const g = c.getContext('2d');
          g.drawImage(v, 0, 0);
          return g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data[0];
        }""",
        selector,
    )
    return round((int(level) - 10) / step)


def wait_seeked(page: Any, selector: str = MAIN_VIDEO) -> None:
    page.wait_for_function(
        "(s) => { const v = document.querySelector(s);"
        " return v && !v.seeking && v.readyState >= 2; }",
        arg=selector,
    )


def upload_version(
    api: httpx.Client, task_id: int, clip: Path, description: str | None = None
) -> int:
    """Upload a movie (multipart) as a new version of the task; wait for its proxy."""
    with clip.open("rb") as f:
        media = api.post(
            "/api/v1/media", files={"file": (clip.name, f, "video/mp4")}, data={"project_id": "1"}
        )
    media.raise_for_status()
    version = api.post(
        f"/api/v1/tasks/{task_id}/versions",
        json={"media_ids": [media.json()["id"]], "description": description},
    )
    version.raise_for_status()
    version_id = int(version.json()["id"])
    deadline = time.monotonic() + 60
    while (player := api.get(f"/api/v1/versions/{version_id}/player").json())["proxy_url"] is None:
        assert player["state"] != "failed", player
        assert time.monotonic() < deadline, "the proxy was not made in time"
        time.sleep(0.3)
    return version_id


def first_task_of(api: httpx.Client, shot: str) -> int:
    """The id of the first task of the demo project's shot `shot`."""
    tasks = api.get("/api/v1/projects/1/tasks", params={"fields": "title", "shot.code": shot})
    tasks.raise_for_status()
    return int(tasks.json()["items"][0]["id"])


def shot_version(api: httpx.Client, shot: str, clip: Path) -> tuple[int, int]:
    """(task id, version id) of a new version of `shot`'s first task, its proxy ready."""
    task_id = first_task_of(api, shot)
    return task_id, upload_version(api, task_id, clip)
