"""Projects, crew, departments, episodes, sequences, shots, assets, asset links and custom
field definitions.

Every project-scoped row carries `project_id` (indexed) so permission filters are one
`project_id IN (...)` and never a join. Codes are unique per project (per organization for
projects and departments). Custom field values live in a `custom` JSON column validated
against `CustomFieldDefinition` rows by the services.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import ColumnElement

from shotline.auth.models import Role
from shotline.db.base import AuditMixin, Base
from shotline.db.types import BigId, JSONType, str_enum


class ProjectStatus(enum.StrEnum):
    BIDDING = "bidding"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class EntityStatus(enum.StrEnum):
    """Status of a shot or an asset (tasks have configurable per-project statuses)."""

    WAITING = "waiting"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    FINAL = "final"
    OMITTED = "omitted"


class AssetType(enum.StrEnum):
    CHARACTER = "character"
    PROP = "prop"
    ENVIRONMENT = "environment"
    VEHICLE = "vehicle"
    FX = "fx"
    MATTE_PAINTING = "matte_painting"
    CUSTOM = "custom"


class CustomEntity(enum.StrEnum):
    SHOT = "shot"
    ASSET = "asset"
    TASK = "task"


class CustomFieldType(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    ACCOUNT = "account"


class Project(AuditMixin, Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[ProjectStatus] = mapped_column(
        str_enum(ProjectStatus), nullable=False, default=ProjectStatus.ACTIVE
    )
    fps: Mapped[float] = mapped_column(Float, nullable=False, default=24.0)
    resolution_width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolution_height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)


class Department(AuditMixin, Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    color: Mapped[str | None] = mapped_column(String(7), nullable=True)


class ProjectMember(AuditMixin, Base):
    __tablename__ = "project_member"
    __table_args__ = (UniqueConstraint("project_id", "account_id"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("account.id"), nullable=True, index=True
    )
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    department_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("department.id"), nullable=True
    )
    role: Mapped[Role] = mapped_column(str_enum(Role), nullable=False)

    project: Mapped[Project] = relationship()


class Episode(AuditMixin, Base):
    __tablename__ = "episode"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    project: Mapped[Project] = relationship()


class Sequence(AuditMixin, Base):
    __tablename__ = "sequence"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id"), nullable=False, index=True
    )
    episode_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("episode.id"), nullable=True, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    project: Mapped[Project] = relationship()


class Shot(AuditMixin, Base):
    __tablename__ = "shot"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id"), nullable=False, index=True
    )
    sequence_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("sequence.id"), nullable=True, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[EntityStatus] = mapped_column(
        str_enum(EntityStatus), nullable=False, default=EntityStatus.WAITING
    )
    frame_in: Mapped[int | None] = mapped_column(Integer, nullable=True)
    frame_out: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cut_in: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cut_out: Mapped[int | None] = mapped_column(Integer, nullable=True)
    head_handles: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tail_handles: Mapped[int | None] = mapped_column(Integer, nullable=True)
    thumbnail_media_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    custom: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)

    project: Mapped[Project] = relationship()

    @hybrid_property
    def working_duration(self) -> int | None:
        """frame_out - frame_in + 1 when both are set."""
        if self.frame_in is None or self.frame_out is None:
            return None
        return self.frame_out - self.frame_in + 1

    @working_duration.inplace.expression
    @classmethod
    def _working_duration_expression(cls) -> ColumnElement[int | None]:
        return case(
            (
                cls.frame_in.is_not(None) & cls.frame_out.is_not(None),
                cls.frame_out - cls.frame_in + 1,
            ),
            else_=None,
        )


class Asset(AuditMixin, Base):
    __tablename__ = "asset"
    __table_args__ = (
        UniqueConstraint("project_id", "code"),
        CheckConstraint("priority >= 0 AND priority <= 4", name="priority_range"),
    )

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    asset_type: Mapped[AssetType] = mapped_column(str_enum(AssetType), nullable=False)
    custom_type: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[EntityStatus] = mapped_column(
        str_enum(EntityStatus), nullable=False, default=EntityStatus.WAITING
    )
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    lead_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    thumbnail_media_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    custom: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)

    project: Mapped[Project] = relationship()


class AssetLink(AuditMixin, Base):
    """Breakdown/casting: a shot uses an asset, or an asset uses another asset."""

    __tablename__ = "asset_link"
    __table_args__ = (
        UniqueConstraint("shot_id", "asset_id"),
        UniqueConstraint("parent_asset_id", "asset_id"),
        CheckConstraint(
            "(shot_id IS NOT NULL AND parent_asset_id IS NULL)"
            " OR (shot_id IS NULL AND parent_asset_id IS NOT NULL)",
            name="one_parent",
        ),
        CheckConstraint("count >= 1", name="count_positive"),
        Index("ix_asset_link_asset_id", "asset_id"),
    )

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id"), nullable=False, index=True
    )
    shot_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("shot.id", ondelete="CASCADE"), nullable=True
    )
    parent_asset_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("asset.id", ondelete="CASCADE"), nullable=True
    )
    asset_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("asset.id", ondelete="CASCADE"), nullable=False
    )
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    project: Mapped[Project] = relationship()


class CustomFieldDefinition(AuditMixin, Base):
    __tablename__ = "custom_field_definition"
    __table_args__ = (UniqueConstraint("project_id", "entity_type", "key"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    entity_type: Mapped[CustomEntity] = mapped_column(str_enum(CustomEntity), nullable=False)
    key: Mapped[str] = mapped_column(String(64), nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    field_type: Mapped[CustomFieldType] = mapped_column(str_enum(CustomFieldType), nullable=False)
    options: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list)
    required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    project: Mapped[Project] = relationship()
