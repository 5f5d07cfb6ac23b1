"""Assets and asset links (breakdown: a shot uses an asset, an asset uses an asset).

Invariants:
- asset codes are unique per project (409); `custom_type` is required exactly when
  `asset_type` is `custom` (422); the lead is an internal account of the organization;
- a link joins rows of one project; one link per (shot, asset) and per (asset, asset)
  pair (409); an asset cannot use itself (422); `count` >= 1;
- links are relations, not production data: removing one deletes it (its event keeps the
  values); deleting an asset forever also deletes its tasks and every link touching it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.errors import Conflict, ValidationFailed
from shotline.production.custom_fields import validate_values
from shotline.production.models import Asset, AssetLink, AssetType, CustomEntity, Shot
from shotline.production.service import (
    apply_update,
    archive_row,
    check_deletable,
    check_version,
    ensure_unique,
    get_project,
    load,
    org_account,
    record_created,
    record_deleted,
    restore_row,
)
from shotline.production.shots import LINK_FIELDS, delete_dependents
from shotline.tasks.models import Task

ASSET_FIELDS = (
    "project_id",
    "code",
    "name",
    "description",
    "asset_type",
    "custom_type",
    "status",
    "priority",
    "lead_id",
    "due_date",
    "thumbnail_media_id",
    "custom",
)


def get_asset(session: Session, actor: Actor, asset_id: int) -> Asset:
    return load(session, actor, Asset, asset_id, "read_production")


def _check_type(asset_type: AssetType, custom_type: str | None) -> None:
    if asset_type == AssetType.CUSTOM and not custom_type:
        raise ValidationFailed(fields={"custom_type": "required when asset_type is custom"})
    if asset_type != AssetType.CUSTOM and custom_type:
        raise ValidationFailed(fields={"custom_type": "only for asset_type custom"})


def create_asset(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    code: str,
    asset_type: AssetType,
    custom: dict[str, Any] | None = None,
    **fields: Any,
) -> Asset:
    project = get_project(session, actor, project_id, verb="edit_production")
    ensure_unique(session, Asset, Asset.project_id == project.id, "code", code)
    _check_type(asset_type, fields.get("custom_type"))
    if fields.get("lead_id") is not None:
        org_account(session, actor, fields["lead_id"], "lead_id")
    values = validate_values(session, actor, project.id, CustomEntity.ASSET, custom or {})
    asset = Asset(project_id=project.id, code=code, asset_type=asset_type, custom=values, **fields)
    session.add(asset)
    record_created(session, actor, asset, ASSET_FIELDS, project_id=project.id)
    return asset


def update_asset(
    session: Session,
    actor: Actor,
    asset_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Asset:
    asset = load(session, actor, Asset, asset_id, "edit_production")
    check_version(asset, expected_version)
    if updates.get("code") is not None:
        ensure_unique(
            session,
            Asset,
            Asset.project_id == asset.project_id,
            "code",
            updates["code"],
            exclude_id=asset.id,
        )
    if "asset_type" in updates or "custom_type" in updates:
        asset_type = updates.get("asset_type") or asset.asset_type
        custom_type = updates.get("custom_type", asset.custom_type)
        if asset_type != AssetType.CUSTOM and "custom_type" not in updates:
            updates = {**updates, "custom_type": None}
            custom_type = None
        _check_type(asset_type, custom_type)
    if updates.get("lead_id") is not None:
        org_account(session, actor, updates["lead_id"], "lead_id")
    if "custom" in updates:
        if updates["custom"] is None:
            raise ValidationFailed(fields={"custom": "may not be null"})
        updates = {
            **updates,
            "custom": validate_values(
                session,
                actor,
                asset.project_id,
                CustomEntity.ASSET,
                updates["custom"],
                current=asset.custom,
            ),
        }
    apply_update(session, actor, asset, updates, project_id=asset.project_id)
    return asset


def archive_asset(session: Session, actor: Actor, asset_id: int) -> Asset:
    asset = load(session, actor, Asset, asset_id, "edit_production")
    return archive_row(session, actor, asset, project_id=asset.project_id)  # type: ignore[no-any-return]


def restore_asset(session: Session, actor: Actor, asset_id: int) -> Asset:
    asset = load(session, actor, Asset, asset_id, "edit_production")
    return restore_row(session, actor, asset, project_id=asset.project_id)  # type: ignore[no-any-return]


def delete_asset(session: Session, actor: Actor, asset_id: int, *, confirm: str) -> None:
    asset = load(session, actor, Asset, asset_id, "delete_forever")
    check_deletable(asset, confirm, asset.code)
    delete_dependents(
        session,
        actor,
        Task.asset_id == asset.id,
        or_(AssetLink.asset_id == asset.id, AssetLink.parent_asset_id == asset.id),
    )
    record_deleted(session, actor, asset, ASSET_FIELDS, project_id=asset.project_id)


# --- links ---------------------------------------------------------------------------


def list_links_of_shot(session: Session, actor: Actor, shot_id: int) -> list[AssetLink]:
    shot = load(session, actor, Shot, shot_id, "read_production")
    stmt = select(AssetLink).where(AssetLink.shot_id == shot.id).order_by(AssetLink.id)
    return list(session.scalars(stmt))


def list_links_of_asset(session: Session, actor: Actor, asset_id: int) -> list[AssetLink]:
    """Links where the asset is the user (`parent_asset_id`) or the one used (`asset_id`)."""
    asset = load(session, actor, Asset, asset_id, "read_production")
    stmt = (
        select(AssetLink)
        .where(or_(AssetLink.parent_asset_id == asset.id, AssetLink.asset_id == asset.id))
        .order_by(AssetLink.id)
    )
    return list(session.scalars(stmt))


def link_asset(
    session: Session,
    actor: Actor,
    *,
    asset_id: int,
    shot_id: int | None = None,
    parent_asset_id: int | None = None,
    count: int = 1,
) -> AssetLink:
    """The shot (or parent asset) uses `asset_id`, `count` times."""
    parent: Shot | Asset = (
        load(session, actor, Shot, shot_id, "edit_production")
        if shot_id is not None
        else load(session, actor, Asset, parent_asset_id or 0, "edit_production")
    )
    used = session.get(Asset, asset_id)
    if used is None or used.project_id != parent.project_id:
        raise ValidationFailed(fields={"asset_id": "no such asset in this project"})
    if parent_asset_id is not None and parent_asset_id == asset_id:
        raise ValidationFailed(fields={"asset_id": "an asset cannot use itself"})
    taken = select(AssetLink.id).where(AssetLink.asset_id == asset_id)
    taken = taken.where(
        AssetLink.shot_id == shot_id
        if shot_id is not None
        else AssetLink.parent_asset_id == parent_asset_id
    )
    if session.scalar(taken) is not None:
        raise Conflict(fields={"asset_id": "already linked"})
    link = AssetLink(
        project_id=parent.project_id,
        shot_id=shot_id,
        parent_asset_id=parent_asset_id,
        asset_id=asset_id,
        count=count,
    )
    session.add(link)
    record_created(session, actor, link, LINK_FIELDS, project_id=parent.project_id)
    return link


def update_link(
    session: Session,
    actor: Actor,
    link_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> AssetLink:
    link = load(session, actor, AssetLink, link_id, "edit_production")
    check_version(link, expected_version)
    apply_update(session, actor, link, updates, project_id=link.project_id)
    return link


def get_link(session: Session, actor: Actor, link_id: int) -> AssetLink:
    return load(session, actor, AssetLink, link_id, "read_production")


def unlink_asset(session: Session, actor: Actor, link_id: int) -> None:
    link = load(session, actor, AssetLink, link_id, "edit_production")
    record_deleted(session, actor, link, LINK_FIELDS, project_id=link.project_id)
