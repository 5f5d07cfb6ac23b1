"""One row per background job: what runs, its state, attempts and last error."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import Base, IdMixin, TimestampMixin
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobRun(IdMixin, TimestampMixin, Base):
    """A job as the API shows it. The queue (Huey) carries only `job_run.id`."""

    __tablename__ = "job_run"
    __table_args__ = (
        Index("ix_job_run_organization_id_state_id", "organization_id", "state", "id"),
        Index("ix_job_run_dedupe_key", "dedupe_key"),
    )

    organization_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    args: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)
    # e.g. "media.process:42": a retry reuses the row instead of queueing twice
    dedupe_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    state: Mapped[JobState] = mapped_column(
        str_enum(JobState), nullable=False, default=JobState.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    last_error: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by: Mapped[int | None] = mapped_column(BigId, ForeignKey("account.id"), nullable=True)
