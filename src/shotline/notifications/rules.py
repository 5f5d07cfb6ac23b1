"""Which events notify whom: one table keyed by event verb.

A rule takes the event and what is known about its task (assignees, watchers, supervisor)
and returns `{type: recipients}`. New verbs plug in by adding a row to `RULES` (the review
verbs `version.approved`, `version.changes_requested`, `note.created` are here already and
read the payload fields their writers put on the event: `task_id`, `stage`,
`mentioned_account_ids`). The notifier removes the actor and anyone who may not see the
project afterwards, so rules never need to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from shotline.events.models import Event
from shotline.notifications.models import NotificationType as T


@dataclass
class TaskFacts:
    id: int
    project_id: int
    assignees: set[int] = field(default_factory=set)
    watchers: set[int] = field(default_factory=set)
    supervisor_id: int | None = None

    @property
    def supervisors(self) -> set[int]:
        return {self.supervisor_id} if self.supervisor_id is not None else set()


Targets = dict[T, set[int]]
Rule = Callable[[Event, TaskFacts | None, bool], Targets]


def ids(values: Iterable[Any] | None) -> set[int]:
    return {v for v in values or () if isinstance(v, int) and not isinstance(v, bool)}


def field_value(event: Event, key: str) -> Any:
    if key in event.data:
        return event.data[key]
    change = event.changes.get(key)
    return change[1] if isinstance(change, list) and len(change) == 2 else None


def task_id_of(event: Event) -> int | None:
    if event.entity_type == "task":
        return event.entity_id
    value = field_value(event, "task_id")
    return value if isinstance(value, int) else None


def _added_assignees(event: Event) -> set[int]:
    change = event.changes.get("assignee_ids")
    if not change:
        return set()
    old, new = change
    return ids(new) - ids(old)


def task_created(event: Event, _task: TaskFacts | None, _client: bool) -> Targets:
    return {T.TASK_ASSIGNED: _added_assignees(event)}


def task_updated(event: Event, task: TaskFacts | None, _client: bool) -> Targets:
    targets: Targets = {T.TASK_ASSIGNED: _added_assignees(event)}
    category = event.data.get("status_category")
    if task is None or not isinstance(category, list) or len(category) != 2:
        return targets
    new = category[1]
    if new == "internal_review":
        targets[T.TASK_READY_FOR_REVIEW] = task.supervisors | task.watchers
    elif new == "done":
        targets[T.TASK_APPROVED] = task.assignees | task.watchers
    elif new == "changes":
        targets[T.TASK_CHANGES_REQUESTED] = task.assignees | task.watchers
    return targets


def task_overdue(event: Event, task: TaskFacts | None, _client: bool) -> Targets:
    return {
        T.TASK_OVERDUE: ids(event.data.get("assignee_ids")) or (task.assignees if task else set())
    }


def _is_client(event: Event, client_actor: bool) -> bool:
    return client_actor or event.data.get("stage") == "client"


def version_approved(event: Event, task: TaskFacts | None, client: bool) -> Targets:
    if task is None:
        return {}
    if _is_client(event, client):
        return {T.CLIENT_APPROVED: task.assignees | task.supervisors | task.watchers}
    return {T.TASK_APPROVED: task.assignees | task.watchers}


def version_changes_requested(event: Event, task: TaskFacts | None, client: bool) -> Targets:
    if task is None:
        return {}
    if _is_client(event, client):
        return {T.CLIENT_CHANGES_REQUESTED: task.assignees | task.supervisors | task.watchers}
    return {T.TASK_CHANGES_REQUESTED: task.assignees | task.watchers}


def note_created(event: Event, task: TaskFacts | None, client: bool) -> Targets:
    mentioned = ids(field_value(event, "mentioned_account_ids"))
    targets: Targets = {T.MENTIONED: mentioned}
    if task is None:
        return targets
    around = task.assignees | task.supervisors | task.watchers
    if client:
        targets[T.CLIENT_COMMENTED] = around
    else:
        targets[T.NOTE_ON_WATCHED] = around - mentioned
    return targets


def version_shared(event: Event, _task: TaskFacts | None, _client: bool) -> Targets:
    # The sharer lists the project's client accounts on the event (`client_account_ids`).
    return {T.VERSION_SHARED: ids(event.data.get("client_account_ids"))}


# Types a client account may receive (everything else goes to internal accounts only).
CLIENT_TYPES = frozenset({T.VERSION_SHARED})

RULES: dict[str, Rule] = {
    "task.created": task_created,
    "task.assigned": task_updated,
    "task.updated": task_updated,
    "task.overdue": task_overdue,
    "version.approved": version_approved,
    "version.changes_requested": version_changes_requested,
    "note.created": note_created,
    "version.shared": version_shared,
}
