"""Routes: task types, task statuses, task templates (and apply), tasks, assignment,
watchers and the bulk update.

The filtered task collections (`GET /tasks`, `GET /projects/{id}/tasks`) come from the
registry's query engine, not here.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.lifecycle_routes import with_etag
from shotline.production.api import CREATED, NO_CONTENT
from shotline.production.schemas import DeleteConfirm
from shotline.tasks import service, workflow
from shotline.tasks.schemas import (
    BulkUpdated,
    StatusReorder,
    TaskAssign,
    TaskBulkUpdate,
    TaskCreate,
    TaskRead,
    TaskStatusCreate,
    TaskStatusRead,
    TaskStatusUpdate,
    TaskTemplateCreate,
    TaskTemplateRead,
    TaskTemplateUpdate,
    TaskTypeCreate,
    TaskTypeRead,
    TaskTypeUpdate,
    TaskUpdate,
    TemplateApplied,
    TemplateApply,
    WatchersAdd,
)

router = APIRouter(prefix="/api/v1", tags=["tasks"])


# --- task types ----------------------------------------------------------------------


@router.get("/task-types", summary="List task types")
def list_task_types(actor: CurrentActor, session: DbSession) -> list[TaskTypeRead]:
    """The organization's pipeline steps, in order (internal accounts)."""
    return [TaskTypeRead.model_validate(t) for t in workflow.list_task_types(session, actor)]


@router.post("/task-types", status_code=CREATED, summary="Create a task type")
def create_task_type(body: TaskTypeCreate, actor: CurrentActor, session: DbSession) -> TaskTypeRead:
    """Add a custom pipeline step (code unique in the organization). Admins and producers."""
    return TaskTypeRead.model_validate(
        workflow.create_task_type(session, actor, **body.model_dump())
    )


@router.post("/task-types/defaults", summary="Add the default task types")
def ensure_default_task_types(actor: CurrentActor, session: DbSession) -> list[TaskTypeRead]:
    """Create whichever of TRACK, ROTO, … GENERAL the organization lacks (idempotent)."""
    return [TaskTypeRead.model_validate(t) for t in workflow.ensure_task_types(session, actor)]


@router.patch("/task-types/{task_type_id}", summary="Update a task type")
def update_task_type(
    task_type_id: int,
    body: TaskTypeUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> TaskTypeRead:
    """Change the fields sent; a stale `If-Match` answers 412."""
    task_type = workflow.update_task_type(
        session,
        actor,
        task_type_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return TaskTypeRead.model_validate(with_etag(response, task_type))


# --- statuses ------------------------------------------------------------------------


@router.get("/projects/{project_id}/task-statuses", summary="List task statuses")
def list_task_statuses(
    project_id: int, actor: CurrentActor, session: DbSession
) -> list[TaskStatusRead]:
    """The project's task statuses in board order, each with its canonical category."""
    rows = workflow.list_statuses(session, actor, project_id)
    return [TaskStatusRead.model_validate(s) for s in rows]


@router.post(
    "/projects/{project_id}/task-statuses", status_code=CREATED, summary="Create a task status"
)
def create_task_status(
    project_id: int, body: TaskStatusCreate, actor: CurrentActor, session: DbSession
) -> TaskStatusRead:
    """Add a status mapped to a category. Admins and producers."""
    status = workflow.create_status(session, actor, project_id, **body.model_dump())
    return TaskStatusRead.model_validate(status)


@router.post("/projects/{project_id}/task-statuses/reorder", summary="Reorder task statuses")
def reorder_task_statuses(
    project_id: int, body: StatusReorder, actor: CurrentActor, session: DbSession
) -> list[TaskStatusRead]:
    """Give every status of the project, in the new order."""
    rows = workflow.reorder_statuses(session, actor, project_id, status_ids=body.status_ids)
    return [TaskStatusRead.model_validate(s) for s in rows]


@router.patch("/task-statuses/{status_id}", summary="Update a task status")
def update_task_status(
    status_id: int,
    body: TaskStatusUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> TaskStatusRead:
    """Rename, recolour or re-categorize a status."""
    status = workflow.update_status(
        session,
        actor,
        status_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return TaskStatusRead.model_validate(with_etag(response, status))


# --- templates -----------------------------------------------------------------------


@router.get("/projects/{project_id}/task-templates", summary="List task templates")
def list_task_templates(
    project_id: int, actor: CurrentActor, session: DbSession
) -> list[TaskTemplateRead]:
    """The project's task templates (including the quick-add ones), by name."""
    rows = workflow.list_templates(session, actor, project_id)
    return [TaskTemplateRead.model_validate(t) for t in rows]


@router.post(
    "/projects/{project_id}/task-templates", status_code=CREATED, summary="Create a task template"
)
def create_task_template(
    project_id: int, body: TaskTemplateCreate, actor: CurrentActor, session: DbSession
) -> TaskTemplateRead:
    """A named list of task types for shots or for assets. Supervisors and up."""
    template = workflow.create_template(session, actor, project_id, **body.model_dump())
    return TaskTemplateRead.model_validate(template)


@router.patch("/projects/{project_id}/task-templates/{template_id}", summary="Update a template")
def update_task_template(
    project_id: int,
    template_id: int,
    body: TaskTemplateUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> TaskTemplateRead:
    """Change the name, title pattern or items (replaced as a whole)."""
    template = workflow.update_template(
        session,
        actor,
        project_id,
        template_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return TaskTemplateRead.model_validate(with_etag(response, template))


@router.post(
    "/projects/{project_id}/task-templates/{template_id}/apply",
    status_code=CREATED,
    summary="Apply a template to many shots or assets",
)
def apply_task_template(
    project_id: int,
    template_id: int,
    body: TemplateApply,
    actor: CurrentActor,
    session: DbSession,
) -> TemplateApplied:
    """Create the template's tasks on every shot (or asset) given, in one transaction.
    A (shot, task type) pair that already has a live task is skipped and counted."""
    batch_id, ids, skipped = workflow.apply_template(
        session, actor, project_id, template_id, shot_ids=body.shot_ids, asset_ids=body.asset_ids
    )
    return TemplateApplied(batch_id=batch_id, created=len(ids), skipped=skipped, task_ids=ids)


# --- tasks ---------------------------------------------------------------------------


@router.post("/tasks", status_code=CREATED, summary="Create a task")
def create_task(body: TaskCreate, actor: CurrentActor, session: DbSession) -> TaskRead:
    """A task on exactly one shot or one asset (422 otherwise). Supervisors and up."""
    return TaskRead.model_validate(service.create_task(session, actor, **body.model_dump()))


@router.post("/tasks/bulk-update", summary="Update many tasks")
def bulk_update_tasks(body: TaskBulkUpdate, actor: CurrentActor, session: DbSession) -> BulkUpdated:
    """Set assignees, status, due date or priority on up to 20,000 tasks in one transaction;
    one event per changed task, all sharing `batch_id`. Supervisors and up."""
    batch_id, count = service.bulk_update_tasks(
        session,
        actor,
        task_ids=body.task_ids,
        values=body.set.model_dump(exclude_unset=True),
    )
    return BulkUpdated(batch_id=batch_id, count=count)


@router.get("/tasks/{task_id}", summary="Get a task")
def get_task(task_id: int, response: Response, actor: CurrentActor, session: DbSession) -> TaskRead:
    """One task with its assignees and watchers, and its `ETag`."""
    return TaskRead.model_validate(with_etag(response, service.get_task(session, actor, task_id)))


@router.patch("/tasks/{task_id}", summary="Update a task")
def update_task(
    task_id: int,
    body: TaskUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> TaskRead:
    """Change the fields sent. Artists may change only `status_id`, and only of their own
    tasks. A stale `If-Match` answers 412."""
    task = service.update_task(
        session,
        actor,
        task_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return TaskRead.model_validate(with_etag(response, task))


@router.post("/tasks/{task_id}/assign", summary="Assign a task")
def assign_task(
    task_id: int,
    body: TaskAssign,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> TaskRead:
    """Replace the task's assignees (an empty list unassigns). Supervisors and up."""
    task = service.assign_task(
        session, actor, task_id, assignee_ids=body.assignee_ids, expected_version=if_match
    )
    return TaskRead.model_validate(with_etag(response, task))


@router.post("/tasks/{task_id}/watchers", summary="Watch a task")
def add_task_watchers(
    task_id: int, body: WatchersAdd, actor: CurrentActor, session: DbSession
) -> TaskRead:
    """Add watchers. Anyone who sees the task may add themselves; others take edit rights."""
    return TaskRead.model_validate(
        service.add_watchers(session, actor, task_id, account_ids=body.account_ids)
    )


@router.delete("/tasks/{task_id}/watchers/{account_id}", summary="Stop watching a task")
def remove_task_watcher(
    task_id: int, account_id: int, actor: CurrentActor, session: DbSession
) -> TaskRead:
    """Remove a watcher (yourself, or anyone with edit rights)."""
    return TaskRead.model_validate(service.remove_watcher(session, actor, task_id, account_id))


@router.post("/tasks/{task_id}/archive", summary="Archive a task")
def archive_task(task_id: int, actor: CurrentActor, session: DbSession) -> TaskRead:
    """Hide the task from lists; nothing is deleted. Supervisors and up."""
    return TaskRead.model_validate(service.archive_task(session, actor, task_id))


@router.post("/tasks/{task_id}/restore", summary="Restore a task")
def restore_task(task_id: int, actor: CurrentActor, session: DbSession) -> TaskRead:
    """Bring an archived task back."""
    return TaskRead.model_validate(service.restore_task(session, actor, task_id))


@router.delete("/tasks/{task_id}", status_code=NO_CONTENT, summary="Delete a task")
def delete_task(task_id: int, body: DeleteConfirm, actor: CurrentActor, session: DbSession) -> None:
    """Delete an archived task forever; `confirm` is its title. Admins and producers."""
    service.delete_task(session, actor, task_id, confirm=body.confirm)
