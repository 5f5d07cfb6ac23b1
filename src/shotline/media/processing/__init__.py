"""Media processing: type detection, technical metadata, thumbnails, proxies, filmstrips and
image-sequence detection. Pure functions over local files; no database, no HTTP.

Every failure is a ``shotline.media.errors.MediaError`` whose ``reason`` can be shown to users.
"""

from shotline.media.processing.detect import detect_mime, is_active_content
from shotline.media.processing.images import PIXEL_CAP, read_display_rgb
from shotline.media.processing.probe import TechnicalMetadata, probe
from shotline.media.processing.proxy import make_proxy, make_sequence_proxy
from shotline.media.processing.renditions import THUMBNAIL_SIZES, Rendition
from shotline.media.processing.sequences import FrameSequence, SequenceScan, detect_sequences
from shotline.media.processing.thumbnails import (
    filmstrip_frames,
    make_filmstrip,
    make_thumbnails,
    thumbnails_from_rgb,
)

__all__ = [
    "PIXEL_CAP",
    "THUMBNAIL_SIZES",
    "FrameSequence",
    "Rendition",
    "SequenceScan",
    "TechnicalMetadata",
    "detect_mime",
    "detect_sequences",
    "filmstrip_frames",
    "is_active_content",
    "make_filmstrip",
    "make_proxy",
    "make_sequence_proxy",
    "make_thumbnails",
    "probe",
    "read_display_rgb",
    "thumbnails_from_rgb",
]
