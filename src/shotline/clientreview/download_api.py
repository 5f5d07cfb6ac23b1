"""Downloads through a share link: the original file, or in a project that burns the
viewer's name into downloads, a watermarked copy prepared by a job (poll its state), and the
signed route that streams such a copy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from shotline.auth import policy
from shotline.clientreview import client, downloads, guest
from shotline.clientreview.client_views import GuestCookie, GuestHeader, guest_context, log
from shotline.clientreview.models import AccessKind, DownloadState, WatermarkedDownload
from shotline.clientreview.schemas import DownloadLink
from shotline.config import Settings
from shotline.deps import DbSession, DbWriteSession
from shotline.errors import NotFound
from shotline.media import service as media_service
from shotline.media.serving import stored_response
from shotline.media.storage import content_disposition
from shotline.review import versions

router = APIRouter(prefix="/api/v1", tags=["client"])


@router.get("/share/{token}/versions/{version_id}/download", summary="Download a linked version")
def download_share_version(
    token: str,
    version_id: int,
    request: Request,
    session: DbWriteSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> DownloadLink:
    """A signed URL (≤ 5 minutes) of the original file, when the link allows downloads and
    its limit is not reached (409 `download_limit_reached`). Counted and logged. In a project
    that burns the viewer's name into downloads the answer is `queued` with a `status_url`
    to poll until the copy is `ready` (409 `watermark_unsupported` for files that cannot
    carry the mark, before anything is counted)."""
    link, someone, actor = guest_context(session, token, cookie, header)
    row = client.get_version(session, actor, version_id)
    policy.require(actor, "client_download", row.version)
    pairs = versions.version_media(session, row.version)
    if not pairs:
        raise NotFound()
    media = pairs[0][1]
    burn = downloads.burn_required(row.version.project)
    if burn:
        downloads.check_burnable(media)
    try:
        left = guest.count_download(session, link.id)
    except guest.DownloadLimitReached:
        log(request, session, link, someone, AccessKind.DOWNLOAD_REFUSED, row.version.id)
        raise
    log(request, session, link, someone, AccessKind.DOWNLOADED, row.version.id)
    settings: Settings = request.app.state.settings
    if burn:
        request.app.state.jobs.bind(session)  # the copy's job is sent once this commits
        text = downloads.watermark_text(someone.name)
        copy = downloads.request_copy(session, link, someone, row.version, media, text)
        return _copy_link(request, token, copy, left)
    url, expires = media_service.signed_url(
        settings, request.app.state.storage, media, media_service.ORIGINAL, inline=False
    )
    return DownloadLink(
        state=DownloadState.READY,
        url=url,
        expires_at=expires,
        downloads_left=left,
        watermarked=False,
    )


def _copy_link(
    request: Request, token: str, copy: WatermarkedDownload, left: int | None
) -> DownloadLink:
    body = DownloadLink(
        state=copy.state,
        downloads_left=left,
        watermarked=True,
        download_id=copy.id,
        status_url=f"/api/v1/share/{token}/downloads/{copy.id}",
        reason=copy.failure_reason,
    )
    if copy.state == DownloadState.READY:
        settings: Settings = request.app.state.settings
        body.url, body.expires_at = downloads.signed_url(settings, request.app.state.storage, copy)
    return body


@router.get("/share/{token}/downloads/{download_id}", summary="A watermarked download's state")
def get_share_download(
    token: str,
    download_id: int,
    request: Request,
    session: DbSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> DownloadLink:
    """Poll a download being prepared: `ready` with a fresh URL, `queued` or `failed` with
    the reason. Only the guest who asked for it sees it; never counted again."""
    link, someone, _actor = guest_context(session, token, cookie, header)
    copy = downloads.get_own(session, link, someone, download_id)
    left = None if link.download_limit is None else max(0, link.download_limit - link.downloads)
    return _copy_link(request, token, copy, left)


@router.get("/client-downloads/{download_id}/content", summary="Stream a watermarked download")
def stream_client_download(
    download_id: int,
    request: Request,
    session: DbSession,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query(max_length=128)],
) -> Response:
    """The target of a watermarked download's signed URL on local storage: no login, the
    signature is the grant (≤ 5 minutes). Supports `Range`."""
    settings: Settings = request.app.state.settings
    downloads.check_signature(settings, download_id, expires, signature)
    copy = downloads.find_content(session, download_id)
    mime = copy.mime or "application/octet-stream"
    disposition = content_disposition(copy.file_name, content_type=mime, inline=False)
    storage = request.app.state.storage
    return stored_response(request, storage, copy.storage_key or "", mime, disposition)
