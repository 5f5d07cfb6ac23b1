"""Task status automation for reviews, keyed on status categories only (never names).

- a version is uploaded → `internal_review` (project setting
  `auto_internal_review_on_upload`, on by default);
- changes are requested on a version → `changes`;
- internal approval → `done`, unless the task type's code is in the project setting
  `client_review_required_task_types`: then the task stays where it is and the version
  becomes `ready_to_share` (the client issue adds the `client_review` stage).

Invariants:
- the target is the project's first live status of that category (board order); a project
  without one leaves the task alone and records nothing for it;
- a task already in a status of the target category does not move;
- a move is an ordinary `task.updated` event (`status_id` old → new) whose `data` carries
  `status_category` [old, new], `automation` (the trigger) and `version_id`, so the board,
  feeds and notifications treat it like any other status change;
- the move is made on behalf of the actor who triggered it, whose right to trigger it was
  checked by the caller (an artist uploading moves their task although artists may not
  pick arbitrary statuses).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.production.service import apply_update
from shotline.review.models import Version
from shotline.tasks.models import StatusCategory, Task, TaskStatus, TaskType

UPLOADED = "version_uploaded"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "version_approved"


def status_for(session: Session, project_id: int, category: StatusCategory) -> TaskStatus | None:
    stmt = (
        select(TaskStatus)
        .where(
            TaskStatus.project_id == project_id,
            TaskStatus.category == category,
            TaskStatus.archived_at.is_(None),
        )
        .order_by(TaskStatus.sort_order, TaskStatus.id)
        .limit(1)
    )
    return session.scalar(stmt)


def move_task(
    session: Session,
    actor: Actor,
    task: Task,
    category: StatusCategory,
    *,
    trigger: str,
    version: Version,
) -> bool:
    """Move `task` to the project's status of `category`; True when it moved."""
    current = session.get(TaskStatus, task.status_id)
    if current is not None and current.category == category:
        return False
    target = status_for(session, task.project_id, category)
    if target is None:
        return False
    apply_update(
        session,
        actor,
        task,
        {"status_id": target.id},
        project_id=task.project_id,
        verb="task.updated",
        data={
            "status_category": [current.category if current else None, category],
            "automation": trigger,
            "version_id": version.id,
        },
    )
    return True


def client_review_required(session: Session, task: Task) -> bool:
    codes = task.project.settings.get("client_review_required_task_types") or []
    if not codes:
        return False
    task_type = session.get(TaskType, task.task_type_id)
    return task_type is not None and task_type.code in codes


def on_version_uploaded(session: Session, actor: Actor, task: Task, version: Version) -> bool:
    if not task.project.settings.get("auto_internal_review_on_upload", True):
        return False
    return move_task(
        session, actor, task, StatusCategory.INTERNAL_REVIEW, trigger=UPLOADED, version=version
    )


def on_changes_requested(session: Session, actor: Actor, task: Task, version: Version) -> bool:
    return move_task(
        session, actor, task, StatusCategory.CHANGES, trigger=CHANGES_REQUESTED, version=version
    )


def on_internal_approval(session: Session, actor: Actor, task: Task, version: Version) -> bool:
    """Move to done; or, when the client must review, leave the task and return False (the
    caller marks the version ready to share)."""
    if client_review_required(session, task):
        return False
    return move_task(session, actor, task, StatusCategory.DONE, trigger=APPROVED, version=version)
