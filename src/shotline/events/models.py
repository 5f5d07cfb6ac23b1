"""The append-only event log (transactional outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Identity, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import Base
from shotline.db.types import BigId, JSONType, UTCDateTime, utcnow


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_organization_id_id", "organization_id", "id"),
        Index("ix_event_project_id_id", "project_id", "id"),
        Index("ix_event_entity", "entity_type", "entity_id", "id"),
        Index("ix_event_actor_id_id", "actor_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, Identity(), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    organization_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=True
    )
    project_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    actor_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
    actor_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    verb: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    batch_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ConsumerCursor(Base):
    """How far a consumer of the log (the notifier, the Slack poster, ...) has read.

    Consumers read events with `id > last_event_id` and move the cursor in the same
    transaction as the rows they write, so a crash replays (at-least-once) and the
    consumers' own unique keys make the replay harmless. A consumer whose effect is outside
    the database (a Slack post) cannot be made harmless that way: it holds a lease
    (`leased_until`) while it sends, so a second run does not send the same messages.
    """

    __tablename__ = "consumer_cursor"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(BigId, nullable=False, default=0)
    leased_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )
