"""Media files (one row per upload) and their renditions (thumbnails, proxy, filmstrip)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shotline.db.base import AuditMixin, Base, IdMixin, TimestampMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum


class MediaState(enum.StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class RenditionKind(enum.StrEnum):
    THUMBNAIL_SMALL = "thumbnail_small"
    THUMBNAIL_MEDIUM = "thumbnail_medium"
    THUMBNAIL_LARGE = "thumbnail_large"
    PROXY = "proxy"
    FILMSTRIP = "filmstrip"


class MediaFile(AuditMixin, Base):
    """One uploaded file. The bytes live once in storage under `storage_key`
    (`blobs/<aa>/<bb>/<sha256>`); two uploads of the same bytes are two rows, one blob."""

    __tablename__ = "media_file"
    __table_args__ = (
        Index("ix_media_file_organization_id_id", "organization_id", "id"),
        Index("ix_media_file_sha256", "sha256"),
    )

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False
    )
    # No foreign key yet: projects arrive in another migration; linked when they land.
    project_id: Mapped[int | None] = mapped_column(BigId, nullable=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    mime: Mapped[str] = mapped_column(String(127), nullable=False)
    original_name: Mapped[str] = mapped_column(String(255), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(255), nullable=False)
    state: Mapped[MediaState] = mapped_column(
        str_enum(MediaState), nullable=False, default=MediaState.QUEUED
    )
    failure_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    technical: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    uploaded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    renditions: Mapped[list[MediaRendition]] = relationship(
        back_populates="media_file",
        cascade="all, delete-orphan",
        order_by="MediaRendition.id",
        lazy="selectin",
    )


class MediaRendition(IdMixin, TimestampMixin, Base):
    """A derived file the server made; replaced as a whole when processing runs again."""

    __tablename__ = "media_rendition"
    __table_args__ = (UniqueConstraint("media_file_id", "kind"),)

    media_file_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[RenditionKind] = mapped_column(str_enum(RenditionKind), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(255), nullable=False)
    mime: Mapped[str] = mapped_column(String(127), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    frame_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fps: Mapped[str | None] = mapped_column(String(32), nullable=True)

    media_file: Mapped[MediaFile] = relationship(back_populates="renditions")
