"""Fixtures for media tests: a real S3-protocol server (moto) on 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from shotline.media.storage import S3Storage

S3_REGION = "us-east-1"
S3_KEY = "testing-access-key"
S3_SECRET = "testing-secret-key"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> str:
    name = f"shotline-{uuid.uuid4().hex[:12]}"
    client: Any = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
    )
    client.create_bucket(Bucket=name)
    return name


@pytest.fixture
def s3_options(s3_endpoint: str) -> dict[str, Any]:
    return {
        "endpoint_url": s3_endpoint,
        "region": S3_REGION,
        "access_key": S3_KEY,
        "secret_key": S3_SECRET,
    }


@pytest.fixture
def s3_storage(s3_bucket: str, s3_options: dict[str, Any], tmp_path: Any) -> S3Storage:
    return S3Storage(
        s3_bucket,
        "media",
        temp_dir=tmp_path,
        multipart_threshold=5 * 1024 * 1024,
        multipart_chunksize=5 * 1024 * 1024,
        **s3_options,
    )
