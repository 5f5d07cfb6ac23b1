"""SMPTE timecode and frame arithmetic with exact rational rates.

Rates are `Fraction`s (`24000/1001`, never 23.976). Drop-frame counting applies to 29.97
and 59.94 (`30000/1001`, `60000/1001`): frame numbers 0 and 1 (0 to 3 at 59.94) are skipped at
the start of every minute except minutes divisible by ten, so the label tracks the wall
clock. Drop-frame timecodes use `;` before the frames, others `:`. Timecodes wrap at 24 h.
"""

from __future__ import annotations

import re
from fractions import Fraction

DROP_FRAME_RATES = frozenset({Fraction(30000, 1001), Fraction(60000, 1001)})
_TC_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})([:;.])(\d{2,3})$")


def parse_rate(value: str | float | Fraction) -> Fraction:
    """`"24000/1001"`, `"25"`, `23.976`, `29.97` → an exact rate (NTSC rates recognised)."""
    if isinstance(value, Fraction):
        rate = value
    elif isinstance(value, str):
        rate = Fraction(value.strip())
    else:
        rate = Fraction(value).limit_denominator(1001)
        for ntsc in (24000, 30000, 48000, 60000, 120000):
            if abs(float(rate) - ntsc / 1001) < 0.001:
                rate = Fraction(ntsc, 1001)
    if rate <= 0:
        raise ValueError("the rate must be positive")
    return rate


def nominal_fps(rate: Fraction) -> int:
    """The whole frames per timecode second: 24 for 23.976, 30 for 29.97."""
    return round(rate)


def is_drop_frame(rate: Fraction) -> bool:
    return rate in DROP_FRAME_RATES


def _drop_counts(rate: Fraction) -> tuple[int, int, int]:
    fps = nominal_fps(rate)
    drop = fps // 15  # 2 at 29.97, 4 at 59.94
    per_minute = fps * 60 - drop
    per_ten_minutes = fps * 600 - drop * 9
    return drop, per_minute, per_ten_minutes


def frames_per_day(rate: Fraction, drop_frame: bool) -> int:
    fps = nominal_fps(rate)
    if drop_frame:
        return _drop_counts(rate)[2] * 6 * 24
    return fps * 86_400


def frame_to_timecode(frame: int, rate: Fraction, *, drop_frame: bool | None = None) -> str:
    """The label of the `frame`-th frame (0-based count from 00:00:00:00)."""
    if frame < 0:
        raise ValueError("frame must not be negative")
    drop_frame = is_drop_frame(rate) if drop_frame is None else drop_frame
    fps = nominal_fps(rate)
    frame %= frames_per_day(rate, drop_frame)
    if drop_frame:
        drop, per_minute, per_ten = _drop_counts(rate)
        tens, rest = divmod(frame, per_ten)
        frame += 9 * drop * tens
        if rest >= drop:
            frame += drop * ((rest - drop) // per_minute)
    ff = frame % fps
    ss = frame // fps % 60
    mm = frame // (fps * 60) % 60
    hh = frame // (fps * 3600) % 24
    sep = ";" if drop_frame else ":"
    width = 3 if fps > 100 else 2
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{ff:0{width}d}"


def timecode_to_frame(timecode: str, rate: Fraction, *, drop_frame: bool | None = None) -> int:
    """The 0-based frame count of a timecode; `ValueError` for labels that cannot exist."""
    match = _TC_RE.match(timecode.strip())
    if match is None:
        raise ValueError(f"not a timecode: {timecode!r}")
    hh, mm, ss, sep, ff = match.groups()
    h, m, s, f = int(hh), int(mm), int(ss), int(ff)
    if drop_frame is None:
        drop_frame = sep == ";" or is_drop_frame(rate)
    fps = nominal_fps(rate)
    if h > 23 or m > 59 or s > 59 or f >= fps:
        raise ValueError(f"not a timecode at {fps} fps: {timecode!r}")
    frame = ((h * 60 + m) * 60 + s) * fps + f
    if drop_frame:
        drop = _drop_counts(rate)[0]
        if s == 0 and f < drop and m % 10 != 0:
            raise ValueError(f"{timecode!r} is skipped in drop-frame counting")
        minutes = h * 60 + m
        frame -= drop * (minutes - minutes // 10)
    return frame


def frame_start_seconds(frame: int, rate: Fraction) -> Fraction:
    """When the `frame`-th frame (0-based) starts, in exact seconds."""
    return Fraction(frame) / rate


def frame_seek_seconds(frame: int, rate: Fraction) -> Fraction:
    """The middle of the frame's interval: the safe time to seek a browser to."""
    return (Fraction(frame) + Fraction(1, 2)) / rate


def seconds_to_frame(seconds: Fraction | float, rate: Fraction) -> int:
    """The frame showing at `seconds` (a media time inside the frame's interval)."""
    return int(Fraction(seconds) * rate)
