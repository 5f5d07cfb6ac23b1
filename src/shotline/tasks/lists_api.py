"""Routes: task lists (per project, across projects, named views) and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from shotline.deps import CurrentActor, DbSession
from shotline.registry import QuerySpec
from shotline.registry.http import LIST_RESPONSES, QUERY_DOC, rows_response, spec_from_request
from shotline.tasks import lists
from shotline.tasks.views import TaskView

router = APIRouter(prefix="/api/v1", tags=["tasks"])
RESERVED = frozenset({"view"})
ViewParam = Annotated[TaskView | None, Query(description="A named view; combines with filters.")]


@router.get(
    "/projects/{project_id}/tasks",
    summary="List a project's tasks",
    responses=LIST_RESPONSES,
    description=QUERY_DOC,
)
def list_project_tasks(
    project_id: int,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    view: ViewParam = None,
) -> Response:
    """The project's tasks. `view` is one of mine, due_today, due_this_week, overdue,
    awaiting_review, awaiting_internal_review, awaiting_client_review."""
    spec = spec_from_request(request, reserved=RESERVED)
    return rows_response(
        lists.query_project_tasks(session, actor, project_id=project_id, spec=spec, view=view)
    )


@router.post(
    "/projects/{project_id}/tasks/query",
    summary="Query a project's tasks",
    responses=LIST_RESPONSES,
)
def query_project_tasks(
    project_id: int,
    body: QuerySpec,
    actor: CurrentActor,
    session: DbSession,
    view: ViewParam = None,
) -> Response:
    """The project's task list with the full query form in the body."""
    return rows_response(
        lists.query_project_tasks(session, actor, project_id=project_id, spec=body, view=view)
    )


@router.get(
    "/tasks", summary="List tasks across projects", responses=LIST_RESPONSES, description=QUERY_DOC
)
def list_tasks(
    request: Request, actor: CurrentActor, session: DbSession, view: ViewParam = None
) -> Response:
    """Tasks in every project you can see: `?view=mine`, `?view=overdue&project.code=NWD`, …"""
    spec = spec_from_request(request, reserved=RESERVED)
    return rows_response(lists.query_tasks(session, actor, spec=spec, view=view))


@router.post("/tasks/query", summary="Query tasks across projects", responses=LIST_RESPONSES)
def query_tasks(
    body: QuerySpec, actor: CurrentActor, session: DbSession, view: ViewParam = None
) -> Response:
    """Tasks across projects with the full query form in the body."""
    return rows_response(lists.query_tasks(session, actor, spec=body, view=view))


class WorkloadRead(BaseModel):
    account_id: int
    name: str
    open_tasks: int
    estimated_hours: float


class DashboardRead(BaseModel):
    due_today: int
    my_due_today: int
    in_review: int
    overdue: int
    open_tasks: int
    workload: list[WorkloadRead]
    latest_uploads: list[dict[str, Any]]
    recent_feedback: list[dict[str, Any]]


@router.get("/dashboard", summary="Dashboard figures")
def get_dashboard(
    actor: CurrentActor,
    session: DbSession,
    project_id: Annotated[int | None, Query(ge=1)] = None,
    today: Annotated[dt.date | None, Query(description="Defaults to the server's date.")] = None,
) -> DashboardRead:
    """Tasks due today (all and mine), in review, overdue, open; artist workload (open tasks and
    estimated hours per assignee); latest uploads; recent feedback. Over every project you can
    see, or one project."""
    data = lists.dashboard(session, actor, project_id=project_id, today=today)
    return DashboardRead.model_validate(data, from_attributes=True)
