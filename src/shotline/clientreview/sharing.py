"""Share With Client, unshare, and the client-stage decisions that drive the two-stage
review: INTERNAL_REVIEW → CLIENT_REVIEW (share) → DONE (client approves) or CHANGES
(client requests changes). Moves go through `review.automation`, keyed on categories.

Invariants:
- sharing is for supervisors of the project, producers and admins (`share_version`);
  an archived version is 409; a version the actor cannot see is 404;
- with no session named, the version goes into the project's newest live review session;
  with none, 409 `needs_review_session` (fields name `review_session_id` and
  `create_session`), unless `create_session` creates one in the same call;
- sharing sets `is_client_visible`, `shared_at`, `shared_by` (first share only; a re-share
  into another session only adds it there), clears `ready_to_share`, moves the task to
  `client_review` and records `version.shared` (data: task_id, number, review_session_id,
  client_account_ids — the project's active client accounts, whom the notifier tells);
- unsharing hides the version from every client and link (`version.unshared`); the task
  stays where it is;
- a client decision writes an `approval` at stage `client` (account or guest name),
  sets the version status and moves the task (done / changes); events
  `version.approved` / `version.changes_requested` with `stage: client`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account, AccountStatus, Role
from shotline.clientreview import sessions
from shotline.clientreview.models import ReviewSession, ReviewSessionVersion
from shotline.db.types import utcnow
from shotline.errors import Conflict, ValidationFailed
from shotline.production.models import ProjectMember
from shotline.production.service import load
from shotline.review import automation
from shotline.review.models import Approval, Decision, ReviewStage, Version, VersionStatus
from shotline.tasks.models import StatusCategory, Task

SHARED = "version_shared"
CLIENT_APPROVED = "client_approved"
CLIENT_CHANGES = "client_changes_requested"


class NeedsReviewSession(Conflict):
    code = "needs_review_session"
    default_message = (
        "This project has no active review link. Create one (send `create_session`) or pick "
        "one (`review_session_id`)."
    )


def client_accounts(session: Session, project_id: int) -> list[int]:
    stmt = (
        select(Account.id)
        .join(ProjectMember, ProjectMember.account_id == Account.id)
        .where(
            ProjectMember.project_id == project_id,
            ProjectMember.role == Role.CLIENT,
            ProjectMember.archived_at.is_(None),
            Account.status == AccountStatus.ACTIVE,
            Account.archived_at.is_(None),
        )
        .order_by(Account.id)
    )
    return list(session.scalars(stmt))


def _pick_session(
    session: Session,
    actor: Actor,
    version: Version,
    review_session_id: int | None,
    create: dict[str, Any] | None,
) -> tuple[ReviewSession, str | None]:
    if create is not None:
        create = {k: v for k, v in create.items() if k not in ("version_ids", "email")}
        return sessions.create_session(session, actor, version.project_id, **create)
    if review_session_id is not None:
        row = session.get(ReviewSession, review_session_id)
        if (
            row is None
            or row.project_id != version.project_id
            or not policy.can_see(actor, row)
            or not row.is_live(utcnow())
        ):
            raise ValidationFailed(
                fields={"review_session_id": "no live review session of this project"}
            )
        return row, None
    row = sessions.newest_live_session(session, version.project_id)
    if row is None:
        raise NeedsReviewSession(
            fields={
                "review_session_id": "no live review session in this project",
                "create_session": "send the new link's settings to create one",
            }
        )
    return row, None


def share_version(
    session: Session,
    actor: Actor,
    version_id: int,
    *,
    review_session_id: int | None = None,
    create_session: dict[str, Any] | None = None,
) -> tuple[Version, ReviewSession, str | None, Task]:
    """Share the version with the client; returns the version, the session it went into,
    the new session's token when one was created, and the task."""
    version = load(session, actor, Version, version_id, "share_version")
    if version.archived_at is not None:
        raise Conflict("The version is archived.")
    task = session.get_one(Task, version.task_id)
    row, token = _pick_session(session, actor, version, review_session_id, create_session)
    if not version.is_client_visible:
        changes = events.apply_changes(
            version,
            {
                "is_client_visible": True,
                "shared_at": utcnow(),
                "shared_by": actor.account_id,
                "ready_to_share": False,
            },
        )
        session.flush()
        events.record(
            session,
            actor,
            "version.shared",
            version,
            changes,
            data={
                "task_id": task.id,
                "number": version.number,
                "review_session_id": row.id,
                "client_account_ids": client_accounts(session, version.project_id),
            },
        )
    sessions.link_versions(session, actor, row, [version.id])
    automation.move_task(
        session, actor, task, StatusCategory.CLIENT_REVIEW, trigger=SHARED, version=version
    )
    return version, row, token, task


def unshare_version(session: Session, actor: Actor, version_id: int) -> Version:
    version = load(session, actor, Version, version_id, "share_version")
    removed = list(
        session.scalars(
            select(ReviewSessionVersion.review_session_id).where(
                ReviewSessionVersion.version_id == version.id
            )
        )
    )
    session.execute(
        delete(ReviewSessionVersion).where(ReviewSessionVersion.version_id == version.id)
    )
    if version.is_client_visible or removed:
        changes = events.apply_changes(version, {"is_client_visible": False})
        session.flush()
        events.record(
            session,
            actor,
            "version.unshared",
            version,
            changes,
            data={
                "task_id": version.task_id,
                "number": version.number,
                "review_session_ids": sorted(removed),
            },
        )
    return version


def client_decide(
    session: Session,
    actor: Actor,
    version: Version,
    *,
    decision: Decision,
    note_id: int | None = None,
) -> tuple[Approval, Task]:
    """A client's decision on a shared version the caller loaded for them (client side)."""
    policy.require(actor, "client_approve", version)
    task = session.get_one(Task, version.task_id)
    approval = Approval(
        project_id=version.project_id,
        version_id=version.id,
        task_id=task.id,
        decision=decision,
        stage=ReviewStage.CLIENT,
        account_id=actor.account_id,
        guest_name=actor.guest_name if actor.account_id is None else None,
        note_id=note_id,
    )
    session.add(approval)
    session.flush()
    status = (
        VersionStatus.APPROVED if decision == Decision.APPROVED else VersionStatus.CHANGES_REQUESTED
    )
    changes = events.apply_changes(version, {"status": status})
    session.flush()
    events.record(
        session,
        actor,
        f"version.{decision.value}",
        version,
        changes,
        data={
            "approval_id": approval.id,
            "stage": ReviewStage.CLIENT,
            "decision": decision,
            "task_id": task.id,
            "number": version.number,
            "note_id": note_id,
            "guest_name": actor.guest_name,
        },
    )
    if decision == Decision.APPROVED:
        automation.move_task(
            session, actor, task, StatusCategory.DONE, trigger=CLIENT_APPROVED, version=version
        )
    else:
        automation.move_task(
            session, actor, task, StatusCategory.CHANGES, trigger=CLIENT_CHANGES, version=version
        )
    return approval, task
