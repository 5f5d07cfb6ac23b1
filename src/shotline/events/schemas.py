"""Event log read shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class EventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    organization_id: int | None
    project_id: int | None
    actor_id: int | None
    actor_kind: str
    verb: str
    entity_type: str
    entity_id: int | None
    changes: dict[str, Any]
    data: dict[str, Any]
    request_id: str | None
    batch_id: str | None


class EventPage(BaseModel):
    items: list[EventRead]
    next_before_id: int | None
