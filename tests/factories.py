"""Test data made through the services, so it obeys the same rules as real data."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth import accounts, api_keys, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AuthSession, Organization, Role
from shotline.db.types import utcnow
from shotline.events.models import Event
from shotline.production import assets, shots
from shotline.production import service as production
from shotline.production.models import (
    Asset,
    AssetType,
    Episode,
    Project,
    ProjectMember,
    Sequence,
    Shot,
)
from shotline.tasks import service as task_service
from shotline.tasks.models import Task, TaskStatus, TaskType

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


# --- production --------------------------------------------------------------------


def system_for(project: Project) -> Actor:
    return Actor.system(project.organization_id)


def make_project(
    session: Session, org: Organization, *, code: str | None = None, **kw: Any
) -> Project:
    n = next(_seq)
    return production.create_project(
        session,
        Actor.system(org.id),
        code=code or f"P{n}",
        name=kw.pop("name", f"Project {n}"),
        **kw,
    )


def add_member(
    session: Session, project: Project, account: Account, *, role: Role | None = None
) -> ProjectMember:
    return production.add_member(
        session, system_for(project), project.id, role=role or account.role, account_id=account.id
    )


def make_episode(session: Session, project: Project, *, code: str | None = None) -> Episode:
    return shots.create_episode(
        session, system_for(project), project.id, code=code or f"EP{next(_seq)}"
    )


def make_sequence(
    session: Session, project: Project, *, code: str | None = None, **kw: Any
) -> Sequence:
    return shots.create_sequence(
        session, system_for(project), project.id, code=code or f"SQ{next(_seq)}", **kw
    )


def make_shot(session: Session, project: Project, *, code: str | None = None, **kw: Any) -> Shot:
    return shots.create_shot(
        session, system_for(project), project.id, code=code or f"SH{next(_seq):04d}", **kw
    )


def make_asset(session: Session, project: Project, *, code: str | None = None, **kw: Any) -> Asset:
    n = next(_seq)
    return assets.create_asset(
        session,
        system_for(project),
        project.id,
        code=code or f"asset{n}",
        name=kw.pop("name", f"Asset {n}"),
        asset_type=kw.pop("asset_type", AssetType.PROP),
        **kw,
    )


def task_type(session: Session, project: Project, code: str) -> TaskType:
    row = session.scalar(
        select(TaskType).where(
            TaskType.organization_id == project.organization_id, TaskType.code == code
        )
    )
    assert row is not None
    return row


def status(session: Session, project: Project, code: str) -> TaskStatus:
    row = session.scalar(
        select(TaskStatus).where(TaskStatus.project_id == project.id, TaskStatus.code == code)
    )
    assert row is not None
    return row


def make_task(
    session: Session,
    *,
    shot: Shot | None = None,
    asset: Asset | None = None,
    type_code: str | None = None,
    assignees: list[Account] | None = None,
    **kw: Any,
) -> Task:
    parent = shot if shot is not None else asset
    assert parent is not None
    project = parent.project
    code = type_code or ("COMP" if shot is not None else "MODEL")
    return task_service.create_task(
        session,
        system_for(project),
        shot_id=shot.id if shot is not None else None,
        asset_id=asset.id if asset is not None else None,
        task_type_id=task_type(session, project, code).id,
        assignee_ids=[a.id for a in assignees or []],
        **kw,
    )
