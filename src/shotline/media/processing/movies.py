"""Decoding helpers for movies: picking frames by index without decoding the whole file.

Invariants:
- Frame ``i`` is the ``i``-th frame in presentation order, at time ``start + i / fps``.
- Seeking lands on the key frame at or before the target and decodes forward; if the file
  cannot seek, decoding restarts from the beginning, so the result is the same either way.
- Decoder failures become ``CorruptMedia``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import av.error
import numpy as np

from shotline.media.errors import CorruptMedia, UnsupportedMedia
from shotline.media.processing.images import RGB8
from shotline.media.processing.probe import count_video_packets, movie_rate, open_movie


def video_stream(container: Any) -> Any:
    if not container.streams.video:
        raise UnsupportedMedia("the file has no video track")
    return container.streams.video[0]


def frame_count(path: Path) -> int:
    """Frames in the movie's first video stream (from the header, else counted)."""
    with open_movie(path) as container:
        stated = int(video_stream(container).frames or 0)
    return stated or count_video_packets(path)


def display_size(stream: Any) -> tuple[float, float]:
    """Width and height with non-square pixels applied to the width."""
    context = stream.codec_context
    sar = stream.sample_aspect_ratio
    return context.width * (float(sar) if sar else 1.0), float(context.height)


def grab_frames(path: Path, indices: Sequence[int]) -> list[RGB8]:
    """RGB pictures of the frames at ``indices`` (ascending), as 8-bit H x W x 3 arrays."""
    with open_movie(path) as container:
        stream = video_stream(container)
        rate: Fraction = movie_rate(stream)
        time_base = Fraction(stream.time_base)
        start = int(stream.start_time or 0)
        half_frame = 1 / rate / 2
        pictures: list[RGB8] = []
        try:
            for index in indices:
                target = start + int((Fraction(index) / rate - half_frame) / time_base)
                container.seek(max(target, start), stream=stream, backward=True)
                chosen = None
                for frame in container.decode(stream):
                    chosen = frame
                    if frame.pts is not None and frame.pts >= target:
                        break
                if chosen is None:
                    raise CorruptMedia(f"the movie has no decodable frame near frame {index}")
                pictures.append(np.asarray(chosen.to_ndarray(format="rgb24"), dtype=np.uint8))
        except av.error.FFmpegError as exc:
            raise CorruptMedia("the movie is damaged: a frame could not be decoded") from exc
    return pictures
