"""Proxies keep every source frame, the exact rate, even sizes and fast start."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from media_samples import make_exr, make_exr_numbered, make_movie, read_frame_number, truncate

from shotline.media import mime
from shotline.media.errors import CorruptMedia, UnsupportedMedia
from shotline.media.processing.detect import detect_mime
from shotline.media.processing.probe import probe
from shotline.media.processing.proxy import make_proxy, make_sequence_proxy
from shotline.media.processing.renditions import even_size

pytestmark = pytest.mark.unit


def top_level_atoms(path: Path) -> list[str]:
    data = path.read_bytes()
    atoms, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
        atoms.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return atoms


def decoded(path: Path) -> tuple[list[int], Fraction, int, int, bool]:
    """Frame numbers read from every decoded frame, rate, size, audio presence."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        numbers = [
            read_frame_number(f.to_ndarray(format="rgb24")) for f in container.decode(stream)
        ]
        return (
            numbers,
            Fraction(stream.average_rate),
            stream.width,
            stream.height,
            bool(container.streams.audio),
        )


@pytest.mark.parametrize(
    ("fps", "audio"),
    [(Fraction(24), True), (Fraction(24000, 1001), True), (Fraction(24000, 1001), False)],
)
def test_proxy_keeps_every_frame(tmp_path: Path, fps: Fraction, audio: bool) -> None:
    src = make_movie(tmp_path / "src.mp4", fps=fps, audio=audio)
    out = tmp_path / "proxy.mp4"
    rendition = make_proxy(src, mime.MP4, out)
    assert (rendition.kind, rendition.path, rendition.mime) == ("proxy", out, mime.MP4)
    assert (rendition.width, rendition.height, rendition.frame_count) == (64, 48, 48)
    assert rendition.fps == ("24" if fps == 24 else "24000/1001")
    numbers, rate, width, height, has_audio = decoded(out)
    assert numbers == list(range(48))
    assert (rate, width, height, has_audio) == (fps, 64, 48, audio)
    meta = probe(out, detect_mime(out))
    assert (meta.frame_count, meta.fps, meta.codec, meta.pixel_format) == (
        48,
        rendition.fps,
        "h264",
        "yuv420p",
    )
    assert meta.colour_space == "itu709"
    if audio:
        assert (meta.audio_codec, meta.audio_sample_rate, meta.audio_channels) == ("aac", 48000, 2)
    atoms = top_level_atoms(out)
    assert atoms.index("moov") < atoms.index("mdat")


def test_odd_sized_movie_gets_even_proxy(tmp_path: Path) -> None:
    src = make_movie(
        tmp_path / "odd.mov", width=321, height=241, audio=False, container="mov", pix_fmt="yuv444p"
    )
    rendition = make_proxy(src, mime.QUICKTIME, tmp_path / "p.mp4")
    assert (rendition.width, rendition.height) == (320, 240)
    numbers, rate, width, height, _ = decoded(rendition.path)
    assert (numbers, rate, width, height) == (list(range(48)), 24, 320, 240)


def test_max_width_scales_down_to_even(tmp_path: Path) -> None:
    src = make_movie(tmp_path / "w.mp4", width=128, height=72, frames=10, audio=False)
    rendition = make_proxy(src, mime.MP4, tmp_path / "p.mp4", max_width=50)
    assert (rendition.width, rendition.height, rendition.frame_count) == (50, 28, 10)


def test_even_size() -> None:
    assert even_size(1920, 1080, 1920) == (1920, 1080)
    assert even_size(4096, 2160, 1920) == (1920, 1012)
    assert even_size(321, 241, 1920) == (320, 240)
    assert even_size(1, 1, 1920) == (2, 2)


def test_truncated_movie_fails_with_reason(tmp_path: Path) -> None:
    src = make_movie(tmp_path / "t.mp4", frames=48, audio=False, faststart=True)
    truncate(src, 0.6)
    out = tmp_path / "p.mp4"
    with pytest.raises(CorruptMedia, match=r"truncated or damaged: \d+ of 48 frames decode"):
        make_proxy(src, mime.MP4, out)
    assert not out.exists()


def test_proxy_refuses_stills(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedMedia, match="proxies are made from movies"):
        make_proxy(tmp_path / "x.png", mime.PNG, tmp_path / "p.mp4")


def test_exr_sequence_proxy_with_gap(tmp_path: Path) -> None:
    frames: list[Path | None] = []
    for index in range(12):
        if index == 5:
            frames.append(None)  # missing frame: repeats frame 4
            continue
        frames.append(make_exr_numbered(tmp_path / f"shot.{1001 + index}.exr", index))
    out = tmp_path / "seq.mp4"
    rendition = make_sequence_proxy(frames, out, fps="24000/1001")
    assert (rendition.width, rendition.height, rendition.frame_count) == (64, 48, 12)
    assert rendition.fps == "24000/1001"
    numbers, rate, width, height, has_audio = decoded(out)
    assert numbers == [0, 1, 2, 3, 4, 4, 6, 7, 8, 9, 10, 11]
    assert (rate, width, height, has_audio) == (Fraction(24000, 1001), 64, 48, False)
    with av.open(str(out)) as container:
        last = list(container.decode(video=0))[-1].to_ndarray(format="rgb24")
    # Frame 11 = 0b1011: bars 0, 1 and 3 hold linear 4.0 (a highlight) and must be white,
    # not wrapped into garbage; bar 2 holds 0.0 and must be black.
    bar = 64 // 8
    assert last[24, bar // 2].min() >= 245
    assert last[24, 3 * bar + bar // 2].min() >= 245
    assert last[24, 2 * bar + bar // 2].max() <= 10


def test_sequence_of_mixed_sizes_fails(tmp_path: Path) -> None:
    a = make_exr(tmp_path / "a.1.exr", (0.5, 0.5, 0.5), width=32, height=16)
    b = make_exr(tmp_path / "a.2.exr", (0.5, 0.5, 0.5), width=16, height=16)
    with pytest.raises(UnsupportedMedia, match="frame 2 of the sequence is 16x16"):
        make_sequence_proxy([a, b], tmp_path / "p.mp4")
    assert not (tmp_path / "p.mp4").exists()


def test_sequence_proxy_values(tmp_path: Path) -> None:
    frames = [make_exr(tmp_path / f"g.{n}.exr", (0.18, 0.18, 0.18)) for n in range(3)]
    rendition = make_sequence_proxy(frames, tmp_path / "g.mp4", fps=25)
    with av.open(str(rendition.path)) as container:
        rgb = next(container.decode(video=0)).to_ndarray(format="rgb24")
    # linear 0.18 -> sRGB 0.461 -> 118 (within codec error)
    assert abs(float(np.mean(rgb)) - 118) <= 3
