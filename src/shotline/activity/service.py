"""Activity feeds: the event log filtered by visibility and scope, rendered as sentences.

Invariants:
- every row passes `policy.visible(actor, Event)` (the rules of the entities themselves);
  a project, entity or person the actor may not see answers 404, like a missing one;
- a shot's or an asset's feed includes the events of its tasks;
- newest first, paged by event id (`before_id`); rendering is batched (see `render`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from shotline.activity import render
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.errors import NotFound, ValidationFailed
from shotline.events.models import Event
from shotline.production.models import Asset, Project, Shot
from shotline.tasks.models import Task

# Entity types a feed can be scoped to, and the model that decides whether it is visible.
SCOPES: dict[str, type[Any]] = {"project": Project, "shot": Shot, "asset": Asset, "task": Task}


@dataclass
class ActivityEntry:
    event: Event
    actor_name: str
    rendered: render.Rendered


def list_activity(
    session: Session,
    actor: Actor,
    *,
    project_id: int | None = None,
    entity_type: str | None = None,
    entity_id: int | None = None,
    actor_id: int | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[ActivityEntry]:
    policy.require(actor, "read_activity", None)
    where: list[ColumnElement[bool]] = [policy.visible(actor, Event)]
    if project_id is not None:
        _check_visible(session, actor, Project, project_id)
        where.append(Event.project_id == project_id)
    if entity_type is not None or entity_id is not None:
        where.append(_entity_scope(session, actor, entity_type, entity_id))
    if actor_id is not None:
        person = session.get(Account, actor_id)
        if person is None or not policy.can_see(actor, person):
            raise NotFound()
        where.append(Event.actor_id == actor_id)
    if before_id is not None:
        where.append(Event.id < before_id)
    rows = list(session.scalars(select(Event).where(*where).order_by(Event.id.desc()).limit(limit)))
    return render_events(session, actor, rows)


def render_events(session: Session, actor: Actor, rows: list[Event]) -> list[ActivityEntry]:
    """Sentences and links for `actor`: a link the actor may not follow keeps its label."""
    names = render.load_names(session, rows)
    entries = []
    for event in rows:
        rendered = render.render(event, names)
        rendered.links = [
            link
            if policy.may_follow_link(actor, link["entity_type"])
            else {"label": link["label"], "entity_type": None, "entity_id": None}
            for link in rendered.links
        ]
        entries.append(ActivityEntry(event, rendered.links[0]["label"], rendered))
    return entries


def _check_visible(session: Session, actor: Actor, model: type[Any], row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None or not policy.can_see(actor, row):
        raise NotFound()
    return row


def _entity_scope(
    session: Session, actor: Actor, entity_type: str | None, entity_id: int | None
) -> ColumnElement[bool]:
    if entity_type is None or entity_id is None:
        problem = "give both entity_type and entity_id"
        raise ValidationFailed(problem, fields={"entity_type": problem, "entity_id": problem})
    model = SCOPES.get(entity_type)
    if model is None:
        problem = f"one of {', '.join(SCOPES)}"
        raise ValidationFailed(fields={"entity_type": problem})
    _check_visible(session, actor, model, entity_id)
    own = and_(Event.entity_type == entity_type, Event.entity_id == entity_id)
    if model is Shot or model is Asset:
        column = Task.shot_id if model is Shot else Task.asset_id
        tasks = select(Task.id).where(column == entity_id)
        return or_(own, and_(Event.entity_type == "task", Event.entity_id.in_(tasks)))
    if model is Project:
        return Event.project_id == entity_id
    return own
