"""Approve or request changes on a version; the history of decisions.

Invariants:
- internal decisions are for supervisors of the project, producers and admins; artists get
  403 (they comment instead); a version the actor cannot see is 404, an archived one 409;
- a decision with text also creates a note on the version (same transaction);
- an `approval` row is written per decision and never changed: the history is those rows;
- approving sets the version `approved`; the task moves to `done` unless its task type needs
  a client review (project setting), in which case the task stays put and the version
  becomes `ready_to_share`. Requesting changes sets `changes_requested`, clears
  `ready_to_share` and moves the task to `changes` (see `automation`);
- events: `version.approved` / `version.changes_requested` (changes: status,
  ready_to_share; data: approval_id, stage, decision, task_id, number, note_id), plus
  `note.created` and the automation's `task.updated`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import Conflict
from shotline.production.service import load
from shotline.review import automation, notes
from shotline.review.models import (
    Approval,
    Decision,
    ReviewStage,
    Version,
    VersionStatus,
)
from shotline.tasks.models import Task

SYSTEM_NAME = "Shotline"


def decide(
    session: Session,
    actor: Actor,
    version_id: int,
    *,
    decision: Decision,
    note: str | None = None,
) -> tuple[Approval, Version, Task]:
    version = load(session, actor, Version, version_id, "approve_version")
    if version.archived_at is not None:
        raise Conflict("The version is archived.")
    task = session.get_one(Task, version.task_id)
    note_id = None
    if note:
        note_id = notes.create_note(
            session, actor, target_type="version", target_id=version.id, body=note
        ).id
    approval = Approval(
        project_id=version.project_id,
        version_id=version.id,
        task_id=task.id,
        decision=decision,
        stage=ReviewStage.INTERNAL,
        account_id=actor.account_id,
        guest_name=None if actor.account_id is not None else SYSTEM_NAME,
        note_id=note_id,
    )
    session.add(approval)
    session.flush()
    if decision == Decision.APPROVED:
        status, ready = VersionStatus.APPROVED, automation.client_review_required(session, task)
    else:
        status, ready = VersionStatus.CHANGES_REQUESTED, False
    changes = events.apply_changes(version, {"status": status, "ready_to_share": ready})
    session.flush()
    events.record(
        session,
        actor,
        f"version.{decision.value}",
        version,
        changes,
        data={
            "approval_id": approval.id,
            "stage": ReviewStage.INTERNAL,
            "decision": decision,
            "task_id": task.id,
            "number": version.number,
            "note_id": note_id,
        },
    )
    if decision == Decision.CHANGES_REQUESTED:
        automation.on_changes_requested(session, actor, task, version)
    elif not ready:
        automation.on_internal_approval(session, actor, task, version)
    return approval, version, task


def list_version_approvals(session: Session, actor: Actor, version_id: int) -> list[Approval]:
    """Decisions on a version, oldest first."""
    version = load(session, actor, Version, version_id, "read_production")
    stmt = select(Approval).where(
        Approval.version_id == version.id, policy.visible(actor, Approval)
    )
    return list(session.scalars(stmt.order_by(Approval.id)))


def list_task_approvals(session: Session, actor: Actor, task_id: int) -> list[Approval]:
    """Decisions on every version of a task, oldest first."""
    task = load(session, actor, Task, task_id, "read_production")
    stmt = select(Approval).where(Approval.task_id == task.id, policy.visible(actor, Approval))
    return list(session.scalars(stmt.order_by(Approval.id)))
