"""MIME type names used by Shotline, and which of them are active content.

Invariants:
- "Active content" is anything a browser may execute or render as a document with scripts
  (HTML, XHTML, SVG, XML, JavaScript). It is always served as an attachment with ``nosniff``.
- Type names are the ones ``processing.detect.detect_mime`` returns.
"""

from __future__ import annotations

OCTET_STREAM = "application/octet-stream"

MP4 = "video/mp4"
# The manifest blob of an image sequence (`media.sequences`).
SEQUENCE = "application/vnd.shotline.sequence+json"
QUICKTIME = "video/quicktime"
MATROSKA = "video/x-matroska"
WEBM = "video/webm"
AVI = "video/x-msvideo"
MXF = "application/mxf"

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
GIF = "image/gif"
TIFF = "image/tiff"
EXR = "image/x-exr"
DPX = "image/x-dpx"

PDF = "application/pdf"
HTML = "text/html"
XHTML = "application/xhtml+xml"
SVG = "image/svg+xml"
XML = "application/xml"
JAVASCRIPT = "text/javascript"

WAV = "audio/wav"
MP3 = "audio/mpeg"
FLAC = "audio/flac"
OGG = "audio/ogg"
M4A = "audio/mp4"

MOVIE_TYPES = frozenset({MP4, QUICKTIME, MATROSKA, WEBM, AVI, MXF})
"""Containers decoded with PyAV."""

PILLOW_IMAGE_TYPES = frozenset({JPEG, PNG, WEBP, GIF})
"""Display-referred stills read with Pillow."""

OIIO_IMAGE_TYPES = frozenset({TIFF, EXR, DPX})
"""Stills read with OpenImageIO (high bit depth, float, log)."""

IMAGE_TYPES = PILLOW_IMAGE_TYPES | OIIO_IMAGE_TYPES

ACTIVE_CONTENT_TYPES = frozenset({HTML, XHTML, SVG, XML, JAVASCRIPT})


def is_active_content(mime: str) -> bool:
    """Whether a browser could run scripts from a file of this type."""
    base = mime.split(";", 1)[0].strip().lower()
    return base in ACTIVE_CONTENT_TYPES or base.endswith("+xml") or "javascript" in base


def is_movie(mime: str) -> bool:
    return mime in MOVIE_TYPES


def is_image(mime: str) -> bool:
    return mime in IMAGE_TYPES
