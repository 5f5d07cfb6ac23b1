"""Routes: upload a small file, read media, download originals and renditions.

Local storage: downloads are server URLs signed with HMAC that live at most 5 minutes and
stream with HTTP Range support. S3: presigned URLs from the bucket.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import RedirectResponse, Response

from shotline.config import Settings
from shotline.deps import CurrentActor, DbSession
from shotline.errors import PayloadTooLarge
from shotline.media import sequences, service
from shotline.media.mime import is_active_content
from shotline.media.models import MediaFile, RenditionKind
from shotline.media.schemas import MediaFileRead, RenditionRead, SequenceCreate, SignedUrl
from shotline.media.serving import stored_response
from shotline.media.storage import Storage, content_disposition

router = APIRouter(prefix="/api/v1", tags=["media"])


def _signed_url(
    request: Request, media: MediaFile, variant: str, key: str, mime: str, inline: bool
) -> tuple[str, datetime]:
    del key, mime  # the service finds them from the variant
    settings: Settings = request.app.state.settings
    storage: Storage = request.app.state.storage
    return service.signed_url(settings, storage, media, variant, inline=inline)


def _read(request: Request, media: MediaFile) -> MediaFileRead:
    body = MediaFileRead.model_validate(media)
    if not media.servable:  # scan pending, failed or infected: no URL, no rendition
        body.renditions = []
        return body
    body.download_url, expires = _signed_url(
        request, media, service.ORIGINAL, media.storage_key, media.mime, inline=False
    )
    renditions = []
    for rendition in media.renditions:
        item = RenditionRead.model_validate(rendition)
        item.url, expires = _signed_url(
            request, media, rendition.kind.value, rendition.storage_key, rendition.mime, True
        )
        renditions.append(item)
    body.renditions = renditions
    body.urls_expire_at = expires
    return body


@router.post(
    "/media", status_code=status.HTTP_201_CREATED, summary="Upload a small file (multipart)"
)
def upload_media(
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    file: Annotated[UploadFile, File(description="The file")],
    project_id: Annotated[int | None, Form(ge=1)] = None,
) -> MediaFileRead:
    """Store a file sent as `multipart/form-data` (field `file`) and queue its processing.

    Limited to `SHOTLINE_MAX_FORM_UPLOAD_BYTES` (100 MiB by default); use tus at
    `/api/v1/uploads/` for anything larger or over unreliable links.
    """
    settings: Settings = request.app.state.settings
    spool_dir = settings.uploads_dir / ".form"
    spool_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=spool_dir) as spool:
        shutil.copyfileobj(file.file, spool, length=1024 * 1024)
        spool.flush()
        if spool.tell() > settings.max_form_upload_bytes:
            raise PayloadTooLarge()
        request.app.state.jobs.bind(session)
        media = service.ingest_file(
            session,
            actor,
            storage=request.app.state.storage,
            path=Path(spool.name),
            original_name=file.filename,
            project_id=project_id,
            max_size=settings.max_form_upload_bytes,
            scan_state=service.initial_scan_state(settings),
        )
    return _read(request, media)


@router.post(
    "/media/sequences",
    status_code=status.HTTP_201_CREATED,
    summary="Make one image sequence of uploaded frames",
)
def create_media_sequence(
    body: SequenceCreate, request: Request, actor: CurrentActor, session: DbSession
) -> MediaFileRead:
    """Group frames uploaded before (`plate.1001.exr`, `plate.1002.exr`, ...) into one media
    item of `kind=sequence`, and queue its processing: a proxy movie with one frame per number
    from first to last (a missing frame holds the previous one), thumbnails of the first frame
    and a filmstrip. `technical.sequence` reports the pattern, range, padding, fps and missing
    frames. 422 when the files do not form exactly one sequence."""
    settings: Settings = request.app.state.settings
    request.app.state.jobs.bind(session)
    media = sequences.create_sequence(
        session,
        actor,
        storage=request.app.state.storage,
        media_ids=body.media_ids,
        names=body.names,
        fps=body.fps,
        project_id=body.project_id,
        scan_state=service.initial_scan_state(settings),
    )
    return _read(request, media)


@router.get("/media/{media_id}", summary="Get a media file")
def get_media(
    media_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> MediaFileRead:
    """State (queued, processing, ready, failed with a reason), technical metadata and
    renditions, each with a URL that works for a few minutes (`urls_expire_at`)."""
    return _read(request, service.get_media(session, actor, media_id))


def _redirect_or_json(url: str, expires: datetime, redirect: bool) -> Response:
    if redirect:
        return RedirectResponse(url, status_code=status.HTTP_302_FOUND)
    return Response(
        SignedUrl(url=url, expires_at=expires).model_dump_json(), media_type="application/json"
    )


@router.get(
    "/media/{media_id}/download",
    summary="Download the original file",
    response_model=SignedUrl,
    responses={302: {"description": "Redirect to a short-lived URL"}},
)
def download_media(
    media_id: int,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    redirect: bool = True,
) -> Response:
    """302 to a URL that lives at most 5 minutes (or, with `redirect=false`, that URL as
    JSON). The file downloads as an attachment under its original name."""
    media = service.get_media(session, actor, media_id)
    url, expires = _signed_url(
        request, media, service.ORIGINAL, media.storage_key, media.mime, inline=False
    )
    return _redirect_or_json(url, expires, redirect)


@router.get(
    "/media/{media_id}/renditions/{kind}",
    summary="Get a rendition",
    response_model=SignedUrl,
    responses={302: {"description": "Redirect to a short-lived URL"}},
)
def get_media_rendition(
    media_id: int,
    kind: RenditionKind,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    redirect: bool = True,
) -> Response:
    """302 to a short-lived URL of a thumbnail, the proxy or the filmstrip (404 until made)."""
    rendition = service.get_rendition(session, actor, media_id, kind)
    url, expires = _signed_url(
        request, rendition.media_file, kind.value, rendition.storage_key, rendition.mime, True
    )
    return _redirect_or_json(url, expires, redirect)


@router.get("/media/{media_id}/content/{variant}", summary="Stream signed media content")
def stream_media_content(
    media_id: int,
    variant: str,
    request: Request,
    session: DbSession,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query(max_length=128)],
) -> Response:
    """The target of signed URLs for local storage: no login, the signature is the grant.

    Supports `Range: bytes=a-b` (206 with `Content-Range`); active content (HTML, SVG, ...)
    is always an attachment.
    """
    settings: Settings = request.app.state.settings
    service.check_signature(
        settings.media_url_key(),
        media_id,
        variant,
        expires,
        signature,
        settings.media_url_seconds,
    )
    media, key, mime = service.find_content(session, media_id, variant)
    original = variant == service.ORIGINAL
    disposition = content_disposition(
        media.original_name if original else f"{variant}{Path(key).suffix}",
        content_type=mime,
        inline=not original and not is_active_content(mime),
    )
    return stored_response(request, request.app.state.storage, key, mime, disposition)
