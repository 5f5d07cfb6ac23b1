"""Activity feed read shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class ActivityActor(BaseModel):
    id: int | None
    name: str


class ActivityLink(BaseModel):
    label: str
    entity_type: str | None
    entity_id: int | None


class ActivityItem(BaseModel):
    id: int
    created_at: datetime
    verb: str
    project_id: int | None
    entity_type: str
    entity_id: int | None
    actor: ActivityActor
    sentence: str
    links: list[ActivityLink]
    changes: dict[str, Any]


class ActivityPage(BaseModel):
    items: list[ActivityItem]
    next_before_id: int | None
