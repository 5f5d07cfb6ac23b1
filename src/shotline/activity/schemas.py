"""Activity feed read shapes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from shotline.activity.service import ActivityEntry


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


def to_item(entry: ActivityEntry) -> ActivityItem:
    """An activity entry (event, actor name, rendered sentence) as the feed and stream show it."""
    event = entry.event
    return ActivityItem(
        id=event.id,
        created_at=event.created_at,
        verb=event.verb,
        project_id=event.project_id,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        actor=ActivityActor(id=event.actor_id, name=entry.actor_name),
        sentence=entry.rendered.sentence,
        links=[ActivityLink.model_validate(x) for x in entry.rendered.links],
        changes=event.changes,
    )
