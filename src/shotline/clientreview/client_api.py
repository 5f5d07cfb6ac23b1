"""Routes for the client side: share links (`/share/{token}/…`, no account: the link is the
credential) and the portal of client accounts (`/portal/…`). Both answer with client
schemas only and share the code that builds them."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Header, Query, Request, Response
from sqlalchemy.orm import Session

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.clientreview import client, downloads, guest, sharing
from shotline.clientreview.models import (
    AccessKind,
    DownloadState,
    ReviewGuest,
    ReviewSession,
    WatermarkedDownload,
)
from shotline.clientreview.schemas import (
    ClientDecisionCreate,
    ClientDecisionRead,
    ClientDecisionResult,
    ClientNoteCreate,
    ClientPlayerData,
    ClientProjectRead,
    ClientVersionItem,
    DownloadLink,
    GuestRead,
    ShareInfo,
    UnlockRequest,
)
from shotline.config import Settings
from shotline.deps import CurrentActor, DbSession, DbWriteSession, client_ip
from shotline.errors import NotFound
from shotline.media import service as media_service
from shotline.media.models import MediaState, RenditionKind
from shotline.media.serving import stored_response
from shotline.media.storage import content_disposition
from shotline.production.api import CREATED
from shotline.review import timecode, versions
from shotline.review.api import media_summary
from shotline.review.models import Decision
from shotline.review.schemas import FrameRate, NoteClientRead

router = APIRouter(prefix="/api/v1", tags=["client"])
GUEST_COOKIE = "shotline_guest"


# --- shared builders --------------------------------------------------------------------


def item(request: Request, session: Session, row: client.Labelled) -> ClientVersionItem:
    body = ClientVersionItem.model_validate(
        {
            **{k: getattr(row.version, k) for k in ("id", "number", "description", "frame_in")},
            "frame_out": row.version.frame_out,
            "fps": row.version.fps,
            "shared_at": row.version.shared_at,
            "label": row.label,
            "entity_code": row.entity_code,
            "step": row.step,
            "latest": row.latest,
        }
    )
    body.media = media_summary(request, session, row.version)
    return body


def _threads(rows: list[NoteClientRead]) -> list[NoteClientRead]:
    by_id = {n.id: n for n in rows}
    roots: list[NoteClientRead] = []
    for note in rows:
        parent = by_id.get(note.parent_id) if note.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(note)
    return roots


def decision_read(session: Session, approval: Any) -> ClientDecisionRead:
    return ClientDecisionRead(
        id=approval.id,
        decision=approval.decision,
        by=client.decision_author(session, approval),
        created_at=approval.created_at,
    )


def player(
    request: Request, session: Session, actor: Actor, row: client.Labelled, viewer: str
) -> ClientPlayerData:
    settings: Settings = request.app.state.settings
    version = row.version
    pairs = versions.version_media(session, version)
    media = pairs[0][1] if pairs else None
    ready = media is not None and media.state == MediaState.READY
    tech: dict[str, Any] = media.technical if ready and media is not None else {}
    proxy = None
    if media is not None and media_service.rendition_of(media, RenditionKind.PROXY) is not None:
        proxy = media_service.signed_url(
            settings, request.app.state.storage, media, RenditionKind.PROXY.value, inline=True
        )
    rate: Fraction | None = None
    for value in (tech.get("fps"), version.fps, version.project.fps):
        if value:
            rate = timecode.parse_rate(value)
            break
    frame_count = tech.get("frame_count")
    first = version.frame_in if version.frame_in is not None else 1
    last = version.frame_out
    if last is None and frame_count:
        last = first + int(frame_count) - 1
    notes = [NoteClientRead.model_validate(n) for n in client.list_notes(session, actor, version)]
    return ClientPlayerData(
        version=item(request, session, row),
        media_id=media.id if media is not None else 0,
        proxy_url=proxy[0] if proxy else None,
        urls_expire_at=proxy[1] if proxy else None,
        rate=None
        if rate is None
        else FrameRate(
            numerator=rate.numerator,
            denominator=rate.denominator,
            fps=float(rate),
            drop_frame=timecode.is_drop_frame(rate),
        ),
        frame_count=frame_count,
        first_frame=first,
        last_frame=last,
        width=tech.get("width"),
        height=tech.get("height"),
        first_frame_timecode=timecode.frame_to_timecode(first, rate)
        if rate is not None and first >= 0
        else None,
        notes=_threads(notes),
        decisions=[decision_read(session, a) for a in client.list_decisions(session, version)],
        watermark=downloads.watermark_text(viewer),
        can_comment=policy.may(actor, "client_comment", version),
        can_approve=policy.may(actor, "client_approve", version),
        can_download=policy.may(actor, "client_download", version),
        download_watermarked=downloads.burn_required(version.project),
    )


def write_note(
    session: Session, actor: Actor, row: client.Labelled, body: ClientNoteCreate
) -> NoteClientRead:
    fields = body.model_dump(exclude={"annotation"})
    if body.annotation is not None:
        fields["annotation"] = body.annotation.model_dump(mode="json")
    note = client.create_note(session, actor, row.version, **fields)
    return NoteClientRead.model_validate(note)


def decide(
    request: Request,
    session: Session,
    actor: Actor,
    row: client.Labelled,
    decision: Decision,
    body: ClientDecisionCreate,
) -> ClientDecisionResult:
    policy.require(actor, "client_approve", row.version)
    note_id = None
    if body.note:
        note_id = client.create_note(session, actor, row.version, body=body.note).id
    approval, _task = sharing.client_decide(
        session, actor, row.version, decision=decision, note_id=note_id
    )
    return ClientDecisionResult(
        decision=decision_read(session, approval), version=item(request, session, row)
    )


# --- share links (guests) ----------------------------------------------------------------


def _ua(request: Request) -> str | None:
    return request.headers.get("user-agent")


GuestCookie = Annotated[str | None, Cookie(alias=GUEST_COOKIE)]
GuestHeader = Annotated[str | None, Header(alias="X-Guest-Token")]


def _guest(
    session: Session, token: str, cookie: str | None, header: str | None
) -> tuple[ReviewSession, ReviewGuest, Actor]:
    return guest.resolve_guest(session, token, header or cookie)


def _log(
    request: Request,
    session: Session,
    link: ReviewSession,
    someone: ReviewGuest,
    kind: AccessKind,
    version_id: int | None = None,
) -> None:
    guest.log_access(
        session,
        link,
        kind,
        ip=client_ip(request),
        user_agent=_ua(request),
        guest=someone,
        version_id=version_id,
    )


@router.get("/share/{token}", summary="Open a share link")
def get_share(token: str, request: Request, session: DbWriteSession) -> ShareInfo:
    """What the link is (name, project, expiry, what it allows, whether it needs a
    password). Unknown, expired and revoked links all answer the same 404. Logged."""
    row = guest.open_link(session, token, ip=client_ip(request), user_agent=_ua(request))
    return ShareInfo(
        name=row.name,
        project_name=row.project.name,
        expires_at=row.expires_at,
        password_required=row.has_password,
        email_required=row.require_email,
        allow_comments=row.allow_comments,
        allow_approvals=row.allow_approvals,
        allow_downloads=row.allow_downloads,
    )


@router.post("/share/{token}/unlock", summary="Enter a share link as a guest")
def unlock_share(
    token: str, body: UnlockRequest, request: Request, response: Response, session: DbSession
) -> GuestRead:
    """Give your name (and e-mail, and the password when the link has one). Sets a
    short-lived guest cookie for this link only. A wrong password is 401 and logged; too
    many are 429 with Retry-After."""
    someone, secret = guest.unlock(
        session,
        token,
        name=body.name,
        email=body.email,
        password=body.password,
        ip=client_ip(request),
        user_agent=_ua(request),
    )
    max_age = max(1, int((someone.expires_at - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        GUEST_COOKIE,
        secret,
        max_age=max_age,
        path=f"/api/v1/share/{token}",
        secure=True,
        httponly=True,
        samesite="lax",
    )
    return GuestRead(name=someone.name, expires_at=someone.expires_at, guest_token=secret)


@router.get("/share/{token}/versions", summary="The versions of a share link")
def list_share_versions(
    token: str,
    request: Request,
    session: DbSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
    all: bool = False,
) -> list[ClientVersionItem]:
    """The newest version of each task in the link first; `all=true` adds older ones."""
    _link, _someone, actor = _guest(session, token, cookie, header)
    rows = client.list_versions(session, actor, all_versions=all)
    return [item(request, session, r) for r in rows]


@router.get("/share/{token}/versions/{version_id}/player", summary="Play a linked version")
def get_share_player(
    token: str,
    version_id: int,
    request: Request,
    session: DbWriteSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> ClientPlayerData:
    """The player's data with client-visible notes only, a proxy URL valid ≤ 5 minutes and
    the watermark text (viewer name and date). Logged as `played`."""
    link, someone, actor = _guest(session, token, cookie, header)
    row = client.get_version(session, actor, version_id)
    _log(request, session, link, someone, AccessKind.PLAYED, row.version.id)
    return player(request, session, actor, row, someone.name)


@router.post(
    "/share/{token}/versions/{version_id}/notes",
    status_code=CREATED,
    summary="Comment on a linked version",
)
def create_share_note(
    token: str,
    version_id: int,
    body: ClientNoteCreate,
    request: Request,
    session: DbSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> NoteClientRead:
    """A client note (frame, range, drawing) signed with the guest's name, when the link
    allows comments (403 otherwise)."""
    link, someone, actor = _guest(session, token, cookie, header)
    row = client.get_version(session, actor, version_id)
    note = write_note(session, actor, row, body)
    _log(request, session, link, someone, AccessKind.COMMENTED, row.version.id)
    return note


def _share_decide(
    token: str,
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    session: Session,
    credential: str | None,
    decision: Decision,
) -> ClientDecisionResult:
    link, someone, actor = guest.resolve_guest(session, token, credential)
    row = client.get_version(session, actor, version_id)
    result = decide(request, session, actor, row, decision, body)
    kind = AccessKind.APPROVED if decision == Decision.APPROVED else AccessKind.CHANGES_REQUESTED
    _log(request, session, link, someone, kind, row.version.id)
    return result


@router.post("/share/{token}/versions/{version_id}/approve", summary="Approve as the client")
def approve_share_version(
    token: str,
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    session: DbSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> ClientDecisionResult:
    """Client approval (when the link allows approvals): the task moves to done and the
    supervisor is notified."""
    return _share_decide(
        token, version_id, body, request, session, header or cookie, Decision.APPROVED
    )


@router.post(
    "/share/{token}/versions/{version_id}/request-changes", summary="Request changes as the client"
)
def request_share_changes(
    token: str,
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    session: DbSession,
    cookie: GuestCookie = None,
    header: GuestHeader = None,
) -> ClientDecisionResult:
    """The task moves to changes; optional `note` text becomes a client note."""
    return _share_decide(
        token, version_id, body, request, session, header or cookie, Decision.CHANGES_REQUESTED
    )


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
    link, someone, actor = _guest(session, token, cookie, header)
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
        _log(request, session, link, someone, AccessKind.DOWNLOAD_REFUSED, row.version.id)
        raise
    _log(request, session, link, someone, AccessKind.DOWNLOADED, row.version.id)
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
    link, someone, _actor = _guest(session, token, cookie, header)
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


# --- portal (client accounts) ---------------------------------------------------------------


@router.get("/portal/projects", summary="The client's projects")
def list_portal_projects(actor: CurrentActor, session: DbSession) -> list[ClientProjectRead]:
    """Projects where the account is a client member."""
    return [ClientProjectRead.model_validate(p) for p in client.client_projects(session, actor)]


@router.get("/portal/projects/{project_id}/versions", summary="Versions shared with the client")
def list_portal_versions(
    project_id: int,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    all: bool = False,
) -> list[ClientVersionItem]:
    """The newest shared version of each task; `all=true` adds older shared ones."""
    rows = client.list_versions(session, actor, project_id=project_id, all_versions=all)
    return [item(request, session, r) for r in rows]


@router.get("/portal/versions/{version_id}/player", summary="Play a shared version")
def get_portal_player(
    version_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> ClientPlayerData:
    """As the link player, for a client account."""
    row = client.get_version(session, actor, version_id)
    return player(request, session, actor, row, _account_name(session, actor))


def _account_name(session: Session, actor: Actor) -> str:
    account = session.get(Account, actor.account_id) if actor.account_id else None
    return account.name if account is not None else "Client"


@router.post(
    "/portal/versions/{version_id}/notes", status_code=CREATED, summary="Comment as the client"
)
def create_portal_note(
    version_id: int, body: ClientNoteCreate, actor: CurrentActor, session: DbSession
) -> NoteClientRead:
    """A client-visible note on a shared version."""
    return write_note(session, actor, client.get_version(session, actor, version_id), body)


@router.post("/portal/versions/{version_id}/approve", summary="Approve a shared version")
def approve_portal_version(
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ClientDecisionResult:
    """Client approval: the task moves to done."""
    row = client.get_version(session, actor, version_id)
    return decide(request, session, actor, row, Decision.APPROVED, body)


@router.post(
    "/portal/versions/{version_id}/request-changes", summary="Request changes on a shared version"
)
def request_portal_changes(
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ClientDecisionResult:
    """The task moves to changes; optional `note` becomes a client note."""
    row = client.get_version(session, actor, version_id)
    return decide(request, session, actor, row, Decision.CHANGES_REQUESTED, body)
