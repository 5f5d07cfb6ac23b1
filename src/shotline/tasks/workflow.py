"""Task types (organization), task statuses and task templates (project), template apply.

Invariants:
- task type codes are unique per organization, status codes per project, template names
  per project (409);
- workflow rules key off a status's `category`, never its name or code;
- reordering takes every live status of the project exactly once (422 otherwise) and
  records one `task_status.updated` per status whose position changed;
- applying a template is one call and one transaction: every target is checked first
  (422 with one `shot_ids.<id>` entry per target that is not a live row of the project,
  nothing written), pairs (target, task type) that already have a
  live task are skipped, the new tasks and their `task.created` events are two set-based
  INSERTs sharing one `batch_id`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.db.base import ACTOR_KEY
from shotline.db.dialect import insert_rows
from shotline.db.types import utcnow
from shotline.errors import NotFound, ValidationFailed
from shotline.production.models import Asset, Department, Shot
from shotline.production.service import (
    apply_update,
    check_version,
    ensure_unique,
    get_project,
    load,
    record_created,
)
from shotline.tasks.defaults import (
    STATUS_FIELDS,
    TASK_TYPE_FIELDS,
    TEMPLATE_FIELDS,
    ensure_default_task_types,
)
from shotline.tasks.models import (
    AppliesTo,
    Task,
    TaskStatus,
    TaskTemplate,
    TaskType,
    TemplateTarget,
)
from shotline.tasks.service import TASK_FIELDS, check_task_type, default_status

# --- task types ----------------------------------------------------------------------


def list_task_types(session: Session, actor: Actor) -> list[TaskType]:
    policy.require(actor, "read_catalogue", None)
    stmt = select(TaskType).where(policy.visible(actor, TaskType), TaskType.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(TaskType.sort_order, TaskType.code)))


def ensure_task_types(session: Session, actor: Actor) -> list[TaskType]:
    """Create the default task types the organization lacks (admin/producer)."""
    policy.require(actor, "manage_catalogue", None)
    ensure_default_task_types(session, actor)
    return list_task_types(session, actor)


def _check_department(session: Session, actor: Actor, department_id: int | None) -> None:
    if department_id is None:
        return
    department = session.get(Department, department_id)
    if department is None or department.organization_id != actor.organization_id:
        raise ValidationFailed(fields={"department_id": "no such department"})


def create_task_type(session: Session, actor: Actor, **fields: Any) -> TaskType:
    policy.require(actor, "manage_catalogue", None)
    scope = TaskType.organization_id == actor.organization_id
    ensure_unique(session, TaskType, scope, "code", fields["code"])
    _check_department(session, actor, fields.get("department_id"))
    task_type = TaskType(organization_id=actor.organization_id, **fields)
    session.add(task_type)
    record_created(session, actor, task_type, TASK_TYPE_FIELDS, project_id=None)
    return task_type


def update_task_type(
    session: Session,
    actor: Actor,
    task_type_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> TaskType:
    task_type = load(session, actor, TaskType, task_type_id, "manage_catalogue")
    check_version(task_type, expected_version)
    if updates.get("code") is not None:
        scope = TaskType.organization_id == actor.organization_id
        ensure_unique(session, TaskType, scope, "code", updates["code"], exclude_id=task_type.id)
    if updates.get("department_id") is not None:
        _check_department(session, actor, updates["department_id"])
    apply_update(session, actor, task_type, updates, project_id=None)
    return task_type


# --- statuses ------------------------------------------------------------------------


def list_statuses(session: Session, actor: Actor, project_id: int) -> list[TaskStatus]:
    project = get_project(session, actor, project_id)
    stmt = select(TaskStatus).where(
        TaskStatus.project_id == project.id, TaskStatus.archived_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(TaskStatus.sort_order, TaskStatus.id)))


def create_status(
    session: Session, actor: Actor, project_id: int, *, sort_order: int | None = None, **fields: Any
) -> TaskStatus:
    project = get_project(session, actor, project_id, verb="manage_project")
    ensure_unique(session, TaskStatus, TaskStatus.project_id == project.id, "code", fields["code"])
    if sort_order is None:
        last = session.scalar(
            select(func.max(TaskStatus.sort_order)).where(TaskStatus.project_id == project.id)
        )
        sort_order = (last if last is not None else -1) + 1
    status = TaskStatus(project_id=project.id, sort_order=sort_order, **fields)
    session.add(status)
    record_created(session, actor, status, STATUS_FIELDS, project_id=project.id)
    return status


def update_status(
    session: Session,
    actor: Actor,
    status_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> TaskStatus:
    status = load(session, actor, TaskStatus, status_id, "manage_project")
    check_version(status, expected_version)
    if updates.get("code") is not None:
        scope = TaskStatus.project_id == status.project_id
        ensure_unique(session, TaskStatus, scope, "code", updates["code"], exclude_id=status.id)
    apply_update(session, actor, status, updates, project_id=status.project_id)
    return status


def reorder_statuses(
    session: Session, actor: Actor, project_id: int, *, status_ids: list[int]
) -> list[TaskStatus]:
    project = get_project(session, actor, project_id, verb="manage_project")
    current = list_statuses(session, actor, project.id)
    if sorted(status_ids) != sorted(s.id for s in current) or len(set(status_ids)) != len(
        status_ids
    ):
        raise ValidationFailed(
            fields={"status_ids": "list every status of the project exactly once"}
        )
    by_id = {s.id: s for s in current}
    for order, status_id in enumerate(status_ids):
        apply_update(session, actor, by_id[status_id], {"sort_order": order}, project_id=project.id)
    return [by_id[i] for i in status_ids]


# --- templates -----------------------------------------------------------------------


def list_templates(session: Session, actor: Actor, project_id: int) -> list[TaskTemplate]:
    project = get_project(session, actor, project_id)
    stmt = select(TaskTemplate).where(
        TaskTemplate.project_id == project.id, TaskTemplate.archived_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(TaskTemplate.name, TaskTemplate.id)))


def _template_in(session: Session, actor: Actor, project_id: int, template_id: int) -> TaskTemplate:
    template = load(session, actor, TaskTemplate, template_id, "read_production")
    if template.project_id != project_id:
        raise NotFound()
    return template


def _check_items(
    session: Session, actor: Actor, target: TemplateTarget, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    kind = AppliesTo(target.value)
    for index, item in enumerate(items):
        check_task_type(session, actor, item["task_type_id"], kind, f"items.{index}.task_type_id")
    return [
        {
            "task_type_id": i["task_type_id"],
            "title": i.get("title"),
            "estimated_hours": i.get("estimated_hours"),
        }
        for i in items
    ]


def create_template(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    name: str,
    applies_to: TemplateTarget,
    items: list[dict[str, Any]],
    title_pattern: str = "{type}",
) -> TaskTemplate:
    project = get_project(session, actor, project_id, verb="edit_production")
    ensure_unique(session, TaskTemplate, TaskTemplate.project_id == project.id, "name", name)
    template = TaskTemplate(
        project_id=project.id,
        name=name,
        applies_to=applies_to,
        title_pattern=title_pattern,
        items=_check_items(session, actor, applies_to, items),
    )
    session.add(template)
    record_created(session, actor, template, TEMPLATE_FIELDS, project_id=project.id)
    return template


def update_template(
    session: Session,
    actor: Actor,
    project_id: int,
    template_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> TaskTemplate:
    template = _template_in(session, actor, project_id, template_id)
    policy.require(actor, "edit_production", template)
    check_version(template, expected_version)
    if updates.get("name") is not None:
        scope = TaskTemplate.project_id == template.project_id
        ensure_unique(session, TaskTemplate, scope, "name", updates["name"], exclude_id=template.id)
    if updates.get("items") is not None:
        updates = {
            **updates,
            "items": _check_items(session, actor, template.applies_to, updates["items"]),
        }
    apply_update(session, actor, template, updates, project_id=template.project_id)
    return template


def _live_targets(
    session: Session, project_id: int, model: Any, field: str, wanted: list[int]
) -> dict[int, str]:
    """id → code of the shots (assets) to apply a template to. Any that is not a live row of
    the project fails the whole call: 422 with one entry per id (`shot_ids.<id>`), at most 50.
    """
    found: dict[int, tuple[str, bool]] = {}
    for start in range(0, len(wanted), 5_000):
        chunk = wanted[start : start + 5_000]
        stmt = select(model.id, model.code, model.archived_at).where(
            model.project_id == project_id, model.id.in_(chunk)
        )
        found.update(
            {
                row_id: (code, archived is not None)
                for row_id, code, archived in session.execute(stmt)
            }
        )
    noun = "shot" if model is Shot else "asset"
    problems: dict[str, str] = {}
    for target_id in wanted:
        if target_id not in found:
            problems[f"{field}.{target_id}"] = f"no {noun} {target_id} in this project"
        elif found[target_id][1]:
            problems[f"{field}.{target_id}"] = f"{found[target_id][0]} is archived"
    if problems:
        shown = dict(list(problems.items())[:50])
        raise ValidationFailed(
            f"Nothing was created: {len(problems)} of the {len(wanted)} {noun}s cannot take "
            "this template.",
            fields=shown,
        )
    return {target_id: code for target_id, (code, _) in found.items()}


def apply_template(
    session: Session,
    actor: Actor,
    project_id: int,
    template_id: int,
    *,
    shot_ids: list[int] | None = None,
    asset_ids: list[int] | None = None,
) -> tuple[str, list[int], int]:
    """Create the template's tasks on many shots or assets; returns (batch, new ids, skipped)."""
    project = get_project(session, actor, project_id, verb="edit_production")
    template = _template_in(session, actor, project.id, template_id)
    if (shot_ids is None) == (asset_ids is None):
        raise ValidationFailed(fields={"shot_ids": "give exactly one of shot_ids and asset_ids"})
    is_shot = shot_ids is not None
    field = "shot_ids" if is_shot else "asset_ids"
    wanted = sorted(set(shot_ids if shot_ids is not None else asset_ids or []))
    if template.applies_to != (TemplateTarget.SHOT if is_shot else TemplateTarget.ASSET):
        raise ValidationFailed(fields={field: f"this template is for {template.applies_to}s"})
    parent_col: Any = Task.shot_id if is_shot else Task.asset_id
    codes = _live_targets(session, project.id, Shot if is_shot else Asset, field, wanted)
    kind = AppliesTo.SHOT if is_shot else AppliesTo.ASSET
    types = {
        item["task_type_id"]: check_task_type(session, actor, item["task_type_id"], kind)
        for item in template.items
    }
    existing: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), 5_000):
        chunk = wanted[start : start + 5_000]
        stmt = select(parent_col, Task.task_type_id).where(
            parent_col.in_(chunk),
            Task.task_type_id.in_(list(types)),
            Task.archived_at.is_(None),
        )
        existing.update(session.execute(stmt).all())
    status = default_status(session, project.id)
    now = utcnow()
    account_id = session.info.get(ACTOR_KEY, actor.account_id)
    rows: list[dict[str, Any]] = []
    skipped = 0
    for parent_id in wanted:
        for order, item in enumerate(template.items):
            if (parent_id, item["task_type_id"]) in existing:
                skipped += 1
                continue
            type_name = types[item["task_type_id"]].name
            title = item.get("title") or template.title_pattern.replace(
                "{type}", type_name
            ).replace("{code}", codes[parent_id])
            rows.append(
                {
                    "project_id": project.id,
                    "shot_id": parent_id if is_shot else None,
                    "asset_id": None if is_shot else parent_id,
                    "task_type_id": item["task_type_id"],
                    "status_id": status.id,
                    "title": title[:200],
                    "description": None,
                    "priority": 2,
                    "start_date": None,
                    "due_date": None,
                    "estimated_hours": item.get("estimated_hours"),
                    "sort_order": order,
                    "supervisor_id": None,
                    "custom": {},
                    "created_at": now,
                    "updated_at": now,
                    "created_by": account_id,
                    "updated_by": account_id,
                    "row_version": 1,
                }
            )
    batch_id = uuid.uuid4().hex
    if not rows:
        return batch_id, [], skipped
    session.flush()
    ids = insert_rows(session, Task, rows, return_ids=True)
    events.record_many(
        session,
        actor,
        "task.created",
        "task",
        [
            (
                row_id,
                {
                    **{f: [None, events.jsonable(row[f])] for f in TASK_FIELDS},
                    "assignee_ids": [None, []],
                    "watcher_ids": [None, []],
                },
                {"template_id": template.id},
            )
            for row_id, row in zip(ids, rows, strict=True)
        ],
        project_id=project.id,
        batch_id=batch_id,
    )
    return batch_id, ids, skipped
