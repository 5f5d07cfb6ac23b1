"""Media files: ingest an uploaded file, read it, sign its URLs.

Invariants:
- Only internal accounts of the organization upload and read media; anything else is
  `NotFound` (clients will reach media through shared versions later).
- Ingest stores the bytes with `Storage.put_stream` (SHA-256 while streaming, one blob per
  content), detects the type from the bytes, creates a `queued` MediaFile, records
  `media.uploaded` and creates the `media.process` job, all in the caller's transaction;
  the job is queued once that commits. Heavy work never runs here.
- Two uploads of the same bytes are two MediaFile rows over one blob; the second one's job
  reuses the first one's renditions when it is ready (see `media.jobs`).
- The original name is for display and `Content-Disposition` only; keys come from the server.
- Media with a `project_id` is visible to the accounts who read that project (policy
  `read_media`); an upload naming a project needs `upload_media_to_project` on it (422 when
  the project is unknown or not the actor's to see).
- With a scanner configured every new file is `scan_state=pending`, and nothing of it
  (original, renditions) is served until the job found it `clean`; `infected` answers 410
  `media_infected`, `pending`/`error` 409. Without a scanner it is `not_scanned` and usable.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.errors import Conflict, NotFound, PermissionDenied, ShotlineError, ValidationFailed
from shotline.jobs import service as jobs
from shotline.media.models import MediaFile, MediaRendition, MediaState, RenditionKind, ScanState
from shotline.media.processing.detect import detect_mime
from shotline.media.storage import Storage
from shotline.production.models import Project

PROCESS_JOB = "media.process"
ORIGINAL = "original"
MEDIA_FIELDS = ("sha256", "size", "mime", "original_name", "state", "project_id", "scan_state")


class MediaQuarantined(ShotlineError):
    status = 410
    code = "media_infected"
    default_message = "This file was quarantined: the virus scanner found malware in it."


def initial_scan_state(settings: Settings) -> ScanState:
    return ScanState.PENDING if settings.scan_command.strip() else ScanState.NOT_SCANNED


def check_project(session: Session, actor: Actor, project_id: int | None) -> None:
    """An upload's `project_id`: a live project the actor may upload media to."""
    if project_id is None:
        return
    project = session.get(Project, project_id)
    if project is None or project.archived_at is not None or not policy.can_see(actor, project):
        raise ValidationFailed(
            "The project does not exist or is not yours to see.",
            fields={"project_id": "no such project"},
        )
    if not policy.may(actor, "upload_media_to_project", project):
        raise PermissionDenied("You may not upload media to this project.")


def require_servable(media: MediaFile) -> None:
    """Raise unless the file's bytes and renditions may be served (see the scan states)."""
    if media.scan_state == ScanState.INFECTED:
        raise MediaQuarantined()
    if media.scan_state == ScanState.PENDING:
        raise Conflict(
            "The file is waiting for its virus scan; try again shortly.", code="scan_pending"
        )
    if media.scan_state == ScanState.ERROR:
        raise Conflict(
            "The virus scan of this file failed; an administrator can retry its job.",
            code="scan_failed",
        )


def clean_name(name: str | None) -> str:
    """A display name: last path segment, no control characters, at most 255 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "upload")[:255]


def ingest_file(
    session: Session,
    actor: Actor,
    *,
    storage: Storage,
    path: Path,
    original_name: str | None,
    project_id: int | None = None,
    max_size: int | None = None,
    scan_state: ScanState = ScanState.NOT_SCANNED,
) -> MediaFile:
    """Store the local file at `path` and create its MediaFile (state `queued`)."""
    policy.require(actor, "upload_media", None)
    check_project(session, actor, project_id)
    mime = detect_mime(path)
    with path.open("rb") as handle:
        blob = storage.put_stream(handle, max_size=max_size)
    media = MediaFile(
        organization_id=actor.organization_id,
        project_id=project_id,
        sha256=blob.sha256,
        size=blob.size,
        mime=mime,
        original_name=clean_name(original_name),
        storage_key=blob.key,
        state=MediaState.QUEUED,
        scan_state=scan_state,
        technical={},
        uploaded_by=actor.account_id,
    )
    session.add(media)
    session.flush()
    events.record(session, actor, "media.uploaded", media, events.snapshot(media, MEDIA_FIELDS))
    jobs.create_job(
        session,
        actor,
        name=PROCESS_JOB,
        args={"media_file_id": media.id},
        dedupe_key=f"{PROCESS_JOB}:{media.id}",
    )
    return media


def get_media(session: Session, actor: Actor, media_id: int) -> MediaFile:
    media = session.get(MediaFile, media_id)
    if media is None or not policy.can_see(actor, media):
        raise NotFound()
    return media


def get_rendition(
    session: Session, actor: Actor, media_id: int, kind: RenditionKind
) -> MediaRendition:
    media = get_media(session, actor, media_id)
    require_servable(media)
    for rendition in media.renditions:
        if rendition.kind == kind:
            return rendition
    raise NotFound()


# --- signed URLs for local storage ------------------------------------------------------


def sign(key: bytes, media_id: int, variant: str, expires: int) -> str:
    message = f"{media_id}/{variant}/{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed_path(key: bytes, media_id: int, variant: str, lifetime: int) -> tuple[str, datetime]:
    """A server path that streams `variant` of the media for `lifetime` seconds."""
    expires = int(time.time()) + lifetime
    signature = sign(key, media_id, variant, expires)
    path = f"/api/v1/media/{media_id}/content/{variant}?expires={expires}&signature={signature}"
    return path, datetime.fromtimestamp(expires, UTC)


def check_signature(
    key: bytes, media_id: int, variant: str, expires: int, signature: str, max_lifetime: int
) -> None:
    """Raise `PermissionDenied` unless the signature is right and the URL is still valid."""
    now = int(time.time())
    expected = sign(key, media_id, variant, expires)
    if not hmac.compare_digest(expected, signature) or not now <= expires <= now + max_lifetime:
        raise PermissionDenied("This link is invalid or has expired.", code="invalid_signature")


def find_content(session: Session, media_id: int, variant: str) -> tuple[MediaFile, str, str]:
    """For a verified signed URL: the media, the storage key and the type to serve."""
    media = session.get(MediaFile, media_id)
    if media is None or media.archived_at is not None:
        raise NotFound()
    require_servable(media)
    if variant == ORIGINAL:
        return media, media.storage_key, media.mime
    for rendition in media.renditions:
        if rendition.kind.value == variant:
            return media, rendition.storage_key, rendition.mime
    raise NotFound()


def signed_url(
    settings: Settings,
    storage: Storage,
    media: MediaFile,
    variant: str,
    *,
    inline: bool,
) -> tuple[str, datetime]:
    """A short-lived URL of the original (`ORIGINAL`) or a rendition kind: presigned by the
    bucket on S3, a server path signed with HMAC on local storage. Raises unless the file
    may be served (`require_servable`)."""
    require_servable(media)
    key, mime = media.storage_key, media.mime
    if variant != ORIGINAL:
        rendition = next((r for r in media.renditions if r.kind.value == variant), None)
        if rendition is None:
            raise NotFound()
        key, mime = rendition.storage_key, rendition.mime
    lifetime = settings.media_url_seconds
    url = storage.presigned_url(
        key,
        expires_seconds=lifetime,
        filename=media.original_name if variant == ORIGINAL else None,
        content_type=mime,
        inline=inline,
    )
    if url is not None:
        return url, datetime.now(UTC) + timedelta(seconds=lifetime)
    return signed_path(settings.media_url_key(), media.id, variant, lifetime)


def rendition_of(media: MediaFile, kind: RenditionKind) -> MediaRendition | None:
    return next((r for r in media.renditions if r.kind == kind), None)
