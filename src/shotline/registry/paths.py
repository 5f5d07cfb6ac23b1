"""Resolving field paths (`shot.sequence.code`, `assignees.name`, `custom.bid_days`) to SQL.

To-one links become LEFT JOINs of aliases, shared by every path through the same prefix.
To-many links become correlated subqueries: an aggregate for reading, EXISTS for filters,
MIN for sorting, so the row count of the list never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, func, select, type_coerce
from sqlalchemy.orm import aliased

from shotline.db.dialect import json_array
from shotline.registry.entities import Entity, Field, FieldType, ManyLink, get_entity

MAX_DEPTH = 4


class UnknownField(ValueError):
    pass


@dataclass
class Resolved:
    path: str
    type: FieldType
    choices: tuple[str, ...]
    expr: ColumnElement[Any] | None  # to-one / local fields
    field: Field | None = None
    many: ManyLink | None = None
    many_alias: Any = None
    many_from: Any = None
    many_corr: ColumnElement[bool] | None = None
    many_value: ColumnElement[Any] | None = None
    many_owner_id: ColumnElement[Any] | None = None

    @property
    def is_many(self) -> bool:
        return self.many is not None

    def select_expr(self) -> ColumnElement[Any]:
        if self.expr is not None:
            if self.type == FieldType.ENUM:
                return type_coerce(self.expr, String())  # the stored text, no enum objects
            return self.expr
        return (
            select(json_array(self.many_value))  # type: ignore[arg-type]
            .select_from(self.many_from)
            .where(self.many_corr)  # type: ignore[arg-type]
            .scalar_subquery()
        )

    def grouped(self, keys: Any) -> Any:
        """`SELECT key, json_array(value) … WHERE key IN (keys) GROUP BY key`, to LEFT JOIN."""
        if self.many is None or self.many_value is None:
            raise UnknownField(self.path)
        local = self.many.table.c[self.many.local_key]
        return (
            select(local.label("key"), json_array(self.many_value).label("value"))
            .select_from(self.many_from)
            .where(local.in_(keys))
            .group_by(local)
        )

    def sort_expr(self) -> ColumnElement[Any]:
        if self.expr is not None:
            return self.expr
        return (
            select(func.min(self.many_value))
            .select_from(self.many_from)
            .where(self.many_corr)  # type: ignore[arg-type]
            .scalar_subquery()
        )

    def exists_where(self, condition: ColumnElement[bool] | None) -> ColumnElement[bool]:
        """`owner.id IN (SELECT link.local_key … WHERE condition)`: uncorrelated, so the
        database reads the association index once (e.g. one artist's tasks) instead of
        probing it for every candidate row."""
        if self.many is None or self.many_owner_id is None:
            raise UnknownField(self.path)
        local = self.many.table.c[self.many.local_key]
        stmt = select(local).select_from(self.many_from)
        if condition is not None:
            stmt = stmt.where(condition)
        return self.many_owner_id.in_(stmt)


class PathResolver:
    def __init__(self, root: Entity, custom_types: dict[str, FieldType] | None = None) -> None:
        self.root = root
        self.custom_types = custom_types or {}
        self.joins: dict[str, tuple[Any, Entity]] = {"": (root.model, root)}
        self.join_list: list[tuple[Any, ColumnElement[bool]]] = []

    def resolve(self, path: str) -> Resolved:
        parts = path.split(".")
        if len(parts) > MAX_DEPTH + 1 or not all(parts):
            raise UnknownField(f"unknown field {path!r}")
        alias, entity = self.joins[""]
        prefix = ""
        for i, part in enumerate(parts):
            rest = parts[i + 1 :]
            if part == "custom" and entity.custom_fields_column and len(rest) == 1 and i == 0:
                return self._custom(alias, entity, rest[0], path)
            if not rest:
                return self._leaf(alias, entity, part, path)
            if part in entity.one_links:
                prefix = f"{prefix}.{part}" if prefix else part
                alias, entity = self._join(prefix, alias, entity.one_links[part])
                continue
            if part in entity.many_links and len(rest) == 1:
                return self._many(alias, entity.many_links[part], rest[0], path)
            break
        raise UnknownField(f"unknown field {path!r}")

    def _leaf(self, alias: Any, entity: Entity, name: str, path: str) -> Resolved:
        if name in entity.fields:
            f = entity.fields[name]
            return Resolved(path, f.type, f.choices, f.column(alias), field=f)
        if name in entity.one_links:
            return Resolved(path, FieldType.INT, (), entity.one_links[name].local(alias))
        if name in entity.many_links:
            return self._many(alias, entity.many_links[name], "id", path)
        raise UnknownField(f"unknown field {path!r}")

    def _join(self, prefix: str, alias: Any, link: Any) -> tuple[Any, Entity]:
        if prefix in self.joins:
            return self.joins[prefix]
        target = get_entity(link.target)
        target_alias = aliased(target.model, name=prefix.replace(".", "__"))
        self.joins[prefix] = (target_alias, target)
        self.join_list.append((target_alias, link.local(alias) == target_alias.id))
        return target_alias, target

    def _many(self, alias: Any, link: ManyLink, name: str, path: str) -> Resolved:
        target = get_entity(link.target)
        if name not in target.fields:
            raise UnknownField(f"unknown field {path!r}")
        f = target.fields[name]
        tgt = aliased(target.model)
        table = link.table
        from_ = table.join(tgt, table.c[link.remote_key] == tgt.id)
        corr = table.c[link.local_key] == alias.id
        return Resolved(
            path,
            f.type,
            f.choices,
            None,
            field=f,
            many=link,
            many_alias=tgt,
            many_from=from_,
            many_corr=corr,
            many_value=f.column(tgt),
            many_owner_id=alias.id,
        )

    def _custom(self, alias: Any, entity: Entity, key: str, path: str) -> Resolved:
        if key not in self.custom_types:
            raise UnknownField(f"unknown field {path!r}")
        ftype = self.custom_types[key]
        column = getattr(alias, entity.custom_fields_column or "custom")[key]
        if ftype == FieldType.INT:
            expr = column.as_integer()
        elif ftype == FieldType.FLOAT:
            expr = column.as_float()
        elif ftype == FieldType.BOOL:
            expr = column.as_boolean()
        else:
            expr = column.as_string()
        return Resolved(path, ftype, (), expr)
