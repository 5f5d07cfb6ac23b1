"""Events as readable sentences with links: "Maya Chen moved SH010 COMP to Internal Review".

Invariants:
- rendering a page costs one query per kind of name it needs (accounts, tasks, statuses,
  shots, assets, ...), whatever the page size: `collect` gathers ids from every event,
  `load_names` loads them set-based, `render` only looks names up;
- one renderer per verb family (`task.`, `shot.`, `version.`, ...), chosen by the verb's
  entity prefix; an unknown verb still gets a plain sentence, so a new verb never breaks
  the feed;
- a name that is gone (a deleted row) falls back to the old values kept on the event, then
  to "<type> #<id>".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.models import Account
from shotline.events.models import Event
from shotline.production.models import Asset, Episode, Project, Sequence, Shot
from shotline.tasks.models import Task, TaskStatus, TaskType

Link = dict[str, Any]


@dataclass
class Names:
    """Ids wanted (filled by `collect`), then labels (filled by `load_names`)."""

    wanted: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    task_parents: dict[int, tuple[str, int]] = field(default_factory=dict)

    def want(self, kind: str, *ids: Any) -> None:
        for i in ids:
            if isinstance(i, int) and not isinstance(i, bool):
                self.wanted[kind].add(i)

    def label(self, kind: str, entity_id: int | None, fallback: str | None = None) -> str:
        if entity_id is None:
            return fallback or kind
        found = self.labels[kind].get(entity_id)
        if found is not None:
            return found
        return fallback or f"{kind.replace('_', ' ')} #{entity_id}"


@dataclass
class Rendered:
    sentence: str
    links: list[Link]


def value(event: Event, key: str) -> Any:
    """A field of the event: `data[key]`, else the new value in `changes[key]`."""
    if key in event.data:
        return event.data[key]
    change = event.changes.get(key)
    if isinstance(change, list) and len(change) == 2:
        return change[1] if change[1] is not None else change[0]
    return None


def link(names: Names, kind: str, entity_id: int | None, fallback: str | None = None) -> Link:
    return {
        "label": names.label(kind, entity_id, fallback),
        "entity_type": kind,
        "entity_id": entity_id,
    }


def actor_link(event: Event, names: Names) -> Link:
    if event.actor_kind == "system" or event.actor_id is None:
        label = "Client" if event.actor_kind == "guest" else "Shotline"
        return {
            "label": event.data.get("guest_name") or label,
            "entity_type": None,
            "entity_id": None,
        }
    return link(names, "account", event.actor_id)


# --- families ------------------------------------------------------------------------


class Family:
    """Renders the verbs of one entity type. Subclasses override what they need."""

    def collect(self, event: Event, names: Names) -> None:
        names.want(event.entity_type, event.entity_id)

    def subject(self, event: Event, names: Names) -> Link:
        old_code = event.changes.get("code", [None])[0] if "code" in event.changes else None
        return link(names, event.entity_type, event.entity_id, old_code)

    def render(self, event: Event, names: Names) -> Rendered:
        who = actor_link(event, names)
        what = self.subject(event, names)
        action = event.verb.split(".", 1)[-1].replace("_", " ")
        kind = event.entity_type.replace("_", " ")
        sentence = f"{who['label']} {action} {kind} {what['label']}"
        if action == "updated" and event.changes:
            sentence += f" ({', '.join(sorted(event.changes))})"
        return Rendered(sentence, [who, what])


class TaskFamily(Family):
    def collect(self, event: Event, names: Names) -> None:
        names.want("task", event.entity_id)
        for key in ("assignee_ids", "watcher_ids"):
            old, new = (event.changes.get(key) or [None, None])[:2]
            names.want("account", *(old or []), *(new or []))
        if "status_id" in event.changes:
            names.want("task_status", *event.changes["status_id"])

    def subject(self, event: Event, names: Names) -> Link:
        title = event.changes.get("title", [None, None])
        return link(names, "task", event.entity_id, title[0] or title[1])

    def render(self, event: Event, names: Names) -> Rendered:
        who, task = actor_link(event, names), self.subject(event, names)
        verb = event.verb
        changes = event.changes
        extra: list[Link] = []
        if verb == "task.created":
            sentence = f"{who['label']} created {task['label']}"
        elif verb == "task.overdue":
            sentence = f"{task['label']} is overdue (due {event.data.get('due_date')})"
        elif "status_id" in changes and verb == "task.updated":
            status = names.label("task_status", changes["status_id"][1])
            sentence = f"{who['label']} moved {task['label']} to {status}"
        elif "assignee_ids" in changes:
            old, new = changes["assignee_ids"]
            added = [a for a in new or [] if a not in (old or [])]
            extra = [link(names, "account", a) for a in (added or new or [])]
            if not new:
                sentence = f"{who['label']} unassigned {task['label']}"
            else:
                people = _and([x["label"] for x in extra])
                sentence = f"{who['label']} assigned {task['label']} to {people}"
        elif verb == "task.watchers_changed":
            sentence = f"{who['label']} changed who watches {task['label']}"
        elif verb == "task.updated" and set(changes) == {"due_date"}:
            sentence = (
                f"{who['label']} set the due date of {task['label']} to {changes['due_date'][1]}"
            )
        elif verb == "task.updated":
            sentence = f"{who['label']} updated {task['label']} ({', '.join(sorted(changes))})"
        else:
            action = verb.split(".", 1)[1].replace("_", " ")
            sentence = f"{who['label']} {action} {task['label']}"
        return Rendered(sentence, [who, task, *extra])


class VersionFamily(Family):
    """`version.*`: data or changes carry `task_id` and `number` (v004)."""

    def collect(self, event: Event, names: Names) -> None:
        names.want("task", value(event, "task_id"))

    def subject(self, event: Event, names: Names) -> Link:
        number = value(event, "number")
        label = f"v{int(number):03d}" if isinstance(number, int) else f"version #{event.entity_id}"
        task_id = value(event, "task_id")
        if isinstance(task_id, int):
            label = f"{names.label('task', task_id)} {label}"
        return {"label": label, "entity_type": "version", "entity_id": event.entity_id}

    def render(self, event: Event, names: Names) -> Rendered:
        who, version = actor_link(event, names), self.subject(event, names)
        phrases = {
            "version.created": "uploaded",
            "version.approved": "approved",
            "version.changes_requested": "requested changes on",
            "version.shared": "shared",
            "version.unshared": "stopped sharing",
        }
        action = phrases.get(event.verb, event.verb.split(".", 1)[1].replace("_", " "))
        label = who["label"]
        if event.data.get("stage") == "client" and event.verb != "version.shared":
            # "Client approved SH010 COMP v004", "Client Jane Doe requested changes on ..."
            label = "Client" if label in ("Client", "Shotline") else f"Client {label}"
        sentence = f"{label} {action} {version['label']}"
        if event.verb in ("version.shared", "version.unshared"):
            sentence += " with the client"
        return Rendered(sentence, [who, version])


class NoteFamily(Family):
    """`note.*`: data carries `task_id` (and `version_id`, `version_number` when on a version)."""

    def collect(self, event: Event, names: Names) -> None:
        names.want("task", value(event, "task_id"))
        names.want("account", *(value(event, "mentioned_account_ids") or []))

    def render(self, event: Event, names: Names) -> Rendered:
        who = actor_link(event, names)
        task_id = value(event, "task_id")
        target = (
            link(names, "task", task_id)
            if isinstance(task_id, int)
            else link(names, event.entity_type, event.entity_id)
        )
        number = value(event, "version_number")
        label = target["label"] + (f" v{int(number):03d}" if isinstance(number, int) else "")
        action = "commented on" if event.verb == "note.created" else event.verb.split(".", 1)[1]
        note = {"label": "note", "entity_type": "note", "entity_id": event.entity_id}
        return Rendered(f"{who['label']} {action} {label}", [who, target, note])


class AccountFamily(Family):
    def render(self, event: Event, names: Names) -> Rendered:
        who, whom = actor_link(event, names), link(names, "account", event.entity_id)
        action = event.verb.split(".", 1)[1].replace("_", " ")
        if event.actor_id == event.entity_id:
            return Rendered(f"{who['label']} {action}", [who])
        return Rendered(f"{who['label']} {action} account {whom['label']}", [who, whom])


FAMILIES: dict[str, Family] = {
    "task": TaskFamily(),
    "version": VersionFamily(),
    "note": NoteFamily(),
    "account": AccountFamily(),
}
DEFAULT = Family()


def family(event: Event) -> Family:
    return FAMILIES.get(event.verb.split(".", 1)[0], DEFAULT)


# --- loading names, one query per kind -------------------------------------------------


def _codes(model: Any) -> Callable[[Session, set[int]], dict[int, str]]:
    def load(session: Session, ids: set[int]) -> dict[int, str]:
        stmt = select(model.id, model.code).where(model.id.in_(ids))
        return {r[0]: r[1] for r in session.execute(stmt)}

    return load


def _accounts(session: Session, ids: set[int]) -> dict[int, str]:
    stmt = select(Account.id, Account.name).where(Account.id.in_(ids))
    return {r[0]: r[1] for r in session.execute(stmt)}


def _statuses(session: Session, ids: set[int]) -> dict[int, str]:
    stmt = select(TaskStatus.id, TaskStatus.name).where(TaskStatus.id.in_(ids))
    return {r[0]: r[1] for r in session.execute(stmt)}


def _tasks(session: Session, ids: set[int]) -> dict[int, str]:
    """ "SH010 COMP": the parent's code and the task type's code, in one query."""
    stmt = (
        select(Task.id, Shot.code, Asset.code, TaskType.code)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .outerjoin(Shot, Shot.id == Task.shot_id)
        .outerjoin(Asset, Asset.id == Task.asset_id)
        .where(Task.id.in_(ids))
    )
    return {
        i: f"{shot or asset} {type_code}" for i, shot, asset, type_code in session.execute(stmt)
    }


LOADERS: dict[str, Callable[[Session, set[int]], dict[int, str]]] = {
    "account": _accounts,
    "task": _tasks,
    "task_status": _statuses,
    "shot": _codes(Shot),
    "asset": _codes(Asset),
    "sequence": _codes(Sequence),
    "episode": _codes(Episode),
    "project": _codes(Project),
}


def load_names(session: Session, events: Iterable[Event]) -> Names:
    names = Names()
    for event in events:
        names.want("account", event.actor_id)
        family(event).collect(event, names)
    for kind, ids in names.wanted.items():
        loader = LOADERS.get(kind)
        if loader is not None and ids:
            names.labels[kind].update(loader(session, ids))
    return names


def render(event: Event, names: Names) -> Rendered:
    return family(event).render(event, names)


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
