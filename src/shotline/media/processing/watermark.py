"""Burn a visible watermark (who is viewing, and when) into a copy of a movie or a still.

Invariants:
- The text is drawn on every frame, centred, white at ``OPACITY`` over a dark outline, about
  1/14 of the picture's height (never under ``MIN_TEXT_PX``); text too wide for 90 % of the
  picture is drawn smaller. The same text at the same size is rendered once and blended into
  each frame (only the text's box is touched).
- Movies keep every frame, the exact rate and the audio, as proxies do (``transcode_movie``):
  H.264 at high quality (CRF 16) and the source's display size up to ``MAX_WIDTH`` wide.
- Stills keep their format when a browser shows it (JPEG, PNG, WebP); GIF, TIFF, EXR and DPX
  become a PNG of their display picture (``read_display_rgb``).
- Only what the caller passes is drawn; nothing here decides who sees what.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import av
import numpy as np
import numpy.typing as npt
from av.video.reformatter import Colorspace
from PIL import Image, ImageDraw, ImageFont

from shotline.media import mime
from shotline.media.errors import UnsupportedMedia
from shotline.media.processing.images import RGB8, check_image_header, read_display_rgb
from shotline.media.processing.proxy import transcode_movie

OPACITY = 0.45
MIN_TEXT_PX = 12
MAX_WIDTH = 4096
X264_OPTIONS = {"preset": "fast", "crf": "16", "profile": "high"}
_KEEP_FORMAT = {
    mime.JPEG: ("JPEG", ".jpg"),
    mime.PNG: ("PNG", ".png"),
    mime.WEBP: ("WEBP", ".webp"),
}


@dataclass(frozen=True, slots=True)
class Burned:
    """The watermarked copy: where it is, its type and the extension for its file name."""

    path: Path
    mime: str
    suffix: str


@dataclass(frozen=True, slots=True)
class _Stamp:
    """The text as coverage (0..1) for the white fill and the dark outline, placed at x, y."""

    x: int
    y: int
    fill: npt.NDArray[np.float32]
    edge: npt.NDArray[np.float32]


def can_burn(mime_type: str) -> bool:
    return mime.is_movie(mime_type) or mime.is_image(mime_type)


def suffix_for(mime_type: str) -> str:
    """The extension of the copy ``burn`` makes from a file of this type."""
    if mime.is_movie(mime_type):
        return ".mp4"
    return _KEEP_FORMAT.get(mime_type, ("PNG", ".png"))[1]


@lru_cache(maxsize=16)
def _stamp(text: str, width: int, height: int) -> _Stamp:
    size = max(MIN_TEXT_PX, height // 14)
    while True:
        font = ImageFont.load_default(size=size)
        left, top, right, bottom = (int(v) for v in font.getbbox(text))
        if right - left <= width * 0.9 or size <= MIN_TEXT_PX:
            break
        size = max(MIN_TEXT_PX, int(size * width * 0.9 / (right - left)))
    stroke = max(1, size // 12)
    box_w = min(width, right - left + 2 * stroke)
    box_h = min(height, bottom - top + 2 * stroke)
    fill = Image.new("L", (box_w, box_h), 0)
    edge = Image.new("L", (box_w, box_h), 0)
    origin = (stroke - left, stroke - top)
    ImageDraw.Draw(edge).text(origin, text, font=font, fill=255, stroke_width=stroke)
    ImageDraw.Draw(fill).text(origin, text, font=font, fill=255)
    return _Stamp(
        x=(width - box_w) // 2,
        y=(height - box_h) // 2,
        fill=np.asarray(fill, dtype=np.float32) / 255.0,
        edge=np.asarray(edge, dtype=np.float32) / 255.0,
    )


def stamp_rgb(rgb: RGB8, text: str) -> RGB8:
    """A copy of the H x W x 3 picture with ``text`` burned into its middle."""
    height, width = rgb.shape[:2]
    stamp = _stamp(text, width, height)
    out = np.array(rgb, copy=True)
    h, w = stamp.fill.shape
    box = out[stamp.y : stamp.y + h, stamp.x : stamp.x + w].astype(np.float32)
    dark = (stamp.edge * OPACITY)[..., None]
    light = (stamp.fill * OPACITY)[..., None]
    box = box * (1.0 - dark)  # the outline darkens what is under the letters' edges
    box = box * (1.0 - light) + 255.0 * light
    out[stamp.y : stamp.y + h, stamp.x : stamp.x + w] = np.clip(box + 0.5, 0, 255).astype(np.uint8)
    return out


def _rgb_frame(frame: Any, width: int, height: int, text: str) -> Any:
    source_space = frame.colorspace if frame.colorspace != 2 else Colorspace.ITU709  # 2: unset
    rgb = frame.reformat(
        width,
        height,
        "rgb24",
        src_colorspace=None if frame.format.is_rgb else source_space,
        interpolation="AREA",
    ).to_ndarray()
    return av.VideoFrame.from_ndarray(stamp_rgb(rgb, text), format="rgb24")


def burn_movie(src: Path, mime_type: str, out_path: Path, text: str) -> Burned:
    """An MP4 of the movie with ``text`` on every frame."""
    transcode_movie(
        src,
        mime_type,
        out_path,
        max_width=MAX_WIDTH,
        x264=X264_OPTIONS,
        picture=lambda frame, width, height: _rgb_frame(frame, width, height, text),
    )
    return Burned(out_path, mime.MP4, ".mp4")


def burn_still(src: Path, mime_type: str, out_path: Path, text: str) -> Burned:
    """The still with ``text`` burned in, in its own format when browsers show it, else PNG."""
    if not mime.is_image(mime_type):
        raise UnsupportedMedia(f"a watermark is burned into pictures, not {mime_type}")
    check_image_header(src, mime_type)
    if mime_type in _KEEP_FORMAT:
        with Image.open(src) as image:
            rgb: RGB8 = np.asarray(image.convert("RGB"), dtype=np.uint8)
        pil_format, suffix = _KEEP_FORMAT[mime_type]
        kind = mime_type
    else:
        rgb = read_display_rgb(src, mime_type)
        pil_format, suffix, kind = "PNG", ".png", mime.PNG
    target = out_path.with_suffix(suffix)
    target.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"quality": 95} if pil_format in ("JPEG", "WEBP") else {}
    Image.fromarray(stamp_rgb(rgb, text)).save(target, format=pil_format, **options)
    return Burned(target, kind, suffix)


def burn(src: Path, mime_type: str, out_path: Path, text: str) -> Burned:
    """Burn ``text`` into a movie or a still (``UnsupportedMedia`` for anything else)."""
    if mime.is_movie(mime_type):
        return burn_movie(src, mime_type, out_path.with_suffix(".mp4"), text)
    return burn_still(src, mime_type, out_path, text)
