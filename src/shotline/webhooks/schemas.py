"""Webhook shapes. The secret appears only in `WebhookCreated`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shotline.webhooks.models import DeliveryStatus

FILTER_HELP = "Verbs ('task.updated') or prefixes ending in '.' ('task.'); empty = all"


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2000)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] = Field(default_factory=list, max_length=50, description=FILTER_HELP)
    project_id: int | None = None


class WebhookUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, min_length=8, max_length=2000)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] | None = None
    project_id: int | None = None
    active: bool | None = None


class WebhookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    description: str | None
    event_types: list[str]
    project_id: int | None
    active: bool
    disabled_reason: str | None
    created_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(description="Shown once: keep it to verify signatures")


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    subscription_id: int
    event_id: int
    status: DeliveryStatus
    attempt: int
    http_status: int | None
    duration_ms: int | None
    response_body: str | None
    error: str | None
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    created_at: datetime
    history: list[dict[str, Any]]


class DeliveryPage(BaseModel):
    items: list[DeliveryRead]
    next_before_id: int | None
