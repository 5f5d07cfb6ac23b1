"""Slack (and Slack-compatible incoming webhooks: Mattermost, Discord's `/slack` endpoint)
per project: the settings, and the poster that reads the event log forward.

Invariants:
- admins, producers and supervisors of the project manage it (`manage_slack`); anyone else
  who may not see the project gets 404;
- the webhook URL is the credential: it passes the outbound checks when saved (422
  otherwise) and is never returned in full again (`mask`); events never carry it;
- the poster keeps one cursor per project (`slack:<project id>` in `consumer_cursor`, set
  to the end of the log when the integration is created or switched back on) and posts,
  per event of that project, one message when the notification types the event produces
  (the same `rules` as the inbox) meet the types the project chose;
- a 4xx answer is permanent (the message is dropped and logged); a network error, 429 or
  5xx stops that project's batch just before the failed message, so the next run posts it
  again (at-least-once) — and only that project waits: the others' cursors move on;
- two runs at once (two workers, a slow run overlapping the next) never post the same
  message twice: a run holds the project's cursor lease (`LEASE_SECONDS`) while it posts
  and stops sending at half of it; the other run skips that project;
- messages read "SH010 COMP task ready for review" with a link to `SHOTLINE_PUBLIC_URL`.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import httpx2 as httpx
from sqlalchemy import String, cast, delete, select
from sqlalchemy.orm import Session

from shotline import events, outbound
from shotline.activity import render
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.errors import NotFound, ValidationFailed
from shotline.events.consumers import (
    end_lease,
    get_position,
    last_event_id,
    lock_cursor,
    read_forward,
    take_lease,
)
from shotline.events.models import ConsumerCursor, Event
from shotline.notifications.models import NotificationType as T
from shotline.notifications.models import SlackIntegration
from shotline.notifications.notifier import load_tasks
from shotline.notifications.rules import RULES, task_id_of
from shotline.production.models import Project

log = logging.getLogger("shotline.slack")

CURSOR_PREFIX = "slack:"
LEASE_SECONDS = 300.0
DEFAULT_TYPES = [
    T.TASK_READY_FOR_REVIEW,
    T.TASK_APPROVED,
    T.TASK_CHANGES_REQUESTED,
    T.CLIENT_APPROVED,
    T.CLIENT_CHANGES_REQUESTED,
]
PHRASES: dict[T, str] = {
    T.TASK_READY_FOR_REVIEW: "task ready for review",
    T.TASK_APPROVED: "task approved",
    T.TASK_CHANGES_REQUESTED: "task needs changes",
    T.CLIENT_APPROVED: "approved by the client",
    T.CLIENT_CHANGES_REQUESTED: "changes requested by the client",
    T.CLIENT_COMMENTED: "new client comment",
    T.TASK_ASSIGNED: "task assigned",
    T.TASK_OVERDUE: "task overdue",
    T.MENTIONED: "someone was mentioned",
    T.NOTE_ON_WATCHED: "new note",
}
# Types that are posted whenever the rule names them, even with nobody to notify in-app.
STATE_TYPES = frozenset(PHRASES) - {T.TASK_ASSIGNED, T.MENTIONED, T.NOTE_ON_WATCHED}


def mask(url: str) -> str:
    """`https://hooks.slack.com/…abcd`: enough to recognise it, not enough to use it."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    return f"{scheme}://{host}/…{url[-4:]}"


def _project(session: Session, actor: Actor, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None or not policy.can_see(actor, project):
        raise NotFound()
    policy.require(actor, "manage_slack", project)
    return project


def get_integration(session: Session, actor: Actor, project_id: int) -> SlackIntegration:
    _project(session, actor, project_id)
    row = session.scalar(select(SlackIntegration).where(SlackIntegration.project_id == project_id))
    if row is None:
        raise NotFound()
    return row


def put_integration(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    settings: Settings,
    webhook_url: str | None,
    types: list[T] | None,
    active: bool | None,
) -> SlackIntegration:
    project = _project(session, actor, project_id)
    row = session.scalar(select(SlackIntegration).where(SlackIntegration.project_id == project_id))
    if row is None and not webhook_url:
        raise ValidationFailed(fields={"webhook_url": "required for a new integration"})
    if webhook_url:
        try:
            outbound.check_url(webhook_url, settings)
        except outbound.RefusedTarget as exc:
            raise ValidationFailed(fields={"webhook_url": f"refused: {exc.reason}"}) from exc
    changes: dict[str, list[Any]] = {}
    if row is None:
        row = SlackIntegration(
            project_id=project_id,
            webhook_url=webhook_url,
            types=[str(t) for t in (types or DEFAULT_TYPES)],
            active=True if active is None else active,
            created_by=actor.account_id,
        )
        session.add(row)
        _start_at_end_of_log(session, project_id)
        verb = "slack_integration.created"
    else:
        verb = "slack_integration.updated"
        if webhook_url and webhook_url != row.webhook_url:
            row.webhook_url = webhook_url
            changes["webhook_url"] = ["(hidden)", "(hidden)"]
        if types is not None and [str(t) for t in types] != row.types:
            changes["types"] = [row.types, [str(t) for t in types]]
            row.types = [str(t) for t in types]
        if active is not None and active != row.active:
            changes["active"] = [row.active, active]
            row.active = active
            if active:  # what happened while paused is not posted
                _start_at_end_of_log(session, project_id)
    session.flush()
    events.record(
        session,
        actor,
        verb,
        row,
        changes or {"types": [None, row.types], "active": [None, row.active]},
        project_id=project.id,
        organization_id=project.organization_id,
    )
    return row


def delete_integration(session: Session, actor: Actor, project_id: int) -> None:
    row = get_integration(session, actor, project_id)
    project = _project(session, actor, project_id)
    events.record(
        session,
        actor,
        "slack_integration.deleted",
        row,
        project_id=project.id,
        organization_id=project.organization_id,
    )
    session.delete(row)
    session.execute(delete(ConsumerCursor).where(ConsumerCursor.name == cursor_name(project_id)))
    session.flush()


def cursor_name(project_id: int) -> str:
    return f"{CURSOR_PREFIX}{project_id}"


def _start_at_end_of_log(session: Session, project_id: int) -> None:
    lock_cursor(session, cursor_name(project_id)).last_event_id = last_event_id(session)


# --- the poster ----------------------------------------------------------------------


def messages_for(
    session: Session, settings: Settings, integration: SlackIntegration, batch: list[Event]
) -> list[tuple[int, str]]:
    """(event id, message) for each event of the batch the project's integration wants."""
    if not batch:
        return []
    tasks = load_tasks(session, {t for e in batch if (t := task_id_of(e)) is not None})
    names = render.load_names(session, batch)
    base = settings.public_url.rstrip("/")
    chosen = set(integration.types)
    out: list[tuple[int, str]] = []
    for event in batch:
        task_id = task_id_of(event)
        task = tasks.get(task_id) if task_id is not None else None
        client = event.actor_kind == "guest" or event.data.get("stage") == "client"
        for kind, recipients in RULES[event.verb](event, task, client).items():
            if str(kind) not in chosen or not (recipients or kind in STATE_TYPES):
                continue
            label = names.label("task", task_id) if task_id is not None else event.entity_type
            url = (
                f"{base}/tasks/{task_id}"
                if task_id is not None
                else f"{base}/projects/{integration.project_id}"
            )
            out.append((event.id, f"{label} {PHRASES[kind]}: <{url}|Open in Shotline>"))
            break
    return out


def post(db: Database, settings: Settings, *, grace: float = 10.0, limit: int = 200) -> int:
    """Post what happened in each project since its cursor; returns how many were posted.

    Projects are independent: one whose webhook fails keeps its cursor, the others move on.
    """
    with db.read() as session:
        end = last_event_id(session)
        rows = session.execute(
            select(SlackIntegration.project_id, ConsumerCursor.last_event_id)
            .outerjoin(
                ConsumerCursor,
                ConsumerCursor.name == CURSOR_PREFIX + cast(SlackIntegration.project_id, String),
            )
            .where(SlackIntegration.active)
            .order_by(SlackIntegration.project_id)
        ).all()
    posted = 0
    for project_id, position in rows:
        if position is not None and position >= end:
            continue
        try:
            posted += _post_project(db, settings, project_id, grace=grace, limit=limit)
        except Exception:  # one project's trouble must not stop the others
            log.exception("slack poster failed for project %s", project_id)
    return posted


def _post_project(
    db: Database, settings: Settings, project_id: int, *, grace: float, limit: int
) -> int:
    name = cursor_name(project_id)
    with db.unit_of_work() as session:
        if not take_lease(session, name, LEASE_SECONDS):
            return 0  # another run is posting this project's messages
    position: int | None = None
    posted = 0
    try:
        with db.read() as session:
            integration = session.scalar(
                select(SlackIntegration).where(SlackIntegration.project_id == project_id)
            )
            if integration is None or not integration.active:
                return 0
            start = get_position(session, name)
            if start == 0:
                # Integrations saved before per-project cursors start at the end of the log.
                start = last_event_id(session)
            where = [Event.verb.in_(list(RULES)), Event.project_id == project_id]
            batch, position = read_forward(session, start, limit=limit, grace=grace, where=where)
            planned = messages_for(session, settings, integration, batch)
            url = integration.webhook_url
        deadline = time.monotonic() + LEASE_SECONDS / 2
        for event_id, text in planned:
            if time.monotonic() > deadline:  # keep well inside the lease
                position = event_id - 1
                break
            outcome = _send(url, text, settings)
            if outcome == "retry":
                position = event_id - 1  # this message (and the rest) go out at the next run
                break
            posted += outcome == "ok"
    finally:
        with db.unit_of_work() as session:
            end_lease(session, name, position)
    return posted


def _send(url: str, text: str, settings: Settings) -> str:
    body = json.dumps({"text": text}).encode()
    try:
        reply = outbound.post(
            url, content=body, headers={"content-type": "application/json"}, settings=settings
        )
    except outbound.RefusedTarget as exc:
        log.warning("slack post refused: %s", exc.reason)
        return "dropped"
    except httpx.HTTPError as exc:
        log.warning("slack post failed, will retry: %s", type(exc).__name__)
        return "retry"
    if 200 <= reply.status < 300:
        return "ok"
    if reply.status >= 500 or reply.status == 429:
        return "retry"
    log.warning("slack post answered %s; dropped", reply.status)
    return "dropped"
