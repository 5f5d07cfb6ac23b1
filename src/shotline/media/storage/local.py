"""Local-directory storage backend.

Invariants:
- Every object lives at ``root / key`` (``key`` checked by ``check_key``, so nothing escapes
  ``root``); temporary files live in ``root / ".tmp"``, which no key can name.
- Writes are atomic: temp file, ``fsync``, ``os.replace``, then ``fsync`` of the directory.
  A crash leaves either the old object, the new one, or a stray temp file; never a partial
  object under a real key.
- ``presigned_url`` returns ``None``: the server signs its own download URLs.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from shotline.media.errors import BlobNotFound, StorageFailure
from shotline.media.storage.base import (
    CHUNK_SIZE,
    ByteSource,
    HashingWriter,
    StoredBlob,
    blob_key,
    check_expiry,
    check_key,
    check_range,
    iter_source,
)

_TMP_DIR = ".tmp"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalStorage:
    """Stores objects as files under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._tmp = self.root / _TMP_DIR

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    # -- helpers ---------------------------------------------------------------------------

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    @contextlib.contextmanager
    def _temp_file(self) -> Iterator[tuple[BinaryIO, Path]]:
        self._tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self._tmp, suffix=".part")
        tmp_path = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle, tmp_path
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise

    def _publish(self, tmp_path: Path, final: Path) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp_path, final)
        _fsync_dir(final.parent)

    # -- Storage protocol ------------------------------------------------------------------

    def put_stream(self, source: ByteSource, *, max_size: int | None = None) -> StoredBlob:
        writer = HashingWriter(max_size)
        try:
            with self._temp_file() as (handle, tmp_path):
                for chunk in iter_source(source):
                    writer.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise StorageFailure("could not write the file to storage") from exc
        key = blob_key(writer.sha256)
        final = self._path(key)
        try:
            if final.is_file() and final.stat().st_size == writer.size:
                tmp_path.unlink()
            else:
                self._publish(tmp_path, final)
        except OSError as exc:
            tmp_path.unlink(missing_ok=True)
            raise StorageFailure("could not write the file to storage") from exc
        return StoredBlob(sha256=writer.sha256, size=writer.size, key=key)

    def put_file(self, key: str, path: Path) -> None:
        final = self._path(key)
        try:
            with self._temp_file() as (handle, tmp_path), Path(path).open("rb") as src:
                while chunk := src.read(CHUNK_SIZE):
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            self._publish(tmp_path, final)
        except OSError as exc:
            raise StorageFailure("could not write the file to storage") from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound("the file is not in storage") from None

    def open_read(
        self, key: str, start: int | None = None, end: int | None = None
    ) -> Iterator[bytes]:
        path = self._path(key)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise BlobNotFound("the file is not in storage") from None
        try:
            lo, hi = check_range(start, end, os.fstat(handle.fileno()).st_size)
        except BaseException:
            handle.close()
            raise
        return self._read_range(handle, lo, hi)

    @staticmethod
    def _read_range(handle: BinaryIO, lo: int, hi: int) -> Iterator[bytes]:
        with handle:
            handle.seek(lo)
            remaining = hi - lo
            while remaining > 0:
                chunk = handle.read(min(CHUNK_SIZE, remaining))
                if not chunk:
                    return
                remaining -= len(chunk)
                yield chunk

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    @contextlib.contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        path = self._path(key)
        if not path.is_file():
            raise BlobNotFound("the file is not in storage")
        yield path

    def presigned_url(
        self,
        key: str,
        *,
        expires_seconds: int,
        filename: str | None = None,
        content_type: str | None = None,
        inline: bool = False,
    ) -> str | None:
        del filename, content_type, inline  # the server's own signed URLs carry these
        check_key(key)
        check_expiry(expires_seconds)
        return None
