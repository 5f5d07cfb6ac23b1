"""Review sessions (share links): create, read, update, revoke, regenerate, versions, the
access log, QR codes, and the organization's share settings.

Invariants:
- supervisors of the project, producers and admins manage links (`manage_review_sessions`);
  artists get 403, clients and other projects/organizations 404;
- the token is `secrets.token_urlsafe(32)` (256 bits); only its SHA-256 is stored; it is
  returned once by `create_session` / `regenerate_session` and never again;
- expiry defaults to the organization setting `share_default_days` (14) and may not be
  further than `share_max_days` (90) ahead: 422 naming `expires_at`;
- passwords are Argon2 (`auth.passwords`), never returned, never in events;
- revoking or regenerating takes effect on the next request (every lookup checks the row)
  and ends every guest of the link;
- only shared (client-visible) live versions of the same project go into a session;
- events: `review_session.created|updated|revoked|regenerated|versions_added|
  versions_removed` (no secret in any of them).
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import segno
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import passwords, policy, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Organization
from shotline.clientreview.models import (
    ReviewGuest,
    ReviewSession,
    ReviewSessionAccess,
    ReviewSessionVersion,
)
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotFound, ValidationFailed
from shotline.production.service import get_project, load
from shotline.review.models import Version

DEFAULT_DAYS = 14
MAX_DAYS = 90
SESSION_FIELDS = (
    "project_id",
    "name",
    "expires_at",
    "allow_comments",
    "allow_approvals",
    "allow_downloads",
    "download_limit",
    "require_email",
)


# --- organization settings ------------------------------------------------------------


def share_settings(session: Session, actor: Actor) -> tuple[int, int]:
    """`(share_default_days, share_max_days)` of the actor's organization."""
    org = session.get_one(Organization, actor.organization_id)
    values = org.settings or {}
    default = values.get("share_default_days", DEFAULT_DAYS)
    maximum = values.get("share_max_days", MAX_DAYS)
    return int(default), int(maximum)  # type: ignore[call-overload]


def read_share_settings(session: Session, actor: Actor) -> tuple[int, int]:
    policy.require(actor, "read_share_settings", None)
    return share_settings(session, actor)


def update_share_settings(
    session: Session, actor: Actor, *, updates: dict[str, int | None]
) -> tuple[int, int]:
    policy.require(actor, "manage_share_settings", None)
    org = session.get_one(Organization, actor.organization_id)
    default, maximum = share_settings(session, actor)
    default = updates.get("share_default_days") or default
    maximum = updates.get("share_max_days") or maximum
    if default > maximum:
        raise ValidationFailed(fields={"share_default_days": "must not exceed share_max_days"})
    new = {**(org.settings or {}), "share_default_days": default, "share_max_days": maximum}
    changes = events.apply_changes(org, {"settings": new})
    if changes:
        session.flush()
        events.record(session, actor, "organization.updated", org, changes)
    return default, maximum


def _check_expiry(session: Session, actor: Actor, expires_at: datetime | None) -> datetime:
    default, maximum = share_settings(session, actor)
    now = utcnow()
    if expires_at is None:
        return now + timedelta(days=default)
    if expires_at.tzinfo is None:
        raise ValidationFailed(fields={"expires_at": "give a time zone (e.g. Z)"})
    if expires_at <= now:
        raise ValidationFailed(fields={"expires_at": "must be in the future"})
    if expires_at > now + timedelta(days=maximum):
        raise ValidationFailed(fields={"expires_at": f"at most {maximum} days ahead"})
    return expires_at


# --- reading --------------------------------------------------------------------------


def state_of(row: ReviewSession, now: datetime | None = None) -> str:
    if row.revoked_at is not None or row.archived_at is not None:
        return "revoked"
    return "active" if row.expires_at > (now or utcnow()) else "expired"


def version_ids(session: Session, review_session_ids: Iterable[int]) -> dict[int, list[int]]:
    ids = list(review_session_ids)
    out: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = session.execute(
        select(ReviewSessionVersion.review_session_id, ReviewSessionVersion.version_id)
        .where(ReviewSessionVersion.review_session_id.in_(ids))
        .order_by(ReviewSessionVersion.version_id)
    )
    for sid, vid in rows:
        out[sid].append(vid)
    return out


def get_session(session: Session, actor: Actor, review_session_id: int) -> ReviewSession:
    return load(session, actor, ReviewSession, review_session_id, "manage_review_sessions")


def list_sessions(
    session: Session, actor: Actor, project_id: int, *, include_inactive: bool = True
) -> list[ReviewSession]:
    """The project's links, newest first."""
    project = get_project(session, actor, project_id, verb="manage_review_sessions")
    stmt = select(ReviewSession).where(
        ReviewSession.project_id == project.id, policy.visible(actor, ReviewSession)
    )
    if not include_inactive:
        stmt = stmt.where(
            ReviewSession.revoked_at.is_(None),
            ReviewSession.archived_at.is_(None),
            ReviewSession.expires_at > utcnow(),
        )
    return list(session.scalars(stmt.order_by(ReviewSession.id.desc())))


def newest_live_session(session: Session, project_id: int) -> ReviewSession | None:
    stmt = (
        select(ReviewSession)
        .where(
            ReviewSession.project_id == project_id,
            ReviewSession.revoked_at.is_(None),
            ReviewSession.archived_at.is_(None),
            ReviewSession.expires_at > utcnow(),
        )
        .order_by(ReviewSession.id.desc())
        .limit(1)
    )
    return session.scalar(stmt)


# --- writing --------------------------------------------------------------------------


def create_session(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    name: str,
    expires_at: datetime | None = None,
    password: str | None = None,
    allow_comments: bool = True,
    allow_approvals: bool = True,
    allow_downloads: bool = False,
    download_limit: int | None = None,
    require_email: bool = False,
    version_ids: Sequence[int] = (),
) -> tuple[ReviewSession, str]:
    """The new session and its token (shown once)."""
    project = get_project(session, actor, project_id, verb="manage_review_sessions")
    token = tokens.new_token()
    row = ReviewSession(
        project_id=project.id,
        name=name,
        token_hash=tokens.digest(token),
        expires_at=_check_expiry(session, actor, expires_at),
        password_hash=passwords.hash_password(password) if password else None,
        allow_comments=allow_comments,
        allow_approvals=allow_approvals,
        allow_downloads=allow_downloads,
        download_limit=download_limit,
        require_email=require_email,
    )
    session.add(row)
    session.flush()
    changes = events.snapshot(row, SESSION_FIELDS)
    changes["has_password"] = [None, row.has_password]
    events.record(session, actor, "review_session.created", row, changes)
    if version_ids:
        add_versions(session, actor, row.id, version_ids=version_ids)
    return row, token


def update_session(
    session: Session, actor: Actor, review_session_id: int, *, updates: dict[str, Any]
) -> ReviewSession:
    row = get_session(session, actor, review_session_id)
    values = dict(updates)
    data: dict[str, Any] = {}
    if "expires_at" in values:
        values["expires_at"] = _check_expiry(session, actor, values["expires_at"])
    if "password" in values:
        password = values.pop("password")
        values["password_hash"] = passwords.hash_password(password) if password else None
        data["password_changed"] = True
    for key in ("name", "allow_comments", "allow_approvals", "allow_downloads", "require_email"):
        if key in values and values[key] is None:
            raise ValidationFailed(fields={key: "may not be null"})
    changes = events.apply_changes(row, values)
    secret = changes.pop("password_hash", None)
    if secret is not None:
        changes["has_password"] = [secret[0] is not None, secret[1] is not None]
    if changes:
        session.flush()
        events.record(session, actor, "review_session.updated", row, changes, data=data)
    return row


def _end_guests(session: Session, review_session_id: int) -> None:
    session.execute(
        update(ReviewGuest)
        .where(ReviewGuest.review_session_id == review_session_id, ReviewGuest.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def revoke_session(session: Session, actor: Actor, review_session_id: int) -> ReviewSession:
    row = get_session(session, actor, review_session_id)
    if row.revoked_at is None:
        changes = events.apply_changes(row, {"revoked_at": utcnow()})
        _end_guests(session, row.id)
        session.flush()
        events.record(session, actor, "review_session.revoked", row, changes)
    return row


def regenerate_session(
    session: Session, actor: Actor, review_session_id: int
) -> tuple[ReviewSession, str]:
    """A new token; the old one stops working and its guests are ended. A revoked link
    stays revoked (409 `link_revoked`): its new URL would not open."""
    row = get_session(session, actor, review_session_id)
    if row.revoked_at is not None:
        raise Conflict("This link was revoked; create a new link instead.", code="link_revoked")
    token = tokens.new_token()
    row.token_hash = tokens.digest(token)
    _end_guests(session, row.id)
    session.flush()
    events.record(session, actor, "review_session.regenerated", row, {})
    return row, token


def check_shared_versions(
    session: Session, actor: Actor, project_id: int, ids: Sequence[int]
) -> list[Version]:
    if len(set(ids)) != len(ids):
        raise ValidationFailed(fields={"version_ids": "each version may be given once"})
    rows = {
        v.id: v
        for v in session.scalars(
            select(Version).where(Version.id.in_(ids), policy.visible(actor, Version))
        )
    }
    bad = [
        str(i)
        for i in ids
        if i not in rows
        or rows[i].project_id != project_id
        or not rows[i].is_client_visible
        or rows[i].archived_at is not None
    ]
    if bad:
        raise ValidationFailed(
            fields={"version_ids": "not shared versions of this project: " + ", ".join(bad)}
        )
    return [rows[i] for i in ids]


def add_versions(
    session: Session, actor: Actor, review_session_id: int, *, version_ids: Sequence[int]
) -> ReviewSession:
    row = get_session(session, actor, review_session_id)
    check_shared_versions(session, actor, row.project_id, version_ids)
    link_versions(session, actor, row, version_ids)
    return row


def link_versions(
    session: Session, actor: Actor, row: ReviewSession, ids: Sequence[int]
) -> list[int]:
    """Insert the missing (session, version) pairs; returns the ids really added."""
    present = set(
        session.scalars(
            select(ReviewSessionVersion.version_id).where(
                ReviewSessionVersion.review_session_id == row.id,
                ReviewSessionVersion.version_id.in_(ids),
            )
        )
    )
    new = [i for i in ids if i not in present]
    if new:
        session.execute(
            insert(ReviewSessionVersion),
            [
                {"review_session_id": row.id, "version_id": i, "added_by": actor.account_id}
                for i in new
            ],
        )
        events.record(
            session, actor, "review_session.versions_added", row, {}, data={"version_ids": new}
        )
    return new


def remove_versions(
    session: Session, actor: Actor, review_session_id: int, *, version_ids: Sequence[int]
) -> ReviewSession:
    row = get_session(session, actor, review_session_id)
    present = list(
        session.scalars(
            select(ReviewSessionVersion.version_id).where(
                ReviewSessionVersion.review_session_id == row.id,
                ReviewSessionVersion.version_id.in_(version_ids),
            )
        )
    )
    if present:
        session.execute(
            delete(ReviewSessionVersion).where(
                ReviewSessionVersion.review_session_id == row.id,
                ReviewSessionVersion.version_id.in_(present),
            )
        )
        events.record(
            session,
            actor,
            "review_session.versions_removed",
            row,
            {},
            data={"version_ids": sorted(present)},
        )
    return row


def access_log(
    session: Session, actor: Actor, review_session_id: int, *, limit: int = 500
) -> list[ReviewSessionAccess]:
    """The link's access log, newest first."""
    row = get_session(session, actor, review_session_id)
    stmt = (
        select(ReviewSessionAccess)
        .where(ReviewSessionAccess.review_session_id == row.id)
        .order_by(ReviewSessionAccess.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


# --- link, embed, QR ------------------------------------------------------------------


def share_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/share/{token}"


def embed_html(url: str, name: str) -> str:
    return (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(name, quote=True)}" '
        'width="960" height="600" allow="fullscreen" referrerpolicy="no-referrer" '
        'style="border:0"></iframe>'
    )


def check_token(row: ReviewSession, token: str) -> None:
    """422 naming `token` unless it is this session's current token (constant time)."""
    if not tokens.same_digest(tokens.digest(token), row.token_hash):
        raise ValidationFailed(fields={"token": "not this link's current token"})


def qr_code(
    session: Session,
    actor: Actor,
    review_session_id: int,
    *,
    token: str,
    public_url: str,
    kind: str,
) -> bytes:
    """The link as a QR code, `png` or `svg`. The token is not stored, so the caller (who was
    shown it once) sends it; it must be the session's current one."""
    row = get_session(session, actor, review_session_id)
    check_token(row, token)
    qr = segno.make(share_url(public_url, token), error="m")
    out = io.BytesIO()
    if kind == "png":
        qr.save(out, kind="png", scale=8, border=4)
    elif kind == "svg":
        qr.save(out, kind="svg", scale=8, border=4, xmldecl=False)
    else:
        raise NotFound()
    return out.getvalue()
