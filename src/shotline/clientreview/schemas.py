"""Request and response shapes for sharing, review sessions, the guest side and the portal.

Everything a guest or a client account receives is a `*Client*` schema: no task, no
assignee, no internal status, no internal note, no uploader.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, model_validator

from shotline.clientreview.models import AccessKind, DownloadState
from shotline.production.schemas import Input, Output
from shotline.review.annotations import Annotation
from shotline.review.models import Decision
from shotline.review.schemas import (
    FrameRate,
    NoteBody,
    NoteClientRead,
    VersionClientRead,
    VersionRead,
)
from shotline.types import Email, FrameNumber, Id, Name, Password

# --- staff: review sessions ----------------------------------------------------------


class ReviewEmailSend(Input):
    """ "Send Review Email": the link, the project, the shots/tasks in it and a message."""

    to: list[Email] = Field(min_length=1, max_length=20, description="Recipients' addresses.")
    message: str | None = Field(default=None, max_length=5000, description="Optional text.")


class ReviewEmailRequest(ReviewEmailSend):
    token: str = Field(
        min_length=1, max_length=200, description="The link's token (shown at creation)."
    )


class ReviewEmailResult(BaseModel):
    recipients: list[str]
    subject: str


class ReviewSessionCreate(Input):
    name: Name
    expires_at: datetime | None = Field(
        default=None,
        description="Defaults to now + the organization's `share_default_days` (14); at most "
        "`share_max_days` ahead (422 beyond).",
    )
    password: Password | None = Field(default=None, description="Optional; stored as Argon2.")
    allow_comments: bool = True
    allow_approvals: bool = True
    allow_downloads: bool = False
    download_limit: int | None = Field(default=None, ge=1, le=1_000_000)
    require_email: bool = Field(default=False, description="Guests must give an e-mail.")
    version_ids: list[Id] = Field(default_factory=list, max_length=500)
    email: ReviewEmailSend | None = Field(
        default=None,
        description="E-mail the new link at once; an SMTP failure creates nothing (502).",
    )


class ReviewSessionUpdate(Input):
    name: Name | None = None
    expires_at: datetime | None = None
    password: Password | None = Field(default=None, description="null removes the password.")
    allow_comments: bool | None = None
    allow_approvals: bool | None = None
    allow_downloads: bool | None = None
    download_limit: int | None = Field(default=None, ge=1, le=1_000_000)
    require_email: bool | None = None


class ReviewSessionRead(Output):
    id: int
    project_id: int
    name: str
    state: str = Field(description="active, expired or revoked")
    expires_at: datetime
    has_password: bool
    allow_comments: bool
    allow_approvals: bool
    allow_downloads: bool
    download_limit: int | None
    downloads: int
    require_email: bool
    revoked_at: datetime | None
    created_at: datetime
    created_by: int | None
    version_ids: list[int] = Field(default_factory=list)


class ReviewSessionCreated(ReviewSessionRead):
    """Returned once, at creation or regeneration: the only time the token is shown."""

    token: str
    url: str = Field(description="The link to give the client (the web app's share page).")
    embed_html: str = Field(description="An <iframe> snippet that embeds the link.")
    emailed: ReviewEmailResult | None = Field(
        default=None, description="Set when the create body asked for an e-mail."
    )


class SessionVersions(Input):
    version_ids: list[Id] = Field(min_length=1, max_length=500)


class QrRequest(Input):
    token: str = Field(min_length=1, max_length=200, description="The link's token.")


class AccessRead(Output):
    id: int
    kind: AccessKind
    version_id: int | None
    version_label: str | None = Field(
        default=None, description='The version as people say it: "SH010 COMP v004".'
    )
    viewer_name: str | None
    ip: str | None
    user_agent: str | None
    created_at: datetime


class ShareSettings(BaseModel):
    share_default_days: int = Field(ge=1, le=3650)
    share_max_days: int = Field(ge=1, le=3650)


class ShareSettingsUpdate(Input):
    share_default_days: int | None = Field(default=None, ge=1, le=3650)
    share_max_days: int | None = Field(default=None, ge=1, le=3650)


class ReviewSessionDefaults(BaseModel):
    """What the "Create review link for client?" dialog pre-fills."""

    name: str
    expires_at: datetime
    max_expires_at: datetime
    active_sessions: list[ReviewSessionRead]


# --- staff: share ---------------------------------------------------------------------


class ShareRequest(Input):
    review_session_id: Id | None = Field(
        default=None, description="Add to this session; default: the project's newest live one."
    )
    create_session: ReviewSessionCreate | None = Field(
        default=None, description="Create a session for this share in the same call."
    )

    @model_validator(mode="after")
    def _one(self) -> ShareRequest:
        if self.review_session_id is not None and self.create_session is not None:
            raise ValueError("give review_session_id or create_session, not both")
        return self


class ShareResult(BaseModel):
    version: VersionRead
    review_session: ReviewSessionRead
    created: ReviewSessionCreated | None = Field(
        default=None, description="Set when `create_session` made a new link (token shown once)."
    )
    task_status_id: int


# --- guests and client accounts --------------------------------------------------------


class ShareInfo(BaseModel):
    name: str
    project_name: str
    expires_at: datetime
    password_required: bool
    email_required: bool
    allow_comments: bool
    allow_approvals: bool
    allow_downloads: bool


class UnlockRequest(Input):
    name: Name = Field(description="Shown on notes, approvals and the player's watermark.")
    email: Email | None = None
    password: Password | None = None


class GuestRead(BaseModel):
    name: str
    expires_at: datetime
    guest_token: str = Field(
        description="Also set as an HttpOnly cookie; scripts may send it as `X-Guest-Token`."
    )


class ClientProjectRead(Output):
    id: int
    code: str
    name: str


class ClientVersionItem(VersionClientRead):
    label: str = Field(description='"SH010 COMP v004": shot or asset, step, number.')
    entity_code: str
    step: str
    latest: bool = Field(description="The newest shared version of its task.")


class ClientDecisionRead(Output):
    id: int
    decision: Decision
    by: str
    created_at: datetime


class ClientPlayerData(BaseModel):
    """The staff player's payload, redacted for clients."""

    version: ClientVersionItem
    media_id: int
    proxy_url: str | None
    urls_expire_at: datetime | None
    rate: FrameRate | None
    frame_count: int | None
    first_frame: int
    last_frame: int | None
    width: int | None
    height: int | None
    first_frame_timecode: str | None
    notes: list[NoteClientRead]
    decisions: list[ClientDecisionRead]
    watermark: str = Field(description="Overlay this on the picture: viewer name and date.")
    can_comment: bool
    can_approve: bool
    can_download: bool
    download_watermarked: bool = Field(
        description="Downloads carry the viewer's name burned in (the project's setting)."
    )


class ClientNoteCreate(Input):
    body: NoteBody
    parent_id: Id | None = None
    frame_in: FrameNumber | None = None
    frame_out: FrameNumber | None = None
    annotation: Annotation | None = None

    @model_validator(mode="after")
    def _frames(self) -> ClientNoteCreate:
        if self.frame_out is not None and self.frame_in is None:
            raise ValueError("frame_out needs frame_in")
        if (
            self.frame_in is not None
            and self.frame_out is not None
            and self.frame_out < self.frame_in
        ):
            raise ValueError("frame_out must not be before frame_in")
        if self.annotation is not None and self.frame_in is None:
            raise ValueError("an annotation needs frame_in")
        return self


class ClientDecisionCreate(Input):
    note: NoteBody | None = Field(default=None, description="Optional text; becomes a note.")


class ClientDecisionResult(BaseModel):
    decision: ClientDecisionRead
    version: ClientVersionItem


class DownloadLink(BaseModel):
    """A download: `ready` with a URL valid ≤ 5 minutes, or `preparing` while the viewer's
    name is burned into a copy (projects with `burn_in_watermark`): poll `status_url`."""

    state: DownloadState = Field(
        description="ready: `url` is set; queued: being prepared; failed: see `reason`."
    )
    url: str | None = None
    expires_at: datetime | None = None
    downloads_left: int | None = Field(description="Left on the link after this; null: no limit.")
    watermarked: bool = Field(description="The viewer's name and the date are burned in.")
    download_id: int | None = Field(
        default=None, description="Set for watermarked downloads: poll `status_url`."
    )
    status_url: str | None = None
    reason: str | None = Field(default=None, description="Why a watermarked copy failed.")
