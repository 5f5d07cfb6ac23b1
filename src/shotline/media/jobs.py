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
- With `SHOTLINE_SCAN_COMMAND` set, the scanner runs over the bytes first (every frame of a
  sequence) and nothing is decoded before it says `clean`. `infected` and scanner errors are
  final: the file is `failed` with the reason (the job too); an admin may retry the job
  (POST /jobs/{id}/retry) after fixing the scanner. Without a command a `pending` file
  becomes `not_scanned`.
- A sequence (`kind=sequence`) is made from its frames' blobs: one proxy movie at the fps
  chosen at creation (a missing frame holds the previous one, so the proxy has one frame per
  number from first to last), thumbnails of the first frame, and a filmstrip of the proxy.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shotline import events
from shotline.auth.actor import Actor
from shotline.db.types import utcnow
from shotline.jobs.registry import JobContext, JobFailed, job
from shotline.media import mime as mimetypes
from shotline.media.errors import MediaError, StorageFailure, UnsupportedMedia
from shotline.media.models import (
    MediaFile,
    MediaKind,
    MediaRendition,
    MediaSequenceFrame,
    MediaState,
    RenditionKind,
    ScanState,
)
from shotline.media.processing import (
    Rendition,
    detect_mime,
    make_filmstrip,
    make_proxy,
    make_sequence_proxy,
    make_thumbnails,
    probe,
)
from shotline.media.scanner import scan_file
from shotline.media.storage import Storage

RENDITION_PREFIX = "renditions"
SEQUENCE_MIME = mimetypes.SEQUENCE
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
        media.state = MediaState.PROCESSING
        media.failure_reason = None
        key, sha256, kind = media.storage_key, media.sha256, media.kind
        scan_state = media.scan_state
        frames = _sequence_frames(session, media) if kind == MediaKind.SEQUENCE else []
        technical = dict(media.technical or {})
    _scan(context, media_file_id, scan_state, [key] if kind == MediaKind.FILE else frames)
    with context.db.unit_of_work() as session:
        media = session.get(MediaFile, media_file_id)
        if media is None:
            raise JobFailed("the media file no longer exists")
        if _reuse_renditions(session, media):
            return
    try:
        if kind == MediaKind.SEQUENCE:
            detected, technical, renditions = _make_sequence_renditions(
                context.storage, sha256, frames, technical
            )
        else:
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


def _sequence_frames(session: Any, media: MediaFile) -> list[tuple[int, str]]:
    rows = session.execute(
        select(MediaSequenceFrame.frame, MediaFile.storage_key)
        .join(MediaFile, MediaFile.id == MediaSequenceFrame.frame_media_id)
        .where(MediaSequenceFrame.sequence_id == media.id)
        .order_by(MediaSequenceFrame.frame)
    )
    return [(int(frame), str(key)) for frame, key in rows]


def _scan(context: JobContext, media_file_id: int, state: ScanState, keys: list[Any]) -> None:
    """Run the configured scanner over the file (or each frame); raise `JobFailed` and mark
    the file failed unless every one is clean."""
    command = context.settings.scan_command.strip()
    if not command:
        if state == ScanState.PENDING:
            _set_scan_state(context, media_file_id, ScanState.NOT_SCANNED)
        return
    if state == ScanState.CLEAN:
        return
    result_state, reason = ScanState.CLEAN, None
    for item in keys:
        key = item[1] if isinstance(item, tuple) else item
        with context.storage.local_path(key) as local:
            result = scan_file(command, local, timeout=context.settings.scan_timeout_seconds)
        if result.state != ScanState.CLEAN:
            result_state, reason = result.state, result.reason
            if isinstance(item, tuple) and reason:
                reason = f"frame {item[0]}: {reason}"
            break
    _set_scan_state(context, media_file_id, result_state)
    if result_state != ScanState.CLEAN:
        text = reason or "the virus scan failed"
        _mark_failed(context, media_file_id, text)
        raise JobFailed(text)


def _set_scan_state(context: JobContext, media_file_id: int, state: ScanState) -> None:
    with context.db.unit_of_work() as session:
        media = session.get(MediaFile, media_file_id)
        if media is None or media.scan_state == state:
            return
        old = media.scan_state
        media.scan_state = state
        session.flush()
        events.record(
            session,
            Actor.system(media.organization_id),
            "media.scanned",
            media,
            {"scan_state": [old.value, state.value]},
        )


def _make_sequence_renditions(
    storage: Storage, sha256: str, frames: list[tuple[int, str]], technical: dict[str, Any]
) -> tuple[str, dict[str, Any], list[MediaRendition]]:
    info = dict(technical.get("sequence") or {})
    fps = str(info.get("fps") or "24")
    if not frames:
        raise UnsupportedMedia("the image sequence has no frames")
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        by_frame = {n: stack.enter_context(storage.local_path(key)) for n, key in frames}
        first, last = frames[0][0], frames[-1][0]
        first_path = by_frame[first]
        detected = detect_mime(first_path)
        if not mimetypes.is_image(detected):
            raise UnsupportedMedia(f"the first frame of the sequence is not an image ({detected})")
        still = probe(first_path, detected).model_dump(mode="json")
        made: list[Rendition] = list(make_thumbnails(first_path, detected, out))
        proxy = make_sequence_proxy(
            [by_frame.get(n) for n in range(first, last + 1)], out / "proxy.mp4", fps=Fraction(fps)
        )
        made.append(proxy)
        made.append(make_filmstrip(proxy.path, mimetypes.MP4, out / "filmstrip.jpg"))
        rows = [_store(storage, sha256, r) for r in made]
    result = {
        **still,
        "frame_count": last - first + 1,
        "fps": proxy.fps,
        "duration": float((last - first + 1) / Fraction(fps)),
        "frame_mime": detected,
        "sequence": info,
    }
    if info.get("missing"):
        result["note"] = info.get("description")
    return SEQUENCE_MIME, result, rows


def _store(storage: Storage, sha256: str, rendition: Rendition) -> MediaRendition:
    target = rendition_key(sha256, rendition.path)
    storage.put_file(target, rendition.path)
    return MediaRendition(
        kind=RenditionKind(rendition.kind),
        storage_key=target,
        mime=rendition.mime,
        width=rendition.width,
        height=rendition.height,
        size=rendition.path.stat().st_size,
        frame_count=rendition.frame_count,
        fps=rendition.fps,
    )


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
        rows = [_store(storage, sha256, rendition) for rendition in made]
        return detected, technical, rows


def _reuse_renditions(session: Any, media: MediaFile) -> bool:
    twin = session.scalar(
        select(MediaFile)
        .where(
            MediaFile.organization_id == media.organization_id,
            MediaFile.sha256 == media.sha256,
            MediaFile.state == MediaState.READY,
            MediaFile.kind == media.kind,
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
