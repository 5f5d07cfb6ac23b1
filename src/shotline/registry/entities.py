"""Describing entity types: fields, to-one links and to-many links.

An `Entity` names its SQLAlchemy model and how each field reads from a row of it. A
`OneLink` (task → shot) is followed with a LEFT JOIN of an alias; a `ManyLink`
(task → assignees) with a correlated subquery, so a list never multiplies rows. Domains
register their entities at import time (`register(...)`); the query engine knows nothing
else about them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, FromClause

from shotline.auth.actor import Actor


class FieldType(enum.StrEnum):
    INT = "int"
    FLOAT = "float"
    STR = "str"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"
    JSON = "json"


Column = Callable[[Any], ColumnElement[Any]]  # (model or alias) -> expression


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    column: Column
    label: str = ""
    filterable: bool = True
    sortable: bool = True
    choices: tuple[str, ...] = ()
    client_visible: bool = False


@dataclass(frozen=True)
class OneLink:
    """A to-one link: `local(row)` holds the id of a row of `target`."""

    name: str
    target: str
    local: Column


@dataclass(frozen=True)
class ManyLink:
    """A to-many link through an association table (`local_key` → this row's id)."""

    name: str
    target: str
    table: FromClause
    local_key: str
    remote_key: str


@dataclass
class Entity:
    name: str
    model: type[Any]
    fields: Mapping[str, Field]
    one_links: Mapping[str, OneLink] = field(default_factory=dict)
    many_links: Mapping[str, ManyLink] = field(default_factory=dict)
    default_fields: Sequence[str] = ()
    default_sort: Sequence[str] = ("id",)
    # Extra SQL filter for who may see rows; defaults to auth.policy.visible(actor, model).
    visible: Callable[[Actor], ColumnElement[bool]] | None = None
    custom_fields_column: str | None = None  # name of the JSON column holding custom values
    archived_column: str | None = "archived_at"

    def id_column(self, alias: Any) -> ColumnElement[Any]:
        return alias.id  # type: ignore[no-any-return]


_ENTITIES: dict[str, Entity] = {}


def register(entity: Entity) -> Entity:
    _ENTITIES[entity.name] = entity
    return entity


def get_entity(name: str) -> Entity:
    return _ENTITIES[name]


def fields_of(specs: Sequence[tuple[str, FieldType]], **common: Any) -> dict[str, Field]:
    """Plain column fields: `[("code", FieldType.STR), ...]` read `<model>.<name>`."""
    out: dict[str, Field] = {}
    for spec in specs:
        name, ftype = spec[0], spec[1]
        out[name] = Field(name=name, type=ftype, column=_attr(name), **common)
    return out


def _attr(name: str) -> Column:
    return lambda alias: getattr(alias, name)


def enum_field(name: str, enum_cls: type[enum.StrEnum], **common: Any) -> Field:
    return Field(
        name=name,
        type=FieldType.ENUM,
        column=_attr(name),
        choices=tuple(m.value for m in enum_cls),
        **common,
    )


AUDIT_FIELDS: tuple[tuple[str, FieldType], ...] = (
    ("id", FieldType.INT),
    ("created_at", FieldType.DATETIME),
    ("updated_at", FieldType.DATETIME),
    ("archived_at", FieldType.DATETIME),
    ("row_version", FieldType.INT),
)
