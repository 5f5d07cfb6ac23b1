"""The notifier: reads the event log forward from its cursor and writes notification rows.

Invariants:
- at-least-once and idempotent: the cursor moves in the same transaction as the rows it
  writes, and `(recipient_id, event_id, type)` is unique, so a replayed batch adds nothing;
- never the actor themself; only active accounts of the event's organization who may see
  the event's project (admins and producers, or internal members of it);
- each row takes the recipient's preferences at the time: in-app or not, e-mail now, in
  the digest, or not at all;
- the recipients of new in-app rows are noted on the session (`hooks.note_inbox`): once the
  batch commits, their open streams send them their new unread count;
- per batch: one query for tasks, one for assignees, one for watchers, one for accounts,
  one for memberships, one for existing rows, whatever the batch size.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.activity import render
from shotline.auth.models import Account, AccountStatus, Role
from shotline.db.runtime import Database
from shotline.events import hooks
from shotline.events.consumers import lock_cursor, read_forward
from shotline.events.models import Event
from shotline.notifications import preferences
from shotline.notifications.models import (
    EmailMode,
    EmailState,
    Notification,
    NotificationType,
)
from shotline.notifications.rules import CLIENT_TYPES, RULES, TaskFacts, task_id_of
from shotline.production.models import ProjectMember
from shotline.tasks.models import Task, TaskAssignee, TaskWatcher

CURSOR = "notifier"
BATCH = 500
ORG_WIDE = (Role.ADMIN, Role.PRODUCER)
INTERNAL = (Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST)


def consume(db: Database, *, grace: float = 10.0, max_batches: int = 100) -> int:
    """Process every safe new event; returns how many notifications were written."""
    written = 0
    for _ in range(max_batches):
        with db.unit_of_work() as session:
            cursor = lock_cursor(session, CURSOR)
            start = cursor.last_event_id
            events, position = read_forward(
                session, start, limit=BATCH, grace=grace, where=[Event.verb.in_(list(RULES))]
            )
            written += notify(session, events)
            cursor.last_event_id = position
        if position == start:
            break
    return written


def load_tasks(session: Session, task_ids: set[int]) -> dict[int, TaskFacts]:
    if not task_ids:
        return {}
    stmt = select(Task.id, Task.project_id, Task.supervisor_id).where(Task.id.in_(task_ids))
    facts = {i: TaskFacts(i, p, supervisor_id=s) for i, p, s in session.execute(stmt)}
    for model, attr in ((TaskAssignee, "assignees"), (TaskWatcher, "watchers")):
        rows = session.execute(
            select(model.task_id, model.account_id).where(model.task_id.in_(facts))
        )
        for task_id, account_id in rows:
            getattr(facts[task_id], attr).add(account_id)
    return facts


def notify(session: Session, events: list[Event]) -> int:
    if not events:
        return 0
    tasks = load_tasks(session, {t for e in events if (t := task_id_of(e)) is not None})
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    actor_roles: dict[int, Role] = {
        r[0]: r[1]
        for r in session.execute(select(Account.id, Account.role).where(Account.id.in_(actor_ids)))
    }
    planned: list[tuple[Event, NotificationType, int]] = []
    for event in events:
        task_id = task_id_of(event)
        task = tasks.get(task_id) if task_id is not None else None
        client = event.actor_kind == "guest" or actor_roles.get(event.actor_id or 0) == Role.CLIENT
        for kind, recipients in RULES[event.verb](event, task, client).items():
            for recipient in recipients - {event.actor_id}:
                planned.append((event, kind, recipient))
    if not planned:
        return 0
    allowed, clients = _who_may_see(session, planned)
    planned = [
        p
        for p in planned
        if (p[2], p[0].project_id) in allowed
        or (p[1] in CLIENT_TYPES and (p[2], p[0].project_id) in clients)
    ]
    existing_stmt = select(
        Notification.recipient_id, Notification.event_id, Notification.type
    ).where(Notification.event_id.in_({e.id for e, _, _ in planned}))
    existing = {(r[0], r[1], r[2]) for r in session.execute(existing_stmt)}
    prefs = preferences.for_accounts(session, {r for _, _, r in planned})
    names = render.load_names(session, [e for e, _, _ in planned])
    written = 0
    told: set[int] = set()
    for event, kind, recipient in planned:
        if (recipient, event.id, kind) in existing:
            continue
        existing.add((recipient, event.id, kind))
        pref = prefs[recipient][kind]
        email = {
            EmailMode.IMMEDIATE: EmailState.PENDING,
            EmailMode.DIGEST: EmailState.DIGEST,
        }.get(pref.email, EmailState.NONE)
        session.add(
            Notification(
                organization_id=event.organization_id,
                recipient_id=recipient,
                event_id=event.id,
                type=kind,
                project_id=event.project_id,
                entity_type=event.entity_type,
                entity_id=event.entity_id,
                text=render.render(event, names).sentence[:500],
                in_app=pref.in_app,
                email_state=email,
            )
        )
        written += 1
        if pref.in_app:
            told.add(recipient)
    session.flush()
    if told:
        hooks.note_inbox(session, told)
    return written


def _who_may_see(
    session: Session, planned: list[tuple[Event, NotificationType, int]]
) -> tuple[set[tuple[int, int | None]], set[tuple[int, int | None]]]:
    """(recipient, project) pairs where the recipient is active and may see the project;
    and the pairs where the recipient is an active client member of it (they only get the
    `CLIENT_TYPES`)."""
    recipients = {r for _, _, r in planned}
    org_of_event = {(r, e.project_id): e.organization_id for e, _, r in planned}
    accounts = {
        a.id: a
        for a in session.execute(
            select(Account.id, Account.organization_id, Account.role, Account.status).where(
                Account.id.in_(recipients), Account.archived_at.is_(None)
            )
        )
    }
    memberships: dict[int, set[int]] = defaultdict(set)
    client_of: dict[int, set[int]] = defaultdict(set)
    for member_project, account_id, role in session.execute(
        select(ProjectMember.project_id, ProjectMember.account_id, ProjectMember.role).where(
            ProjectMember.account_id.in_(recipients), ProjectMember.archived_at.is_(None)
        )
    ):
        if role in INTERNAL and account_id is not None:
            memberships[account_id].add(member_project)
        elif role == Role.CLIENT and account_id is not None:
            client_of[account_id].add(member_project)
    allowed: set[tuple[int, int | None]] = set()
    clients: set[tuple[int, int | None]] = set()
    for (recipient, project_id), org_id in org_of_event.items():
        account = accounts.get(recipient)
        if account is None or account.status != AccountStatus.ACTIVE:
            continue
        if account.organization_id != org_id:
            continue
        if account.role in ORG_WIDE or (
            project_id is not None and project_id in memberships[recipient]
        ):
            allowed.add((recipient, project_id))
        elif project_id is not None and project_id in client_of[recipient]:
            clients.add((recipient, project_id))
    return allowed, clients
