"""Editorial import: an EDL (CMX 3600) or an OpenTimelineIO file creates or updates shots.

Invariants:
- it is an import job like the CSV import (`kind = "editorial"`, entity `shot`, key `code`):
  the file is kept on the job, preview and commit are the same steps and the same
  `imports.apply_plan` (one transaction, one batch id, one event per row);
- each clip of the video tracks is one row (transitions are not rows; a dissolve's
  incoming clip is); the shot code is, in this order: the first word of the clip's first
  locator (`* LOC: 01:00:02:05 YELLOW SH020`), the first word of the clip name
  (`* FROM CLIP NAME: SH010`), the reel name (`AX`/`BL` and event numbers do not count);
  a clip without one, or with a code that is not a valid code, is an error row;
- `cut_in` is the first source frame of the clip in the cut, `cut_out` its last
  (`cut_in + duration - 1`), counted at the project's frame rate; nothing else is written;
- a code met twice in one file is an error on the second clip; a code of an archived shot
  is an error (restore it first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import opentimelineio as otio
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.errors import ValidationFailed
from shotline.io.models import ImportJob
from shotline.io.plans import Plan, RowPlan
from shotline.production.models import Project, Shot

KIND = "editorial"
_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_GENERIC_REELS = frozenset({"AX", "BL", "BLACK"})


@dataclass(frozen=True)
class Clip:
    event: int
    name: str
    reel: str | None
    locator: str | None
    source_in: int
    duration: int
    record_in: int


def adapter_for(file_name: str, data: bytes) -> str:
    if file_name.lower().endswith(".otio") or data.lstrip().startswith(b"{"):
        return "otio_json"
    return "cmx_3600"


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_clips(data: bytes, *, file_name: str, fps: float) -> list[Clip]:
    """The clips of the file's video tracks, in cut order; `ValidationFailed` if unreadable."""
    adapter = adapter_for(file_name, data)
    try:
        if adapter == "cmx_3600":
            timeline = otio.adapters.read_from_string(_text(data), adapter, rate=fps)
        else:
            timeline = otio.adapters.read_from_string(_text(data), adapter)
        tracks = list(timeline.video_tracks())
    except Exception as exc:  # the adapters raise many kinds of parse errors
        raise ValidationFailed(
            "The file is not a readable EDL or OpenTimelineIO timeline.",
            fields={"file": str(exc)[:300] or type(exc).__name__},
        ) from None
    clips: list[Clip] = []
    for track in tracks:
        for item in track:
            if not isinstance(item, otio.schema.Clip):
                continue
            source = item.source_range or item.available_range()
            record = item.range_in_parent()
            meta = item.metadata.get("cmx_3600") or {}
            clips.append(
                Clip(
                    event=len(clips) + 1,
                    name=item.name or "",
                    reel=str(meta["reel"]) if "reel" in meta else None,
                    locator=item.markers[0].name if item.markers else None,
                    source_in=round(source.start_time.rescaled_to(fps).value),
                    duration=round(source.duration.rescaled_to(fps).value),
                    record_in=round(record.start_time.rescaled_to(fps).value),
                )
            )
    if not clips:
        raise ValidationFailed(fields={"file": "the timeline has no clips"})
    return clips


def _first_word(text: str | None) -> str | None:
    words = (text or "").split()
    return words[0] if words else None


def shot_code(clip: Clip) -> tuple[str | None, str]:
    """`(code, where it came from)` by the documented precedence."""
    code = _first_word(clip.locator)
    if code:
        return code, "locator"
    code = _first_word(clip.name)
    if code and not code.isdigit():  # the CMX adapter names an unnamed clip by its event
        return code, "clip name"
    reel = (clip.reel or "").strip()
    if reel and reel.upper() not in _GENERIC_REELS:
        return reel, "reel"
    return None, ""


def build_plan(session: Session, job: ImportJob) -> Plan:
    project = session.get(Project, job.project_id)
    fps = project.fps if project is not None else 24.0
    clips = read_clips(job.content, file_name=job.file_name, fps=fps)
    candidates = [c for c in (shot_code(clip)[0] for clip in clips) if c]
    existing = {
        s.code: s
        for s in session.scalars(
            select(Shot).where(Shot.project_id == job.project_id, Shot.code.in_(candidates))
        )
    }
    seen: dict[str, int] = {}
    rows: list[RowPlan] = []
    for clip in clips:
        code, origin = shot_code(clip)
        cut_out = clip.source_in + max(clip.duration, 1) - 1
        plan = RowPlan(
            row=clip.event,
            action="new",
            values={"code": code, "cut_in": clip.source_in, "cut_out": cut_out},
            detail={
                "code": code,
                "code_from": origin,
                "clip_name": clip.name,
                "reel": clip.reel,
                "cut_in": clip.source_in,
                "cut_out": cut_out,
                "duration": clip.duration,
                "record_in": clip.record_in,
            },
        )
        rows.append(plan)
        if code is None:
            plan.action = "error"
            plan.errors["code"] = "no shot code: add a `* LOC:` locator, a clip name or a reel"
            continue
        if not _CODE.match(code):
            plan.action = "error"
            plan.errors["code"] = f"{code!r} is not a valid code (letters, digits, _ . -)"
            continue
        if code in seen:
            plan.action = "error"
            plan.errors["code"] = f"{code} is also on event {seen[code]}"
            continue
        seen[code] = clip.event
        shot = existing.get(code)
        if shot is None:
            continue
        if shot.archived_at is not None:
            plan.action = "error"
            plan.errors["code"] = "matches an archived shot; restore it first"
            continue
        plan.id = shot.id
        _compare(plan, shot)
    summary = {"new": 0, "update": 0, "unchanged": 0, "error": 0}
    for plan in rows:
        summary[plan.action] += 1
    return Plan(rows=rows, summary=summary, ignored_columns=[])


def _compare(plan: RowPlan, shot: Any) -> None:
    for name in ("cut_in", "cut_out"):
        old, new = getattr(shot, name), plan.values[name]
        if old != new:
            plan.changes[name] = [old, new]
    plan.action = "update" if plan.changes else "unchanged"


def new_job(project: Project, *, file_name: str, data: bytes, created_by: int | None) -> ImportJob:
    return ImportJob(
        organization_id=project.organization_id,
        project_id=project.id,
        entity="shot",
        kind=KIND,
        file_name=file_name[:255] or "cut.edl",
        content=data,
        size=len(data),
        encoding="utf-8",
        delimiter="",
        columns=[],
        row_count=0,
        mapping={},
        key="code",
        date_format="dmy",
        created_by=created_by,
    )
