"""Routes for staff: Share With Client, review sessions (links), their access log and QR
codes, and the organization's share settings. The guest and portal routes are in
`share_api.py`, `download_api.py` and `portal_api.py`."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session

from shotline.clientreview import client, review_email, sessions, sharing
from shotline.clientreview.models import ReviewSession
from shotline.clientreview.schemas import (
    AccessRead,
    QrRequest,
    ReviewEmailRequest,
    ReviewEmailResult,
    ReviewEmailSend,
    ReviewSessionCreate,
    ReviewSessionCreated,
    ReviewSessionDefaults,
    ReviewSessionRead,
    ReviewSessionUpdate,
    SessionVersions,
    ShareRequest,
    ShareResult,
    ShareSettings,
    ShareSettingsUpdate,
)
from shotline.config import Settings
from shotline.db.types import utcnow
from shotline.deps import CurrentActor, DbSession
from shotline.production.api import CREATED
from shotline.production.service import get_project
from shotline.review.api import version_read
from shotline.review.models import Version
from shotline.review.schemas import VersionRead

router = APIRouter(prefix="/api/v1", tags=["client-review"])


def _read(session: Session, rows: list[ReviewSession]) -> list[ReviewSessionRead]:
    ids = sessions.version_ids(session, [r.id for r in rows])
    now = utcnow()
    out = []
    for row in rows:
        out.append(
            ReviewSessionRead(
                id=row.id,
                project_id=row.project_id,
                name=row.name,
                state=sessions.state_of(row, now),
                expires_at=row.expires_at,
                has_password=row.has_password,
                allow_comments=row.allow_comments,
                allow_approvals=row.allow_approvals,
                allow_downloads=row.allow_downloads,
                download_limit=row.download_limit,
                downloads=row.downloads,
                require_email=row.require_email,
                revoked_at=row.revoked_at,
                created_at=row.created_at,
                created_by=row.created_by,
                version_ids=ids[row.id],
            )
        )
    return out


def read_one(session: Session, row: ReviewSession) -> ReviewSessionRead:
    session.refresh(row)
    return _read(session, [row])[0]


def created(
    request: Request,
    session: Session,
    actor: CurrentActor,
    row: ReviewSession,
    token: str,
    email: ReviewEmailSend | None = None,
) -> ReviewSessionCreated:
    """The new link's answer; with `email`, the link is e-mailed first (502 undoes it all)."""
    settings: Settings = request.app.state.settings
    emailed = None
    if email is not None:
        sent = review_email.send_for(
            session, actor, settings, row, token=token, to=email.to, message=email.message
        )
        emailed = ReviewEmailResult(recipients=sent.to, subject=sent.subject)
    url = sessions.share_url(settings.public_url, token)
    return ReviewSessionCreated(
        **read_one(session, row).model_dump(),
        token=token,
        url=url,
        embed_html=sessions.embed_html(url, row.name),
        emailed=emailed,
    )


# --- share ----------------------------------------------------------------------------


@router.post("/versions/{version_id}/share", summary="Share a version with the client")
def share_version(
    version_id: int, body: ShareRequest, request: Request, actor: CurrentActor, session: DbSession
) -> ShareResult:
    """One click: the version becomes client-visible, joins the project's newest live review
    session (or `review_session_id`), the task moves to client review and the project's
    client accounts are notified. With no live session: 409 `needs_review_session`, unless
    `create_session` creates one here (its token is in `created`, shown once). Supervisors
    of the project, producers and admins."""
    new = body.create_session
    create = new.model_dump(exclude={"email"}) if new is not None else None
    version, row, token, task = sharing.share_version(
        session,
        actor,
        version_id,
        review_session_id=body.review_session_id,
        create_session=create,
    )
    return ShareResult(
        version=version_read(request, session, version),
        review_session=read_one(session, row),
        created=created(request, session, actor, row, token, new.email if new else None)
        if token
        else None,
        task_status_id=task.status_id,
    )


@router.post("/versions/{version_id}/unshare", summary="Stop sharing a version with the client")
def unshare_version(
    version_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> VersionRead:
    """The version leaves every review link and the portal; logged as `version.unshared`.
    The task's status is left alone."""
    return version_read(request, session, sharing.unshare_version(session, actor, version_id))


# --- review sessions --------------------------------------------------------------------


@router.get("/projects/{project_id}/review-sessions", summary="List a project's review links")
def list_review_sessions(
    project_id: int, actor: CurrentActor, session: DbSession, active_only: bool = False
) -> list[ReviewSessionRead]:
    """Newest first, with their state (active, expired, revoked) and versions; never tokens."""
    rows = sessions.list_sessions(session, actor, project_id, include_inactive=not active_only)
    return _read(session, rows)


@router.get(
    "/projects/{project_id}/review-sessions/defaults",
    summary="Defaults for a new review link",
)
def get_review_session_defaults(
    project_id: int, actor: CurrentActor, session: DbSession
) -> ReviewSessionDefaults:
    """What the "Create review link for client?" dialog pre-fills: a name, the default and
    latest allowed expiry, and the project's live links to pick from instead."""
    project = get_project(session, actor, project_id, verb="manage_review_sessions")
    default, maximum = sessions.share_settings(session, actor)
    now = utcnow()
    live = sessions.list_sessions(session, actor, project_id, include_inactive=False)
    return ReviewSessionDefaults(
        name=f"{project.name} — client review {now:%Y-%m-%d}",
        expires_at=now + timedelta(days=default),
        max_expires_at=now + timedelta(days=maximum),
        active_sessions=_read(session, live),
    )


@router.post(
    "/projects/{project_id}/review-sessions",
    status_code=CREATED,
    summary="Create a review link",
)
def create_review_session(
    project_id: int,
    body: ReviewSessionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ReviewSessionCreated:
    """A new link. The answer holds the token, the URL and an embed snippet: the only time
    the token is shown (it is stored hashed). Supervisors of the project and up."""
    row, token = sessions.create_session(
        session, actor, project_id, **body.model_dump(exclude={"email"})
    )
    return created(request, session, actor, row, token, body.email)


@router.get("/review-sessions/{review_session_id}", summary="Get a review link")
def get_review_session(
    review_session_id: int, actor: CurrentActor, session: DbSession
) -> ReviewSessionRead:
    """One link's settings, state, download count and versions (never its token)."""
    return _read(session, [sessions.get_session(session, actor, review_session_id)])[0]


@router.patch("/review-sessions/{review_session_id}", summary="Update a review link")
def update_review_session(
    review_session_id: int, body: ReviewSessionUpdate, actor: CurrentActor, session: DbSession
) -> ReviewSessionRead:
    """Change the name, expiry (within the organization's maximum), password (null removes
    it), permissions or download limit."""
    row = sessions.update_session(
        session, actor, review_session_id, updates=body.model_dump(exclude_unset=True)
    )
    return read_one(session, row)


@router.post("/review-sessions/{review_session_id}/revoke", summary="Revoke a review link")
def revoke_review_session(
    review_session_id: int, actor: CurrentActor, session: DbSession
) -> ReviewSessionRead:
    """The link stops working on its next request, and its guests are signed out."""
    return read_one(session, sessions.revoke_session(session, actor, review_session_id))


@router.post(
    "/review-sessions/{review_session_id}/regenerate", summary="Give a review link a new token"
)
def regenerate_review_session(
    review_session_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> ReviewSessionCreated:
    """A new token (shown once); the old link dies at once and its guests are signed out."""
    row, token = sessions.regenerate_session(session, actor, review_session_id)
    return created(request, session, actor, row, token)


@router.post("/review-sessions/{review_session_id}/email", summary="Send the review link by e-mail")
def send_review_session_email(
    review_session_id: int,
    body: ReviewEmailRequest,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ReviewEmailResult:
    """ "Send Review Email": the project, the shots/tasks in the link, the link and an
    optional message, through the server's SMTP settings. The token is not stored, so send
    the one you were shown (422 naming `token` when it is not the link's current one).
    409 `email_not_configured` without SMTP, 409 `review_session_not_live`, 502
    `email_failed` when the SMTP server refuses."""
    sent = review_email.send_review_email(
        session,
        actor,
        request.app.state.settings,
        review_session_id,
        token=body.token,
        to=body.to,
        message=body.message,
    )
    return ReviewEmailResult(recipients=sent.to, subject=sent.subject)


@router.post("/review-sessions/{review_session_id}/versions", summary="Add versions to a link")
def add_review_session_versions(
    review_session_id: int, body: SessionVersions, actor: CurrentActor, session: DbSession
) -> ReviewSessionRead:
    """Only shared (client-visible) versions of the link's project; 422 names the others."""
    row = sessions.add_versions(session, actor, review_session_id, version_ids=body.version_ids)
    return read_one(session, row)


@router.delete(
    "/review-sessions/{review_session_id}/versions/{version_id}",
    summary="Remove a version from a link",
)
def remove_review_session_version(
    review_session_id: int, version_id: int, actor: CurrentActor, session: DbSession
) -> ReviewSessionRead:
    """The version stays shared (portal, other links) but leaves this link."""
    row = sessions.remove_versions(session, actor, review_session_id, version_ids=[version_id])
    return read_one(session, row)


@router.get("/review-sessions/{review_session_id}/access-log", summary="A link's access log")
def list_review_session_access(
    review_session_id: int,
    actor: CurrentActor,
    session: DbSession,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[AccessRead]:
    """Opened, unlocked, failed password, played, downloaded, commented, approved…: time,
    viewer name, IP, user agent and the version's label, newest first."""
    rows = sessions.access_log(session, actor, review_session_id, limit=limit)
    ids = {r.version_id for r in rows if r.version_id is not None}
    labels = (
        {x.version.id: x.label for x in client.labelled(session, actor, [Version.id.in_(ids)])}
        if ids
        else {}
    )
    out = [AccessRead.model_validate(r) for r in rows]
    for item in out:
        item.version_label = labels.get(item.version_id) if item.version_id else None
    return out


def _qr(
    request: Request, session: Session, actor: CurrentActor, sid: int, token: str, kind: str
) -> Response:
    settings: Settings = request.app.state.settings
    data = sessions.qr_code(
        session, actor, sid, token=token, public_url=settings.public_url, kind=kind
    )
    media = "image/png" if kind == "png" else "image/svg+xml"
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if kind == "svg":
        headers["Content-Disposition"] = 'attachment; filename="review-link.svg"'
    return Response(content=data, media_type=media, headers=headers)


@router.post(
    "/review-sessions/{review_session_id}/qr.png",
    summary="The link as a QR code (PNG)",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
def get_review_session_qr_png(
    review_session_id: int,
    body: QrRequest,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> Response:
    """The token is not stored, so send the one you were shown; a stale token is a 422."""
    return _qr(request, session, actor, review_session_id, body.token, "png")


@router.post(
    "/review-sessions/{review_session_id}/qr.svg",
    summary="The link as a QR code (SVG)",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def get_review_session_qr_svg(
    review_session_id: int,
    body: QrRequest,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> Response:
    """As the PNG, as an SVG attachment."""
    return _qr(request, session, actor, review_session_id, body.token, "svg")


# --- organization settings ----------------------------------------------------------------


@router.get("/organization/share-settings", summary="The organization's share-link settings")
def get_share_settings(actor: CurrentActor, session: DbSession) -> ShareSettings:
    """Default and maximum link lifetime in days (14 and 90 unless an admin changed them)."""
    default, maximum = sessions.read_share_settings(session, actor)
    return ShareSettings(share_default_days=default, share_max_days=maximum)


@router.patch("/organization/share-settings", summary="Change the share-link settings")
def update_share_settings(
    body: ShareSettingsUpdate, actor: CurrentActor, session: DbSession
) -> ShareSettings:
    """Admins only. The default may not exceed the maximum (422)."""
    default, maximum = sessions.update_share_settings(
        session, actor, updates=body.model_dump(exclude_unset=True)
    )
    return ShareSettings(share_default_days=default, share_max_days=maximum)
