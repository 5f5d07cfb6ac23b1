"""Frame-sequence detection from file names (``plate.1001.exr``, ``plate_v002.0001.dpx``).

Invariants:
- The frame number is the last run of digits right before the extension; everything before
  it is the prefix (so ``v002`` in ``plate_v002.0001.dpx`` stays part of the name).
- Names group by (prefix, extension, padding). Padding is the digit count when every number
  has the same width; numbers of mixed widths without leading zeros are unpadded (``%d``).
  Mixed widths with leading zeros split into one sequence per width.
- A group with fewer than ``min_frames`` files is not a sequence; its names are returned as
  singles. Nothing is read from disk: this works on names only.
- ``missing`` lists every frame number between ``first`` and ``last`` that has no file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_FRAME_RE = re.compile(r"^(?P<prefix>.*?)(?P<frame>\d+)(?P<ext>\.[A-Za-z][A-Za-z0-9]{0,7})$")

MAX_MISSING_LISTED = 10_000
"""Longest gap list kept; a sequence with a bigger gap is suspicious and reported as such."""


@dataclass(frozen=True, slots=True)
class FrameSequence:
    """One image sequence: ``prefix + frame number (padded) + extension``."""

    prefix: str
    extension: str
    padding: int
    frames: tuple[int, ...]
    files: tuple[str, ...]
    missing: tuple[int, ...] = field(default=())

    @property
    def first(self) -> int:
        return self.frames[0]

    @property
    def last(self) -> int:
        return self.frames[-1]

    @property
    def length(self) -> int:
        """Frames from first to last inclusive, counting missing ones."""
        return self.last - self.first + 1

    @property
    def pattern(self) -> str:
        """``plate.####.exr`` style (``#`` per padded digit; ``@`` when unpadded)."""
        marks = "#" * self.padding if self.padding > 1 else "@"
        return f"{self.prefix}{marks}{self.extension}"

    @property
    def printf_pattern(self) -> str:
        """``plate.%04d.exr`` style, as ffmpeg and most DCCs write it."""
        spec = f"%0{self.padding}d" if self.padding > 1 else "%d"
        return f"{self.prefix}{spec}{self.extension}"

    def name_for(self, frame: int) -> str:
        return self.printf_pattern % frame

    def paths(self, directory: Path) -> list[Path | None]:
        """One entry per frame from first to last: its path, or ``None`` where missing."""
        present = dict(zip(self.frames, self.files, strict=True))
        return [
            directory / present[number] if number in present else None
            for number in range(self.first, self.last + 1)
        ]

    @property
    def description(self) -> str:
        """A note for users, e.g. ``plate.####.exr 1001-1024 (2 missing: 1005, 1010)``."""
        text = f"{self.pattern} {self.first}-{self.last}"
        if self.missing:
            shown = ", ".join(str(n) for n in self.missing[:20])
            more = ", ..." if len(self.missing) > 20 else ""
            text += f" ({len(self.missing)} missing: {shown}{more})"
        return text


@dataclass(frozen=True, slots=True)
class SequenceScan:
    """The result of ``detect_sequences``: sequences found and names that are not in one."""

    sequences: list[FrameSequence]
    singles: list[str]


def _missing(frames: list[int]) -> tuple[int, ...]:
    present = set(frames)
    gaps: list[int] = []
    for number in range(frames[0], frames[-1] + 1):
        if number not in present:
            gaps.append(number)
            if len(gaps) >= MAX_MISSING_LISTED:
                break
    return tuple(gaps)


def _split_by_padding(digits: list[str]) -> dict[int, list[str]]:
    widths = {len(d) for d in digits}
    if len(widths) == 1:
        return {widths.pop(): digits}
    if not any(len(d) > 1 and d.startswith("0") for d in digits):
        return {1: digits}
    by_width: dict[int, list[str]] = defaultdict(list)
    for d in digits:
        by_width[len(d)].append(d)
    return by_width


def detect_sequences(names: Iterable[str], *, min_frames: int = 2) -> SequenceScan:
    """Group file names into frame sequences (names only; directories are ignored)."""
    groups: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    singles: list[str] = []
    for name in names:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        match = _FRAME_RE.match(base)
        if match is None:
            singles.append(name)
            continue
        groups[(match["prefix"], match["ext"])][match["frame"]] = name
    sequences: list[FrameSequence] = []
    for (prefix, ext), by_digits in sorted(groups.items()):
        for padding, digits in sorted(_split_by_padding(list(by_digits)).items()):
            if len(digits) < min_frames:
                singles.extend(by_digits[d] for d in digits)
                continue
            ordered = sorted(digits, key=int)
            frames = [int(d) for d in ordered]
            if len(set(frames)) != len(frames):  # "01" and "1" in an unpadded group
                singles.extend(by_digits[d] for d in ordered)
                continue
            sequences.append(
                FrameSequence(
                    prefix=prefix,
                    extension=ext,
                    padding=padding,
                    frames=tuple(frames),
                    files=tuple(by_digits[d] for d in ordered),
                    missing=_missing(frames),
                )
            )
    return SequenceScan(sequences=sequences, singles=sorted(singles))
