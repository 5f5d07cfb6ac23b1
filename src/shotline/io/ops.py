"""The single-row services of each production entity type, in one table.

Bulk operations, history/revert, the archive page and imports look up what to call here
instead of branching on the entity name, so every one of them goes through the same
service functions (permissions, validation, events) as the REST API.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.errors import NotFound, ValidationFailed
from shotline.production import assets, shots
from shotline.production.models import Asset, Sequence, Shot
from shotline.tasks import service as tasks
from shotline.tasks.models import Task


@dataclass(frozen=True)
class Ops:
    name: str
    model: type[Any]
    label: str  # the field typed to confirm a permanent delete
    get: Callable[..., Any]
    update: Callable[..., Any]
    archive: Callable[..., Any]
    restore: Callable[..., Any]
    delete: Callable[..., Any]
    fields: tuple[str, ...]  # fields a revert may write back


OPS: dict[str, Ops] = {
    "shot": Ops(
        "shot",
        Shot,
        "code",
        shots.get_shot,
        shots.update_shot,
        shots.archive_shot,
        shots.restore_shot,
        shots.delete_shot,
        tuple(f for f in shots.SHOT_FIELDS if f != "project_id"),
    ),
    "asset": Ops(
        "asset",
        Asset,
        "code",
        assets.get_asset,
        assets.update_asset,
        assets.archive_asset,
        assets.restore_asset,
        assets.delete_asset,
        tuple(f for f in assets.ASSET_FIELDS if f != "project_id"),
    ),
    "sequence": Ops(
        "sequence",
        Sequence,
        "code",
        shots.get_sequence,
        shots.update_sequence,
        shots.archive_sequence,
        shots.restore_sequence,
        shots.delete_sequence,
        tuple(f for f in shots.SEQUENCE_FIELDS if f != "project_id"),
    ),
    "task": Ops(
        "task",
        Task,
        "title",
        tasks.get_task,
        tasks.update_task,
        tasks.archive_task,
        tasks.restore_task,
        tasks.delete_task,
        tuple(f for f in tasks.TASK_FIELDS if f not in ("project_id", "shot_id", "asset_id")),
    ),
}


def ops_for(entity: str) -> Ops:
    try:
        return OPS[entity]
    except KeyError:
        raise NotFound() from None


def load_any(session: Session, actor: Actor, entity: str, row_id: int) -> Any:
    """The row (archived or not) if the actor may read it, else `NotFound`."""
    return ops_for(entity).get(session, actor, row_id)


def from_event_value(model: type[Any], field: str, value: Any) -> Any:
    """An event's JSON value back to the column's Python type (dates, enums)."""
    if value is None:
        return None
    columns = inspect(model).columns
    if field not in columns:
        return value
    column = columns[field]
    enum_class = getattr(column.type, "enum_class", None)
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = object
    try:
        if enum_class is not None and issubclass(enum_class, enum.Enum):
            return enum_class(value)
        if python_type is dt.datetime and isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        if python_type is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if python_type is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError
        if python_type is float and not isinstance(value, int | float):
            raise ValueError
        if python_type is str and not isinstance(value, str):
            raise ValueError
    except ValueError:
        raise ValidationFailed(fields={field: f"not a valid value: {value!r}"}) from None
    return value
