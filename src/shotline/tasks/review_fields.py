"""Task fields read from its review: the latest version, its thumbnail, the note count.

Each is a correlated scalar subquery on the task row, so a list asking for them is still
one statement: the query engine puts them in the outer SELECT, which reads the page's rows
alone (never the whole project). Every subquery walks an index: `version (task_id, number)`,
`version_media` by version, `media_rendition (media_file_id, kind)`, `note (task_id)` and
`note (version_id)`. Tasks are internal rows (clients never list them), so the counts
include internal notes.

- `latest_version_*`: the task's live version with the highest number (archived versions
  are left out); `latest_version_status` is its approval state (`pending_review`,
  `changes_requested`, `approved`), null without a version.
- `latest_version_thumbnail_id`: the media file of that version, first by position, that
  has a small thumbnail and may be served; the web app shows
  `/api/v1/media/{id}/renditions/thumbnail_small`.
- `note_count`: live notes and replies on the task and on its live versions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select

from shotline.media.models import (
    SERVABLE_SCAN_STATES,
    MediaFile,
    MediaRendition,
    RenditionKind,
)
from shotline.registry.entities import Field, FieldType
from shotline.review.models import Note, Version, VersionMedia, VersionStatus


def _latest(task: Any, column: Any) -> ColumnElement[Any]:
    return (
        select(column)
        .where(Version.task_id == task.id, Version.archived_at.is_(None))
        .order_by(Version.number.desc())
        .limit(1)
        .correlate_except(Version)  # the task may be two levels out (`_thumbnail`)
        .scalar_subquery()
    )


def _thumbnail(task: Any) -> ColumnElement[Any]:
    return (
        select(VersionMedia.media_file_id)
        .join(MediaFile, MediaFile.id == VersionMedia.media_file_id)
        .join(MediaRendition, MediaRendition.media_file_id == MediaFile.id)
        .where(
            VersionMedia.version_id == _latest(task, Version.id),
            MediaRendition.kind == RenditionKind.THUMBNAIL_SMALL,
            MediaFile.archived_at.is_(None),
            MediaFile.scan_state.in_(list(SERVABLE_SCAN_STATES)),
        )
        .order_by(VersionMedia.position, VersionMedia.media_file_id)
        .limit(1)
        .scalar_subquery()
    )


def _note_count(task: Any) -> ColumnElement[Any]:
    on_task = (
        select(func.count())
        .select_from(Note)
        .where(Note.task_id == task.id, Note.archived_at.is_(None))
        .scalar_subquery()
    )
    on_versions = (
        select(func.count())
        .select_from(Note)
        .join(Version, Version.id == Note.version_id)
        .where(
            Version.task_id == task.id,
            Version.archived_at.is_(None),
            Note.archived_at.is_(None),
        )
        .scalar_subquery()
    )
    return on_task + on_versions


REVIEW_FIELDS: dict[str, Field] = {
    "latest_version_id": Field(
        "latest_version_id", FieldType.INT, lambda t: _latest(t, Version.id), sortable=False
    ),
    "latest_version_number": Field(
        "latest_version_number", FieldType.INT, lambda t: _latest(t, Version.number)
    ),
    "latest_version_status": Field(
        "latest_version_status",
        FieldType.ENUM,
        lambda t: _latest(t, Version.status),
        choices=tuple(s.value for s in VersionStatus),
    ),
    "latest_version_thumbnail_id": Field(
        "latest_version_thumbnail_id", FieldType.INT, _thumbnail, sortable=False
    ),
    "note_count": Field("note_count", FieldType.INT, _note_count),
}
