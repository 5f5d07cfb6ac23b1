"""Episodes, sequences and shots, including the set-based bulk creation of shots.

Invariants:
- codes are unique per project (409 naming the code or, in bulk, every clashing code);
- a shot's sequence and a sequence's episode belong to the same project (422 otherwise);
- frame_out >= frame_in and cut_out >= cut_in when both are set (422);
- `create_shots` validates every row first and then writes the shots and their
  `shot.created` events with two set-based INSERTs sharing one `batch_id`: all or nothing;
- deleting a shot forever also deletes its tasks and asset links, one event per row;
  a sequence or an episode that still has children cannot be deleted (409).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence as Seq
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth.actor import Actor
from shotline.db.base import ACTOR_KEY
from shotline.db.dialect import insert_rows
from shotline.db.types import utcnow
from shotline.errors import Conflict, ValidationFailed
from shotline.production.custom_fields import definitions_for, validate_values
from shotline.production.models import (
    AssetLink,
    CustomEntity,
    EntityStatus,
    Episode,
    Sequence,
    Shot,
)
from shotline.production.service import (
    apply_update,
    archive_row,
    check_deletable,
    check_version,
    ensure_unique,
    get_project,
    load,
    record_created,
    record_deleted,
    restore_row,
)
from shotline.tasks.models import Task

EPISODE_FIELDS = ("project_id", "code", "name", "description", "sort_order")
SEQUENCE_FIELDS = (*EPISODE_FIELDS, "episode_id")
SHOT_FIELDS = (
    "project_id",
    "sequence_id",
    "code",
    "description",
    "status",
    "frame_in",
    "frame_out",
    "cut_in",
    "cut_out",
    "head_handles",
    "tail_handles",
    "thumbnail_media_id",
    "sort_order",
    "custom",
)
TASK_FIELDS_ON_DELETE = ("project_id", "shot_id", "asset_id", "task_type_id", "status_id", "title")
LINK_FIELDS = ("project_id", "shot_id", "parent_asset_id", "asset_id", "count")


# --- episodes ------------------------------------------------------------------------


def list_episodes(session: Session, actor: Actor, project_id: int) -> list[Episode]:
    project = get_project(session, actor, project_id)
    stmt = select(Episode).where(Episode.project_id == project.id, Episode.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(Episode.sort_order, Episode.code)))


def get_episode(session: Session, actor: Actor, episode_id: int) -> Episode:
    return load(session, actor, Episode, episode_id, "read_production")


def create_episode(session: Session, actor: Actor, project_id: int, **fields: Any) -> Episode:
    project = get_project(session, actor, project_id, verb="edit_production")
    ensure_unique(session, Episode, Episode.project_id == project.id, "code", fields["code"])
    episode = Episode(project_id=project.id, **fields)
    session.add(episode)
    record_created(session, actor, episode, EPISODE_FIELDS, project_id=project.id)
    return episode


def update_episode(
    session: Session,
    actor: Actor,
    episode_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Episode:
    episode = load(session, actor, Episode, episode_id, "edit_production")
    check_version(episode, expected_version)
    _unique_code(session, Episode, episode, updates)
    apply_update(session, actor, episode, updates, project_id=episode.project_id)
    return episode


def _unique_code(session: Session, model: Any, row: Any, updates: dict[str, Any]) -> None:
    if updates.get("code") is not None:
        ensure_unique(
            session,
            model,
            model.project_id == row.project_id,
            "code",
            updates["code"],
            exclude_id=row.id,
        )


# --- sequences -----------------------------------------------------------------------


def get_sequence(session: Session, actor: Actor, sequence_id: int) -> Sequence:
    return load(session, actor, Sequence, sequence_id, "read_production")


def _check_episode(session: Session, project_id: int, episode_id: int | None) -> None:
    if episode_id is None:
        return
    episode = session.get(Episode, episode_id)
    if episode is None or episode.project_id != project_id:
        raise ValidationFailed(fields={"episode_id": "no such episode in this project"})


def create_sequence(session: Session, actor: Actor, project_id: int, **fields: Any) -> Sequence:
    project = get_project(session, actor, project_id, verb="edit_production")
    ensure_unique(session, Sequence, Sequence.project_id == project.id, "code", fields["code"])
    _check_episode(session, project.id, fields.get("episode_id"))
    sequence = Sequence(project_id=project.id, **fields)
    session.add(sequence)
    record_created(session, actor, sequence, SEQUENCE_FIELDS, project_id=project.id)
    return sequence


def update_sequence(
    session: Session,
    actor: Actor,
    sequence_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Sequence:
    sequence = load(session, actor, Sequence, sequence_id, "edit_production")
    check_version(sequence, expected_version)
    _unique_code(session, Sequence, sequence, updates)
    if "episode_id" in updates:
        _check_episode(session, sequence.project_id, updates["episode_id"])
    apply_update(session, actor, sequence, updates, project_id=sequence.project_id)
    return sequence


# --- shots ---------------------------------------------------------------------------


def get_shot(session: Session, actor: Actor, shot_id: int) -> Shot:
    return load(session, actor, Shot, shot_id, "read_production")


def _check_sequence(session: Session, project_id: int, sequence_id: int | None) -> None:
    if sequence_id is None:
        return
    sequence = session.get(Sequence, sequence_id)
    if sequence is None or sequence.project_id != project_id:
        raise ValidationFailed(fields={"sequence_id": "no such sequence in this project"})


def _check_ranges(values: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for low, high in (("frame_in", "frame_out"), ("cut_in", "cut_out")):
        a, b = values.get(low), values.get(high)
        if a is not None and b is not None and b < a:
            problems[high] = f"must not be before {low}"
    return problems


def create_shot(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    code: str,
    custom: dict[str, Any] | None = None,
    **fields: Any,
) -> Shot:
    project = get_project(session, actor, project_id, verb="edit_production")
    ensure_unique(session, Shot, Shot.project_id == project.id, "code", code)
    _check_sequence(session, project.id, fields.get("sequence_id"))
    problems = _check_ranges(fields)
    if problems:
        raise ValidationFailed(fields=problems)
    values = validate_values(session, actor, project.id, CustomEntity.SHOT, custom or {})
    shot = Shot(project_id=project.id, code=code, custom=values, **fields)
    session.add(shot)
    record_created(session, actor, shot, SHOT_FIELDS, project_id=project.id)
    return shot


def update_shot(
    session: Session,
    actor: Actor,
    shot_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> Shot:
    shot = load(session, actor, Shot, shot_id, "edit_production")
    check_version(shot, expected_version)
    _unique_code(session, Shot, shot, updates)
    if "sequence_id" in updates:
        _check_sequence(session, shot.project_id, updates["sequence_id"])
    merged = {f: updates.get(f, getattr(shot, f)) for f in ("frame_in", "frame_out")}
    merged |= {f: updates.get(f, getattr(shot, f)) for f in ("cut_in", "cut_out")}
    problems = _check_ranges(merged)
    if problems:
        raise ValidationFailed(fields=problems)
    if "custom" in updates:
        if updates["custom"] is None:
            raise ValidationFailed(fields={"custom": "may not be null"})
        updates = {
            **updates,
            "custom": validate_values(
                session,
                actor,
                shot.project_id,
                CustomEntity.SHOT,
                updates["custom"],
                current=shot.custom,
            ),
        }
    apply_update(session, actor, shot, updates, project_id=shot.project_id)
    return shot


def create_shots(
    session: Session, actor: Actor, project_id: int, *, shots: Seq[dict[str, Any]]
) -> tuple[str, list[int]]:
    """Create many shots in one set-based INSERT; returns the batch id and the new ids."""
    project = get_project(session, actor, project_id, verb="edit_production")
    codes = [s["code"] for s in shots]
    seen: set[str] = set()
    duplicates = {c for c in codes if c in seen or seen.add(c)}  # type: ignore[func-returns-value]
    duplicates |= set(
        session.scalars(
            select(Shot.code).where(Shot.project_id == project.id, Shot.code.in_(codes))
        )
    )
    if duplicates:
        names = ", ".join(sorted(duplicates))
        raise Conflict(f"These shot codes are already taken: {names}.", fields={"codes": names})
    sequence_ids = {s["sequence_id"] for s in shots if s.get("sequence_id") is not None}
    if sequence_ids:
        found = set(
            session.scalars(
                select(Sequence.id).where(
                    Sequence.project_id == project.id, Sequence.id.in_(sequence_ids)
                )
            )
        )
        if sequence_ids - found:
            raise ValidationFailed(fields={"sequence_id": "no such sequence in this project"})
    definitions = definitions_for(session, project.id, CustomEntity.SHOT)
    now = utcnow()
    account_id = session.info.get(ACTOR_KEY, actor.account_id)
    rows: list[dict[str, Any]] = []
    for index, spec in enumerate(shots):
        problems = _check_ranges(spec)
        if problems:
            raise ValidationFailed(
                fields={f"shots.{index}.{field}": text for field, text in problems.items()}
            )
        try:
            custom = validate_values(
                session,
                actor,
                project.id,
                CustomEntity.SHOT,
                spec.get("custom") or {},
                definitions=definitions,
            )
        except ValidationFailed as exc:
            raise ValidationFailed(
                fields={f"shots.{index}.{k}": v for k, v in exc.fields.items()}
            ) from None
        row = {field: spec.get(field) for field in SHOT_FIELDS}
        row.update(
            project_id=project.id,
            custom=custom,
            status=spec.get("status") or EntityStatus.WAITING,
            sort_order=spec.get("sort_order") or 0,
            created_at=now,
            updated_at=now,
            created_by=account_id,
            updated_by=account_id,
            row_version=1,
        )
        rows.append(row)
    ids = insert_rows(session, Shot, rows, return_ids=True)
    batch_id = uuid.uuid4().hex
    events.record_many(
        session,
        actor,
        "shot.created",
        "shot",
        [
            (row_id, {f: [None, events.jsonable(row[f])] for f in SHOT_FIELDS}, None)
            for row_id, row in zip(ids, rows, strict=True)
        ],
        project_id=project.id,
        batch_id=batch_id,
    )
    return batch_id, ids


# --- archive, restore, delete (shared with assets) ------------------------------------


def archive_shot(session: Session, actor: Actor, shot_id: int) -> Shot:
    shot = load(session, actor, Shot, shot_id, "edit_production")
    return archive_row(session, actor, shot, project_id=shot.project_id)  # type: ignore[no-any-return]


def restore_shot(session: Session, actor: Actor, shot_id: int) -> Shot:
    shot = load(session, actor, Shot, shot_id, "edit_production")
    return restore_row(session, actor, shot, project_id=shot.project_id)  # type: ignore[no-any-return]


def delete_shot(session: Session, actor: Actor, shot_id: int, *, confirm: str) -> None:
    shot = load(session, actor, Shot, shot_id, "delete_forever")
    check_deletable(shot, confirm, shot.code)
    delete_dependents(session, actor, Task.shot_id == shot.id, AssetLink.shot_id == shot.id)
    record_deleted(session, actor, shot, SHOT_FIELDS, project_id=shot.project_id)


def delete_dependents(
    session: Session,
    actor: Actor,
    tasks: ColumnElement[bool],
    links: ColumnElement[bool],
    *,
    data: dict[str, Any] | None = None,
) -> None:
    """Delete the tasks and asset links that only exist for a row being deleted."""
    for task in session.scalars(select(Task).where(tasks)):
        record_deleted(
            session, actor, task, TASK_FIELDS_ON_DELETE, project_id=task.project_id, data=data
        )
    for link in session.scalars(select(AssetLink).where(links)):
        record_deleted(session, actor, link, LINK_FIELDS, project_id=link.project_id, data=data)


def archive_sequence(session: Session, actor: Actor, sequence_id: int) -> Sequence:
    row = load(session, actor, Sequence, sequence_id, "edit_production")
    return archive_row(session, actor, row, project_id=row.project_id)  # type: ignore[no-any-return]


def restore_sequence(session: Session, actor: Actor, sequence_id: int) -> Sequence:
    row = load(session, actor, Sequence, sequence_id, "edit_production")
    return restore_row(session, actor, row, project_id=row.project_id)  # type: ignore[no-any-return]


def delete_sequence(session: Session, actor: Actor, sequence_id: int, *, confirm: str) -> None:
    row = load(session, actor, Sequence, sequence_id, "delete_forever")
    check_deletable(row, confirm, row.code)
    if session.scalar(select(Shot.id).where(Shot.sequence_id == row.id).limit(1)) is not None:
        raise Conflict("Delete or move its shots first.", fields={"sequence": "has shots"})
    record_deleted(session, actor, row, SEQUENCE_FIELDS, project_id=row.project_id)


def archive_episode(session: Session, actor: Actor, episode_id: int) -> Episode:
    row = load(session, actor, Episode, episode_id, "edit_production")
    return archive_row(session, actor, row, project_id=row.project_id)  # type: ignore[no-any-return]


def restore_episode(session: Session, actor: Actor, episode_id: int) -> Episode:
    row = load(session, actor, Episode, episode_id, "edit_production")
    return restore_row(session, actor, row, project_id=row.project_id)  # type: ignore[no-any-return]


def delete_episode(session: Session, actor: Actor, episode_id: int, *, confirm: str) -> None:
    row = load(session, actor, Episode, episode_id, "delete_forever")
    check_deletable(row, confirm, row.code)
    stmt = select(Sequence.id).where(Sequence.episode_id == row.id).limit(1)
    if session.scalar(stmt) is not None:
        raise Conflict("Delete or move its sequences first.", fields={"episode": "has sequences"})
    record_deleted(session, actor, row, EPISODE_FIELDS, project_id=row.project_id)
