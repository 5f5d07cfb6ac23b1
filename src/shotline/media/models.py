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


class ScanState(enum.StrEnum):
    """The virus scan of the bytes. `not_scanned`: no scanner is configured."""

    PENDING = "pending"
    CLEAN = "clean"
    INFECTED = "infected"
    ERROR = "error"
    NOT_SCANNED = "not_scanned"


class MediaKind(enum.StrEnum):
    FILE = "file"
    SEQUENCE = "sequence"  # an image sequence: frames are other MediaFiles (`MediaSequenceFrame`)


SERVABLE_SCAN_STATES = frozenset({ScanState.CLEAN, ScanState.NOT_SCANNED})


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
    kind: Mapped[MediaKind] = mapped_column(
        str_enum(MediaKind), nullable=False, default=MediaKind.FILE, server_default="file"
    )
    scan_state: Mapped[ScanState] = mapped_column(
        str_enum(ScanState),
        nullable=False,
        default=ScanState.NOT_SCANNED,
        server_default="not_scanned",
    )
    technical: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    uploaded_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    renditions: Mapped[list[MediaRendition]] = relationship(
        back_populates="media_file",
        cascade="all, delete-orphan",
        order_by="MediaRendition.id",
        lazy="selectin",
    )

    @property
    def servable(self) -> bool:
        """May its bytes and renditions be served? Not while a scan is pending or after it
        failed or found something."""
        return self.scan_state in SERVABLE_SCAN_STATES and self.archived_at is None


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


class MediaSequenceFrame(IdMixin, Base):
    """One frame of an image sequence: the sequence's MediaFile (kind `sequence`) and the
    uploaded MediaFile holding that frame's bytes."""

    __tablename__ = "media_sequence_frame"
    __table_args__ = (
        UniqueConstraint("sequence_id", "frame"),
        Index("ix_media_sequence_frame_frame_media_id", "frame_media_id"),
    )

    sequence_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False
    )
    frame_media_id: Mapped[int] = mapped_column(BigId, ForeignKey("media_file.id"), nullable=False)
    frame: Mapped[int] = mapped_column(Integer, nullable=False)
