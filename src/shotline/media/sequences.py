"""Image sequences as one media item: frames uploaded one by one become a `sequence` MediaFile.

Design: a sequence is a `MediaFile` of `kind=sequence` (so versions, the player, downloads
and permissions treat it like any media) plus one `media_sequence_frame` row per frame
pointing at the uploaded frame's own MediaFile. Its blob is a JSON manifest (pattern, range,
fps, each frame's number, SHA-256 and size) stored content-addressed like any upload, so
its `sha256` identifies the exact frames and fps, and "download the original" gives the
manifest; each frame stays downloadable as its own media file.

Invariants:
- Every frame must be a live, visible `file` media of the actor's organization, not
  infected, given once; their names must form exactly one sequence
  (`processing.sequences.detect_sequences`), else 422 naming what is wrong.
- The fps is the request's, else the project's, else 24. A project given in the request
  (or shared by every frame) is checked like an upload's (`service.check_project`).
- Creation records `media.uploaded` (data: kind, frame ids, range, missing frames) and
  queues the ordinary `media.process` job, which makes the proxy, thumbnails and filmstrip.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import ValidationFailed
from shotline.jobs import service as jobs
from shotline.media import mime as mimetypes
from shotline.media import service
from shotline.media.models import (
    MediaFile,
    MediaKind,
    MediaSequenceFrame,
    MediaState,
    ScanState,
)
from shotline.media.processing.probe import fraction_string
from shotline.media.processing.sequences import detect_sequences
from shotline.media.storage import Storage
from shotline.production.models import Project

SEQUENCE_MIME = mimetypes.SEQUENCE
MAX_FRAMES = 100_000
MAX_FPS = 240
_NTSC = (Fraction(24000, 1001), Fraction(30000, 1001), Fraction(60000, 1001))


def parse_fps(value: str | float | None) -> Fraction | None:
    """`24`, `23.976`, `24000/1001` → a fraction (NTSC rates snap to their exact value)."""
    if value is None or value == "":
        return None
    try:
        rate = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise ValidationFailed(fields={"fps": "a number such as 24 or 24000/1001"}) from None
    if not 0 < rate <= MAX_FPS:
        raise ValidationFailed(fields={"fps": f"between 0 and {MAX_FPS}"})
    for ntsc in _NTSC:
        if abs(float(rate) - float(ntsc)) < 0.001:
            return ntsc
    return rate.limit_denominator(1001)


def _frames_by_name(session: Session, actor: Actor, names: Sequence[str]) -> list[MediaFile]:
    """The newest live file the actor uploaded under each name."""
    found: list[MediaFile] = []
    missing: list[str] = []
    for name in names:
        row = session.scalar(
            select(MediaFile)
            .where(
                policy.visible(actor, MediaFile),
                MediaFile.uploaded_by == actor.account_id,
                MediaFile.original_name == service.clean_name(name),
                MediaFile.kind == MediaKind.FILE,
            )
            .order_by(MediaFile.id.desc())
            .limit(1)
        )
        if row is None:
            missing.append(name)
        else:
            found.append(row)
    if missing:
        raise ValidationFailed(
            fields={"names": "no upload of yours named: " + ", ".join(missing[:20])}
        )
    return found


def _frames_by_id(session: Session, actor: Actor, media_ids: Sequence[int]) -> list[MediaFile]:
    rows = {
        m.id: m
        for m in session.scalars(
            select(MediaFile).where(MediaFile.id.in_(media_ids), policy.visible(actor, MediaFile))
        )
    }
    unknown = [str(i) for i in media_ids if i not in rows]
    if unknown:
        raise ValidationFailed(fields={"media_ids": "unknown media: " + ", ".join(unknown[:20])})
    return [rows[i] for i in media_ids]


def create_sequence(
    session: Session,
    actor: Actor,
    *,
    storage: Storage,
    media_ids: Sequence[int] = (),
    names: Sequence[str] = (),
    fps: str | float | None = None,
    project_id: int | None = None,
    scan_state: ScanState = ScanState.NOT_SCANNED,
) -> MediaFile:
    """Make one `sequence` MediaFile of uploaded frames and queue its processing."""
    policy.require(actor, "upload_media", None)
    field = "media_ids" if media_ids else "names"
    given: list[int | str] = [*media_ids] or [*names]
    if not given or (media_ids and names):
        raise ValidationFailed(fields={"media_ids": "give either media_ids or names"})
    if len(given) > MAX_FRAMES:
        raise ValidationFailed(fields={field: f"at most {MAX_FRAMES} frames"})
    if len(set(given)) != len(given):
        raise ValidationFailed(fields={field: "each frame may be given once"})
    frames = (
        _frames_by_id(session, actor, media_ids)
        if media_ids
        else _frames_by_name(session, actor, names)
    )
    bad = [
        str(m.id)
        for m in frames
        if m.kind != MediaKind.FILE
        or m.state == MediaState.FAILED
        or m.scan_state in (ScanState.INFECTED, ScanState.ERROR)
    ]
    if bad:
        raise ValidationFailed(
            fields={
                field: "not usable as frames (failed, quarantined or a sequence): "
                + ", ".join(bad[:20])
            }
        )
    by_name: dict[str, MediaFile] = {}
    for m in frames:
        if m.original_name in by_name:
            raise ValidationFailed(fields={field: f"two frames are named {m.original_name}"})
        by_name[m.original_name] = m
    scan = detect_sequences(by_name, min_frames=1)
    if scan.singles or len(scan.sequences) != 1:
        detail = (
            "not frames of a sequence: " + ", ".join(scan.singles[:20])
            if scan.singles
            else "the names form several sequences: "
            + ", ".join(s.pattern for s in scan.sequences[:20])
        )
        raise ValidationFailed("The files are not one image sequence.", fields={field: detail})
    seq = scan.sequences[0]
    if project_id is None:
        projects = {m.project_id for m in frames}
        project_id = projects.pop() if len(projects) == 1 else None
    service.check_project(session, actor, project_id)
    rate = parse_fps(fps)
    if rate is None and project_id is not None:
        project = session.get(Project, project_id)
        rate = parse_fps(project.fps) if project is not None else None
    rate = rate or Fraction(24)
    ordered = [by_name[name] for name in seq.files]
    info: dict[str, Any] = {
        "pattern": seq.pattern,
        "printf_pattern": seq.printf_pattern,
        "first": seq.first,
        "last": seq.last,
        "padding": seq.padding,
        "frame_count": seq.length,
        "present": len(seq.frames),
        "missing": list(seq.missing),
        "fps": fraction_string(rate),
        "description": seq.description,
    }
    manifest = {
        **info,
        "frames": [
            {"frame": n, "sha256": m.sha256, "size": m.size, "name": m.original_name}
            for n, m in zip(seq.frames, ordered, strict=True)
        ],
    }
    blob = storage.put_stream(io.BytesIO(orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS)))
    media = MediaFile(
        organization_id=actor.organization_id,
        project_id=project_id,
        kind=MediaKind.SEQUENCE,
        sha256=blob.sha256,
        size=sum(m.size for m in ordered),
        mime=SEQUENCE_MIME,
        original_name=service.clean_name(seq.pattern),
        storage_key=blob.key,
        state=MediaState.QUEUED,
        scan_state=scan_state,
        technical={"sequence": info},
        uploaded_by=actor.account_id,
    )
    session.add(media)
    session.flush()
    session.add_all(
        MediaSequenceFrame(sequence_id=media.id, frame_media_id=m.id, frame=n)
        for n, m in zip(seq.frames, ordered, strict=True)
    )
    session.flush()
    events.record(
        session,
        actor,
        "media.uploaded",
        media,
        events.snapshot(media, service.MEDIA_FIELDS),
        data={
            "kind": MediaKind.SEQUENCE.value,
            "frame_media_ids": [m.id for m in ordered],
            "first": seq.first,
            "last": seq.last,
            "missing": list(seq.missing[:1000]),
        },
    )
    jobs.create_job(
        session,
        actor,
        name=service.PROCESS_JOB,
        args={"media_file_id": media.id},
        dedupe_key=f"{service.PROCESS_JOB}:{media.id}",
    )
    return media


def sequence_frames(session: Session, media: MediaFile) -> list[tuple[int, int]]:
    """(frame number, frame media id) of a sequence, in order."""
    rows = session.execute(
        select(MediaSequenceFrame.frame, MediaSequenceFrame.frame_media_id)
        .where(MediaSequenceFrame.sequence_id == media.id)
        .order_by(MediaSequenceFrame.frame)
    )
    return [(int(a), int(b)) for a, b in rows]
