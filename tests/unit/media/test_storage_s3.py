"""S3Storage against a real S3-protocol server (moto) listening on 127.0.0.1."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import httpx2 as httpx
import pytest

from shotline.media.errors import BlobNotFound, MediaRejected
from shotline.media.storage import CHUNK_SIZE, S3Storage, Storage, blob_key, storage_from_url

pytestmark = pytest.mark.unit

DATA = bytes(range(256)) * 4096 + b"tail"
DATA_SHA = hashlib.sha256(DATA).hexdigest()


def _objects(storage: S3Storage, endpoint: str, options: dict[str, Any]) -> dict[str, int]:
    client: Any = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=options["region"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    listing = client.list_objects_v2(Bucket=storage.bucket)
    return {obj["Key"]: obj["Size"] for obj in listing.get("Contents", [])}


def test_is_a_storage(s3_storage: S3Storage) -> None:
    assert isinstance(s3_storage, Storage)


def test_put_stream_dedup(
    s3_storage: S3Storage, s3_endpoint: str, s3_options: dict[str, Any]
) -> None:
    blob = s3_storage.put_stream(io.BytesIO(DATA))
    assert blob.sha256 == DATA_SHA
    assert blob.size == len(DATA)
    assert blob.key == f"blobs/{DATA_SHA[:2]}/{DATA_SHA[2:4]}/{DATA_SHA}"
    again = s3_storage.put_stream(iter([DATA[:7], DATA[7:]]))
    assert again == blob
    assert _objects(s3_storage, s3_endpoint, s3_options) == {f"media/{blob.key}": len(DATA)}
    assert s3_storage.exists(blob.key)
    assert s3_storage.size(blob.key) == len(DATA)


def test_multipart_stream_larger_than_chunks(
    s3_storage: S3Storage, s3_endpoint: str, s3_options: dict[str, Any]
) -> None:
    size = 6 * CHUNK_SIZE + 123  # above the 5 MiB multipart threshold of the fixture
    payload = hashlib.sha256(b"seed").digest() * (size // 32) + b"x" * (size % 32)
    chunks = (payload[i : i + 65536] for i in range(0, len(payload), 65536))
    blob = s3_storage.put_stream(chunks)
    assert blob.sha256 == hashlib.sha256(payload).hexdigest()
    assert blob.size == size
    assert _objects(s3_storage, s3_endpoint, s3_options) == {f"media/{blob.key}": size}
    assert hashlib.sha256(b"".join(s3_storage.open_read(blob.key))).hexdigest() == blob.sha256


def test_range_reads(s3_storage: S3Storage) -> None:
    blob = s3_storage.put_stream(io.BytesIO(DATA))
    assert b"".join(s3_storage.open_read(blob.key, 10, 20)) == DATA[10:20]
    assert b"".join(s3_storage.open_read(blob.key, len(DATA) - 4)) == b"tail"
    assert b"".join(s3_storage.open_read(blob.key, None, 3)) == DATA[:3]
    assert b"".join(s3_storage.open_read(blob.key, 7, 7)) == b""
    assert b"".join(s3_storage.open_read(blob.key)) == DATA
    with pytest.raises(ValueError, match="invalid byte range"):
        s3_storage.open_read(blob.key, 20, 10)


def test_max_size(s3_storage: S3Storage, s3_endpoint: str, s3_options: dict[str, Any]) -> None:
    with pytest.raises(MediaRejected, match="larger than the limit"):
        s3_storage.put_stream(io.BytesIO(DATA), max_size=len(DATA) - 1)
    assert _objects(s3_storage, s3_endpoint, s3_options) == {}


def test_missing_objects(s3_storage: S3Storage) -> None:
    key = blob_key("f" * 64)
    assert not s3_storage.exists(key)
    with pytest.raises(BlobNotFound):
        s3_storage.size(key)
    with pytest.raises(BlobNotFound):
        s3_storage.open_read(key)
    with pytest.raises(BlobNotFound), s3_storage.local_path(key):
        pass
    s3_storage.delete(key)


def test_put_file_local_path_delete(s3_storage: S3Storage, tmp_path: Path) -> None:
    src = tmp_path / "proxy.mp4"
    src.write_bytes(b"proxy bytes")
    key = "renditions/ab/cd/abcd/proxy.mp4"
    s3_storage.put_file(key, src)
    with s3_storage.local_path(key) as local:
        assert local != src
        assert local.read_bytes() == b"proxy bytes"
    assert not local.exists()
    s3_storage.delete(key)
    assert not s3_storage.exists(key)


def test_presigned_url_fetch(s3_storage: S3Storage, s3_endpoint: str) -> None:
    blob = s3_storage.put_stream(io.BytesIO(DATA))
    url = s3_storage.presigned_url(
        blob.key, expires_seconds=120, filename="plate v1.mov", content_type="video/quicktime"
    )
    assert url is not None
    assert url.startswith(f"{s3_endpoint}/{s3_storage.bucket}/media/blobs/")
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["120"]
    assert query["response-content-disposition"] == [
        "attachment; filename=\"plate v1.mov\"; filename*=UTF-8''plate%20v1.mov"
    ]
    response = httpx.get(url)
    assert response.status_code == 200
    assert response.content == DATA
    assert response.headers["content-type"] == "video/quicktime"
    assert response.headers["content-disposition"].startswith('attachment; filename="plate v1')
    ranged = httpx.get(url, headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206
    assert ranged.content == DATA[:10]
    with pytest.raises(ValueError, match="between 1 and 300 seconds"):
        s3_storage.presigned_url(blob.key, expires_seconds=3600)


def test_storage_from_url_s3(s3_bucket: str, s3_options: dict[str, Any]) -> None:
    storage = storage_from_url(f"s3://{s3_bucket}/studio/media/", **s3_options)
    assert isinstance(storage, S3Storage)
    assert storage.bucket == s3_bucket
    assert storage.prefix == "studio/media"
    blob = storage.put_stream(iter([b"hello"]))
    assert b"".join(storage.open_read(blob.key)) == b"hello"
    with pytest.raises(ValueError, match="must name a bucket"):
        storage_from_url("s3:///nobucket")
