"""Request and response shapes for versions, notes, approvals and the player.

`*ClientRead` schemas are what clients will get (the client issue): they leave out who
uploaded, internal statuses and everything about tasks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, model_validator

from shotline.media.models import MediaState
from shotline.production.schemas import Audited, Input, Output, Text
from shotline.review.annotations import Annotation
from shotline.review.models import (
    Decision,
    MediaRole,
    NoteVisibility,
    ReviewStage,
    VersionStatus,
)
from shotline.types import FrameNumber, Id

Fps = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{0,5}(/[1-9][0-9]{0,4})?$", max_length=16),
    Field(description='An exact rate: "24", "25", "24000/1001", "30000/1001".'),
]
NoteBody = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
MediaIds = Annotated[list[Id], Field(max_length=20)]


def _check_range(frame_in: int | None, frame_out: int | None) -> None:
    if frame_in is not None and frame_out is not None and frame_out < frame_in:
        raise ValueError("frame_out must not be before frame_in")


# --- versions ------------------------------------------------------------------------


class VersionCreate(Input):
    media_ids: Annotated[list[Id], Field(min_length=1, max_length=20)] = Field(
        description="Uploaded media files; the first is the primary one the player shows."
    )
    description: Text | None = None
    frame_in: FrameNumber | None = Field(
        default=None, description="First frame number; defaults to the shot's frame_in, else 1."
    )
    frame_out: FrameNumber | None = Field(
        default=None, description="Defaults to frame_in + the media's frame count - 1."
    )
    fps: Fps | None = Field(default=None, description="Defaults to the media's own rate.")

    @model_validator(mode="after")
    def _range(self) -> VersionCreate:
        _check_range(self.frame_in, self.frame_out)
        return self


class VersionUpdate(Input):
    description: Text | None = None
    frame_in: FrameNumber | None = None
    frame_out: FrameNumber | None = None
    fps: Fps | None = None


class VersionMediaRead(BaseModel):
    """One media file of a version, enough for a list or a 'processing' badge."""

    media_id: int
    role: MediaRole
    position: int
    state: MediaState
    failure_reason: str | None = None
    mime: str
    original_name: str
    width: int | None = None
    height: int | None = None
    frame_count: int | None = None
    fps: str | None = None
    thumbnail_url: str | None = None
    proxy_ready: bool = False


class VersionRead(Audited):
    project_id: int
    task_id: int
    number: int
    description: str | None
    uploaded_by: int | None
    status: VersionStatus
    ready_to_share: bool
    frame_in: int | None
    frame_out: int | None
    fps: str | None
    is_client_visible: bool
    shared_at: datetime | None
    shared_by: int | None
    media_ids: list[int]
    media: list[VersionMediaRead] = Field(default_factory=list)


class VersionClientRead(Output):
    """A shared version as a client sees it: no uploader, internal status or task fields."""

    id: int
    number: int
    description: str | None
    frame_in: int | None
    frame_out: int | None
    fps: str | None
    shared_at: datetime | None
    media: list[VersionMediaRead] = Field(default_factory=list)


# --- notes ---------------------------------------------------------------------------


class NoteCreate(Input):
    body: NoteBody = Field(description="Text; mention someone with `@[Display Name](account:ID)`.")
    parent_id: Id | None = Field(default=None, description="Reply to this note (same target).")
    visibility: NoteVisibility = NoteVisibility.INTERNAL
    frame_in: FrameNumber | None = Field(
        default=None, description="Version notes: the frame (or first frame of a range)."
    )
    frame_out: FrameNumber | None = Field(default=None, description="Last frame of a range.")
    annotation: Annotation | None = Field(
        default=None, description="A drawing on `frame_in` (version notes only)."
    )
    attachment_ids: MediaIds = Field(default_factory=list)

    @model_validator(mode="after")
    def _frames(self) -> NoteCreate:
        _check_range(self.frame_in, self.frame_out)
        if self.frame_out is not None and self.frame_in is None:
            raise ValueError("frame_out needs frame_in")
        if self.annotation is not None and self.frame_in is None:
            raise ValueError("an annotation needs frame_in")
        return self


class NoteUpdate(Input):
    body: NoteBody | None = None
    visibility: NoteVisibility | None = None
    annotation: Annotation | None = None


class NoteRead(Audited):
    project_id: int
    target_type: str
    target_id: int
    task_id: int | None
    version_id: int | None
    shot_id: int | None
    asset_id: int | None
    parent_id: int | None
    author_id: int | None
    guest_name: str | None
    body: str
    visibility: NoteVisibility
    frame_in: int | None
    frame_out: int | None
    annotation: Annotation | None
    mention_ids: list[int]
    attachment_ids: list[int]
    replies: list[NoteRead] = Field(default_factory=list)


class NoteClientRead(Output):
    """A client-visible note: author shown by id or guest name only, no internal links."""

    id: int
    version_id: int | None
    parent_id: int | None
    author_id: int | None
    guest_name: str | None
    body: str
    frame_in: int | None
    frame_out: int | None
    annotation: Annotation | None
    created_at: datetime
    replies: list[NoteClientRead] = Field(default_factory=list)


# --- approvals -----------------------------------------------------------------------


class DecisionCreate(Input):
    note: NoteBody | None = Field(
        default=None, description="Optional text; becomes a note on the version."
    )


class ApprovalRead(Output):
    id: int
    project_id: int
    version_id: int
    task_id: int
    decision: Decision
    stage: ReviewStage
    account_id: int | None
    guest_name: str | None
    note_id: int | None
    created_at: datetime


class DecisionResult(BaseModel):
    approval: ApprovalRead
    version: VersionRead
    task_status_id: int = Field(description="The task's status after the automation ran.")


# --- player --------------------------------------------------------------------------


class FrameRate(BaseModel):
    numerator: int
    denominator: int
    fps: float
    drop_frame: bool = Field(description="SMPTE drop-frame counting (29.97, 59.94).")


class Filmstrip(BaseModel):
    url: str
    width: int
    height: int
    tiles: int
    tile_width: int
    frames: list[int] = Field(description="The frame number each tile shows.")


class ApprovalState(BaseModel):
    status: VersionStatus
    ready_to_share: bool
    history: list[ApprovalRead]


class PlayerData(BaseModel):
    """Everything a frame-accurate player needs, in one call."""

    version: VersionRead
    media_id: int
    state: MediaState
    proxy_url: str | None
    urls_expire_at: datetime | None
    rate: FrameRate | None
    frame_count: int | None
    first_frame: int
    last_frame: int | None
    width: int | None
    height: int | None
    start_timecode: str | None = Field(description="The source's own timecode, when known.")
    first_frame_timecode: str | None = Field(description="`first_frame` as SMPTE timecode.")
    filmstrip: Filmstrip | None
    notes: list[NoteRead]
    approval: ApprovalState


def thread_notes(rows: list[NoteRead]) -> list[NoteRead]:
    """Nest replies under their parents, oldest first at every level. A reply whose parent
    is not in `rows` (archived, or filtered out) stays at the top level."""
    by_id = {n.id: n for n in rows}
    roots: list[NoteRead] = []
    for note in rows:
        parent = by_id.get(note.parent_id) if note.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(note)
    return roots
