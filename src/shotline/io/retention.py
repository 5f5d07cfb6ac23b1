"""Archive retention: archived rows older than the organization's setting are deleted.

Invariants:
- the setting is `organization.settings["archive_retention_days"]` (1..3650, or absent:
  keep archived rows forever); only admins change it (`manage_organization`), and the
  change is an `organization.updated` event;
- a purge deletes, in this order, archived tasks, shots, assets, sequences and episodes
  whose `archived_at` is older than the cutoff, through the same helpers as "delete
  forever" (`record_deleted`, `delete_dependents`: a shot's tasks and links go with it),
  each as a `<entity>.deleted` event with `data.reason = "retention"`, all in one batch;
  a sequence or episode that still has rows under it is kept;
- the rows are chosen set-based (one query per type, organization-scoped);
- `dry_run` counts without writing; the daily job and `shotline purge-archived` run it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Organization
from shotline.db.types import utcnow
from shotline.errors import NotFound, ValidationFailed
from shotline.production.assets import ASSET_FIELDS
from shotline.production.models import Asset, AssetLink, Episode, Project, Sequence, Shot
from shotline.production.service import record_deleted
from shotline.production.shots import (
    EPISODE_FIELDS,
    SEQUENCE_FIELDS,
    SHOT_FIELDS,
    delete_dependents,
)
from shotline.tasks.models import Task
from shotline.tasks.service import TASK_FIELDS

RETENTION_KEY = "archive_retention_days"
MAX_DAYS = 3650
REASON = {"reason": "retention"}


@dataclass
class PurgeResult:
    retention_days: int | None
    cutoff: datetime | None
    dry_run: bool
    deleted: dict[str, int] = field(default_factory=dict)
    batch_id: str | None = None


def get_organization(session: Session, actor: Actor) -> Organization:
    org = session.get(Organization, actor.organization_id)
    if org is None:
        raise NotFound()
    return org


def get_settings(session: Session, actor: Actor) -> Organization:
    """The actor's organization, for reading its settings (admins only)."""
    policy.require(actor, "manage_organization", None)
    return get_organization(session, actor)


def retention_days(org: Organization) -> int | None:
    value = (org.settings or {}).get(RETENTION_KEY)
    return value if isinstance(value, int) and value > 0 else None


def set_retention(session: Session, actor: Actor, *, days: int | None) -> Organization:
    """Set (or clear, with None) how many days archived rows are kept."""
    policy.require(actor, "manage_organization", None)
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(fields={RETENTION_KEY: f"between 1 and {MAX_DAYS}, or null"})
    org = get_organization(session, actor)
    old = retention_days(org)
    if old == days:
        return org
    settings = dict(org.settings or {})
    if days is None:
        settings.pop(RETENTION_KEY, None)
    else:
        settings[RETENTION_KEY] = days
    org.settings = settings
    session.flush()
    events.record(
        session,
        actor,
        "organization.updated",
        org,
        {f"settings.{RETENTION_KEY}": [old, days]},
        organization_id=org.id,
    )
    return org


def _archived(model: Any, cutoff: datetime, org_id: int) -> ColumnElement[bool]:
    org_projects = select(Project.id).where(Project.organization_id == org_id)
    return and_(
        model.archived_at.is_not(None),
        model.archived_at < cutoff,
        model.project_id.in_(org_projects),
    )


def purge_archived(
    session: Session, actor: Actor, *, dry_run: bool = False, now: datetime | None = None
) -> PurgeResult:
    policy.require(actor, "purge_archived", None)
    org = get_organization(session, actor)
    days = retention_days(org)
    if days is None:
        return PurgeResult(retention_days=None, cutoff=None, dry_run=dry_run)
    cutoff = (now or utcnow()) - timedelta(days=days)
    result = PurgeResult(retention_days=days, cutoff=cutoff, dry_run=dry_run)
    plan: list[tuple[str, type[Any], tuple[str, ...]]] = [
        ("task", Task, TASK_FIELDS),
        ("shot", Shot, SHOT_FIELDS),
        ("asset", Asset, ASSET_FIELDS),
        ("sequence", Sequence, SEQUENCE_FIELDS),
        ("episode", Episode, EPISODE_FIELDS),
    ]
    with events.batch(session) as batch_id:
        for name, model, fields in plan:
            rows = list(
                session.scalars(
                    select(model).where(_archived(model, cutoff, org.id)).order_by(model.id)
                )
            )
            rows = [r for r in rows if not _has_children(session, r)]
            result.deleted[name] = len(rows)
            if dry_run:
                continue
            for row in rows:
                if isinstance(row, Shot):
                    delete_dependents(
                        session,
                        actor,
                        Task.shot_id == row.id,
                        AssetLink.shot_id == row.id,
                        data=REASON,
                    )
                elif isinstance(row, Asset):
                    delete_dependents(
                        session,
                        actor,
                        Task.asset_id == row.id,
                        or_(AssetLink.asset_id == row.id, AssetLink.parent_asset_id == row.id),
                        data=REASON,
                    )
                record_deleted(session, actor, row, fields, project_id=row.project_id, data=REASON)
        if not dry_run and any(result.deleted.values()):
            result.batch_id = batch_id
    return result


def _has_children(session: Session, row: Any) -> bool:
    if isinstance(row, Sequence):
        stmt = select(Shot.id).where(Shot.sequence_id == row.id).limit(1)
    elif isinstance(row, Episode):
        stmt = select(Sequence.id).where(Sequence.episode_id == row.id).limit(1)
    else:
        return False
    return session.scalar(stmt) is not None
