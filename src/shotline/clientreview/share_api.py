"""Share links, for guests (no account: the link is the credential): open the link, enter
it with a name (and the password), the link's versions, the player, notes and decisions.
Downloads are in `download_api`."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from shotline.clientreview import client, guest
from shotline.clientreview.client_views import (
    GUEST_COOKIE,
    GuestCookie,
    GuestHeader,
    decide,
    guest_context,
    item,
    log,
    player,
    user_agent,
    write_note,
)
from shotline.clientreview.models import AccessKind
from shotline.clientreview.schemas import (
    ClientDecisionCreate,
    ClientDecisionResult,
    ClientNoteCreate,
    ClientPlayerData,
    ClientVersionItem,
    GuestRead,
    ShareInfo,
    UnlockRequest,
)
from shotline.deps import DbSession, DbWriteSession, client_ip
from shotline.production.api import CREATED
from shotline.review.models import Decision
from shotline.review.schemas import NoteClientRead

router = APIRouter(prefix="/api/v1", tags=["client"])


@router.get("/share/{token}", summary="Open a share link")
def get_share(token: str, request: Request, session: DbWriteSession) -> ShareInfo:
    """What the link is (name, project, expiry, what it allows, whether it needs a
    password). Unknown, expired and revoked links all answer the same 404. Logged."""
    row = guest.open_link(session, token, ip=client_ip(request), user_agent=user_agent(request))
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
        user_agent=user_agent(request),
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
    _link, _someone, actor = guest_context(session, token, cookie, header)
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
    link, someone, actor = guest_context(session, token, cookie, header)
    row = client.get_version(session, actor, version_id)
    log(request, session, link, someone, AccessKind.PLAYED, row.version.id)
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
    link, someone, actor = guest_context(session, token, cookie, header)
    row = client.get_version(session, actor, version_id)
    note = write_note(session, actor, row, body)
    log(request, session, link, someone, AccessKind.COMMENTED, row.version.id)
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
    log(request, session, link, someone, kind, row.version.id)
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
