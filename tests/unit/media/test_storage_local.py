"""LocalStorage: content addressing, dedup, atomicity, ranges and key safety."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from shotline.media.errors import BlobNotFound, MediaRejected
from shotline.media.storage import (
    CHUNK_SIZE,
    LocalStorage,
    Storage,
    blob_key,
    content_disposition,
    storage_from_url,
)

pytestmark = pytest.mark.unit

DATA = bytes(range(256)) * 4096 + b"tail"  # 1 MiB + 4 bytes: more than one chunk
DATA_SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "media")


def test_is_a_storage(storage: LocalStorage) -> None:
    assert isinstance(storage, Storage)


def test_put_stream_from_file_object(storage: LocalStorage, tmp_path: Path) -> None:
    blob = storage.put_stream(io.BytesIO(DATA))
    assert len(DATA) > CHUNK_SIZE
    assert blob.sha256 == DATA_SHA
    assert blob.size == len(DATA)
    assert blob.key == f"blobs/{DATA_SHA[:2]}/{DATA_SHA[2:4]}/{DATA_SHA}"
    assert (tmp_path / "media" / blob.key).read_bytes() == DATA
    assert list((tmp_path / "media" / ".tmp").iterdir()) == []


def test_put_stream_from_iterator_and_dedup(storage: LocalStorage, tmp_path: Path) -> None:
    first = storage.put_stream(io.BytesIO(DATA))
    path = tmp_path / "media" / first.key
    mtime = path.stat().st_mtime_ns
    chunks = [DATA[i : i + 1000] for i in range(0, len(DATA), 1000)]
    second = storage.put_stream(iter(chunks))
    assert second == first
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file()) == [DATA_SHA]


def test_empty_stream(storage: LocalStorage) -> None:
    blob = storage.put_stream(iter([]))
    assert blob.sha256 == hashlib.sha256(b"").hexdigest()
    assert blob.size == 0
    assert b"".join(storage.open_read(blob.key)) == b""


def test_max_size_rejects_and_stores_nothing(storage: LocalStorage, tmp_path: Path) -> None:
    with pytest.raises(MediaRejected, match="larger than the limit of 1000 bytes"):
        storage.put_stream(io.BytesIO(DATA), max_size=1000)
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


def test_exists_size_and_ranges(storage: LocalStorage) -> None:
    blob = storage.put_stream(io.BytesIO(DATA))
    assert storage.exists(blob.key)
    assert storage.size(blob.key) == len(DATA)
    assert b"".join(storage.open_read(blob.key)) == DATA
    assert b"".join(storage.open_read(blob.key, 10, 20)) == DATA[10:20]
    assert b"".join(storage.open_read(blob.key, len(DATA) - 4)) == b"tail"
    assert b"".join(storage.open_read(blob.key, None, 3)) == DATA[:3]
    big = list(storage.open_read(blob.key, 2))
    assert [len(c) for c in big] == [CHUNK_SIZE, 2]
    assert b"".join(storage.open_read(blob.key, 100, 10**9)) == DATA[100:]
    with pytest.raises(ValueError, match="invalid byte range"):
        storage.open_read(blob.key, 20, 10)


def test_missing_key(storage: LocalStorage) -> None:
    key = blob_key("0" * 64)
    assert not storage.exists(key)
    with pytest.raises(BlobNotFound):
        storage.size(key)
    with pytest.raises(BlobNotFound):
        storage.open_read(key)
    with pytest.raises(BlobNotFound), storage.local_path(key):
        pass
    storage.delete(key)


def test_put_file_local_path_and_delete(storage: LocalStorage, tmp_path: Path) -> None:
    src = tmp_path / "thumb.jpg"
    src.write_bytes(b"jpeg bytes")
    key = "renditions/ab/cd/abcd/thumb_small.jpg"
    storage.put_file(key, src)
    with storage.local_path(key) as local:
        assert local == tmp_path / "media" / key
        assert local.read_bytes() == b"jpeg bytes"
    src.write_bytes(b"replaced")
    storage.put_file(key, src)
    assert b"".join(storage.open_read(key)) == b"replaced"
    storage.delete(key)
    assert not storage.exists(key)


@pytest.mark.parametrize(
    "key",
    ["../etc/passwd", "/abs", "blobs//x", "blobs/./x", "a\\b", "a b", "", ".tmp/../../x", "é"],
)
def test_bad_keys_are_refused(storage: LocalStorage, key: str) -> None:
    with pytest.raises(ValueError, match="storage key"):
        storage.exists(key)


def test_presigned_url_is_none_for_local(storage: LocalStorage) -> None:
    blob = storage.put_stream(iter([b"x"]))
    assert storage.presigned_url(blob.key, expires_seconds=60, filename="a.mov") is None
    with pytest.raises(ValueError, match="between 1 and 300 seconds"):
        storage.presigned_url(blob.key, expires_seconds=301)


def test_storage_from_url(tmp_path: Path) -> None:
    by_url = storage_from_url(f"file://{tmp_path}/m")
    assert isinstance(by_url, LocalStorage)
    assert by_url.root == tmp_path / "m"
    plain = storage_from_url(str(tmp_path / "p"))
    assert isinstance(plain, LocalStorage)
    assert plain.root == tmp_path / "p"
    relative = storage_from_url("data/media")
    assert isinstance(relative, LocalStorage)
    assert relative.root == Path(os.getcwd()) / "data" / "media"
    with pytest.raises(ValueError, match="unsupported storage URL scheme"):
        storage_from_url("ftp://host/x")
    with pytest.raises(ValueError, match="must be local"):
        storage_from_url("file://otherhost/x")


def test_content_disposition() -> None:
    assert content_disposition(None) == "attachment"
    assert (
        content_disposition('../../shot 010 "v2"\n.mov', inline=True)
        == "inline; filename=\"shot 010 'v2'.mov\"; filename*=UTF-8''shot%20010%20%22v2%22.mov"
    )
    assert content_disposition("café.exr").startswith('attachment; filename="caf_.exr"')
    assert content_disposition("café.exr").endswith("filename*=UTF-8''caf%C3%A9.exr")
    assert content_disposition("x.svg", content_type="image/svg+xml", inline=True).startswith(
        "attachment;"
    )
