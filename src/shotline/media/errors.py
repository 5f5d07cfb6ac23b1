"""Typed media failures.

Invariants:
- Every failure raised by ``shotline.media`` is a ``MediaError`` subclass (or ``ValueError``
  for programming errors such as an invalid storage key).
- ``reason`` is a short, human-readable sentence without file-system paths or stack traces;
  it is shown to users as "failed: <reason>".
- ``code`` is stable; clients and jobs switch on it, never on the text.
"""

from __future__ import annotations


class MediaError(Exception):
    """Base class of media failures; ``reason`` is safe to show to users."""

    code: str = "media_error"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MediaRejected(MediaError):
    """The file breaks a limit (size, pixel count, frame count) and will not be processed."""

    code = "media_rejected"


class CorruptMedia(MediaError):
    """The file is truncated or damaged and cannot be read."""

    code = "corrupt_media"


class UnsupportedMedia(MediaError):
    """The file type or codec is not one Shotline can process."""

    code = "unsupported_media"


class BlobNotFound(MediaError):
    """No object is stored under the requested key."""

    code = "blob_not_found"


class StorageFailure(MediaError):
    """The storage backend failed (disk full, bucket unreachable, permission denied)."""

    code = "storage_failure"
