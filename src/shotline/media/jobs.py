"""`media.process`: detect, probe, make renditions, store them, mark the file ready or failed.

Invariants:
- Idempotent: a `ready` file is left alone; a re-run replaces the renditions as a whole.
  Rendition keys are derived from the blob's SHA-256 (`renditions/<aa>/<sha256>/<name>`),
  so two MediaFiles of the same bytes share rendition objects.
- When another `ready` MediaFile of the organization has the same SHA-256, its renditions and
  metadata are reused and nothing is decoded again.
- A `MediaError` from processing (corrupt, unsupported, over a limit) is final: the file is
  `failed` with the error's human-readable reason, `media.failed` is recorded, and the job
  fails without retrying. Storage failures are retried; when retries run out the file is
  marked failed too, so no file stays `processing` forever.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shotline import events
from shotline.auth.actor import Actor
from shotline.db.types import utcnow
from shotline.jobs.registry import JobContext, JobFailed, job
from shotline.media import mime as mimetypes
from shotline.media.errors import MediaError, StorageFailure
from shotline.media.models import MediaFile, MediaRendition, MediaState, RenditionKind
from shotline.media.processing import (
    Rendition,
    detect_mime,
    make_filmstrip,
    make_proxy,
    make_thumbnails,
    probe,
)
from shotline.media.storage import Storage

RENDITION_PREFIX = "renditions"
NO_PREVIEW = "no preview for this file type; it is stored and downloadable"


def rendition_key(sha256: str, path: Path) -> str:
    return f"{RENDITION_PREFIX}/{sha256[:2]}/{sha256}/{path.name}"


def _give_up(context: JobContext, reason: str, *, media_file_id: int) -> None:
    _mark_failed(context, media_file_id, reason)


@job("media.process", retries=3, retry_delay=5.0, retry_backoff=3.0, on_give_up=_give_up)
def process_media(context: JobContext, *, media_file_id: int) -> None:
    with context.db.unit_of_work() as session:
        media = session.get(MediaFile, media_file_id)
        if media is None:
            raise JobFailed("the media file no longer exists")
        if media.state == MediaState.READY:
            return
        if _reuse_renditions(session, media):
            return
        media.state = MediaState.PROCESSING
        media.failure_reason = None
        key, sha256 = media.storage_key, media.sha256
    try:
        detected, technical, renditions = _make_renditions(context.storage, key, sha256)
    except StorageFailure:
        raise  # retried
    except MediaError as exc:
        _mark_failed(context, media_file_id, exc.reason)
        raise JobFailed(exc.reason) from exc
    with context.db.unit_of_work() as session:
        media = session.get(MediaFile, media_file_id)
        if media is None:
            raise JobFailed("the media file no longer exists")
        media.renditions.clear()
        session.flush()
        media.renditions.extend(renditions)
        _mark_ready(session, media, detected, technical, reused_from=None)


def _make_renditions(
    storage: Storage, key: str, sha256: str
) -> tuple[str, dict[str, Any], list[MediaRendition]]:
    with storage.local_path(key) as src, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        detected = detect_mime(src)
        made: list[Rendition] = []
        technical: dict[str, Any] = {}
        if mimetypes.is_movie(detected) or mimetypes.is_image(detected):
            technical = probe(src, detected).model_dump(mode="json")
            made.extend(make_thumbnails(src, detected, out))
            if mimetypes.is_movie(detected):
                made.append(make_proxy(src, detected, out / "proxy.mp4"))
                made.append(make_filmstrip(src, detected, out / "filmstrip.jpg"))
        else:
            technical = {"note": NO_PREVIEW}
        rows = []
        for rendition in made:
            target = rendition_key(sha256, rendition.path)
            storage.put_file(target, rendition.path)
            rows.append(
                MediaRendition(
                    kind=RenditionKind(rendition.kind),
                    storage_key=target,
                    mime=rendition.mime,
                    width=rendition.width,
                    height=rendition.height,
                    size=rendition.path.stat().st_size,
                    frame_count=rendition.frame_count,
                    fps=rendition.fps,
                )
            )
        return detected, technical, rows


def _reuse_renditions(session: Any, media: MediaFile) -> bool:
    twin = session.scalar(
        select(MediaFile)
        .where(
            MediaFile.organization_id == media.organization_id,
            MediaFile.sha256 == media.sha256,
            MediaFile.state == MediaState.READY,
            MediaFile.id != media.id,
        )
        .order_by(MediaFile.id)
        .limit(1)
    )
    if twin is None:
        return False
    media.renditions.clear()
    session.flush()
    for r in twin.renditions:
        media.renditions.append(
            MediaRendition(
                kind=r.kind,
                storage_key=r.storage_key,
                mime=r.mime,
                width=r.width,
                height=r.height,
                size=r.size,
                frame_count=r.frame_count,
                fps=r.fps,
            )
        )
    _mark_ready(session, media, twin.mime, dict(twin.technical), reused_from=twin.id)
    return True


def _mark_ready(
    session: Any,
    media: MediaFile,
    detected: str,
    technical: dict[str, Any],
    *,
    reused_from: int | None,
) -> None:
    old_state = media.state
    media.mime = detected
    media.technical = technical
    media.state = MediaState.READY
    media.failure_reason = None
    media.processed_at = utcnow()
    session.flush()
    events.record(
        session,
        Actor.system(media.organization_id),
        "media.processed",
        media,
        {"state": [old_state.value, MediaState.READY.value]},
        data={
            "renditions": [r.kind.value for r in media.renditions],
            "reused_from": reused_from,
        },
    )


def _mark_failed(context: JobContext, media_file_id: int, reason: str) -> None:
    with context.db.unit_of_work() as session:
        media = session.get(MediaFile, media_file_id)
        if media is None:
            return
        old_state = media.state
        media.state = MediaState.FAILED
        media.failure_reason = reason[:500]
        media.processed_at = utcnow()
        session.flush()
        events.record(
            session,
            Actor.system(media.organization_id),
            "media.failed",
            media,
            {"state": [old_state.value, MediaState.FAILED.value]},
            data={"reason": reason},
        )
