"""Inbox and preference shapes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shotline.notifications.models import EmailMode, NotificationType


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    type: NotificationType
    event_id: int
    project_id: int | None
    entity_type: str
    entity_id: int | None
    text: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    unread: int


class UnreadCount(BaseModel):
    unread: int


class ReadAllResult(BaseModel):
    marked: int


class PreferenceChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    in_app: bool
    email: EmailMode
    slack: bool


class PreferenceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    in_app: bool | None = None
    email: EmailMode | None = None
    slack: bool | None = None


class Preferences(BaseModel):
    """One choice per notification type (`email`: off, immediate or digest)."""

    preferences: dict[NotificationType, PreferenceChoice]


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preferences: dict[NotificationType, PreferenceUpdate]


class OverdueScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    today: date | None = None


class OverdueScanResult(BaseModel):
    task_ids: list[int]


class SlackIntegrationRead(BaseModel):
    """A project's Slack-compatible webhook; the URL only masked (it is the credential)."""

    project_id: int
    webhook_url_masked: str
    types: list[NotificationType]
    active: bool


class SlackIntegrationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    webhook_url: Annotated[str, Field(min_length=8, max_length=1000)] | None = Field(
        default=None, description="Required the first time; omit to keep the saved one."
    )
    types: list[NotificationType] | None = Field(
        default=None, description="Which notification types are posted to the channel."
    )
    active: bool | None = None
