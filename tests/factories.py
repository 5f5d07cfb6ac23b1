"""Test data made through the services, so it obeys the same rules as real data."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth import accounts, api_keys, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AuthSession, Organization, Role
from shotline.db.types import utcnow
from shotline.events.models import Event

_seq = itertools.count(1)
DEFAULT_PASSWORD = "correct horse battery staple"


def make_org(session: Session, *, name: str | None = None) -> Organization:
    return accounts.create_organization(session, name=name or f"Studio {next(_seq)}")


def make_account(
    session: Session,
    org: Organization,
    *,
    role: Role = Role.ARTIST,
    email: str | None = None,
    name: str | None = None,
    password: str = DEFAULT_PASSWORD,
) -> Account:
    n = next(_seq)
    return accounts.create_account(
        session,
        Actor.system(org.id),
        email=email or f"{role.value}{n}@example.com",
        name=name or f"{role.value.title()} {n}",
        role=role,
        password=password,
    )


def make_api_key(session: Session, account: Account, *, name: str = "test script") -> str:
    _key, full = api_keys.create_api_key(
        session, Actor.system(account.organization_id), name=name, account_id=account.id
    )
    return full


def make_session_token(session: Session, account: Account) -> str:
    """A browser session for `account`, as a login would open (without the password check)."""
    token = tokens.new_token()
    now = utcnow()
    session.add(
        AuthSession(
            account_id=account.id,
            token_hash=tokens.digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=12),
        )
    )
    session.flush()
    return token


def last_event_id(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(Event.id), 0))) or 0


def events_after(session: Session, event_id: int) -> list[Event]:
    session.expire_all()
    return list(session.scalars(select(Event).where(Event.id > event_id).order_by(Event.id)))
