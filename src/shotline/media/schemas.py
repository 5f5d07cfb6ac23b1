"""Media read shapes: the file, its renditions and short-lived URLs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from shotline.media.models import MediaState, RenditionKind


class RenditionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: RenditionKind
    mime: str
    width: int
    height: int
    size: int
    frame_count: int | None
    fps: str | None
    url: str | None = None


class MediaFileRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: int
    project_id: int | None
    sha256: str
    size: int
    mime: str
    original_name: str
    state: MediaState
    failure_reason: str | None
    technical: dict[str, Any]
    uploaded_by: int | None
    created_at: datetime
    processed_at: datetime | None
    renditions: list[RenditionRead]
    download_url: str | None = None
    urls_expire_at: datetime | None = None


class SignedUrl(BaseModel):
    url: str
    expires_at: datetime
