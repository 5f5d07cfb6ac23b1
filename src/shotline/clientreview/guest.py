"""The guest side of a share link: the link is the credential.

Invariants:
- a token is looked up by its SHA-256; unknown, expired, revoked (or archived) links all
  raise the same `NotFound`, with nothing that tells them apart;
- a password-protected link needs `unlock` with the password; each wrong password is
  logged (`failed_password`) and counted per link and IP (`auth.throttle`): after
  `login_max_failures` the link answers 429 + Retry-After for `login_lockout_seconds`;
  the counter and the log row survive the 401 (`keep_writes`);
- `unlock` gives a guest identity: a name (and e-mail when the link asks), bound to that
  link only, with a random token stored hashed, living `GUEST_HOURS` (never past the
  link's expiry). Revoking or regenerating the link ends it;
- every request re-checks the link, so revocation works on the next request;
- downloads are counted with one conditional UPDATE, so N concurrent downloads at
  `limit - 1` let exactly one through.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from shotline.auth import passwords, throttle, tokens
from shotline.auth.actor import Actor
from shotline.clientreview.models import AccessKind, ReviewGuest, ReviewSession, ReviewSessionAccess
from shotline.config import get_settings
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotAuthenticated, NotFound, RateLimited, ValidationFailed

GUEST_HOURS = 8


class WrongSharePassword(NotAuthenticated):
    code = "wrong_password"
    default_message = "Wrong password for this link."
    keep_writes = True


class GuestNeeded(NotAuthenticated):
    code = "guest_needed"
    default_message = "Open the link first: give your name (and the password, if asked)."


class DownloadLimitReached(Conflict):
    code = "download_limit_reached"
    default_message = "This link's download limit is reached."
    keep_writes = True


def find_link(session: Session, token: str) -> ReviewSession:
    """The live session of a link token, or `NotFound` (the same for every failure)."""
    if not token or len(token) > 200:
        raise NotFound()
    row = session.scalar(
        select(ReviewSession).where(ReviewSession.token_hash == tokens.digest(token))
    )
    if row is None or not row.is_live(utcnow()):
        raise NotFound()
    return row


def log_access(
    session: Session,
    row: ReviewSession,
    kind: AccessKind,
    *,
    ip: str | None,
    user_agent: str | None,
    guest: ReviewGuest | None = None,
    viewer_name: str | None = None,
    version_id: int | None = None,
) -> None:
    session.add(
        ReviewSessionAccess(
            review_session_id=row.id,
            kind=kind,
            version_id=version_id,
            guest_id=guest.id if guest is not None else None,
            viewer_name=(guest.name if guest is not None else viewer_name),
            ip=ip,
            user_agent=(user_agent or "")[:400] or None,
        )
    )
    session.flush()


def open_link(
    session: Session, token: str, *, ip: str | None, user_agent: str | None
) -> ReviewSession:
    row = find_link(session, token)
    log_access(session, row, AccessKind.OPENED, ip=ip, user_agent=user_agent)
    return row


def unlock(
    session: Session,
    token: str,
    *,
    name: str,
    email: str | None,
    password: str | None,
    ip: str | None,
    user_agent: str | None,
) -> tuple[ReviewGuest, str]:
    """Check the password (if any) and open a guest identity; returns it and its token."""
    row = find_link(session, token)
    settings = get_settings()
    key = f"share:{row.id}:ip:{ip}"
    wait = throttle.retry_after(session, key, settings.login_max_failures)
    if wait is not None:
        raise RateLimited(wait)
    if row.password_hash is not None:
        if not password or not passwords.verify_password(password, row.password_hash):
            throttle.hit(session, key, settings.login_lockout_seconds)
            log_access(
                session,
                row,
                AccessKind.FAILED_PASSWORD,
                ip=ip,
                user_agent=user_agent,
                viewer_name=name,
            )
            raise WrongSharePassword()
        throttle.reset(session, key)
    if row.require_email and not email:
        raise ValidationFailed(fields={"email": "this link asks for your e-mail"})
    secret = tokens.new_token()
    guest = ReviewGuest(
        review_session_id=row.id,
        token_hash=tokens.digest(secret),
        name=name,
        email=email,
        expires_at=min(utcnow() + timedelta(hours=GUEST_HOURS), row.expires_at),
        ip=ip,
        user_agent=(user_agent or "")[:400] or None,
    )
    session.add(guest)
    session.flush()
    log_access(session, row, AccessKind.UNLOCKED, ip=ip, user_agent=user_agent, guest=guest)
    return guest, secret


def resolve_guest(
    session: Session, token: str, guest_token: str | None
) -> tuple[ReviewSession, ReviewGuest, Actor]:
    """The link, the guest and the actor they act as. The guest token must belong to this
    very link (a guest of link A is nobody on link B)."""
    row = find_link(session, token)
    if not guest_token or len(guest_token) > 200:
        raise GuestNeeded()
    guest = session.scalar(
        select(ReviewGuest).where(ReviewGuest.token_hash == tokens.digest(guest_token))
    )
    if (
        guest is None
        or guest.review_session_id != row.id
        or guest.ended_at is not None
        or guest.expires_at <= utcnow()
    ):
        raise GuestNeeded()
    grants = {
        name
        for name, allowed in (
            ("comment", row.allow_comments),
            ("approve", row.allow_approvals),
            ("download", row.allow_downloads),
        )
        if allowed
    }
    actor = Actor.guest(
        organization_id=row.project.organization_id,
        project_id=row.project_id,
        review_session_id=row.id,
        name=guest.name,
        grants=frozenset(grants),
    )
    return row, guest, actor


def count_download(session: Session, review_session_id: int) -> int | None:
    """Count one download atomically; returns the downloads left (None: no limit).
    Raises `DownloadLimitReached` when the limit is already used up."""
    stmt = (
        update(ReviewSession)
        .where(
            ReviewSession.id == review_session_id,
            (ReviewSession.download_limit.is_(None))
            | (ReviewSession.downloads < ReviewSession.download_limit),
        )
        .values(downloads=ReviewSession.downloads + 1)
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], session.execute(stmt))
    if result.rowcount != 1:
        raise DownloadLimitReached()
    downloads, limit = session.execute(
        select(ReviewSession.downloads, ReviewSession.download_limit).where(
            ReviewSession.id == review_session_id
        )
    ).one()
    return None if limit is None else max(0, limit - downloads)
