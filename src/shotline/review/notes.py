"""Notes on tasks, versions, shots and assets: mentions, replies, attachments, drawings.

Invariants:
- a note targets exactly one row (CHECK `one_target`); anyone internal who sees the target
  may write one (`comment`), a target the actor cannot see is 404;
- mentions are written `@[Display Name](account:ID)` (what the web app inserts; the name
  is for readers, the id is what counts). Every mentioned id must be an active account the
  author may see, otherwise the note is refused with 422 naming `body`: an account of another
  organization answers exactly like an id that does not exist. The ids are stored in
  `note_mention` and carried in the event's `data.mention_ids`;
- a reply (`parent_id`) belongs to the same target as its parent (422 otherwise); any depth;
- frames and annotations only on version notes; a frame outside the version's known frame
  range is a 422;
- authors edit their own notes (If-Match, 412 when stale); authors, supervisors and up
  archive them;
- events: `note.created` (data: target_type, target_id, parent_id, mention_ids),
  `note.updated` (mention_ids in changes when they change), `note.archived`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AccountStatus
from shotline.errors import ValidationFailed
from shotline.production.models import Asset, Shot
from shotline.production.service import apply_update, archive_row, check_version, load
from shotline.review.models import Note, NoteAttachment, NoteMention, NoteVisibility, Version
from shotline.review.versions import check_media
from shotline.tasks.models import Task

MENTION_RE = re.compile(r"@\[([^\]\n]{1,200})\]\(account:([0-9]{1,18})\)")
TARGETS: dict[str, type[Any]] = {"task": Task, "version": Version, "shot": Shot, "asset": Asset}
NOTE_FIELDS = (
    "project_id",
    "task_id",
    "version_id",
    "shot_id",
    "asset_id",
    "parent_id",
    "author_id",
    "body",
    "visibility",
    "frame_in",
    "frame_out",
    "annotation",
)


def parse_mentions(body: str) -> list[int]:
    """Account ids mentioned in `body`, distinct and sorted."""
    return sorted({int(m.group(2)) for m in MENTION_RE.finditer(body)})


def check_mentions(session: Session, actor: Actor, body: str) -> list[int]:
    ids = parse_mentions(body)
    if not ids:
        return []
    found = set(
        session.scalars(
            select(Account.id).where(
                Account.id.in_(ids),
                policy.visible(actor, Account),
                Account.status == AccountStatus.ACTIVE,
                Account.archived_at.is_(None),
            )
        )
    )
    bad = [str(i) for i in ids if i not in found]
    if bad:
        raise ValidationFailed(fields={"body": "unknown mention: account " + ", ".join(bad)})
    return ids


def load_target(session: Session, actor: Actor, target_type: str, target_id: int) -> Any:
    return load(session, actor, TARGETS[target_type], target_id, "read_production")


def _check_frames(
    target_type: str, target: Any, frame_in: int | None, frame_out: int | None
) -> None:
    if frame_in is None:
        return
    if target_type != "version":
        raise ValidationFailed(fields={"frame_in": "only version notes have frames"})
    last = frame_out if frame_out is not None else frame_in
    low, high = target.frame_in, target.frame_out
    if (low is not None and frame_in < low) or (high is not None and last > high):
        raise ValidationFailed(
            fields={"frame_in": f"outside the version's frames {low}-{high if high else ''}"}
        )


def create_note(
    session: Session,
    actor: Actor,
    *,
    target_type: str,
    target_id: int,
    body: str,
    parent_id: int | None = None,
    visibility: NoteVisibility = NoteVisibility.INTERNAL,
    frame_in: int | None = None,
    frame_out: int | None = None,
    annotation: dict[str, Any] | None = None,
    attachment_ids: Sequence[int] = (),
) -> Note:
    target = load_target(session, actor, target_type, target_id)
    policy.require(actor, "comment", target)
    _check_frames(target_type, target, frame_in, frame_out)
    if parent_id is not None:
        parent = session.get(Note, parent_id)
        if (
            parent is None
            or parent.archived_at is not None
            or getattr(parent, f"{target_type}_id") != target.id
        ):
            raise ValidationFailed(fields={"parent_id": "no such note on this target"})
    mentions = check_mentions(session, actor, body)
    attachments = check_media(
        session, actor, attachment_ids, project_id=target.project_id, field="attachment_ids"
    )
    note = Note(
        project_id=target.project_id,
        parent_id=parent_id,
        author_id=actor.account_id,
        guest_name=None if actor.account_id is not None else "Shotline",
        body=body,
        visibility=visibility,
        frame_in=frame_in,
        frame_out=frame_out,
        annotation=annotation,
        **{f"{target_type}_id": target.id},
    )
    session.add(note)
    session.flush()
    _write_mentions(session, note, mentions)
    if attachments:
        session.execute(
            insert(NoteAttachment),
            [
                {"note_id": note.id, "media_file_id": m.id, "position": i}
                for i, m in enumerate(attachments)
            ],
        )
        session.expire(note, ["attachment_rows"])
    changes = events.snapshot(note, NOTE_FIELDS)
    changes["mention_ids"] = [None, mentions]
    changes["attachment_ids"] = [None, [m.id for m in attachments]]
    events.record(
        session,
        actor,
        "note.created",
        note,
        changes,
        data={
            "target_type": target_type,
            "target_id": target.id,
            "parent_id": parent_id,
            "mention_ids": mentions,
        },
    )
    return note


def _write_mentions(session: Session, note: Note, ids: list[int]) -> None:
    session.execute(delete(NoteMention).where(NoteMention.note_id == note.id))
    if ids:
        session.execute(insert(NoteMention), [{"note_id": note.id, "account_id": i} for i in ids])
    session.expire(note, ["mention_rows"])


def get_note(session: Session, actor: Actor, note_id: int) -> Note:
    return load(session, actor, Note, note_id, "read_production")


def update_note(
    session: Session,
    actor: Actor,
    note_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Note:
    note = load(session, actor, Note, note_id, "edit_note")
    check_version(note, expected_version)
    if "annotation" in updates and updates["annotation"] is not None and note.frame_in is None:
        raise ValidationFailed(fields={"annotation": "only notes with a frame have drawings"})
    data: dict[str, Any] = {}
    if updates.get("body") is not None and updates["body"] != note.body:
        old, new = note.mention_ids, check_mentions(session, actor, updates["body"])
        if old != new:
            _write_mentions(session, note, new)
            data["mention_ids"] = [old, new]
    apply_update(session, actor, note, updates, project_id=note.project_id, data=data)
    return note


def archive_note(session: Session, actor: Actor, note_id: int) -> Note:
    note = load(session, actor, Note, note_id, "archive_note")
    return archive_row(session, actor, note, project_id=note.project_id)  # type: ignore[no-any-return]


def list_notes(
    session: Session,
    actor: Actor,
    *,
    target_type: str,
    target_id: int,
    frame: int | None = None,
    include_archived: bool = False,
) -> list[Note]:
    """The target's notes, oldest first (flat; `thread` nests them). With `frame`, only the
    threads whose first note covers that frame."""
    target = load_target(session, actor, target_type, target_id)
    column = getattr(Note, f"{target_type}_id")
    stmt = select(Note).where(column == target.id, policy.visible(actor, Note))
    if not include_archived:
        stmt = stmt.where(Note.archived_at.is_(None))
    notes = list(session.scalars(stmt.order_by(Note.id)))
    if frame is None:
        return notes
    by_id = {n.id: n for n in notes}

    def root(note: Note) -> Note:
        seen = 0
        while note.parent_id in by_id and seen < 1000:
            note, seen = by_id[note.parent_id], seen + 1
        return note

    def covers(note: Note) -> bool:
        if note.frame_in is None:
            return False
        last = note.frame_out if note.frame_out is not None else note.frame_in
        return note.frame_in <= frame <= last

    return [n for n in notes if covers(root(n))]
