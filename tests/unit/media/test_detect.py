"""Type detection reads content, never the file name."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from media_samples import make_dpx, make_exr, make_movie, make_still

from shotline.media import mime
from shotline.media.processing.detect import detect_mime, detect_mime_bytes, is_active_content

pytestmark = pytest.mark.unit


def test_movies_with_misleading_names(tmp_path: Path) -> None:
    assert detect_mime(make_movie(tmp_path / "a.jpg", frames=2, audio=False)) == mime.MP4
    mov = make_movie(tmp_path / "b.png", frames=2, audio=False, container="mov")
    assert detect_mime(mov) == mime.QUICKTIME
    mkv = make_movie(tmp_path / "c.mp4", frames=2, audio=False, container="matroska")
    assert detect_mime(mkv) == mime.MATROSKA
    avi = make_movie(tmp_path / "d.mov", frames=2, audio=False, container="avi")
    assert detect_mime(avi) == mime.AVI


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("PNG", mime.PNG),
        ("JPEG", mime.JPEG),
        ("WEBP", mime.WEBP),
        ("GIF", mime.GIF),
        ("TIFF", mime.TIFF),
    ],
)
def test_stills_with_misleading_names(tmp_path: Path, fmt: str, expected: str) -> None:
    assert detect_mime(make_still(tmp_path / "picture.mov", fmt)) == expected


def test_exr_and_dpx(tmp_path: Path) -> None:
    assert detect_mime(make_exr(tmp_path / "plate.dpx", (1.0, 2.0, 3.0))) == mime.EXR
    assert detect_mime(make_dpx(tmp_path / "plate.exr")) == mime.DPX
    assert detect_mime_bytes(b"SDPX" + b"\0" * 60) == mime.DPX
    assert detect_mime_bytes(b"XPDS" + b"\0" * 60) == mime.DPX


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", mime.PDF),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", mime.WEBM),
        (bytes.fromhex("060e2b34020501010d01020101020400"), mime.MXF),
        (b"\x00\x00\x00\x08wide\x00\x00\x00\x10mdat", mime.QUICKTIME),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", mime.M4A),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", mime.WAV),
        (b"ID3\x04\x00", mime.MP3),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", mime.HTML),
        (b"<!-- hi -->\n<script>alert(1)</script>", mime.HTML),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">', mime.SVG),
        (b"<svg onload=alert(1)>", mime.SVG),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', mime.XHTML),
        (b'<?xml version="1.0"?><data/>', mime.XML),
        (b"plain text, not markup", mime.OCTET_STREAM),
        (b"\x00<html>", mime.OCTET_STREAM),
        (b"", mime.OCTET_STREAM),
    ],
)
def test_signatures(head: bytes, expected: str) -> None:
    assert detect_mime_bytes(head) == expected


def test_active_content() -> None:
    assert is_active_content(mime.HTML)
    assert is_active_content(mime.SVG)
    assert is_active_content("text/html; charset=utf-8")
    assert is_active_content(mime.XHTML)
    assert is_active_content(mime.XML)
    assert not is_active_content(mime.PDF)
    assert not is_active_content(mime.MP4)
    assert not is_active_content(mime.OCTET_STREAM)


def test_fps_fraction_of_generated_movie(tmp_path: Path) -> None:
    path = make_movie(tmp_path / "x.bin", frames=2, audio=False, fps=Fraction(24000, 1001))
    assert detect_mime(path) == mime.MP4
