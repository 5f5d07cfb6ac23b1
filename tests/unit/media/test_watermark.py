"""Burned-in watermarks: every frame carries the text in its middle, nothing else changes
beyond re-encoding, frames, rate and audio are kept; stills keep a browser format."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from media_samples import make_exr, make_movie, make_still, read_frame_number
from PIL import Image

from shotline.media import mime
from shotline.media.errors import UnsupportedMedia
from shotline.media.processing.watermark import burn, stamp_rgb

pytestmark = pytest.mark.unit

TEXT = "Jane Client · 2026-11-21"


def frames_of(path: Path) -> tuple[list[np.ndarray], Fraction, bool]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        pictures = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        return pictures, Fraction(stream.average_rate), bool(container.streams.audio)


def middle_band(rgb: np.ndarray) -> np.ndarray:
    h = rgb.shape[0]
    return rgb[h * 2 // 5 : h * 3 // 5]


def test_a_movie_keeps_every_frame_rate_and_audio_with_the_text_in_the_middle(
    tmp_path: Path,
) -> None:
    src = make_movie(
        tmp_path / "src.mp4", width=320, height=180, frames=30, fps=Fraction(24000, 1001)
    )
    burned = burn(src, mime.MP4, tmp_path / "copy", TEXT)

    assert burned.mime == mime.MP4
    assert burned.path.suffix == ".mp4"
    original, _rate, _audio = frames_of(src)
    copy, rate, audio = frames_of(burned.path)
    assert len(copy) == len(original) == 30
    assert rate == Fraction(24000, 1001)
    assert audio
    for index, (before, after) in enumerate(zip(original, copy, strict=True)):
        # the frame is still frame `index` (read above the text) ...
        assert read_frame_number(after[: after.shape[0] // 4]) == index
        # ... its middle changed where the letters are (lighter on black, darker edges on
        # white), and the top did not
        changed = np.abs(middle_band(after).astype(int) - middle_band(before).astype(int))
        assert (changed > 40).sum() > 200, f"no text on frame {index}"
        top = np.abs(after[:40].astype(int) - before[:40].astype(int))
        assert top.mean() < 3


def test_two_viewers_get_different_pictures() -> None:
    black = np.zeros((180, 320, 3), np.uint8)
    a, b = stamp_rgb(black, "Jane Client · 2026-11-21"), stamp_rgb(black, "Bo · 2026-11-21")
    assert (a != b).any()
    assert (black == 0).all(), "the source picture is not changed in place"


@pytest.mark.parametrize(
    ("fmt", "kind", "suffix"), [("PNG", mime.PNG, ".png"), ("JPEG", mime.JPEG, ".jpg")]
)
def test_stills_keep_their_format(tmp_path: Path, fmt: str, kind: str, suffix: str) -> None:
    src = make_still(tmp_path / f"still{suffix}", fmt, width=320, height=180)
    burned = burn(src, kind, tmp_path / "copy", TEXT)

    assert (burned.mime, burned.path.suffix) == (kind, suffix)
    with Image.open(burned.path) as image:
        assert image.format == fmt
        assert image.size == (320, 180)
        after = np.asarray(image.convert("RGB")).astype(int)
    with Image.open(src) as image:
        before = np.asarray(image.convert("RGB")).astype(int)
    assert (np.abs(middle_band(after) - middle_band(before)) > 40).sum() > 200


def test_an_exr_becomes_a_png_of_its_display_picture(tmp_path: Path) -> None:
    src = make_exr(tmp_path / "plate.exr", (0.18, 0.18, 0.18), width=320, height=180)
    burned = burn(src, mime.EXR, tmp_path / "copy", TEXT)

    assert (burned.mime, burned.path.suffix) == (mime.PNG, ".png")
    with Image.open(burned.path) as image:
        assert image.size == (320, 180)


def test_a_file_that_is_no_picture_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "notes.pdf"
    src.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(UnsupportedMedia):
        burn(src, mime.PDF, tmp_path / "copy", TEXT)
