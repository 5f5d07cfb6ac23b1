"""Organizations, accounts, login sessions, API keys and rate-limit counters."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import AuditMixin, Base, IdMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"
    PRODUCER = "producer"
    SUPERVISOR = "supervisor"
    ARTIST = "artist"
    CLIENT = "client"


class AccountStatus(enum.StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class AccountKind(enum.StrEnum):
    PERSON = "person"
    SCRIPT = "script"


class Organization(AuditMixin, Base):
    __tablename__ = "organization"

    # Plain ids: a foreign key here would make organization and account a cycle.
    created_by: Mapped[int | None] = mapped_column(BigId, nullable=True)
    updated_by: Mapped[int | None] = mapped_column(BigId, nullable=True)

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    settings: Mapped[dict[str, object]] = mapped_column(JSONType, nullable=False, default=dict)


class Account(AuditMixin, Base):
    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("email"),)

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False, index=True
    )
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[Role] = mapped_column(str_enum(Role), nullable=False)
    kind: Mapped[AccountKind] = mapped_column(
        str_enum(AccountKind), nullable=False, default=AccountKind.PERSON
    )
    status: Mapped[AccountStatus] = mapped_column(
        str_enum(AccountStatus), nullable=False, default=AccountStatus.ACTIVE
    )
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sso_subject: Mapped[str | None] = mapped_column(String(255), nullable=True)


class AuthSession(IdMixin, Base):
    """A browser login. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "auth_session"

    account_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("account.id"), nullable=False, index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(400), nullable=True)


class ApiKey(AuditMixin, Base):
    """A personal key for scripts: `shl_<prefix>_<secret>`; only its SHA-256 is stored."""

    __tablename__ = "api_key"

    account_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("account.id"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RateLimitBucket(Base):
    """A fixed-window counter shared by every server process (login, share passwords)."""

    __tablename__ = "rate_limit_bucket"
    __table_args__ = (Index("ix_rate_limit_bucket_window_end", "window_end"),)

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    window_end: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
