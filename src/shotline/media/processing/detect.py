"""File type detection from content (magic bytes), never from the file name.

Invariants:
- Only the first ``SNIFF_BYTES`` bytes are read.
- Binary signatures win over text heuristics; text is checked for markup only when it has no
  NUL bytes, so a binary file can never be reported as HTML or SVG.
- Anything unrecognised is ``application/octet-stream``: stored and downloadable, not
  processed, never rendered inline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from shotline.media import mime
from shotline.media.mime import is_active_content

__all__ = ["SNIFF_BYTES", "detect_mime", "detect_mime_bytes", "is_active_content"]

SNIFF_BYTES = 4096

_QUICKTIME_ATOMS = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
_MP4_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"F4A ")
_MXF_PARTITION_KEY = bytes.fromhex("060e2b34020501010d010201")


def _iso_media(head: bytes) -> str | None:
    """MP4 / QuickTime: an ``ftyp`` box at offset 4, or a bare QuickTime atom."""
    box = head[4:8]
    if box == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return mime.QUICKTIME
        if brand in _MP4_AUDIO_BRANDS:
            return mime.M4A
        return mime.MP4
    if box in _QUICKTIME_ATOMS and int.from_bytes(head[:4], "big") >= 8:
        return mime.QUICKTIME
    return None


def _ebml(head: bytes) -> str | None:
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    return mime.WEBM if b"webm" in head[:64] else mime.MATROSKA


def _riff(head: bytes) -> str | None:
    if head[:4] != b"RIFF":
        return None
    return {b"AVI ": mime.AVI, b"WEBP": mime.WEBP, b"WAVE": mime.WAV}.get(head[8:12])


def _mp3(head: bytes) -> str | None:
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2):
        return mime.MP3
    return None


# (offset, signature, MIME) for fixed signatures, checked in order.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", mime.JPEG),
    (0, b"\x89PNG\r\n\x1a\n", mime.PNG),
    (0, b"GIF87a", mime.GIF),
    (0, b"GIF89a", mime.GIF),
    (0, b"II*\x00", mime.TIFF),
    (0, b"MM\x00*", mime.TIFF),
    (0, b"II+\x00", mime.TIFF),
    (0, b"MM\x00+", mime.TIFF),
    (0, b"\x76\x2f\x31\x01", mime.EXR),
    (0, b"SDPX", mime.DPX),
    (0, b"XPDS", mime.DPX),
    (0, b"%PDF-", mime.PDF),
    (0, _MXF_PARTITION_KEY, mime.MXF),
    (0, b"fLaC", mime.FLAC),
    (0, b"OggS", mime.OGG),
)

_SNIFFERS: tuple[Callable[[bytes], str | None], ...] = (_iso_media, _ebml, _riff, _mp3)

_HTML_START = re.compile(
    rb"^(<!doctype\s+html|<html|<head|<body|<script|<iframe|<title|<style|<meta|<a\s|<div|<p>)",
    re.IGNORECASE,
)
_SVG_TAG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_XHTML_NS = re.compile(rb"http://www\.w3\.org/1999/xhtml", re.IGNORECASE)
_LEADING_NOISE = re.compile(rb"^(?:\s|<!--.*?-->)*", re.DOTALL)


def _markup(head: bytes) -> str | None:
    """HTML, SVG and XML: text documents a browser would render with scripts."""
    if b"\x00" in head:
        return None
    text = head.removeprefix(b"\xef\xbb\xbf")
    noise = _LEADING_NOISE.match(text)
    if noise is not None:
        text = text[noise.end() :]
    if _HTML_START.match(text):
        return mime.HTML
    if _SVG_TAG.search(head):
        return mime.SVG
    if text[:5].lower() == b"<?xml" or text[:9].lower() == b"<!doctype":
        return mime.XHTML if _XHTML_NS.search(head) else mime.XML
    return None


def detect_mime_bytes(head: bytes) -> str:
    """The MIME type of a file starting with ``head`` (its first ``SNIFF_BYTES`` bytes)."""
    for offset, signature, kind in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return kind
    for sniff in _SNIFFERS:
        found = sniff(head)
        if found is not None:
            return found
    return _markup(head) or mime.OCTET_STREAM


def detect_mime(path: Path) -> str:
    """The MIME type of the file at ``path``, from its first bytes."""
    with Path(path).open("rb") as handle:
        return detect_mime_bytes(handle.read(SNIFF_BYTES))
