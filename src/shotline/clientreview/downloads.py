"""Watermarked downloads: in a project with the setting `burn_in_watermark`, a guest's
download is a copy of the version's file with the viewer's name and the date burned into
the picture, made by the `clientreview.watermark` job.

Invariants:
- The download is counted against the link's limit when it is asked for, as plain downloads
  are; polling its state never counts again; a copy that fails gives the download back.
- A download belongs to the guest who asked: any other guest, of this link or another, and
  anyone without the link get 404.
- What cannot carry a burned-in mark (audio, documents, other files) is refused with 409
  `watermark_unsupported` before anything is counted: a project that asks for marks never
  hands out an unmarked original. Sequences are burned from their proxy movie.
- Copies with the same media and text share one stored object
  (`watermarked/<aa>/<sha256>/<digest of the text><suffix>`): asking again for the same copy
  is ready at once, and the job renders only when no ready twin exists.
- The job writes to a temporary file and stores it whole; a media error is final (`failed`
  with a reason the viewer can read), storage errors are retried.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.clientreview.models import (
    DownloadState,
    ReviewGuest,
    ReviewSession,
    WatermarkedDownload,
)
from shotline.config import Settings
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotFound
from shotline.jobs import service as jobs
from shotline.jobs.registry import JobContext, JobFailed, job
from shotline.media import service as media_service
from shotline.media.errors import MediaError
from shotline.media.models import MediaFile, MediaKind, MediaState, RenditionKind
from shotline.media.processing import watermark
from shotline.media.storage import Storage
from shotline.production.models import Project
from shotline.review.models import Version

JOB = "clientreview.watermark"
PREFIX = "watermarked"
SIGNED_VARIANT = "watermarked-download"  # never a rendition kind: media URLs can't reuse it


class WatermarkUnsupported(Conflict):
    code = "watermark_unsupported"
    default_message = (
        "This project burns the viewer's name into downloads, and this file's type cannot "
        "carry it: it cannot be downloaded."
    )


def burn_required(project: Project) -> bool:
    return bool((project.settings or {}).get("burn_in_watermark"))


def watermark_text(viewer: str, now: datetime | None = None) -> str:
    """What the player overlays and downloads carry: the viewer's name and the UTC date."""
    day = (now or datetime.now(UTC)).strftime("%Y-%m-%d")
    return f"{viewer} · {day}"


def _source(media: MediaFile) -> tuple[str, str] | None:
    """The storage key and type to burn from, or None when no mark can be burned."""
    if media.state != MediaState.READY:
        return None
    if media.kind == MediaKind.SEQUENCE:
        proxy = media_service.rendition_of(media, RenditionKind.PROXY)
        return (proxy.storage_key, proxy.mime) if proxy is not None else None
    return (media.storage_key, media.mime) if watermark.can_burn(media.mime) else None


def check_burnable(media: MediaFile) -> None:
    media_service.require_servable(media)
    if _source(media) is None:
        raise WatermarkUnsupported()


def _file_name(media: MediaFile) -> str:
    source = _source(media)
    suffix = watermark.suffix_for(source[1]) if source is not None else ""
    stem = Path(media.original_name).stem or "download"
    return f"{stem}_watermarked{suffix}"[-255:]


def request_copy(
    session: Session,
    link: ReviewSession,
    someone: ReviewGuest,
    version: Version,
    media: MediaFile,
    text: str,
) -> WatermarkedDownload:
    """A download of `media` with `text` burned in for this guest: ready at once when the
    same copy exists, else queued for the job (after the caller's transaction commits)."""
    check_burnable(media)
    row = WatermarkedDownload(
        organization_id=link.project.organization_id,
        project_id=link.project_id,
        version_id=version.id,
        media_file_id=media.id,
        review_session_id=link.id,
        guest_id=someone.id,
        watermark=text,
        file_name=_file_name(media),
        state=DownloadState.QUEUED,
    )
    session.add(row)
    session.flush()
    if not _copy_twin(session, row):
        jobs.create_job(
            session,
            Actor.system(link.project.organization_id),
            name=JOB,
            args={"download_id": row.id},
            dedupe_key=f"{JOB}:{row.id}",
        )
    return row


def _copy_twin(session: Session, row: WatermarkedDownload) -> bool:
    twin = session.scalar(
        select(WatermarkedDownload)
        .where(
            WatermarkedDownload.media_file_id == row.media_file_id,
            WatermarkedDownload.watermark == row.watermark,
            WatermarkedDownload.state == DownloadState.READY,
            WatermarkedDownload.id != row.id,
        )
        .limit(1)
    )
    if twin is None:
        return False
    _mark_ready(row, twin.storage_key or "", twin.mime or "", twin.size or 0, twin.file_name)
    return True


def _mark_ready(row: WatermarkedDownload, key: str, mime: str, size: int, name: str) -> None:
    row.state = DownloadState.READY
    row.storage_key, row.mime, row.size, row.file_name = key, mime, size, name
    row.failure_reason = None
    row.ready_at = utcnow()


def get_own(
    session: Session, link: ReviewSession, someone: ReviewGuest, download_id: int
) -> WatermarkedDownload:
    row = session.get(WatermarkedDownload, download_id)
    if row is None or row.review_session_id != link.id or row.guest_id != someone.id:
        raise NotFound()
    return row


# --- URLs ------------------------------------------------------------------------------


def signed_url(
    settings: Settings, storage: Storage, row: WatermarkedDownload
) -> tuple[str, datetime]:
    """A short-lived URL of the ready copy: presigned by the bucket on S3, a server path
    signed with HMAC on local storage."""
    lifetime = settings.media_url_seconds
    key, mime = row.storage_key or "", row.mime or "application/octet-stream"
    url = storage.presigned_url(
        key, expires_seconds=lifetime, filename=row.file_name, content_type=mime, inline=False
    )
    if url is not None:
        return url, datetime.now(UTC) + timedelta(seconds=lifetime)
    expires = int(time.time()) + lifetime
    signature = media_service.sign(settings.media_url_key(), row.id, SIGNED_VARIANT, expires)
    path = f"/api/v1/client-downloads/{row.id}/content?expires={expires}&signature={signature}"
    return path, datetime.fromtimestamp(expires, UTC)


def check_signature(settings: Settings, download_id: int, expires: int, signature: str) -> None:
    """Raise `PermissionDenied` unless the URL was signed here and is still valid."""
    media_service.check_signature(
        settings.media_url_key(),
        download_id,
        SIGNED_VARIANT,
        expires,
        signature,
        settings.media_url_seconds,
    )


def find_content(session: Session, download_id: int) -> WatermarkedDownload:
    """For a verified signed URL: the ready copy."""
    row = session.get(WatermarkedDownload, download_id)
    if row is None or row.state != DownloadState.READY or not row.storage_key:
        raise NotFound()
    return row


# --- the job -----------------------------------------------------------------------------


def _give_up(context: JobContext, reason: str, *, download_id: int) -> None:
    _fail(context, download_id, reason)


@job(JOB, retries=3, retry_delay=5.0, retry_backoff=3.0, on_give_up=_give_up)
def make_watermarked_copy(context: JobContext, *, download_id: int) -> None:
    with context.db.unit_of_work() as session:
        row = session.get(WatermarkedDownload, download_id)
        if row is None:
            raise JobFailed("the download no longer exists")
        if row.state == DownloadState.READY or _copy_twin(session, row):
            return
        media = session.get(MediaFile, row.media_file_id)
        source = _source(media) if media is not None else None
        sha256 = media.sha256 if media is not None else ""
        text, name = row.watermark, row.file_name
    if source is None:
        _fail(context, download_id, WatermarkUnsupported.default_message)
        raise JobFailed(WatermarkUnsupported.default_message)
    key, mime = source
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    try:
        with context.storage.local_path(key) as local, tempfile.TemporaryDirectory() as tmp:
            burned = watermark.burn(local, mime, Path(tmp) / "copy", text)
            target = f"{PREFIX}/{sha256[:2]}/{sha256}/{digest}{burned.suffix}"
            context.storage.put_file(target, burned.path)
            size = burned.path.stat().st_size
    except MediaError as exc:
        _fail(context, download_id, exc.reason)
        raise JobFailed(exc.reason) from exc
    with context.db.unit_of_work() as session:
        row = session.get(WatermarkedDownload, download_id)
        if row is not None:
            _mark_ready(row, target, burned.mime, size, name)


def _fail(context: JobContext, download_id: int, reason: str) -> None:
    """Mark the copy failed and give the download back to the link's limit: nothing was
    handed out."""
    with context.db.unit_of_work() as session:
        row = session.get(WatermarkedDownload, download_id)
        if row is None or row.state != DownloadState.QUEUED:
            return
        row.state = DownloadState.FAILED
        row.failure_reason = reason[:500]
        session.execute(
            update(ReviewSession)
            .where(ReviewSession.id == row.review_session_id, ReviewSession.downloads > 0)
            .values(downloads=ReviewSession.downloads - 1)
            .execution_options(synchronize_session=False)
        )
