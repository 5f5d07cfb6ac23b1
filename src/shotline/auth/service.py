"""Logging in and out, and turning a session cookie or an API key into an `Actor`.

Invariants:
- an unknown e-mail and a wrong password take the same time and give the same error;
- after `login_max_failures` failures for one e-mail (known or not) further attempts get
  429 until the window ends; the counter survives the 401 (`keep_writes`);
- a session token and an API key are stored as SHA-256 only; revocation, deactivation,
  password and role changes end sessions at once (the next request is 401);
- `last_seen_at` / `last_used_at` are written at most once a minute per session or key.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Update, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import passwords, policy, throttle, tokens
from shotline.auth.actor import ORG_WIDE_ROLES, Actor
from shotline.auth.models import Account, AccountKind, ApiKey, AuthSession, Role
from shotline.config import get_settings
from shotline.db.types import utcnow
from shotline.errors import InvalidCredentials, RateLimited
from shotline.production.models import ProjectMember

TOUCH_INTERVAL = timedelta(seconds=60)


def login(
    session: Session, *, email: str, password: str, ip: str | None, user_agent: str | None
) -> tuple[Account, str]:
    """Check credentials and open a session; returns the account and the cookie token."""
    settings = get_settings()
    email = email.strip().lower()
    email_key = f"login:email:{email}"
    ip_key = f"login:ip:{ip or 'unknown'}"
    for key, limit in (
        (email_key, settings.login_max_failures),
        (ip_key, settings.login_ip_limit_per_minute),
    ):
        wait = throttle.retry_after(session, key, limit)
        if wait is not None:
            raise RateLimited(wait)
    throttle.hit(session, ip_key, 60)

    account = session.scalar(select(Account).where(Account.email == email))
    usable = (
        account is not None and account.kind == AccountKind.PERSON and policy.is_active(account)
    )
    ok = passwords.verify_password(password, account.password_hash if usable and account else None)
    if not ok or account is None:
        throttle.hit(session, email_key, settings.login_lockout_seconds)
        if account is not None:
            events.record(
                session,
                Actor(account.organization_id, None, account.role, kind="anonymous"),
                "account.login_failed",
                account,
                data={"ip": ip},
            )
        raise InvalidCredentials()

    throttle.reset(session, email_key)
    now = utcnow()
    token = tokens.new_token()
    session.add(
        AuthSession(
            account_id=account.id,
            token_hash=tokens.digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
            ip=ip,
            user_agent=(user_agent or "")[:400] or None,
        )
    )
    account.last_login_at = now
    events.record(session, actor_for(account), "account.logged_in", account, data={"ip": ip})
    return account, token


def logout(session: Session, token: str) -> None:
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == tokens.digest(token)))
    if row is None or row.revoked_at is not None:
        return
    row.revoked_at = utcnow()
    account = session.get(Account, row.account_id)
    if account is not None:
        events.record(session, actor_for(account), "account.logged_out", account)


def actor_for(
    account: Account, *, api_key_id: int | None = None, session: Session | None = None
) -> Actor:
    """The actor for an account; with a session, its project roles are loaded too."""
    return Actor(
        organization_id=account.organization_id,
        account_id=account.id,
        role=account.role,
        kind="api_key" if api_key_id else "account",
        api_key_id=api_key_id,
        project_roles=project_roles_for(session, account) if session is not None else {},
    )


def project_roles_for(session: Session, account: Account) -> dict[int, Role]:
    """{project_id: role} of the account's live memberships (one indexed query).

    Admins and producers act on every project with their organization role, so theirs are
    not loaded.
    """
    if account.role in ORG_WIDE_ROLES:
        return {}
    rows = session.execute(
        select(ProjectMember.project_id, ProjectMember.role).where(
            ProjectMember.account_id == account.id, ProjectMember.archived_at.is_(None)
        )
    )
    return dict(rows.all())


def resolve_session(session: Session, token: str) -> Actor | None:
    """The actor behind a session cookie, or None when it is unknown, idle or ended."""
    settings = get_settings()
    now = utcnow()
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == tokens.digest(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    if now - row.last_seen_at > timedelta(minutes=settings.session_idle_minutes):
        return None
    account = session.get(Account, row.account_id)
    if account is None or not policy.is_active(account):
        return None
    if now - row.last_seen_at > TOUCH_INTERVAL:
        _touch(
            session, update(AuthSession).where(AuthSession.id == row.id).values(last_seen_at=now)
        )
    return actor_for(account, session=session)


def resolve_api_key(session: Session, key: str) -> Actor | None:
    digest = tokens.digest(key)
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
    if row is None or row.revoked_at is not None or not tokens.same_digest(row.key_hash, digest):
        return None
    account = session.get(Account, row.account_id)
    if account is None or not policy.is_active(account):
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_INTERVAL:
        _touch(session, update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=now))
    return actor_for(account, api_key_id=row.id, session=session)


def _touch(session: Session, stmt: Update) -> None:
    """Best-effort bookkeeping write: a busy SQLite writer must not fail a read request."""
    try:
        with session.begin_nested():
            session.execute(stmt)
    except OperationalError:
        pass


def end_sessions(session: Session, account_id: int, *, keep_token_hash: str | None = None) -> None:
    stmt = (
        update(AuthSession)
        .where(AuthSession.account_id == account_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if keep_token_hash is not None:
        stmt = stmt.where(AuthSession.token_hash != keep_token_hash)
    session.execute(stmt)
