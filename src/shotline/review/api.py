"""Routes: versions of a task, approvals and the player's one-call data.

Notes are in `notes_api.py`. Media URLs are signed by `shotline.media.service`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.lifecycle_routes import with_etag
from shotline.media import service as media_service
from shotline.media.models import MediaFile, MediaState, RenditionKind
from shotline.media.processing.thumbnails import filmstrip_frames
from shotline.media.storage import Storage
from shotline.production.api import CREATED
from shotline.production.models import Project
from shotline.review import approvals, notes, timecode, versions
from shotline.review.models import Decision, Version
from shotline.review.schemas import (
    ApprovalRead,
    ApprovalState,
    DecisionCreate,
    DecisionResult,
    Filmstrip,
    FrameRate,
    NoteRead,
    PlayerData,
    VersionCreate,
    VersionMediaRead,
    VersionRead,
    VersionUpdate,
    thread_notes,
)

router = APIRouter(prefix="/api/v1", tags=["review"])
FILMSTRIP_TILES = 20  # `make_filmstrip`'s default


def _url(request: Request, media: MediaFile, kind: RenditionKind) -> tuple[str, Any] | None:
    if not media.servable or media_service.rendition_of(media, kind) is None:
        return None
    settings: Settings = request.app.state.settings
    storage: Storage = request.app.state.storage
    return media_service.signed_url(settings, storage, media, kind.value, inline=True)


def media_summary(request: Request, session: Session, version: Version) -> list[VersionMediaRead]:
    out = []
    for row, media in versions.version_media(session, version):
        tech = media.technical or {}
        thumb = _url(request, media, RenditionKind.THUMBNAIL_SMALL)
        out.append(
            VersionMediaRead(
                media_id=media.id,
                role=row.role,
                position=row.position,
                state=media.state,
                failure_reason=media.failure_reason,
                mime=media.mime,
                original_name=media.original_name,
                width=tech.get("width"),
                height=tech.get("height"),
                frame_count=tech.get("frame_count"),
                fps=tech.get("fps"),
                thumbnail_url=thumb[0] if thumb else None,
                proxy_ready=media_service.rendition_of(media, RenditionKind.PROXY) is not None,
            )
        )
    return out


def version_read(request: Request, session: Session, version: Version) -> VersionRead:
    body = VersionRead.model_validate(version)
    body.media = media_summary(request, session, version)
    return body


# --- versions ------------------------------------------------------------------------


@router.post("/tasks/{task_id}/versions", status_code=CREATED, summary="Upload a version")
def create_version(
    task_id: int, body: VersionCreate, request: Request, actor: CurrentActor, session: DbSession
) -> VersionRead:
    """A new version of the task from media already uploaded (`POST /media` or tus), numbered
    after the task's last one. Moves the task to internal review (see the project setting
    `auto_internal_review_on_upload`). Artists upload to tasks assigned to them."""
    version = versions.create_version(session, actor, task_id, **body.model_dump())
    return version_read(request, session, version)


@router.get("/tasks/{task_id}/versions", summary="List a task's versions")
def list_task_versions(
    task_id: int,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    include_archived: bool = False,
) -> list[VersionRead]:
    """Newest first, each with its media's state and renditions summary (a player shows
    "processing" until `proxy_ready`)."""
    rows = versions.list_task_versions(session, actor, task_id, include_archived=include_archived)
    return [version_read(request, session, v) for v in rows]


@router.get("/versions/{version_id}", summary="Get a version")
def get_version(
    version_id: int, request: Request, response: Response, actor: CurrentActor, session: DbSession
) -> VersionRead:
    """One version with its media summary and its `ETag`."""
    version = with_etag(response, versions.get_version(session, actor, version_id))
    return version_read(request, session, version)


@router.patch("/versions/{version_id}", summary="Update a version")
def update_version(
    version_id: int,
    body: VersionUpdate,
    request: Request,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> VersionRead:
    """Change the description, frame range or rate. The uploader or supervisors and up; a
    stale `If-Match` answers 412."""
    version = versions.update_version(
        session,
        actor,
        version_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return version_read(request, session, with_etag(response, version))


@router.post("/versions/{version_id}/archive", summary="Archive a version")
def archive_version(
    version_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> VersionRead:
    """Hide the version from lists; its number is never reused. Supervisors and up."""
    return version_read(request, session, versions.archive_version(session, actor, version_id))


# --- approvals -----------------------------------------------------------------------


def _decide(
    request: Request,
    session: Session,
    actor: Actor,
    version_id: int,
    decision: Decision,
    note: str | None,
) -> DecisionResult:
    approval, version, task = approvals.decide(
        session, actor, version_id, decision=decision, note=note
    )
    return DecisionResult(
        approval=ApprovalRead.model_validate(approval),
        version=version_read(request, session, version),
        task_status_id=task.status_id,
    )


@router.post("/versions/{version_id}/approve", summary="Approve a version")
def approve_version(
    version_id: int,
    body: DecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> DecisionResult:
    """Internal approval (supervisors, producers, admins; artists get 403). The task moves to
    done, or stays in review with the version `ready_to_share` when its task type needs a
    client review. Optional `note` text becomes a note on the version."""
    return _decide(request, session, actor, version_id, Decision.APPROVED, body.note)


@router.post("/versions/{version_id}/request-changes", summary="Request changes on a version")
def request_version_changes(
    version_id: int,
    body: DecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> DecisionResult:
    """Send the version back: it becomes `changes_requested` and the task moves to changes.
    Supervisors and up; optional `note` text becomes a note on the version."""
    return _decide(request, session, actor, version_id, Decision.CHANGES_REQUESTED, body.note)


@router.get("/versions/{version_id}/approvals", summary="List a version's decisions")
def list_version_approvals(
    version_id: int, actor: CurrentActor, session: DbSession
) -> list[ApprovalRead]:
    """Every decision on the version (who, when, stage), oldest first."""
    rows = approvals.list_version_approvals(session, actor, version_id)
    return [ApprovalRead.model_validate(a) for a in rows]


@router.get("/tasks/{task_id}/approvals", summary="List a task's decisions")
def list_task_approvals(
    task_id: int, actor: CurrentActor, session: DbSession
) -> list[ApprovalRead]:
    """Every decision on every version of the task, oldest first."""
    rows = approvals.list_task_approvals(session, actor, task_id)
    return [ApprovalRead.model_validate(a) for a in rows]


# --- player --------------------------------------------------------------------------


def _rate(version: Version, media: MediaFile | None, project: Project) -> Fraction:
    tech = media.technical if media is not None and media.state == MediaState.READY else {}
    for value in (tech.get("fps"), version.fps):
        if value:
            return timecode.parse_rate(value)
    return timecode.parse_rate(project.fps)


@router.get("/versions/{version_id}/player", summary="Everything the review player needs")
def get_version_player(
    version_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> PlayerData:
    """The proxy URL (short-lived), the exact rate, frame count, first frame, size, source
    timecode, the filmstrip, the version's notes (threaded, with frames and drawings) and
    its approval state, in one call. Frame `n` of the media is frame number
    `first_frame + n`; seek to `timecode`'s middle of the frame, never to `n / fps`."""
    version = versions.get_version(session, actor, version_id)
    pairs = versions.version_media(session, version)
    media = pairs[0][1] if pairs else None
    ready = media is not None and media.state == MediaState.READY
    tech: dict[str, Any] = media.technical if ready and media is not None else {}
    rate = _rate(version, media, version.project)
    proxy = _url(request, media, RenditionKind.PROXY) if media is not None else None
    frame_count = tech.get("frame_count")
    first = version.frame_in if version.frame_in is not None else 1
    last = version.frame_out
    if last is None and frame_count:
        last = first + int(frame_count) - 1
    strip = None
    rendition = media_service.rendition_of(media, RenditionKind.FILMSTRIP) if media else None
    if media is not None and rendition is not None:
        total = rendition.frame_count or int(frame_count or 1)
        shown = filmstrip_frames(total, FILMSTRIP_TILES)
        strip_url = _url(request, media, RenditionKind.FILMSTRIP)
        strip = Filmstrip(
            url=strip_url[0] if strip_url else "",
            width=rendition.width,
            height=rendition.height,
            tiles=len(shown),
            tile_width=rendition.width // len(shown),
            frames=[first + f for f in shown],
        )
    drop = timecode.is_drop_frame(rate)
    note_rows = notes.list_notes(session, actor, target_type="version", target_id=version.id)
    history = approvals.list_version_approvals(session, actor, version.id)
    return PlayerData(
        version=version_read(request, session, version),
        media_id=media.id if media is not None else 0,
        state=media.state if media is not None else MediaState.FAILED,
        proxy_url=proxy[0] if proxy else None,
        urls_expire_at=proxy[1] if proxy else None,
        rate=FrameRate(
            numerator=rate.numerator,
            denominator=rate.denominator,
            fps=float(rate),
            drop_frame=drop,
        ),
        frame_count=frame_count,
        first_frame=first,
        last_frame=last,
        width=tech.get("width"),
        height=tech.get("height"),
        start_timecode=tech.get("timecode"),
        first_frame_timecode=timecode.frame_to_timecode(first, rate) if first >= 0 else None,
        filmstrip=strip,
        notes=thread_notes([NoteRead.model_validate(n) for n in note_rows]),
        approval=ApprovalState(
            status=version.status,
            ready_to_share=version.ready_to_share,
            history=[ApprovalRead.model_validate(a) for a in history],
        ),
    )
