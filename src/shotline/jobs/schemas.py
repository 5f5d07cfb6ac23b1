"""Job run read shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from shotline.jobs.models import JobState


class JobRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    args: dict[str, Any]
    state: JobState
    attempts: int
    max_attempts: int
    last_error: str | None
    queued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class JobRunPage(BaseModel):
    items: list[JobRunRead]
    total: int
