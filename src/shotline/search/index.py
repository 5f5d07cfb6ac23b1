"""Keeping `search_document` in step with the rows it describes.

Invariants:
- the index is written in the same transaction as the change: a `before_commit` hook reads
  the events the transaction recorded (`events.hooks` keeps them on the session), and
  reindexes exactly those rows set-based (one DELETE and one INSERT … SELECT per type), so a
  rolled-back change leaves the index as it was and a committed one is searchable at once;
- an archived (or deleted) row has no document; restoring it writes one again;
- renaming a project, sequence, shot or asset (an event changing `code` or `name`), or
  moving a task, reindexes the rows that show it as context (a shot's project and sequence
  codes, a task's shot or asset, a version's label `SH010 COMP v004`, a note's target);
  renaming a project rewrites every document of the project;
- `reindex_all` rebuilds everything (`shotline reindex`); the hook never depends on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, event, func, insert, or_, select
from sqlalchemy.orm import Session

from shotline.events import hooks
from shotline.events.models import Event
from shotline.production.models import Shot
from shotline.review.models import Note, Version
from shotline.search.models import SearchDocument
from shotline.search.sources import COLUMNS, TYPES, source
from shotline.tasks.models import Task

CHUNK = 5000
# A change of these fields changes the context shown on other rows (or on the row itself).
_CONTEXT_FIELDS = frozenset({"code", "name", "sequence_id", "shot_id", "asset_id", "task_type_id"})


def reindex(session: Session, entity_type: str, ids: Iterable[int]) -> None:
    """Rewrite the documents of these rows (drop those archived or gone)."""
    items = sorted(set(ids))
    stmt, model = source(entity_type)
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.entity_type == entity_type, SearchDocument.entity_id.in_(chunk)
            ),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            insert(SearchDocument).from_select(COLUMNS, stmt.where(model.id.in_(chunk)))
        )


def reindex_all(session: Session) -> dict[str, int]:
    """Rebuild the whole index; returns the number of documents per type."""
    session.execute(delete(SearchDocument), execution_options={"synchronize_session": False})
    counts: dict[str, int] = {}
    for entity_type in TYPES:
        stmt, _model = source(entity_type)
        session.execute(insert(SearchDocument).from_select(COLUMNS, stmt))
        counts[entity_type] = (
            session.scalar(select(func.count()).where(SearchDocument.entity_type == entity_type))
            or 0
        )
    return counts


def _dependents(session: Session, entity_type: str, ids: list[int]) -> dict[str, set[int]]:
    """Rows whose context (or version label) shows these rows' code or name."""
    out: dict[str, set[int]] = defaultdict(set)
    if entity_type == "project":
        for name in ("sequence", "shot", "asset", "task", "version", "note"):
            model = TYPES[name]
            out[name].update(session.scalars(select(model.id).where(model.project_id.in_(ids))))
        return out
    task_ids: list[int] = []
    if entity_type == "sequence":
        shot_ids = list(session.scalars(select(Shot.id).where(Shot.sequence_id.in_(ids))))
        out["shot"].update(shot_ids)
        if shot_ids:
            task_ids = list(session.scalars(select(Task.id).where(Task.shot_id.in_(shot_ids))))
        out["task"].update(task_ids)
        return out
    if entity_type in ("shot", "asset"):
        column = Task.shot_id if entity_type == "shot" else Task.asset_id
        task_ids = list(session.scalars(select(Task.id).where(column.in_(ids))))
        out["task"].update(task_ids)
        target = Note.shot_id if entity_type == "shot" else Note.asset_id
        out["note"].update(session.scalars(select(Note.id).where(target.in_(ids))))
    elif entity_type == "task":
        task_ids = ids
    if task_ids:
        versions = select(Version.id).where(Version.task_id.in_(task_ids))
        out["version"].update(session.scalars(versions))
        notes = select(Note.id).where(
            or_(Note.task_id.in_(task_ids), Note.version_id.in_(versions))
        )
        out["note"].update(session.scalars(notes))
    return out


def _renames(verb: str, changes: dict[str, Any] | None) -> bool:
    """An update of a field other rows show as context (a new row has no dependents yet)."""
    return verb.endswith(".updated") and bool(_CONTEXT_FIELDS & set(changes or {}))


# Updates that leave these fields alone (status, dates, assignees…) change no document.
_TEXT_FIELDS = _CONTEXT_FIELDS | {
    "title",
    "description",
    "body",
    "email",
    "project_id",
    "custom_type",
}
_LIFECYCLE = (".created", ".archived", ".restored", ".deleted")


def _affects_index(verb: str, changes: dict[str, Any] | None) -> bool:
    if verb.endswith(_LIFECYCLE):
        return True
    return verb.endswith(".updated") and bool(_TEXT_FIELDS & set(changes or {}))


def _touched(session: Session, pending: list[Any]) -> list[tuple[str, int, bool]]:
    """`(entity_type, entity_id, context changed)` for the events in `pending`."""
    out: list[tuple[str, int, bool]] = []
    ids: list[int] = []
    for item in pending:
        if isinstance(item, int):
            ids.append(item)
        elif (
            isinstance(item, Event)
            and item.entity_type in TYPES
            and item.entity_id
            and _affects_index(item.verb, item.changes)
        ):
            out.append((item.entity_type, item.entity_id, _renames(item.verb, item.changes)))
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Event.entity_type, Event.entity_id, Event.verb, Event.changes).where(
                Event.id.in_(ids[start : start + CHUNK]), Event.entity_type.in_(list(TYPES))
            )
        )
        out.extend((t, i, _renames(v, c)) for t, i, v, c in rows if _affects_index(v, c))
    return out


DONE_KEY = "shotline.search_indexed"


def sync(session: Session) -> None:
    """Reindex the rows the events of this transaction touched (called before commit)."""
    pending: list[Any] = session.info.get(hooks.PENDING_KEY) or []
    done: int = session.info.get(DONE_KEY, 0)
    if len(pending) <= done:
        return
    session.flush()
    new = pending[done:]
    session.info[DONE_KEY] = len(pending)
    by_type: dict[str, set[int]] = defaultdict(set)
    renamed: dict[str, set[int]] = defaultdict(set)
    for entity_type, entity_id, context_changed in _touched(session, new):
        by_type[entity_type].add(entity_id)
        if context_changed:
            renamed[entity_type].add(entity_id)
    for entity_type, ids in renamed.items():
        for name, dep_ids in _dependents(session, entity_type, sorted(ids)).items():
            by_type[name].update(dep_ids)
    for entity_type in TYPES:
        if by_type.get(entity_type):
            reindex(session, entity_type, by_type[entity_type])


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    sync(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(DONE_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(DONE_KEY, None)
