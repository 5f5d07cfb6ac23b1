"""Media read shapes: the file, its renditions and short-lived URLs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shotline.media.models import MediaKind, MediaState, RenditionKind, ScanState


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
    kind: MediaKind
    state: MediaState
    failure_reason: str | None
    scan_state: ScanState
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


class SequenceCreate(BaseModel):
    """Frames already uploaded (tus or multipart), by media id or by file name."""

    model_config = ConfigDict(extra="forbid")

    media_ids: list[int] = Field(default_factory=list, max_length=100_000)
    names: list[str] = Field(
        default_factory=list,
        max_length=100_000,
        description="File names of your own uploads (the newest upload of each name)",
    )
    fps: str | None = Field(
        default=None,
        max_length=32,
        description="Proxy frame rate such as 24 or 24000/1001; default: the project's, or 24",
    )
    project_id: int | None = Field(default=None, ge=1)
