"""Storage backends behind one ``Storage`` protocol, chosen by URL.

``SHOTLINE_STORAGE_URL`` selects the backend:

- ``file:///abs/path`` or a plain path: ``LocalStorage`` (the default is ``./data/media``);
- ``s3://bucket/prefix``: ``S3Storage``; endpoint, region and credentials come from the
  ``SHOTLINE_S3_*`` settings, passed here as keyword options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from shotline.media.storage.base import (
    CHUNK_SIZE,
    MAX_URL_SECONDS,
    ByteSource,
    Storage,
    StoredBlob,
    blob_key,
    check_key,
    content_disposition,
)
from shotline.media.storage.local import LocalStorage
from shotline.media.storage.s3 import S3Storage

__all__ = [
    "CHUNK_SIZE",
    "MAX_URL_SECONDS",
    "ByteSource",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StoredBlob",
    "blob_key",
    "check_key",
    "content_disposition",
    "storage_from_url",
]


def storage_from_url(url: str, **s3_options: Any) -> Storage:
    """Build the backend named by ``url``.

    ``s3_options`` are passed to ``S3Storage`` (``endpoint_url``, ``region``, ``access_key``,
    ``secret_key``, ...) and ignored for local storage.
    """
    if not url:
        raise ValueError("storage URL is empty")
    parts = urlsplit(url)
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ValueError("an s3:// storage URL must name a bucket: s3://bucket/prefix")
        return S3Storage(parts.netloc, unquote(parts.path).strip("/"), **s3_options)
    if parts.scheme == "file":
        if parts.netloc not in {"", "localhost"}:
            raise ValueError("a file:// storage URL must be local: file:///absolute/path")
        return LocalStorage(Path(unquote(parts.path)))
    if parts.scheme and len(parts.scheme) > 1:
        raise ValueError(f"unsupported storage URL scheme {parts.scheme!r}")
    return LocalStorage(Path(url))
