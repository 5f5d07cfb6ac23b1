"""Personal API keys for scripts: shown once, stored hashed, named, revocable."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import ApiKey
from shotline.db.types import utcnow
from shotline.errors import NotFound


def create_api_key(
    session: Session, actor: Actor, *, name: str, account_id: int | None = None
) -> tuple[ApiKey, str]:
    """Make a key for the actor (or, for the CLI and admins, for `account_id`)."""
    from shotline.auth.accounts import get_account

    target = get_account(session, actor, account_id or actor.account_id or 0)
    if target.id != actor.account_id:
        policy.require(actor, "change_status", target)
    target_actor = Actor(target.organization_id, target.id, target.role)
    policy.require(target_actor if actor.is_system else actor, "manage_own_api_keys", None)
    full_key, prefix = tokens.new_api_key()
    key = ApiKey(
        account_id=target.id, name=name.strip(), prefix=prefix, key_hash=tokens.digest(full_key)
    )
    session.add(key)
    session.flush()
    events.record(
        session,
        actor,
        "api_key.created",
        key,
        {"name": [None, key.name], "prefix": [None, prefix], "account_id": [None, target.id]},
        organization_id=target.organization_id,
    )
    return key, full_key


def list_api_keys(session: Session, actor: Actor) -> list[ApiKey]:
    policy.require(actor, "manage_own_api_keys", None)
    stmt = select(ApiKey).where(ApiKey.account_id == actor.account_id).order_by(ApiKey.id.desc())
    return list(session.scalars(stmt))


def revoke_api_key(session: Session, actor: Actor, key_id: int) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound()
    from shotline.auth.accounts import get_account

    owner = get_account(session, actor, key.account_id)  # 404 across organizations
    if owner.id != actor.account_id and not policy.may(actor, "revoke_api_key", key):
        raise NotFound()
    if key.revoked_at is not None:
        return key
    now = utcnow()
    key.revoked_at = now
    session.flush()
    events.record(
        session,
        actor,
        "api_key.revoked",
        key,
        {"revoked_at": [None, now.isoformat()]},
        organization_id=owner.organization_id,
    )
    return key
