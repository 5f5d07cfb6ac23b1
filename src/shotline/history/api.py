"""Routes: the history of a row, and reverting changes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from shotline.deps import CurrentActor, DbSession
from shotline.history import service

router = APIRouter(prefix="/api/v1/history", tags=["history"])
EntityName = Literal["shot", "asset", "task", "sequence"]


class FieldChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    field: str
    old: Any
    new: Any


class HistoryEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    event_id: int
    created_at: datetime
    actor_id: int | None
    actor_name: str | None
    verb: str
    batch_id: str | None
    changes: list[FieldChangeRead]


class HistoryPage(BaseModel):
    items: list[HistoryEntryRead]
    next_before_id: int | None


class Reverted(BaseModel):
    batch_id: str


@router.get("/{entity}/{row_id}", summary="History of a row")
def get_row_history(
    entity: EntityName,
    row_id: int,
    actor: CurrentActor,
    session: DbSession,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> HistoryPage:
    """Every change of the row (who, when, field, old → new), newest first; page back with
    `before_id`. Anyone who may open the row."""
    rows = service.row_history(
        session, actor, entity=entity, row_id=row_id, before_id=before_id, limit=limit
    )
    return HistoryPage(
        items=[HistoryEntryRead.model_validate(r) for r in rows],
        next_before_id=rows[-1].event_id if len(rows) == limit else None,
    )


@router.post("/events/{event_id}/revert", summary="Revert one change")
def revert_event(
    event_id: int, actor: CurrentActor, session: DbSession, force: bool = False
) -> Reverted:
    """Write back the old values of one change, as a new change. 409 when a field changed
    again since, unless `force=true`. Needs edit rights on the row."""
    return Reverted(batch_id=service.revert_event(session, actor, event_id, force=force))


@router.post("/{entity}/{row_id}/revert", summary="Revert a row to a point in time")
def revert_row(
    entity: EntityName,
    row_id: int,
    actor: CurrentActor,
    session: DbSession,
    to_event_id: Annotated[int, Query(ge=1)],
) -> Reverted:
    """Put the row back as it was right after the event `to_event_id` (one of its own)."""
    return Reverted(
        batch_id=service.revert_row(
            session, actor, entity=entity, row_id=row_id, to_event_id=to_event_id
        )
    )


@router.post("/batches/{batch_id}/undo", summary="Undo a batch")
def undo_batch(
    batch_id: str, actor: CurrentActor, session: DbSession, force: bool = False
) -> Reverted:
    """Revert every change of a bulk edit or an import, newest first, all or nothing.
    Created rows are archived."""
    return Reverted(batch_id=service.undo_batch(session, actor, batch_id, force=force))
