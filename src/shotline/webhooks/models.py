"""Webhook subscriptions and their delivery log."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import AuditMixin, Base, IdMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow


class WebhookSubscription(AuditMixin, Base):
    __tablename__ = "webhook_subscription"

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False, index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=True
    )
    url: Mapped[str] = mapped_column(String(2000), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500), nullable=True)
    # "whsec_<base64>": kept so the server can sign; returned once, at creation.
    secret: Mapped[str] = mapped_column(String(200), nullable=False)
    # Verbs or prefixes ending in "." ("task.", "version.approved"); empty = every event.
    event_types: Mapped[list[str]] = mapped_column(JSONType, nullable=False, default=list)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The per-subscription cursor over the event log.
    last_event_id: Mapped[int] = mapped_column(BigId, nullable=False, default=0)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its next attempt
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # gave up (attempts exhausted, 410, or subscription disabled)


class WebhookDelivery(IdMixin, Base):
    """One event for one subscription; updated by each attempt."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id"),
        Index("ix_webhook_delivery_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_webhook_delivery_subscription_id_id", "subscription_id", "id"),
    )

    subscription_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("webhook_subscription.id", ondelete="CASCADE"), nullable=False
    )
    event_id: Mapped[int] = mapped_column(BigId, ForeignKey("event.id"), nullable=False)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus), nullable=False, default=DeliveryStatus.PENDING
    )
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True)  # <= 2 KB
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, nullable=False, default=list)
