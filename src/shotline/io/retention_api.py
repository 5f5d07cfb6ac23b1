"""Routes: organization settings (archive retention) and purging archived rows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from shotline.deps import CurrentActor, DbSession
from shotline.io import retention

router = APIRouter(prefix="/api/v1/organization", tags=["organization"])


class OrganizationSettingsRead(BaseModel):
    archive_retention_days: int | None = Field(
        description="Archived rows older than this are deleted daily; null keeps them."
    )


class OrganizationSettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    archive_retention_days: int | None = Field(default=None, ge=1, le=retention.MAX_DAYS)


class PurgeResultRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    retention_days: int | None
    cutoff: datetime | None
    dry_run: bool
    deleted: dict[str, int]
    batch_id: str | None


@router.get("/settings", summary="Get the organization settings")
def get_organization_settings(actor: CurrentActor, session: DbSession) -> OrganizationSettingsRead:
    """Organization-wide settings (admins only)."""
    org = retention.get_settings(session, actor)
    return OrganizationSettingsRead(archive_retention_days=retention.retention_days(org))


@router.patch("/settings", summary="Update the organization settings")
def update_organization_settings(
    body: OrganizationSettingsUpdate, actor: CurrentActor, session: DbSession
) -> OrganizationSettingsRead:
    """Set `archive_retention_days` (1 to 3650) or clear it with null (admins only). Absent
    fields are left as they are."""
    org = retention.get_settings(session, actor)
    if "archive_retention_days" in body.model_fields_set:
        org = retention.set_retention(session, actor, days=body.archive_retention_days)
    return OrganizationSettingsRead(archive_retention_days=retention.retention_days(org))


@router.post("/purge-archived", summary="Purge archived rows past retention")
def purge_archived(
    actor: CurrentActor,
    session: DbSession,
    dry_run: Annotated[bool, Query(description="Only count what would be deleted.")] = False,
) -> PurgeResultRead:
    """Delete archived tasks, shots, assets, sequences and episodes older than the
    retention setting now, as the daily job does (admins only). Nothing when unset."""
    return PurgeResultRead.model_validate(retention.purge_archived(session, actor, dry_run=dry_run))
