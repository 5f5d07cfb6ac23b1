"""The few SQL pieces that differ between SQLite and PostgreSQL, behind small functions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class json_array_agg(GenericFunction[Any]):
    """Aggregate values into a JSON array, as JSON text: `json_group_array` / `json_agg`.

    Text on both databases, so the caller parses it once, fast (orjson), or passes it on."""

    type = String()
    inherit_cache = True
    name = "json_array_agg"


@compiles(json_array_agg, "sqlite")
def _json_array_agg_sqlite(element: json_array_agg, compiler: Any, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


@compiles(json_array_agg, "postgresql")
def _json_array_agg_pg(element: json_array_agg, compiler: Any, **kw: Any) -> str:
    return f"coalesce(json_agg({compiler.process(element.clauses, **kw)}), '[]'::json)::text"


def json_array(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    return json_array_agg(expr)


def lower(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.lower(expr)
