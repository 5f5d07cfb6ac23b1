"""Abandoned tus uploads: delete what is past its expiry from the uploads directory.

Invariants:
- tuspyserver keeps an upload as `<files_dir>/<uid>` (the bytes) and `<uid>.info` (JSON with
  `expires`, an RFC 7231 or ISO date, pushed forward by every PATCH); Shotline adds
  `<uid>.shotline.json` once the upload became a media file. An upload whose `expires` is in
  the past loses all three (a finished one only its bookkeeping: its bytes are in storage).
- Bytes without an info file (a crash between the two writes) and spooled request bodies
  under `.form/` and `.checksum/` are deleted once older than the expiry period.
- Only names tuspyserver or Shotline make are touched; nothing outside `uploads_dir`.
- Safe to run at any time and from several processes (missing files are ignored).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from shotline.media.uploads import SIDECAR_SUFFIX

log = logging.getLogger("shotline.media")

SPOOL_DIRS = (".form", ".checksum")


@dataclass
class CleanupReport:
    uploads: int = 0
    files: int = 0
    bytes: int = 0


def parse_expires(value: Any) -> datetime | None:
    """tuspyserver's `expires`: RFC 7231 (what it writes), ISO 8601 or a POSIX time."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    text = str(value)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _remove(path: Path, report: CleanupReport) -> None:
    try:
        size = path.stat().st_size
        path.unlink()
    except FileNotFoundError:
        return
    report.files += 1
    report.bytes += size


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def cleanup_uploads(
    uploads_dir: Path, *, expiry: timedelta, now: datetime | None = None
) -> CleanupReport:
    """Delete expired uploads under `uploads_dir`; return what was removed."""
    now = now or datetime.now(UTC)
    report = CleanupReport()
    if not uploads_dir.is_dir():
        return report
    for info in uploads_dir.rglob("*.info"):
        if info.parent.name in SPOOL_DIRS or len(info.stem) != 32:
            continue
        try:
            expires = parse_expires(json.loads(info.read_text()).get("expires"))
        except (OSError, ValueError, AttributeError):
            expires = None
        if expires is None:
            try:
                expires = _mtime(info) + expiry
            except FileNotFoundError:
                continue
        if expires >= now:
            continue
        for path in (info.with_suffix(""), info, info.with_name(info.stem + SIDECAR_SUFFIX)):
            _remove(path, report)
        report.uploads += 1
    cutoff = now - expiry
    for path in uploads_dir.rglob("*"):
        try:
            if not path.is_file() or _mtime(path) >= cutoff:
                continue
        except FileNotFoundError:
            continue
        in_spool = path.parent.name in SPOOL_DIRS
        orphan = len(path.name) == 32 and not path.with_name(path.name + ".info").exists()
        if in_spool or orphan:
            _remove(path, report)
    if report.files:
        log.info(
            "removed %d expired upload(s): %d file(s), %d bytes",
            report.uploads,
            report.files,
            report.bytes,
        )
    return report
