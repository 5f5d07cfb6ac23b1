"""S3-compatible storage backend (AWS, MinIO, Ceph, ...) through boto3.

Invariants:
- Object names are ``<prefix>/<key>``; keys are checked by ``check_key``.
- ``put_stream`` hashes while spooling to a local temp file (never the whole file in memory),
  then uploads under the SHA-256 key with multipart upload above ``multipart_threshold``.
  If ``head_object`` finds the blob already there, nothing is uploaded (dedup).
- Nothing is visible under a blob key until its upload has completed (S3 semantics).
- Presigned GET URLs live at most ``MAX_URL_SECONDS`` and carry
  ``ResponseContentDisposition`` (always ``attachment`` for active content).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

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
    content_disposition,
    iter_source,
)

DEFAULT_MULTIPART_THRESHOLD = 64 * 1024 * 1024
DEFAULT_MULTIPART_CHUNKSIZE = 16 * 1024 * 1024

_NOT_FOUND_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


def _is_not_found(exc: ClientError) -> bool:
    return str(exc.response.get("Error", {}).get("Code", "")) in _NOT_FOUND_CODES


class S3Storage:
    """Stores objects in one bucket under an optional prefix."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        *,
        temp_dir: Path | None = None,
        multipart_threshold: int = DEFAULT_MULTIPART_THRESHOLD,
        multipart_chunksize: int = DEFAULT_MULTIPART_CHUNKSIZE,
        addressing_style: str = "path",
    ) -> None:
        if not bucket:
            raise ValueError("an S3 bucket name is required")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        if self.prefix:
            check_key(self.prefix)
        self.temp_dir = temp_dir
        self._transfer = TransferConfig(
            multipart_threshold=multipart_threshold, multipart_chunksize=multipart_chunksize
        )
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": addressing_style},
                retries={"max_attempts": 5, "mode": "standard"},
            ),
        )

    def __repr__(self) -> str:
        return f"S3Storage(bucket={self.bucket!r}, prefix={self.prefix!r})"

    # -- helpers ---------------------------------------------------------------------------

    def _name(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _head(self, key: str) -> dict[str, Any] | None:
        try:
            head: dict[str, Any] = self._client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as exc:
            if _is_not_found(exc):
                return None
            raise StorageFailure("the storage bucket could not be reached") from exc
        except BotoCoreError as exc:
            raise StorageFailure("the storage bucket could not be reached") from exc
        return head

    def _upload(self, handle: Any, key: str) -> None:
        try:
            self._client.upload_fileobj(handle, self.bucket, self._name(key), Config=self._transfer)
        except (ClientError, BotoCoreError) as exc:
            raise StorageFailure("could not write the file to storage") from exc

    # -- Storage protocol ------------------------------------------------------------------

    def put_stream(self, source: ByteSource, *, max_size: int | None = None) -> StoredBlob:
        writer = HashingWriter(max_size)
        with tempfile.TemporaryFile(dir=self.temp_dir) as spool:
            for chunk in iter_source(source):
                writer.update(chunk)
                spool.write(chunk)
            key = blob_key(writer.sha256)
            head = self._head(key)
            if head is None or int(head.get("ContentLength", -1)) != writer.size:
                spool.seek(0)
                self._upload(spool, key)
        return StoredBlob(sha256=writer.sha256, size=writer.size, key=key)

    def put_file(self, key: str, path: Path) -> None:
        self._name(key)
        with Path(path).open("rb") as handle:
            self._upload(handle, key)

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def size(self, key: str) -> int:
        head = self._head(key)
        if head is None:
            raise BlobNotFound("the file is not in storage")
        return int(head["ContentLength"])

    def open_read(
        self, key: str, start: int | None = None, end: int | None = None
    ) -> Iterator[bytes]:
        lo, hi = check_range(start, end, self.size(key))
        if lo == hi:
            return iter(())
        try:
            response = self._client.get_object(
                Bucket=self.bucket, Key=self._name(key), Range=f"bytes={lo}-{hi - 1}"
            )
        except ClientError as exc:
            if _is_not_found(exc):
                raise BlobNotFound("the file is not in storage") from exc
            raise StorageFailure("could not read the file from storage") from exc
        except BotoCoreError as exc:
            raise StorageFailure("could not read the file from storage") from exc
        return self._iter_body(response["Body"])

    @staticmethod
    def _iter_body(body: Any) -> Iterator[bytes]:
        try:
            yield from body.iter_chunks(CHUNK_SIZE)
        finally:
            body.close()

    def delete(self, key: str) -> None:
        try:
            self._client.delete_object(Bucket=self.bucket, Key=self._name(key))
        except (ClientError, BotoCoreError) as exc:
            raise StorageFailure("could not delete the file from storage") from exc

    @contextlib.contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        name = self._name(key)
        fd, tmp_name = tempfile.mkstemp(dir=self.temp_dir, suffix=".blob")
        os.close(fd)
        tmp_path = Path(tmp_name)
        try:
            try:
                self._client.download_file(self.bucket, name, tmp_name, Config=self._transfer)
            except ClientError as exc:
                if _is_not_found(exc):
                    raise BlobNotFound("the file is not in storage") from exc
                raise StorageFailure("could not read the file from storage") from exc
            except BotoCoreError as exc:
                raise StorageFailure("could not read the file from storage") from exc
            yield tmp_path
        finally:
            tmp_path.unlink(missing_ok=True)

    def presigned_url(
        self,
        key: str,
        *,
        expires_seconds: int,
        filename: str | None = None,
        content_type: str | None = None,
        inline: bool = False,
    ) -> str | None:
        params: dict[str, str] = {
            "Bucket": self.bucket,
            "Key": self._name(key),
            "ResponseContentDisposition": content_disposition(
                filename, content_type=content_type, inline=inline
            ),
        }
        if content_type:
            params["ResponseContentType"] = content_type
        url: str = self._client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=check_expiry(expires_seconds)
        )
        return url
