"""Review sessions (share links), the versions in them, their guests and access log.

- `token_hash` is the SHA-256 of a `secrets.token_urlsafe(32)` token (256 bits); the token
  itself is shown once (creation, regeneration) and never stored;
- `downloads` is counted with one conditional UPDATE (`downloads < download_limit`), so
  concurrent downloads can never pass the limit;
- a guest (`review_guest`) is a name bound to one session, with its own random token
  (hashed); revoking or regenerating the link ends every guest of it;
- the access log is append-only.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shotline.db.base import AuditMixin, Base, IdMixin
from shotline.db.types import BigId, UTCDateTime, str_enum, utcnow
from shotline.production.models import Project


class AccessKind(enum.StrEnum):
    OPENED = "opened"
    UNLOCKED = "unlocked"
    FAILED_PASSWORD = "failed_password"  # noqa: S105 (a log kind, not a secret)
    PLAYED = "played"
    DOWNLOADED = "downloaded"
    DOWNLOAD_REFUSED = "download_refused"
    COMMENTED = "commented"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


class ReviewSession(AuditMixin, Base):
    __tablename__ = "review_session"
    __table_args__ = (
        CheckConstraint("downloads >= 0", name="downloads_positive"),
        CheckConstraint(
            "download_limit IS NULL OR download_limit >= 1", name="download_limit_positive"
        ),
        Index("ix_review_session_project_id_id", "project_id", "id"),
    )

    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    allow_comments: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    allow_approvals: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    allow_downloads: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    download_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    downloads: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    require_email: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    project: Mapped[Project] = relationship()

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and self.archived_at is None and self.expires_at > now


class ReviewSessionVersion(Base):
    __tablename__ = "review_session_version"
    __table_args__ = (Index("ix_review_session_version_version_id", "version_id"),)

    review_session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_session.id", ondelete="CASCADE"), primary_key=True
    )
    version_id: Mapped[int] = mapped_column(BigId, ForeignKey("version.id"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    added_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)


class ReviewGuest(IdMixin, Base):
    """Someone who opened a link and gave a name; the cookie holds a token, stored hashed."""

    __tablename__ = "review_guest"
    __table_args__ = (Index("ix_review_guest_review_session_id", "review_session_id"),)

    review_session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_session.id", ondelete="CASCADE"), nullable=False
    )
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(400), nullable=True)


class ReviewSessionAccess(IdMixin, Base):
    """One line of a link's access log (append-only)."""

    __tablename__ = "review_session_access"
    __table_args__ = (
        Index("ix_review_session_access_review_session_id", "review_session_id", "id"),
    )

    review_session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_session.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[AccessKind] = mapped_column(str_enum(AccessKind), nullable=False)
    version_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("version.id"), nullable=True)
    guest_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("review_guest.id"), nullable=True
    )
    viewer_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(400), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class DownloadState(enum.StrEnum):
    QUEUED = "queued"
    READY = "ready"
    FAILED = "failed"


class WatermarkedDownload(IdMixin, Base):
    """A download asked for in a project that burns the viewer's name into downloads: the
    copy is made by the `clientreview.watermark` job. Copies with the same media and text
    share one stored file (`storage_key`)."""

    __tablename__ = "watermarked_download"
    __table_args__ = (
        Index("ix_watermarked_download_media_file_id_watermark", "media_file_id", "watermark"),
        Index("ix_watermarked_download_review_session_id", "review_session_id"),
    )

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False
    )
    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    version_id: Mapped[int] = mapped_column(BigId, ForeignKey("version.id"), nullable=False)
    media_file_id: Mapped[int] = mapped_column(BigId, ForeignKey("media_file.id"), nullable=False)
    review_session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_session.id", ondelete="CASCADE"), nullable=False
    )
    guest_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_guest.id", ondelete="CASCADE"), nullable=False
    )
    watermark: Mapped[str] = mapped_column(String(300), nullable=False)
    state: Mapped[DownloadState] = mapped_column(
        str_enum(DownloadState), nullable=False, default=DownloadState.QUEUED
    )
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    storage_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    mime: Mapped[str | None] = mapped_column(String(127), nullable=True)
    size: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    failure_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
