"""Routes: the big filtered, sorted, paged lists of a project (shots, assets, sequences)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from shotline.deps import CurrentActor, DbSession
from shotline.production.lists import query_project_rows
from shotline.registry import QuerySpec
from shotline.registry.http import LIST_RESPONSES, QUERY_DOC, rows_response, spec_from_request

router = APIRouter(prefix="/api/v1", tags=["production"])


def _list(
    request: Request, actor: CurrentActor, session: DbSession, project_id: int, entity: str
) -> Response:
    spec = spec_from_request(request)
    return rows_response(
        query_project_rows(session, actor, project_id=project_id, entity=entity, spec=spec)
    )


def _query(
    body: QuerySpec, actor: CurrentActor, session: DbSession, project_id: int, entity: str
) -> Response:
    return rows_response(
        query_project_rows(session, actor, project_id=project_id, entity=entity, spec=body)
    )


@router.get(
    "/projects/{project_id}/shots",
    summary="List shots",
    responses=LIST_RESPONSES,
    description=QUERY_DOC,
)
def list_shots(
    project_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> Response:
    """The project's shots, by sequence then code unless sorted otherwise."""
    return _list(request, actor, session, project_id, "shot")


@router.post("/projects/{project_id}/shots/query", summary="Query shots", responses=LIST_RESPONSES)
def query_shots(
    project_id: int, body: QuerySpec, actor: CurrentActor, session: DbSession
) -> Response:
    """The shot list with the full query form (and/or groups) in the body."""
    return _query(body, actor, session, project_id, "shot")


@router.get(
    "/projects/{project_id}/assets",
    summary="List assets",
    responses=LIST_RESPONSES,
    description=QUERY_DOC,
)
def list_assets(
    project_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> Response:
    """The project's assets, by type then code unless sorted otherwise."""
    return _list(request, actor, session, project_id, "asset")


@router.post(
    "/projects/{project_id}/assets/query", summary="Query assets", responses=LIST_RESPONSES
)
def query_assets(
    project_id: int, body: QuerySpec, actor: CurrentActor, session: DbSession
) -> Response:
    """The asset list with the full query form in the body."""
    return _query(body, actor, session, project_id, "asset")


@router.get(
    "/projects/{project_id}/sequences",
    summary="List sequences",
    responses=LIST_RESPONSES,
    description=QUERY_DOC,
)
def list_sequences(
    project_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> Response:
    """The project's sequences in order."""
    return _list(request, actor, session, project_id, "sequence")


@router.post(
    "/projects/{project_id}/sequences/query", summary="Query sequences", responses=LIST_RESPONSES
)
def query_sequences(
    project_id: int, body: QuerySpec, actor: CurrentActor, session: DbSession
) -> Response:
    """The sequence list with the full query form in the body."""
    return _query(body, actor, session, project_id, "sequence")
