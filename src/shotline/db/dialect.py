"""The few SQL pieces that differ between SQLite and PostgreSQL, behind small functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    Dialect,
    Engine,
    String,
    Text,
    TypeDecorator,
    bindparam,
    cast,
    func,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import TypeEngine


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


# Rows ANALYZE samples per index on SQLite: bounded cost on a big database, good plans.
SQLITE_ANALYSIS_LIMIT = 2000


def refresh_statistics(engine: Engine) -> None:
    """Give the query planner fresh table statistics.

    SQLite keeps none until ANALYZE runs: without them it may walk a sort index over a whole
    project instead of the selective index of a filter (measured: a shot's tasks in a
    50,000-task project, 118 ms → 0.8 ms). PostgreSQL's autovacuum does this by itself; an
    explicit ANALYZE there is cheap and harmless.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


class _IdList(TypeDecorator[list[int]]):
    """A list of ids bound as ONE parameter: an int8 array on PostgreSQL, JSON text on SQLite."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.ARRAY(BigInteger))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: list[int] | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return orjson.dumps(value).decode()


class _id_in(GenericFunction[bool]):
    type = Boolean()
    inherit_cache = True
    name = "id_in"


@compiles(_id_in, "postgresql")
def _id_in_pg(element: _id_in, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} = ANY({compiler.process(ids, **kw)})"


@compiles(_id_in, "sqlite")
def _id_in_sqlite(element: _id_in, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    ids_sql = compiler.process(ids, **kw)
    return f"{compiler.process(column, **kw)} IN (SELECT value FROM json_each({ids_sql}))"  # noqa: S608 -- compiled SQL fragments, values are bound


def in_ids(
    column: ColumnElement[Any] | InstrumentedAttribute[Any], ids: Sequence[int]
) -> ColumnElement[bool]:
    """`column IN ids` for a long list of ids, bound as one parameter.

    An expanded `IN (:p1, …, :p10000)` costs the driver more than the database: psycopg
    parses the statement text per parameter (measured: 257 ms for 12,000 parameters), and
    SQLite caps the number of parameters. One array (PostgreSQL `= ANY`) or one JSON text
    (SQLite `json_each`) parameter costs the same for 10 ids or 100,000.
    """
    return _id_in(column, bindparam(None, list(ids), type_=_IdList()))


def insert_rows(
    session: Session,
    model: type[Any],
    rows: Sequence[Mapping[str, Any]],
    *,
    return_ids: bool = False,
) -> list[int]:
    """INSERT many rows of a mapped class (all with the same keys) in one statement.

    With `return_ids`, returns the new identity ids in the order of `rows`.

    PostgreSQL: one array parameter per column (`unnest`), since a multi-row VALUES list of
    10,000 rows of 12 columns has 120,000 parameters whose statement text the driver parses
    (seconds), and executemany is a round trip per row. The rows are inserted in ordinality
    order, so their identity values rise in that order and sorting them gives row order.
    SQLite's driver runs executemany in C, so it keeps the plain form there.
    """
    if not rows:
        return []
    table = model.__table__
    names = list(rows[0])
    if session.get_bind().dialect.name != "postgresql":
        if not return_ids:
            session.execute(insert(model), list(rows))
            return []
        # Core, not ORM, and no `sort_by_parameter_order`: SQLite then batches the rows into
        # a few multi-row statements (the ORM form ran one statement per row: 5,000 events
        # 2.8 s instead of ~0.4 s). Ids rise in insertion order, so sorting gives row order.
        stmt = insert(table).returning(table.c.id)
        return sorted(session.execute(stmt, list(rows)).scalars())
    json_names = {name for name in names if isinstance(table.c[name].type, JSON)}
    arrays = [
        bindparam(None, [_json_text(r[name]) for r in rows], type_=ARRAY(Text()))
        if name in json_names
        else bindparam(None, [r[name] for r in rows], type_=ARRAY(table.c[name].type))
        for name in names
    ]
    derived = func.unnest(*arrays).table_valued(*names, with_ordinality="n").render_derived()
    source = select(
        *(cast(derived.c[n], JSONB) if n in json_names else derived.c[n] for n in names)
    ).order_by(derived.c.n)
    insert_stmt = insert(model).from_select(names, source)
    if not return_ids:
        session.execute(insert_stmt)
        return []
    return sorted(session.scalars(insert_stmt.returning(table.c.id)))


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
