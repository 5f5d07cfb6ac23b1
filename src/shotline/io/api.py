"""Routes: streamed exports of the grids and bulk operations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.db.base import bind_actor
from shotline.deps import CurrentActor, DbSession, get_db, resolve_actor
from shotline.io import bulk, export
from shotline.io.schemas import BulkRequest, BulkResultRead
from shotline.registry.http import QUERY_DOC, spec_from_request
from shotline.tasks.views import TaskView, today_utc, view_filters

router = APIRouter(prefix="/api/v1", tags=["io"])
RESERVED = frozenset({"format", "view"})
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
Format = Annotated[Literal["csv", "json"], Query(description="csv or json")]
EXPORT_DOC = "Same query parameters as the list: " + QUERY_DOC + " Paging is ignored."


# The export reads rows while the response streams: its session (one read transaction,
# one server-side cursor) must stay open until the last byte is sent, so it is
# request-scoped instead of closing when the route function returns.
StreamSession = Annotated[Session, Depends(get_db, scope="request")]


def _export(
    request: Request,
    session: Session,
    actor: Actor,
    project_id: int,
    entity: str,
    fmt: Literal["csv", "json"],
    view: TaskView | None = None,
) -> StreamingResponse:
    spec = spec_from_request(request, reserved=RESERVED)
    extra = view_filters(view, actor, today_utc()) if view else None
    fields, rows = export.export_rows(
        session, actor, project_id=project_id, entity=entity, spec=spec, extra_filters=extra
    )
    name = f"{entity}s-{project_id}.{fmt}"
    return StreamingResponse(
        export.encode(fmt, fields, rows),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _stream_actor(request: Request, session: StreamSession) -> Actor:
    actor = resolve_actor(request, session)
    bind_actor(session, actor.account_id)
    return actor


StreamActor = Annotated[Actor, Depends(_stream_actor)]


@router.get("/projects/{project_id}/tasks/export", summary="Export tasks", description=EXPORT_DOC)
def export_tasks(
    project_id: int,
    request: Request,
    session: StreamSession,
    actor: StreamActor,
    format: Format = "csv",
    view: Annotated[TaskView | None, Query()] = None,
) -> StreamingResponse:
    """Every task of the grid view (filters, fields, sort), streamed as CSV or JSON."""
    return _export(request, session, actor, project_id, "task", format, view)


@router.get("/projects/{project_id}/shots/export", summary="Export shots", description=EXPORT_DOC)
def export_shots(
    project_id: int,
    request: Request,
    session: StreamSession,
    actor: StreamActor,
    format: Format = "csv",
) -> StreamingResponse:
    """Every shot of the grid view, streamed as CSV or JSON."""
    return _export(request, session, actor, project_id, "shot", format)


@router.get("/projects/{project_id}/assets/export", summary="Export assets", description=EXPORT_DOC)
def export_assets(
    project_id: int,
    request: Request,
    session: StreamSession,
    actor: StreamActor,
    format: Format = "csv",
) -> StreamingResponse:
    """Every asset of the grid view, streamed as CSV or JSON."""
    return _export(request, session, actor, project_id, "asset", format)


@router.get(
    "/projects/{project_id}/sequences/export", summary="Export sequences", description=EXPORT_DOC
)
def export_sequences(
    project_id: int,
    request: Request,
    session: StreamSession,
    actor: StreamActor,
    format: Format = "csv",
) -> StreamingResponse:
    """Every sequence of the grid view, streamed as CSV or JSON."""
    return _export(request, session, actor, project_id, "sequence", format)


@router.post("/bulk/{entity}", summary="Bulk operation")
def bulk_operation(
    entity: Literal["shot", "asset", "task", "sequence"],
    body: BulkRequest,
    actor: CurrentActor,
    session: DbSession,
) -> BulkResultRead:
    """Set a field, archive, restore, duplicate or re-assign many rows in one transaction.

    Each row goes through the same service as a single edit; one event per changed row, all
    sharing the returned `batch_id`. Rows whose `row_version` moved since
    `expected_versions` are listed in `stale` and skipped, or fail everything with 409 when
    `on_stale` is `fail`.
    """
    result = bulk.bulk_apply(
        session,
        actor,
        entity=entity,
        action=body.action,
        ids=body.ids,
        values=body.values,
        expected_versions=body.expected_versions,
        on_stale=body.on_stale,
    )
    return BulkResultRead.model_validate(result)
