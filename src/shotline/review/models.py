"""Versions of a task (with their media), notes, mentions, attachments and approvals.

- `version.number` counts per task from 1; `uq_version_task_id` (task_id, number) makes a
  collision impossible in the database, and `versions.create_version` locks the task row
  first so concurrent uploads queue instead of failing.
- A note targets exactly one of task, version, shot or asset: four nullable foreign keys and
  the `one_target` CHECK. Real foreign keys (not a type + id pair) keep the database honest
  about what a note points at and give each target its own index.
- `project_id` is copied onto versions, notes and approvals so every permission filter is
  one indexed column, as for tasks.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shotline.db.base import AuditMixin, Base, IdMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow
from shotline.production.models import Project


class VersionStatus(enum.StrEnum):
    PENDING_REVIEW = "pending_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"


class MediaRole(enum.StrEnum):
    MAIN = "main"
    REFERENCE = "reference"
    AUDIO = "audio"
    OTHER = "other"


class NoteVisibility(enum.StrEnum):
    INTERNAL = "internal"
    CLIENT = "client"


class Decision(enum.StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


class ReviewStage(enum.StrEnum):
    INTERNAL = "internal"
    CLIENT = "client"


class Version(AuditMixin, Base):
    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("task_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint(
            "frame_in IS NULL OR frame_out IS NULL OR frame_out >= frame_in", name="frame_range"
        ),
        Index("ix_version_project_id_id", "project_id", "id"),
    )

    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    task_id: Mapped[int] = mapped_column(BigId, ForeignKey("task.id"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    uploaded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    status: Mapped[VersionStatus] = mapped_column(
        str_enum(VersionStatus), nullable=False, default=VersionStatus.PENDING_REVIEW
    )
    # Approved internally on a task type that needs a client review: the client issue's
    # "Share With Client" picks these up.
    ready_to_share: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    frame_in: Mapped[int | None] = mapped_column(Integer, nullable=True)
    frame_out: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Exact rate as a fraction string ("24", "24000/1001"); None until known.
    fps: Mapped[str | None] = mapped_column(String(32), nullable=True)
    is_client_visible: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    shared_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)

    project: Mapped[Project] = relationship()
    media_rows: Mapped[list[VersionMedia]] = relationship(
        viewonly=True, order_by="VersionMedia.position", lazy="selectin"
    )

    @property
    def media_ids(self) -> list[int]:
        return [row.media_file_id for row in self.media_rows]


class VersionMedia(Base):
    """The media of a version, in order; the first is the primary one the player shows."""

    __tablename__ = "version_media"
    __table_args__ = (Index("ix_version_media_media_file_id", "media_file_id"),)

    version_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("version.id", ondelete="CASCADE"), primary_key=True
    )
    media_file_id: Mapped[int] = mapped_column(BigId, ForeignKey("media_file.id"), primary_key=True)
    role: Mapped[MediaRole] = mapped_column(
        str_enum(MediaRole), nullable=False, default=MediaRole.MAIN
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Note(AuditMixin, Base):
    __tablename__ = "note"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN task_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN version_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN shot_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN asset_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        CheckConstraint(
            "frame_in IS NULL OR frame_out IS NULL OR frame_out >= frame_in", name="frame_range"
        ),
        CheckConstraint("author_id IS NOT NULL OR guest_name IS NOT NULL", name="has_author"),
        Index("ix_note_task_id", "task_id", "id"),
        Index("ix_note_version_id", "version_id", "frame_in"),
        Index("ix_note_shot_id", "shot_id", "id"),
        Index("ix_note_asset_id", "asset_id", "id"),
        Index("ix_note_parent_id", "parent_id"),
        Index("ix_note_project_id_id", "project_id", "id"),
    )

    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    task_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("task.id"), nullable=True)
    version_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("version.id"), nullable=True)
    shot_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("shot.id"), nullable=True)
    asset_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("asset.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("note.id"), nullable=True)
    author_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    # A share-link guest (client issue) has a name and no account.
    guest_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    visibility: Mapped[NoteVisibility] = mapped_column(
        str_enum(NoteVisibility), nullable=False, default=NoteVisibility.INTERNAL
    )
    frame_in: Mapped[int | None] = mapped_column(Integer, nullable=True)
    frame_out: Mapped[int | None] = mapped_column(Integer, nullable=True)
    annotation: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    project: Mapped[Project] = relationship()
    version: Mapped[Version | None] = relationship(viewonly=True)
    mention_rows: Mapped[list[NoteMention]] = relationship(
        viewonly=True, order_by="NoteMention.account_id", lazy="selectin"
    )
    attachment_rows: Mapped[list[NoteAttachment]] = relationship(
        viewonly=True, order_by="NoteAttachment.position", lazy="selectin"
    )

    @property
    def mention_ids(self) -> list[int]:
        return [row.account_id for row in self.mention_rows]

    @property
    def attachment_ids(self) -> list[int]:
        return [row.media_file_id for row in self.attachment_rows]

    @property
    def target_type(self) -> str:
        for name in ("version", "task", "shot", "asset"):
            if getattr(self, f"{name}_id") is not None:
                return name
        return "task"

    @property
    def target_id(self) -> int:
        value = getattr(self, f"{self.target_type}_id")
        return int(value)


class NoteMention(Base):
    __tablename__ = "note_mention"
    __table_args__ = (Index("ix_note_mention_account_id", "account_id", "note_id"),)

    note_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(BigId, ForeignKey("account.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NoteAttachment(Base):
    __tablename__ = "note_attachment"
    __table_args__ = (Index("ix_note_attachment_media_file_id", "media_file_id"),)

    note_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True
    )
    media_file_id: Mapped[int] = mapped_column(BigId, ForeignKey("media_file.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Approval(IdMixin, Base):
    """One decision on a version; never edited (history is the list of these rows)."""

    __tablename__ = "approval"
    __table_args__ = (
        CheckConstraint("account_id IS NOT NULL OR guest_name IS NOT NULL", name="has_author"),
        Index("ix_approval_version_id", "version_id", "id"),
        Index("ix_approval_task_id", "task_id", "id"),
        Index("ix_approval_project_id_id", "project_id", "id"),
    )

    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    version_id: Mapped[int] = mapped_column(BigId, ForeignKey("version.id"), nullable=False)
    task_id: Mapped[int] = mapped_column(BigId, ForeignKey("task.id"), nullable=False)
    decision: Mapped[Decision] = mapped_column(str_enum(Decision), nullable=False)
    stage: Mapped[ReviewStage] = mapped_column(str_enum(ReviewStage), nullable=False)
    account_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    guest_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("note.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    project: Mapped[Project] = relationship()
