"""What processing produces: ``Rendition`` records and the sizes they are made at.

Invariants:
- A rendition is a file the server wrote under a name it chose; nothing in it comes from a
  client's file name.
- Video renditions have even width and height (H.264 4:2:0 needs it); ``even_size`` never
  returns less than 2 x 2 and never upscales.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

THUMBNAIL_SIZES: dict[str, int] = {"small": 150, "medium": 300, "large": 600}
"""Thumbnail name -> longest side in pixels."""


@dataclass(frozen=True, slots=True)
class Rendition:
    """A derived file: thumbnail, proxy movie or filmstrip."""

    kind: str
    path: Path
    mime: str
    width: int
    height: int
    frame_count: int | None = None
    fps: str | None = None
    tiles: int | None = None


def even_size(width: float, height: float, max_width: int) -> tuple[int, int]:
    """Scale ``width x height`` to at most ``max_width`` wide, rounded to even numbers."""
    if width <= 0 or height <= 0 or max_width < 2:
        raise ValueError("sizes must be positive")
    scale = min(1.0, max_width / width)

    def even(value: float) -> int:
        return max(2, int(value / 2) * 2)

    return even(width * scale), even(height * scale)
