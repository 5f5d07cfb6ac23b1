"""The inbox, preferences and the overdue scan.

Invariants:
- a person sees and marks only their own notifications (`policy.visible`); anyone else's
  id answers 404; marking notes the change (`hooks.note_inbox`) so the person's other open
  streams (tabs) get the new unread count;
- the inbox lists rows delivered in-app, unread first, then newest first;
- preferences: a row per type the person changed; `put_preferences` replaces the lot;
- the overdue scan records one `task.overdue` event per overdue task per day (the
  `overdue_notice` primary key holds it even when two scans run at once); the notifier
  turns the event into TASK_OVERDUE rows like any other event. Overdue: due before today,
  not archived, status category neither done nor omitted, with at least one assignee.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.db.types import utcnow
from shotline.errors import NotFound
from shotline.events import hooks
from shotline.notifications import preferences
from shotline.notifications.models import (
    EmailMode,
    Notification,
    NotificationPreference,
    NotificationType,
    OverdueNotice,
)
from shotline.tasks.models import StatusCategory, Task, TaskAssignee, TaskStatus

CLOSED = (StatusCategory.DONE, StatusCategory.OMITTED)


def list_notifications(
    session: Session,
    actor: Actor,
    *,
    unread_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Notification]:
    policy.require(actor, "read_own_notifications", None)
    stmt = select(Notification).where(policy.visible(actor, Notification), Notification.in_app)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    unread_first = Notification.read_at.is_(None).desc()
    stmt = stmt.order_by(unread_first, Notification.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def unread_count(session: Session, actor: Actor) -> int:
    policy.require(actor, "read_own_notifications", None)
    stmt = select(func.count()).where(
        policy.visible(actor, Notification), Notification.in_app, Notification.read_at.is_(None)
    )
    return int(session.scalar(stmt) or 0)


def mark_read(session: Session, actor: Actor, notification_id: int) -> Notification:
    row = session.scalar(
        select(Notification).where(
            Notification.id == notification_id, policy.visible(actor, Notification)
        )
    )
    if row is None:
        raise NotFound()
    policy.require(actor, "read_own_notifications", row)
    if row.read_at is None:
        row.read_at = utcnow()
        session.flush()
        hooks.note_inbox(session, {row.recipient_id})
    return row


def mark_all_read(session: Session, actor: Actor) -> int:
    policy.require(actor, "read_own_notifications", None)
    result = session.execute(
        update(Notification)
        .where(policy.visible(actor, Notification), Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if changed:
        hooks.note_inbox(session, {actor.account_id or 0})
    return changed


def get_preferences(session: Session, actor: Actor) -> dict[NotificationType, preferences.Choice]:
    policy.require(actor, "read_own_notifications", None)
    return preferences.for_accounts(session, {actor.account_id or 0})[actor.account_id or 0]


def put_preferences(
    session: Session, actor: Actor, *, choices: dict[NotificationType, dict[str, Any]]
) -> dict[NotificationType, preferences.Choice]:
    """Set the given types (others keep their current choice)."""
    policy.require(actor, "read_own_notifications", None)
    account_id = actor.account_id or 0
    current = preferences.for_accounts(session, {account_id})[account_id]
    for kind, values in choices.items():
        old = current[kind]
        new = preferences.Choice(
            in_app=values.get("in_app", old.in_app),
            email=EmailMode(values.get("email", old.email)),
            slack=values.get("slack", old.slack),
        )
        row = session.get(NotificationPreference, (account_id, kind))
        if row is None:
            row = NotificationPreference(account_id=account_id, type=kind)
            session.add(row)
        row.in_app, row.email, row.slack = new.in_app, new.email, new.slack
    session.flush()
    return preferences.for_accounts(session, {account_id})[account_id]


def scan_overdue(session: Session, actor: Actor, *, today: date) -> list[int]:
    """Record `task.overdue` for each overdue task not noticed today; returns the task ids."""
    policy.require(actor, "scan_overdue", None)
    noticed = select(OverdueNotice.task_id).where(OverdueNotice.day == today)
    stmt = (
        select(Task)
        .join(TaskStatus, TaskStatus.id == Task.status_id)
        .where(
            policy.visible(actor, Task),
            Task.archived_at.is_(None),
            Task.due_date < today,
            TaskStatus.category.not_in(CLOSED),
            Task.id.in_(select(TaskAssignee.task_id)),
            Task.id.not_in(noticed),
        )
        .order_by(Task.id)
    )
    tasks = list(session.scalars(stmt))
    if not tasks:
        return []
    assignees: dict[int, list[int]] = defaultdict(list)
    link_stmt = select(TaskAssignee.task_id, TaskAssignee.account_id).where(
        TaskAssignee.task_id.in_([t.id for t in tasks])
    )
    for task_id, account_id in session.execute(link_stmt.order_by(TaskAssignee.account_id)):
        assignees[task_id].append(account_id)
    system = Actor.system(actor.organization_id)
    for task in tasks:
        event = events.record(
            session,
            system,
            "task.overdue",
            task,
            data={"due_date": task.due_date, "day": today, "assignee_ids": assignees[task.id]},
        )
        session.flush()
        session.add(OverdueNotice(task_id=task.id, day=today, event_id=event.id))
    session.flush()
    return [t.id for t in tasks]
