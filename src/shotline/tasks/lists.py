"""Task lists (per project and across projects) and the dashboard figures.

Lists go through the query engine (one statement per page). The dashboard answers in a
fixed number of statements whatever the size of the show: one for the counts, one for
the workload, one each for latest uploads and recent feedback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.events.models import Event
from shotline.media.models import MediaFile
from shotline.production.lists import query_project_rows
from shotline.production.models import Project
from shotline.production.service import get_project
from shotline.registry import QueryResult, QuerySpec, run_query
from shotline.tasks.models import StatusCategory, Task, TaskAssignee, TaskStatus
from shotline.tasks.views import CLOSED, OPEN_NOT_HELD, TaskView, today_utc, view_filters

REVIEW = [StatusCategory.INTERNAL_REVIEW.value, StatusCategory.CLIENT_REVIEW.value]
FEEDBACK_VERBS = ("note.created", "version.approved", "version.changes_requested")


def query_project_tasks(
    session: Session,
    actor: Actor,
    *,
    project_id: int,
    spec: QuerySpec,
    view: TaskView | None = None,
    today: dt.date | None = None,
) -> QueryResult:
    extra = view_filters(view, actor, today or today_utc()) if view else None
    return query_project_rows(
        session, actor, project_id=project_id, entity="task", spec=spec, extra_filters=extra
    )


def query_tasks(
    session: Session,
    actor: Actor,
    *,
    spec: QuerySpec,
    view: TaskView | None = None,
    today: dt.date | None = None,
) -> QueryResult:
    """Tasks across every project the actor may see (my tasks, overdue, …)."""
    policy.require(actor, "list_tasks", None)
    if view:
        spec = spec.model_copy(
            update={"filters": [*spec.filters, *view_filters(view, actor, today or today_utc())]}
        )
    return run_query(session, actor, "task", spec)


@dataclass
class Workload:
    account_id: int
    name: str
    open_tasks: int
    estimated_hours: float


@dataclass
class Dashboard:
    due_today: int
    my_due_today: int
    in_review: int
    overdue: int
    open_tasks: int
    workload: list[Workload]
    latest_uploads: list[dict[str, Any]]
    recent_feedback: list[dict[str, Any]]


def dashboard(
    session: Session, actor: Actor, *, project_id: int | None = None, today: dt.date | None = None
) -> Dashboard:
    policy.require(actor, "list_tasks", None)
    today = today or today_utc()
    scope = [policy.visible(actor, Task), Task.archived_at.is_(None)]
    if project_id is not None:
        get_project(session, actor, project_id)
        scope.append(Task.project_id == project_id)
    category = TaskStatus.category
    is_open = category.not_in(CLOSED)
    mine = Task.id.in_(
        select(TaskAssignee.task_id).where(TaskAssignee.account_id == actor.account_id)
    )

    def count_if(cond: Any) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    counts = session.execute(
        select(
            count_if(and_(Task.due_date == today, is_open)),
            count_if(and_(Task.due_date == today, is_open, mine)),
            count_if(category.in_(REVIEW)),
            count_if(and_(Task.due_date < today, category.not_in(OPEN_NOT_HELD))),
            count_if(is_open),
        )
        .select_from(Task)
        .join(TaskStatus, TaskStatus.id == Task.status_id)
        .where(*scope)
    ).one()
    workload_rows = session.execute(
        select(
            Account.id,
            Account.name,
            func.count(Task.id),
            func.coalesce(func.sum(Task.estimated_hours), 0.0),
        )
        .select_from(TaskAssignee)
        .join(Task, Task.id == TaskAssignee.task_id)
        .join(TaskStatus, TaskStatus.id == Task.status_id)
        .join(Account, Account.id == TaskAssignee.account_id)
        .where(*scope, is_open)
        .group_by(Account.id, Account.name)
        .order_by(func.count(Task.id).desc(), Account.name)
        .limit(50)
    ).all()
    return Dashboard(
        due_today=int(counts[0]),
        my_due_today=int(counts[1]),
        in_review=int(counts[2]),
        overdue=int(counts[3]),
        open_tasks=int(counts[4]),
        workload=[Workload(int(r[0]), r[1], int(r[2]), float(r[3] or 0)) for r in workload_rows],
        latest_uploads=_latest_uploads(session, actor, project_id),
        recent_feedback=_recent_feedback(session, actor, project_id),
    )


def _latest_uploads(session: Session, actor: Actor, project_id: int | None) -> list[dict[str, Any]]:
    if not policy.may(actor, "read_media", None):
        return []
    stmt = select(
        MediaFile.id, MediaFile.original_name, MediaFile.mime, MediaFile.state, MediaFile.created_at
    ).where(policy.visible(actor, MediaFile))
    if project_id is not None:
        stmt = stmt.where(MediaFile.project_id == project_id)
    rows = session.execute(stmt.order_by(MediaFile.id.desc()).limit(10))
    return [
        {
            "id": r[0],
            "name": r[1],
            "mime": r[2],
            "state": getattr(r[3], "value", r[3]),
            "created_at": r[4],
        }
        for r in rows
    ]


def _recent_feedback(
    session: Session, actor: Actor, project_id: int | None
) -> list[dict[str, Any]]:
    """Newest notes and review decisions from the event log, in projects the actor sees."""
    projects = select(Project.id).where(policy.visible(actor, Project))
    stmt = select(
        Event.id, Event.verb, Event.entity_type, Event.entity_id, Event.actor_id, Event.created_at
    ).where(
        Event.organization_id == actor.organization_id,
        Event.verb.in_(FEEDBACK_VERBS),
        Event.project_id.in_(projects),
    )
    if project_id is not None:
        stmt = stmt.where(Event.project_id == project_id)
    rows = session.execute(stmt.order_by(Event.id.desc()).limit(10))
    return [
        {
            "event_id": r[0],
            "verb": r[1],
            "entity_type": r[2],
            "entity_id": r[3],
            "actor_id": r[4],
            "created_at": r[5],
        }
        for r in rows
    ]
