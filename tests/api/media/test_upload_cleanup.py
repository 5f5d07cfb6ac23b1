"""Abandoned tus uploads past their expiry leave the disk (job function and CLI)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from shotline.cli import app as cli
from shotline.config import Settings, get_settings
from shotline.jobs import pumps
from shotline.jobs.queue import JobQueue
from shotline.media.cleanup import cleanup_uploads, parse_expires
from tests.api.media.conftest import create_upload, patch, tus_headers

pytestmark = pytest.mark.api

DAY = timedelta(hours=24)


def _files(root: Path) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()}


def test_expired_uploads_are_deleted_and_fresh_ones_kept(
    as_uploader: TestClient, media_settings: Settings
) -> None:
    root = media_settings.uploads_dir
    stale = create_upload(as_uploader, 100)
    assert patch(as_uploader, stale, 0, b"x" * 40).status_code == 204
    done = create_upload(as_uploader, 10)
    assert patch(as_uploader, done, 0, b"y" * 10).status_code == 204
    assert f"{done}.shotline.json" in _files(root)
    spool = root / ".form" / "tmpabandoned"
    spool.parent.mkdir(parents=True, exist_ok=True)
    spool.write_bytes(b"z" * 5)
    old = (datetime.now(UTC) - 2 * DAY).timestamp()
    os.utime(spool, (old, old))

    report = cleanup_uploads(root, expiry=DAY)  # nothing has expired yet but the spool
    assert (report.uploads, report.files) == (0, 1)
    assert {stale, f"{stale}.info", done, f"{done}.info"} <= _files(root)

    report = cleanup_uploads(root, expiry=DAY, now=datetime.now(UTC) + 2 * DAY)
    assert report.uploads == 2
    assert report.bytes >= 40
    assert not {stale, f"{stale}.info", done, f"{done}.info", f"{done}.shotline.json"} & (
        _files(root)
    )
    head = as_uploader.head(f"/api/v1/uploads/{stale}", headers=tus_headers())
    assert head.status_code == 404


def test_the_periodic_job_and_the_command(
    as_uploader: TestClient,
    queue: JobQueue,
    media_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = media_settings.uploads_dir
    first = create_upload(as_uploader, 100)
    info = next(root.rglob(f"{first}.info"))
    past = "Mon, 01 Jan 2001 00:00:00 GMT"
    info.write_text(info.read_text().replace('"expires": "', f'"expires": "{past}", "x": "'))
    assert parse_expires(past) == datetime(2001, 1, 1, tzinfo=UTC)
    pumps.cleanup_uploads(queue.context)
    assert first not in _files(root)
    assert "uploads.cleanup" in {t.__name__ for t in queue.huey._registry._periodic_tasks}

    second = create_upload(as_uploader, 100)
    info = next(root.rglob(f"{second}.info"))
    info.write_text(info.read_text().replace('"expires": "', f'"expires": "{past}", "x": "'))
    monkeypatch.setenv("SHOTLINE_DATA_DIR", str(media_settings.data_dir))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["cleanup-uploads"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "removed 1 expired upload(s)" in result.output
    assert second not in _files(root)
