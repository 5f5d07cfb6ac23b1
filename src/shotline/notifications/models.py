"""Notifications (one row per recipient, event and type), preferences, overdue notices."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import Base, IdMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow


class NotificationType(enum.StrEnum):
    TASK_ASSIGNED = "TASK_ASSIGNED"
    TASK_OVERDUE = "TASK_OVERDUE"
    TASK_READY_FOR_REVIEW = "TASK_READY_FOR_REVIEW"
    TASK_APPROVED = "TASK_APPROVED"
    TASK_CHANGES_REQUESTED = "TASK_CHANGES_REQUESTED"
    MENTIONED = "MENTIONED"
    NOTE_ON_WATCHED = "NOTE_ON_WATCHED"
    CLIENT_APPROVED = "CLIENT_APPROVED"
    CLIENT_CHANGES_REQUESTED = "CLIENT_CHANGES_REQUESTED"
    CLIENT_COMMENTED = "CLIENT_COMMENTED"
    VERSION_SHARED = "VERSION_SHARED"


class EmailMode(enum.StrEnum):
    OFF = "off"
    IMMEDIATE = "immediate"
    DIGEST = "digest"


class EmailState(enum.StrEnum):
    NONE = "none"  # no e-mail wanted
    PENDING = "pending"  # to send now
    DIGEST = "digest"  # waits for the daily digest
    SENT = "sent"
    FAILED = "failed"


class Notification(IdMixin, Base):
    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("recipient_id", "event_id", "type"),
        Index("ix_notification_recipient_id_read_at_id", "recipient_id", "read_at", "id"),
        Index("ix_notification_email_state_id", "email_state", "id"),
    )

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False
    )
    recipient_id: Mapped[int] = mapped_column(BigId, ForeignKey("account.id"), nullable=False)
    event_id: Mapped[int] = mapped_column(BigId, ForeignKey("event.id"), nullable=False)
    type: Mapped[NotificationType] = mapped_column(str_enum(NotificationType, 40), nullable=False)
    project_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    entity_type: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    # The rendered sentence at the time of the event ("Maya Chen assigned SH010 COMP to you").
    text: Mapped[str] = mapped_column(String(500), nullable=False)
    in_app: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    email_state: Mapped[EmailState] = mapped_column(
        str_enum(EmailState), nullable=False, default=EmailState.NONE
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Sent: when. Still pending after a failed attempt: when it was last tried.
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    email_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Why the last attempt failed (SMTP refused, server down, ...); None once sent.
    email_error: Mapped[str | None] = mapped_column(String(500), nullable=True)


class NotificationPreference(Base):
    """A person's choice for one type; a missing row means the default for that type."""

    __tablename__ = "notification_preference"

    account_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[NotificationType] = mapped_column(str_enum(NotificationType, 40), primary_key=True)
    in_app: Mapped[bool] = mapped_column(Boolean, nullable=False)
    email: Mapped[EmailMode] = mapped_column(str_enum(EmailMode), nullable=False)
    slack: Mapped[bool] = mapped_column(Boolean, nullable=False)


class OverdueNotice(Base):
    """The overdue scan noticed this task on this day: once per task per day."""

    __tablename__ = "overdue_notice"

    task_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    event_id: Mapped[int] = mapped_column(BigId, ForeignKey("event.id"), nullable=False)


class EmailDigest(Base):
    """The daily digest of one person for one day: at most one e-mail per person per day.

    The row is claimed before sending and marked sent after; a failed attempt keeps the row
    (with its reason) and is tried again by the next run.
    """

    __tablename__ = "email_digest"

    account_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    notification_ids: Mapped[list[int]] = mapped_column(JSONType, nullable=False, default=list)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)


class SlackIntegration(IdMixin, Base):
    """A project's Slack-compatible incoming webhook (Slack, Mattermost, Discord /slack)."""

    __tablename__ = "slack_integration"

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    # Never returned in full after saving (the URL is the credential).
    webhook_url: Mapped[str] = mapped_column(String(1000), nullable=False)
    # Notification types posted to the channel.
    types: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
