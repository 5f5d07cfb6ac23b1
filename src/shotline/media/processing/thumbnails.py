"""Thumbnails (small / medium / large JPEG) and the filmstrip used for scrubbing.

Invariants:
- Thumbnails keep the picture's aspect ratio, fit ``THUMBNAIL_SIZES`` on their longest side
  and are never upscaled. A movie's thumbnail is its middle frame; a still's is the still
  (linear EXR/TIFF shown through the sRGB transform, highlights clamped, never wrapped).
- The filmstrip is one horizontal JPEG of ``tiles`` equally wide tiles; tile ``i`` shows
  frame ``filmstrip_frames(frame_count, tiles)[i]``.
- Output names are fixed (``thumb_<size>.jpg``); nothing comes from the client's file name.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from shotline.media import mime
from shotline.media.errors import UnsupportedMedia
from shotline.media.processing.images import RGB8, read_display_rgb
from shotline.media.processing.movies import frame_count, grab_frames
from shotline.media.processing.renditions import THUMBNAIL_SIZES, Rendition

JPEG_QUALITY = 85
MAX_STRIP_WIDTH = 65_000  # JPEG's limit is 65,535


def poster(src: Path, mime_type: str) -> RGB8:
    """The picture a thumbnail is made from: a movie's middle frame, or the still itself."""
    if mime_type in mime.MOVIE_TYPES:
        return grab_frames(src, [frame_count(src) // 2])[0]
    return read_display_rgb(src, mime_type)


def make_thumbnails(src: Path, mime_type: str, out_dir: Path) -> list[Rendition]:
    """Write ``thumb_small.jpg``, ``thumb_medium.jpg`` and ``thumb_large.jpg`` into ``out_dir``."""
    return thumbnails_from_rgb(poster(src, mime_type), out_dir)


def thumbnails_from_rgb(rgb: RGB8, out_dir: Path) -> list[Rendition]:
    """Thumbnails of an 8-bit RGB picture (also used for image sequences)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    picture = Image.fromarray(rgb, "RGB")
    renditions = []
    for name, longest in THUMBNAIL_SIZES.items():
        thumb = picture.copy()
        thumb.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        path = out_dir / f"thumb_{name}.jpg"
        thumb.save(path, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        renditions.append(
            Rendition(f"thumbnail_{name}", path, mime.JPEG, thumb.width, thumb.height)
        )
    return renditions


def filmstrip_frames(total_frames: int, tiles: int) -> list[int]:
    """Which frame each filmstrip tile shows: the middle of equal slices of the movie."""
    count = max(1, min(tiles, total_frames))
    return [min(total_frames - 1, (2 * i + 1) * total_frames // (2 * count)) for i in range(count)]


def make_filmstrip(
    src: Path, mime_type: str, out_path: Path, *, frames: int = 20, tile_width: int = 160
) -> Rendition:
    """One horizontal JPEG strip of ``frames`` tiles, ``tile_width`` pixels wide each."""
    if mime_type not in mime.MOVIE_TYPES:
        raise UnsupportedMedia(f"filmstrips are made from movies, not {mime_type}")
    if frames < 1 or tile_width < 8 or frames * tile_width > MAX_STRIP_WIDTH:
        raise ValueError("filmstrip frames and tile width out of range")
    total = frame_count(src)
    indices = filmstrip_frames(total, frames)
    pictures = grab_frames(src, indices)
    first_h, first_w = pictures[0].shape[:2]
    tile_height = max(2, round(tile_width * first_h / first_w))
    strip = Image.new("RGB", (tile_width * len(pictures), tile_height))
    for position, rgb in enumerate(pictures):
        tile = Image.fromarray(rgb, "RGB").resize(
            (tile_width, tile_height), Image.Resampling.BILINEAR
        )
        strip.paste(tile, (position * tile_width, 0))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    strip.save(out_path, format="JPEG", quality=80)
    return Rendition(
        "filmstrip",
        out_path,
        mime.JPEG,
        strip.width,
        strip.height,
        frame_count=total,
        tiles=len(pictures),
    )
