"""Organizations and accounts: create, read, update, passwords.

Invariants:
- e-mail addresses are unique across the server (they are the login name), stored lower-case;
- every write records one event with old/new values; password hashes never enter an event;
- a password change ends the account's other sessions; a role change or deactivation ends
  all of them;
- an admin cannot demote or disable the last active admin of the organization.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import passwords, policy, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AccountKind, AccountStatus, Organization, Role
from shotline.auth.service import end_sessions
from shotline.db.types import utcnow
from shotline.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from shotline.registry import QueryResult, QuerySpec, run_query

ACCOUNT_FIELDS = ("email", "name", "role", "kind", "status", "organization_id")


def create_organization(session: Session, *, name: str) -> Organization:
    org = Organization(name=name, settings={})
    session.add(org)
    session.flush()
    events.record(
        session, Actor.system(org.id), "organization.created", org, {"name": [None, name]}
    )
    return org


def find_organization(session: Session, *, name: str | None = None) -> Organization | None:
    stmt = select(Organization).order_by(Organization.id)
    if name is not None:
        stmt = stmt.where(Organization.name == name)
    return session.scalars(stmt.limit(1)).first()


def get_account(session: Session, actor: Actor, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None or not policy.can_see(actor, account):
        raise NotFound()
    return account


def find_account_by_email(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == email.strip().lower()))


def query_accounts(session: Session, actor: Actor, spec: QuerySpec) -> QueryResult:
    """Accounts the actor may see, filtered, sorted and paged by the query engine."""
    policy.require(actor, "list_accounts", None)
    return run_query(session, actor, "account", spec)


def create_account(
    session: Session,
    actor: Actor,
    *,
    email: str,
    name: str,
    role: Role,
    kind: AccountKind = AccountKind.PERSON,
    password: str | None = None,
) -> Account:
    policy.require(actor, "create_account", None)
    email = email.strip().lower()
    if kind == AccountKind.PERSON and not password:
        raise ValidationFailed("A person needs a password.", fields={"password": "required"})
    if kind == AccountKind.SCRIPT and password:
        raise ValidationFailed(
            "Script accounts log in with API keys only.", fields={"password": "not allowed"}
        )
    if password:
        passwords.check_strength(password)
    if find_account_by_email(session, email) is not None:
        raise Conflict("An account with this e-mail exists.", fields={"email": "already taken"})
    account = Account(
        organization_id=actor.organization_id,
        email=email,
        name=name.strip(),
        role=role,
        kind=kind,
        status=AccountStatus.ACTIVE,
        password_hash=passwords.hash_password(password) if password else None,
        password_changed_at=utcnow() if password else None,
    )
    session.add(account)
    session.flush()
    events.record(
        session, actor, "account.created", account, events.snapshot(account, ACCOUNT_FIELDS)
    )
    return account


def update_account(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Account:
    account = get_account(session, actor, account_id)
    policy.require(actor, "update_account", account)
    if "role" in updates:
        policy.require(actor, "change_role", account)
    if "status" in updates:
        policy.require(actor, "change_status", account)
    if expected_version is not None and expected_version != account.row_version:
        raise PreconditionFailed()
    if "name" in updates and updates["name"] is None:
        raise ValidationFailed("Name cannot be empty.", fields={"name": "may not be null"})
    for field in ("role", "status"):
        if field in updates and updates[field] is None:
            raise ValidationFailed(f"{field} cannot be empty.", fields={field: "may not be null"})
    _keep_one_admin(session, account, updates)
    changes = events.apply_changes(account, updates)
    if not changes:
        return account
    session.flush()
    events.record(session, actor, "account.updated", account, changes)
    if "role" in changes or ("status" in changes and account.status != AccountStatus.ACTIVE):
        end_sessions(session, account.id)
    return account


def _keep_one_admin(session: Session, account: Account, updates: dict[str, Any]) -> None:
    if account.role != Role.ADMIN or account.status != AccountStatus.ACTIVE:
        return
    demoted = updates.get("role", Role.ADMIN) != Role.ADMIN
    disabled = updates.get("status", AccountStatus.ACTIVE) != AccountStatus.ACTIVE
    if not (demoted or disabled):
        return
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(
            Account.organization_id == account.organization_id,
            Account.role == Role.ADMIN,
            Account.status == AccountStatus.ACTIVE,
            Account.id != account.id,
        )
    )
    if not others:
        field = "role" if demoted else "status"
        raise Conflict(
            "The organization needs at least one active admin.",
            fields={field: "last active admin"},
        )


def change_password(
    session: Session,
    actor: Actor,
    *,
    current_password: str,
    new_password: str,
    keep_token: str | None = None,
) -> Account:
    """The actor changes their own password; their other sessions end."""
    if actor.account_id is None:
        raise NotFound()
    account = get_account(session, actor, actor.account_id)
    if not passwords.verify_password(current_password, account.password_hash):
        raise ValidationFailed(
            "The current password is wrong.", fields={"current_password": "wrong password"}
        )
    passwords.check_strength(new_password, field="new_password")
    _set_password(session, actor, account, new_password)
    end_sessions(
        session, account.id, keep_token_hash=tokens.digest(keep_token) if keep_token else None
    )
    return account


def set_password(session: Session, actor: Actor, account_id: int, *, password: str) -> Account:
    """An admin (or the CLI) sets someone's password; all their sessions end."""
    account = get_account(session, actor, account_id)
    policy.require(actor, "change_status", account)
    passwords.check_strength(password)
    _set_password(session, actor, account, password)
    end_sessions(session, account.id)
    return account


def _set_password(session: Session, actor: Actor, account: Account, password: str) -> None:
    account.password_hash = passwords.hash_password(password)
    account.password_changed_at = utcnow()
    session.flush()
    events.record(session, actor, "account.password_changed", account)
