"""The query engine: a `QuerySpec` over a registered entity → one SQL statement per page.

Invariants:
- exactly one statement per page: rows, linked fields (LEFT JOINs / correlated
  subqueries) and the total (`COUNT(*) OVER ()`) come back together; only a page past the
  end needs a second, count-only statement;
- the permission filter (`auth.policy.visible`) is always added here, never by callers;
- archived rows are left out unless asked for;
- every field path is resolved against the registry, so unknown or hidden fields are a 422
  naming the field, never SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import ColumnElement, and_, false, func, not_, or_, select, true
from sqlalchemy.orm import Session

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import ValidationFailed
from shotline.registry.entities import Entity, FieldType, get_entity
from shotline.registry.paths import PathResolver, Resolved, UnknownField
from shotline.registry.spec import Condition, Filter, Group, Op, QuerySpec
from shotline.registry.values import BadValue, coerce, coerce_bool, coerce_list

TOTAL = "__total"
TEXT_OPS = frozenset({Op.CONTAINS, Op.STARTS_WITH})
DAY_OPS = frozenset({Op.IN_LAST_DAYS, Op.IN_NEXT_DAYS})
ORDER_OPS = frozenset({Op.LT, Op.LTE, Op.GT, Op.GTE, Op.BETWEEN})
MAX_FILTERS = 50


@dataclass
class QueryResult:
    items: list[dict[str, Any]]
    total: int | None
    page: int
    limit: int
    fields: list[str]


def run_query(
    session: Session,
    actor: Actor,
    entity_name: str,
    spec: QuerySpec,
    *,
    scope: Sequence[ColumnElement[bool]] = (),
    custom_types: dict[str, FieldType] | None = None,
) -> QueryResult:
    entity = get_entity(entity_name)
    stmt, fields = build_statement(actor, entity, spec, scope=scope, custom_types=custom_types)
    rows = session.connection().execute(stmt).all()
    want_total = spec.count == "exact"
    total: int | None = None
    if want_total:
        if rows:
            total = int(rows[0][-1])
        elif spec.page > 1:
            count_stmt = build_count(actor, entity, spec, scope=scope, custom_types=custom_types)
            total = int(session.scalar(count_stmt) or 0)
        else:
            total = 0
    many = {i for i, f in enumerate(fields) if _is_many(entity, f)}
    items = _items(fields, rows, many)
    return QueryResult(items=items, total=total, page=spec.page, limit=spec.limit, fields=fields)


def stream_query(
    session: Session,
    actor: Actor,
    entity_name: str,
    spec: QuerySpec,
    *,
    scope: Sequence[ColumnElement[bool]] = (),
    custom_types: dict[str, FieldType] | None = None,
    batch_size: int = 1000,
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Every row matching `spec` (paging ignored), fetched `batch_size` rows at a time from a
    server-side cursor: memory stays flat however many rows match. The statement (and so
    any 422 for an unknown field) is built before this returns; rows come lazily."""
    entity = get_entity(entity_name)
    stmt, fields = build_stream_statement(
        actor, entity, spec, scope=scope, custom_types=custom_types
    )
    many = {i for i, f in enumerate(fields) if _is_many(entity, f)}

    def rows() -> Iterator[tuple[Any, ...]]:
        result = session.execute(stmt.execution_options(yield_per=batch_size))
        for partition in result.partitions():
            for row in partition:
                if many:
                    yield tuple(
                        (orjson.loads(v) if v else []) if i in many else v
                        for i, v in enumerate(row)
                    )
                else:
                    yield tuple(row)

    return fields, rows()


def build_stream_statement(
    actor: Actor,
    entity: Entity,
    spec: QuerySpec,
    *,
    scope: Sequence[ColumnElement[bool]] = (),
    custom_types: dict[str, FieldType] | None = None,
) -> tuple[Any, list[str]]:
    """All matching rows in order, in one plain statement (no page, no total)."""
    resolver = PathResolver(entity, custom_types)
    fields = _field_list(entity, spec)
    columns = [_resolve(resolver, f, "fields").select_expr().label(f) for f in fields]
    where = _where(actor, entity, resolver, spec, scope)
    keys = _sort_keys(entity, resolver, spec)
    id_desc = bool(keys) and keys[-1][1]
    stmt = select(*columns).select_from(entity.model)
    for alias, onclause in resolver.join_list:
        stmt = stmt.outerjoin(alias, onclause)
    order = [*_ordering(keys), entity.model.id.desc() if id_desc else entity.model.id.asc()]
    return stmt.where(*where).order_by(*order), fields


def build_statement(
    actor: Actor,
    entity: Entity,
    spec: QuerySpec,
    *,
    scope: Sequence[ColumnElement[bool]] = (),
    custom_types: dict[str, FieldType] | None = None,
) -> tuple[Any, list[str]]:
    """One statement in two phases. A CTE picks the page — filters, sort, limit — with only
    the joins those need, carrying its sort keys out; the outer SELECT reads the requested
    fields (linked rows, to-many lists) for those rows alone. The total is a scalar count
    over the same filters, so no window function forces every matching row through."""
    model = entity.model
    inner = PathResolver(entity, custom_types)
    where = _where(actor, entity, inner, spec, scope)
    keys = _sort_keys(entity, inner, spec)
    page_q = select(
        model.id.label("id"), *(expr.label(f"s{i}") for i, (expr, _) in enumerate(keys))
    )
    page_q = page_q.select_from(model)
    for alias, onclause in inner.join_list:
        page_q = page_q.outerjoin(alias, onclause)
    id_desc = bool(keys) and keys[-1][1]
    page = (
        page_q.where(*where)
        .order_by(
            *_ordering([(e, d) for e, d in keys]), model.id.desc() if id_desc else model.id.asc()
        )
        .limit(spec.limit)
        .offset((spec.page - 1) * spec.limit)
        .cte("page")
        .prefix_with("MATERIALIZED")
    )

    fields = _field_list(entity, spec)
    outer = PathResolver(entity, custom_types)
    columns: list[Any] = [_resolve(outer, f, "fields").select_expr().label(f) for f in fields]
    if spec.count == "exact":
        counter = select(func.count()).select_from(model)
        for alias, onclause in inner.join_list:
            counter = counter.outerjoin(alias, onclause)
        columns.append(counter.where(*where).scalar_subquery().label(TOTAL))
    stmt = select(*columns).select_from(page).join(model, model.id == page.c.id)
    for alias, onclause in outer.join_list:
        stmt = stmt.outerjoin(alias, onclause)
    page_keys = [(page.c[f"s{i}"], desc) for i, (_, desc) in enumerate(keys)]
    order = [*_ordering(page_keys), page.c.id.desc() if id_desc else page.c.id.asc()]
    return stmt.order_by(*order), fields


def _ordering(keys: list[tuple[Any, bool]]) -> list[Any]:
    return [e.desc().nulls_last() if desc else e.asc().nulls_last() for e, desc in keys]


def build_count(
    actor: Actor,
    entity: Entity,
    spec: QuerySpec,
    *,
    scope: Sequence[ColumnElement[bool]] = (),
    custom_types: dict[str, FieldType] | None = None,
) -> Any:
    resolver = PathResolver(entity, custom_types)
    where = _where(actor, entity, resolver, spec, scope)
    stmt = select(func.count()).select_from(entity.model)
    for alias, onclause in resolver.join_list:
        stmt = stmt.outerjoin(alias, onclause)
    return stmt.where(*where)


def _field_list(entity: Entity, spec: QuerySpec) -> list[str]:
    requested = list(spec.fields) if spec.fields else list(entity.default_fields or entity.fields)
    if len(requested) > 100:
        raise ValidationFailed("At most 100 fields.", fields={"fields": "at most 100 fields"})
    out = ["id"]
    for f in requested:
        if f not in out:
            out.append(f)
    return out


def _resolve(resolver: PathResolver, path: str, where: str) -> Resolved:
    try:
        return resolver.resolve(path)
    except UnknownField as exc:
        raise ValidationFailed(
            f"Unknown field {path!r}.", fields={f"{where}.{path}": str(exc)}
        ) from None


def _where(
    actor: Actor,
    entity: Entity,
    resolver: PathResolver,
    spec: QuerySpec,
    scope: Sequence[ColumnElement[bool]],
) -> list[ColumnElement[bool]]:
    visible = entity.visible(actor) if entity.visible else policy.visible(actor, entity.model)
    where: list[ColumnElement[bool]] = [visible, *scope]
    if entity.archived_column:
        archived = getattr(entity.model, entity.archived_column)
        if spec.archived_only:
            where.append(archived.is_not(None))
        elif not spec.include_archived:
            where.append(archived.is_(None))
    counter = [0]
    where.extend(_compile(resolver, f, counter) for f in spec.filters)
    return where


def _compile(resolver: PathResolver, node: Filter, counter: list[int]) -> ColumnElement[bool]:
    counter[0] += 1
    if counter[0] > MAX_FILTERS:
        raise ValidationFailed("Too many filters.", fields={"filters": f"at most {MAX_FILTERS}"})
    if isinstance(node, Group):
        if node.all is not None:
            return and_(true(), *(_compile(resolver, n, counter) for n in node.all))
        if node.any is not None:
            return or_(false(), *(_compile(resolver, n, counter) for n in node.any))
        raise ValidationFailed("A group needs `all` or `any`.", fields={"filters": "empty group"})
    return _condition(resolver, node)


def _condition(resolver: PathResolver, cond: Condition) -> ColumnElement[bool]:
    key = f"filters.{cond.field}"
    r = _resolve(resolver, cond.field, "filters")
    if r.field is not None and not r.field.filterable:
        raise ValidationFailed(f"{cond.field} cannot be filtered.", fields={key: "not filterable"})
    try:
        if r.is_many or r.expr is None:
            return _many_condition(r, cond)
        return _scalar_condition(r.expr, r, cond.op, cond.value)
    except BadValue as exc:
        raise ValidationFailed(f"Bad value for {cond.field}.", fields={key: str(exc)}) from None


def _many_condition(r: Resolved, cond: Condition) -> ColumnElement[bool]:
    if cond.op == Op.IS_EMPTY:
        empty = coerce_bool(cond.value if cond.value is not None else True)
        return not_(r.exists_where(None)) if empty else r.exists_where(None)
    if r.many_value is None:
        raise BadValue("not a list field")
    if cond.op == Op.NE:
        return not_(r.exists_where(_scalar_condition(r.many_value, r, Op.EQ, cond.value)))
    if cond.op == Op.NOT_IN:
        return not_(r.exists_where(_scalar_condition(r.many_value, r, Op.IN, cond.value)))
    return r.exists_where(_scalar_condition(r.many_value, r, cond.op, cond.value))


def _scalar_condition(
    expr: ColumnElement[Any], r: Resolved, op: Op, raw: Any
) -> ColumnElement[bool]:
    t, choices = r.type, r.choices
    if op == Op.IS_EMPTY:
        empty = coerce_bool(raw if raw is not None else True)
        blank = or_(expr.is_(None), expr == "") if t == FieldType.STR else expr.is_(None)
        return blank if empty else not_(blank)
    if op in TEXT_OPS:
        if t not in (FieldType.STR, FieldType.ENUM):
            raise BadValue(f"{op.value} works on text fields")
        text = str(coerce(FieldType.STR, raw)).lower()
        lowered = func.lower(expr)
        if op == Op.CONTAINS:
            return lowered.contains(text, autoescape=True)
        return lowered.startswith(text, autoescape=True)
    if op in DAY_OPS:
        return _days(expr, t, op, raw)
    if op in (Op.IN, Op.NOT_IN):
        values = coerce_list(t, raw, choices)
        if op == Op.IN:
            return expr.in_(values)
        return or_(expr.not_in(values), expr.is_(None))
    if op == Op.BETWEEN:
        values = coerce_list(t, raw, choices)
        if len(values) != 2:
            raise BadValue("between needs two values")
        return expr.between(values[0], values[1])
    value = coerce(t, raw, choices)
    if op == Op.EQ:
        return expr.is_(None) if value is None else expr == value
    if op == Op.NE:
        return expr.is_not(None) if value is None else or_(expr != value, expr.is_(None))
    if value is None:
        raise BadValue(f"{op.value} needs a value")
    if t in (FieldType.BOOL, FieldType.JSON):
        raise BadValue(f"{op.value} does not work on {t.value} fields")
    if op == Op.LT:
        return and_(expr < value)
    if op == Op.LTE:
        return and_(expr <= value)
    if op == Op.GT:
        return and_(expr > value)
    return and_(expr >= value)


def _days(expr: ColumnElement[Any], t: FieldType, op: Op, raw: Any) -> ColumnElement[bool]:
    if t not in (FieldType.DATE, FieldType.DATETIME):
        raise BadValue(f"{op.value} works on date fields")
    days = coerce(FieldType.INT, raw)
    if days is None or not 0 <= days <= 3650:
        raise BadValue("a number of days from 0 to 3650")
    now = dt.datetime.now(dt.UTC)
    if t == FieldType.DATE:
        today = now.date()
        lo, hi = (
            (today - dt.timedelta(days=days), today)
            if op == Op.IN_LAST_DAYS
            else (
                today,
                today + dt.timedelta(days=days),
            )
        )
        return expr.between(lo, hi)
    if op == Op.IN_LAST_DAYS:
        return expr.between(now - dt.timedelta(days=days), now)
    return expr.between(now, now + dt.timedelta(days=days))


def _sort_keys(entity: Entity, resolver: PathResolver, spec: QuerySpec) -> list[tuple[Any, bool]]:
    """(expression, descending) per sort key; `id` breaks ties (added by the caller)."""
    keys = spec.sort or list(entity.default_sort)
    if len(keys) > 10:
        raise ValidationFailed("At most 10 sort keys.", fields={"sort": "at most 10 keys"})
    out: list[tuple[Any, bool]] = []
    for key in keys:
        path = key.lstrip("-+")
        if path == "id":
            continue
        r = _resolve(resolver, path, "sort")
        if r.field is not None and not r.field.sortable:
            raise ValidationFailed(
                f"{path} cannot be sorted.", fields={f"sort.{path}": "not sortable"}
            )
        out.append((r.sort_expr(), key.startswith("-")))
    if keys and keys[-1].lstrip("+") == "-id":
        out.append((entity.model.id, True))
    return out


def _is_many(entity: Entity, path: str) -> bool:
    head = path.split(".", 1)[0]
    return head in entity.many_links


def _items(fields: list[str], rows: Sequence[Any], many: set[int]) -> list[dict[str, Any]]:
    items = [dict(zip(fields, row, strict=False)) for row in rows]
    for i in many:
        name = fields[i]
        for item in items:
            raw = item[name]
            item[name] = orjson.loads(raw) if raw else []
    return items
