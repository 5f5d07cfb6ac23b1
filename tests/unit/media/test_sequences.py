"""Frame-sequence detection from names."""

from __future__ import annotations

from pathlib import Path

import pytest

from shotline.media.processing.sequences import FrameSequence, detect_sequences

pytestmark = pytest.mark.unit


def test_contiguous_sequence() -> None:
    names = [f"plate.{n}.exr" for n in range(1001, 1025)]
    scan = detect_sequences(reversed(names))
    assert scan.singles == []
    (seq,) = scan.sequences
    assert (seq.prefix, seq.extension, seq.padding) == ("plate.", ".exr", 4)
    assert (seq.first, seq.last, seq.length, seq.missing) == (1001, 1024, 24, ())
    assert seq.pattern == "plate.####.exr"
    assert seq.printf_pattern == "plate.%04d.exr"
    assert seq.files == tuple(names)
    assert seq.name_for(1001) == "plate.1001.exr"
    assert seq.description == "plate.####.exr 1001-1024"


def test_gaps_and_version_in_prefix() -> None:
    numbers = [1, 2, 3, 5, 6, 9, 10]
    names = [f"shots/plate_v002.{n:04d}.dpx" for n in numbers] + ["notes.txt", "ref.mov"]
    scan = detect_sequences(names)
    assert scan.singles == ["notes.txt", "ref.mov"]
    (seq,) = scan.sequences
    assert seq.prefix == "plate_v002."
    assert (seq.first, seq.last, seq.padding) == (1, 10, 4)
    assert seq.missing == (4, 7, 8)
    assert seq.frames == tuple(numbers)
    assert seq.description == "plate_v002.####.dpx 1-10 (3 missing: 4, 7, 8)"
    paths = seq.paths(Path("/in"))
    assert paths[:5] == [
        Path("/in/shots/plate_v002.0001.dpx"),
        Path("/in/shots/plate_v002.0002.dpx"),
        Path("/in/shots/plate_v002.0003.dpx"),
        None,
        Path("/in/shots/plate_v002.0005.dpx"),
    ]
    assert len(paths) == 10


def test_several_sequences_and_singles() -> None:
    names = [
        "a.0001.png",
        "a.0002.png",
        "a.0001.jpg",
        "a.0002.jpg",
        "b_1001.tif",
        "b_1002.tif",
        "lonely.1001.exr",
        "README",
    ]
    scan = detect_sequences(names)
    assert [s.pattern for s in scan.sequences] == ["a.####.jpg", "a.####.png", "b_####.tif"]
    assert scan.singles == ["README", "lonely.1001.exr"]


def test_unpadded_and_mixed_padding() -> None:
    unpadded = detect_sequences(["r.8.png", "r.9.png", "r.10.png", "r.11.png"])
    (seq,) = unpadded.sequences
    assert (seq.padding, seq.pattern, seq.printf_pattern) == (1, "r.@.png", "r.%d.png")
    assert (seq.first, seq.last, seq.missing) == (8, 11, ())
    mixed = detect_sequences(["m.01.png", "m.02.png", "m.001.png", "m.002.png", "m.003.png"])
    assert [(s.padding, s.frames) for s in mixed.sequences] == [(2, (1, 2)), (3, (1, 2, 3))]


def test_min_frames_one() -> None:
    scan = detect_sequences(["hero.1001.exr"], min_frames=1)
    assert scan.sequences == [FrameSequence("hero.", ".exr", 4, (1001,), ("hero.1001.exr",), ())]
