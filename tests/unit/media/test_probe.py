"""Technical metadata of generated movies and stills; bad input raises typed errors."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from media_samples import make_dpx, make_exr, make_movie, make_still, png_header_only, truncate

from shotline.media import mime
from shotline.media.errors import CorruptMedia, MediaRejected, UnsupportedMedia
from shotline.media.processing.probe import TechnicalMetadata, probe

pytestmark = pytest.mark.unit


def test_movie_with_audio(tmp_path: Path) -> None:
    meta = probe(make_movie(tmp_path / "a.mp4"), mime.MP4)
    assert meta == TechnicalMetadata(
        kind="movie",
        mime=mime.MP4,
        width=64,
        height=48,
        duration_seconds=2.0,
        fps="24",
        fps_float=24.0,
        frame_count=48,
        codec="h264",
        pixel_format="yuv420p",
        bit_depth=8,
        has_audio=True,
        audio_codec="aac",
        audio_sample_rate=48000,
        audio_channels=2,
    )


def test_movie_ntsc_rate_without_audio(tmp_path: Path) -> None:
    path = make_movie(tmp_path / "b.mov", fps=Fraction(24000, 1001), audio=False, container="mov")
    meta = probe(path, mime.QUICKTIME)
    assert meta.fps == "24000/1001"
    assert meta.fps_float == pytest.approx(23.976024)
    assert meta.frame_count == 48
    assert meta.duration_seconds == pytest.approx(48 * 1001 / 24000)
    assert meta.has_audio is False
    assert meta.audio_codec is None


def test_matroska_frames_counted_from_packets(tmp_path: Path) -> None:
    path = make_movie(tmp_path / "c.mkv", frames=30, audio=False, container="matroska")
    meta = probe(path, mime.MATROSKA)
    assert (meta.frame_count, meta.fps, meta.width, meta.height) == (30, "24", 64, 48)


def test_truncated_movie_is_corrupt(tmp_path: Path) -> None:
    path = truncate(make_movie(tmp_path / "t.mp4"), 0.5)
    with pytest.raises(CorruptMedia, match="damaged or truncated"):
        probe(path, mime.MP4)


def test_garbage_claiming_to_be_a_movie(tmp_path: Path) -> None:
    path = tmp_path / "g.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"\xde\xad" * 500)
    with pytest.raises(CorruptMedia):
        probe(path, mime.MP4)


def test_png_and_jpeg(tmp_path: Path) -> None:
    png = probe(make_still(tmp_path / "s.png", "PNG"), mime.PNG)
    assert (png.kind, png.width, png.height, png.frame_count) == ("image", 40, 30, 1)
    assert (png.codec, png.pixel_format, png.bit_depth, png.channels) == (
        "png",
        "RGB",
        8,
        list("RGB"),
    )
    jpeg = probe(make_still(tmp_path / "s.jpg", "JPEG", 33, 17), mime.JPEG)
    assert (jpeg.width, jpeg.height, jpeg.codec) == (33, 17, "jpeg")


def test_exr(tmp_path: Path) -> None:
    meta = probe(make_exr(tmp_path / "e.exr", (4.0, 0.5, 0.0)), mime.EXR)
    assert (meta.width, meta.height, meta.channels) == (32, 16, ["R", "G", "B", "A"])
    assert (meta.pixel_format, meta.bit_depth, meta.codec) == ("half", 16, "zip")
    assert (meta.transfer, meta.frame_count, meta.has_audio) == ("linear", 1, False)


def test_dpx(tmp_path: Path) -> None:
    meta = probe(make_dpx(tmp_path / "d.dpx"), mime.DPX)
    assert (meta.width, meta.height, meta.channels, meta.bit_depth) == (40, 20, list("RGB"), 10)
    assert meta.transfer is None


def test_pixel_cap(tmp_path: Path) -> None:
    path = png_header_only(tmp_path / "bomb.png", 50_000, 50_000)
    with pytest.raises(MediaRejected, match="400 megapixels"):
        probe(path, mime.PNG)


def test_truncated_exr_is_corrupt(tmp_path: Path) -> None:
    path = truncate(make_exr(tmp_path / "e.exr", (1.0, 1.0, 1.0)), 0.1)
    with pytest.raises(CorruptMedia):
        probe(path, mime.EXR)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(UnsupportedMedia, match="application/pdf"):
        probe(path, mime.PDF)


def test_reasons_name_no_path(tmp_path: Path) -> None:
    path = truncate(make_movie(tmp_path / "secret-name.mp4", audio=False), 0.3)
    with pytest.raises(CorruptMedia) as info:
        probe(path, mime.MP4)
    assert "secret-name" not in info.value.reason
    assert str(tmp_path) not in info.value.reason
