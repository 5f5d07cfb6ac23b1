"""Versions of a task: create from uploaded media, read, list, update, archive.

Invariants:
- `number` is the task's highest version number + 1 (archived versions count, so a number
  is never reused). Creating locks the task row first (`SELECT … FOR UPDATE` on
  PostgreSQL; SQLite write transactions are already serialized by `BEGIN IMMEDIATE`), and
  the insert runs in a SAVEPOINT retried on `IntegrityError` against the unique
  (task_id, number): two uploads at the same moment get consecutive numbers, never the same;
- media must be live, visible to the actor, of the same organization, of the task's
  project (or of none), not failed, and given once each (422 naming `media_ids`);
- artists upload only to tasks assigned to them (403), supervisors and up to any task of
  their projects; a task the actor cannot see is 404;
- events: `version.created` (data: task_id, number, uploaded_by, media_ids), then the
  automation's `task.updated` when the task moves to internal review; `version.updated`,
  `version.archived`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import Conflict, NotFound, ValidationFailed
from shotline.media.models import MediaFile, MediaState
from shotline.production.models import Shot
from shotline.production.service import apply_update, archive_row, check_version, load
from shotline.review import automation
from shotline.review.models import MediaRole, Version, VersionMedia
from shotline.tasks.models import Task

VERSION_FIELDS = (
    "project_id",
    "task_id",
    "number",
    "description",
    "uploaded_by",
    "status",
    "frame_in",
    "frame_out",
    "fps",
)
NUMBER_ATTEMPTS = 5


def get_version(session: Session, actor: Actor, version_id: int) -> Version:
    return load(session, actor, Version, version_id, "read_production")


def list_task_versions(
    session: Session, actor: Actor, task_id: int, *, include_archived: bool = False
) -> list[Version]:
    """The task's versions, newest first."""
    task = load(session, actor, Task, task_id, "read_production")
    stmt = select(Version).where(Version.task_id == task.id, policy.visible(actor, Version))
    if not include_archived:
        stmt = stmt.where(Version.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(Version.number.desc())))


def check_media(
    session: Session, actor: Actor, media_ids: Sequence[int], *, project_id: int, field: str
) -> list[MediaFile]:
    """The media rows in the order given, or 422 naming the ids that cannot be used."""
    if len(set(media_ids)) != len(media_ids):
        raise ValidationFailed(fields={field: "each media file may be given once"})
    if not media_ids:
        return []
    rows = {
        m.id: m
        for m in session.scalars(
            select(MediaFile).where(MediaFile.id.in_(media_ids), policy.visible(actor, MediaFile))
        )
    }
    bad = [
        str(i)
        for i in media_ids
        if i not in rows
        or rows[i].project_id not in (None, project_id)
        or rows[i].state == MediaState.FAILED
    ]
    if bad:
        raise ValidationFailed(fields={field: "cannot use media: " + ", ".join(bad)})
    return [rows[i] for i in media_ids]


def _next_number(session: Session, task_id: int) -> int:
    stmt = select(func.coalesce(func.max(Version.number), 0)).where(Version.task_id == task_id)
    return int(session.scalar(stmt) or 0) + 1


def _default_frame_in(session: Session, task: Task) -> int:
    if task.shot_id is not None:
        shot = session.get(Shot, task.shot_id)
        if shot is not None and shot.frame_in is not None:
            return shot.frame_in
    return 1


def create_version(
    session: Session,
    actor: Actor,
    task_id: int,
    *,
    media_ids: Sequence[int],
    description: str | None = None,
    frame_in: int | None = None,
    frame_out: int | None = None,
    fps: str | None = None,
) -> Version:
    task = load(session, actor, Task, task_id, "upload_version")
    if task.archived_at is not None:
        raise Conflict("The task is archived; restore it to upload versions.")
    # Serialize uploads per task, and read the task as it is once we hold the lock.
    session.execute(select(Task.id).where(Task.id == task.id).with_for_update())
    session.refresh(task)
    media = check_media(session, actor, media_ids, project_id=task.project_id, field="media_ids")
    primary = media[0]
    technical: dict[str, Any] = primary.technical if primary.state == MediaState.READY else {}
    if frame_in is None:
        frame_in = _default_frame_in(session, task)
    if frame_out is None and technical.get("kind") == "movie" and technical.get("frame_count"):
        frame_out = frame_in + int(technical["frame_count"]) - 1
    if frame_out is not None and frame_out < frame_in:
        raise ValidationFailed(fields={"frame_out": "must not be before frame_in"})
    fields = {
        "project_id": task.project_id,
        "task_id": task.id,
        "description": description,
        "uploaded_by": actor.account_id,
        "frame_in": frame_in,
        "frame_out": frame_out,
        "fps": fps or technical.get("fps"),
    }
    version = _insert_numbered(session, task.id, fields)
    session.execute(
        insert(VersionMedia),
        [
            {
                "version_id": version.id,
                "media_file_id": m.id,
                "role": MediaRole.MAIN if position == 0 else MediaRole.REFERENCE,
                "position": position,
            }
            for position, m in enumerate(media)
        ],
    )
    session.expire(version, ["media_rows"])
    events.record(
        session,
        actor,
        "version.created",
        version,
        events.snapshot(version, VERSION_FIELDS),
        data={
            "task_id": task.id,
            "number": version.number,
            "uploaded_by": actor.account_id,
            "media_ids": [m.id for m in media],
        },
    )
    automation.on_version_uploaded(session, actor, task, version)
    return version


def _insert_numbered(session: Session, task_id: int, fields: dict[str, Any]) -> Version:
    for _attempt in range(NUMBER_ATTEMPTS):
        version = Version(number=_next_number(session, task_id), **fields)
        try:
            with session.begin_nested():
                session.add(version)
                session.flush()
        except IntegrityError:
            continue  # someone took this number meanwhile; read the new maximum
        return version
    raise Conflict("Could not number the version; try again.", code="version_number_taken")


def update_version(
    session: Session,
    actor: Actor,
    version_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Version:
    version = load(session, actor, Version, version_id, "edit_version")
    check_version(version, expected_version)
    frame_in = updates.get("frame_in", version.frame_in)
    frame_out = updates.get("frame_out", version.frame_out)
    if frame_in is not None and frame_out is not None and frame_out < frame_in:
        raise ValidationFailed(fields={"frame_out": "must not be before frame_in"})
    apply_update(session, actor, version, updates, project_id=version.project_id)
    return version


def archive_version(session: Session, actor: Actor, version_id: int) -> Version:
    version = load(session, actor, Version, version_id, "archive_version")
    return archive_row(session, actor, version, project_id=version.project_id)  # type: ignore[no-any-return]


def version_media(session: Session, version: Version) -> list[tuple[VersionMedia, MediaFile]]:
    """The version's media rows with their files, primary first."""
    rows = version.media_rows
    if not rows:
        return []
    files = {
        m.id: m
        for m in session.scalars(
            select(MediaFile).where(MediaFile.id.in_([r.media_file_id for r in rows]))
        )
    }
    return [(r, files[r.media_file_id]) for r in rows if r.media_file_id in files]


def require_visible(actor: Actor, version: Version | None) -> Version:
    if version is None or not policy.can_see(actor, version):
        raise NotFound()
    return version
