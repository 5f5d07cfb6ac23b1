"""Reading a CSV import into a plan: every cell converted by its profile, linked columns
resolved, each row matched to an existing one by the import's key.

Invariants:
- every linked column (`status.code`, `assignees.email`, …) is resolved in one query per
  column (by chunks of 5,000 values), existing rows in one query per 5,000 keys;
- problems are reported per row and column (`RowPlan.errors`), nothing is written here;
- an empty cell clears a nullable field and leaves a required one unchanged;
- a row whose values equal the existing row's is `unchanged`, so importing the same file
  twice changes nothing the second time.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, selectinload

from shotline import events
from shotline.io import csvread
from shotline.io.models import ImportJob
from shotline.io.plans import Plan, RowPlan
from shotline.io.profiles import Profile, Target, profile_for
from shotline.production.lists import custom_field_types
from shotline.registry.entities import FieldType
from shotline.tasks.models import Task

_SPLIT = re.compile(r"[;,|]")
_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0", ""}


def build_plan(session: Session, job: ImportJob) -> Plan:
    """The preview of every row of a CSV import (the caller has checked access to the job)."""
    profile = profile_for(job.entity)
    parsed = csvread.parse(job.content, delimiter=job.delimiter)
    custom_types = custom_field_types(session, project_id=job.project_id, entity=job.entity)
    mapping = {h: p for h, p in job.mapping.items() if h in parsed.header}
    index = {h: parsed.header.index(h) for h in mapping}
    lookups = _lookups(session, job, profile, mapping, index, parsed.rows)
    columns = inspect(profile.model).columns
    plans: list[RowPlan] = []
    for number, cells in zip(parsed.row_numbers, parsed.rows, strict=True):
        plan = RowPlan(row=number, action="new")
        custom: dict[str, Any] = {}
        for header, path in mapping.items():
            cell = cells[index[header]]
            try:
                if path.startswith("custom."):
                    value = _convert_custom(custom_types[path[7:]], cell, job.date_format)
                    if value is not None:
                        custom[path[7:]] = value
                    continue
                target = profile.targets[path]
                if target.field == "id":
                    if cell:
                        plan.id = _convert(target, cell, job.date_format, lookups)
                    continue
                value = _convert(target, cell, job.date_format, lookups)
            except ValueError as exc:
                plan.errors[header] = str(exc)
                continue
            column = columns.get(target.field)
            if value is None and column is not None and not column.nullable:
                continue  # an empty cell leaves a required field as it is
            plan.values[target.field] = value
        if custom:
            plan.values["custom"] = custom
        plans.append(plan)
    _match_existing(session, job, profile, plans)
    summary = {"new": 0, "update": 0, "unchanged": 0, "error": 0}
    for plan in plans:
        summary[plan.action] += 1
    ignored = [h for h in parsed.header if h not in mapping]
    return Plan(rows=plans, summary=summary, ignored_columns=ignored)


def _lookups(
    session: Session,
    job: ImportJob,
    profile: Profile,
    mapping: dict[str, str],
    index: dict[str, int],
    rows: list[list[str]],
) -> dict[str, dict[str, int]]:
    """`{path: {lowercased value: id}}` for each linked column, one query per column."""
    out: dict[str, dict[str, int]] = {}
    for header, path in mapping.items():
        target = profile.targets.get(path)
        if target is None or target.link is None:
            continue
        wanted: set[str] = set()
        for cells in rows:
            cell = cells[index[header]]
            parts = _SPLIT.split(cell) if target.many else [cell]
            wanted.update(p.strip().lower() for p in parts if p.strip())
        link = target.link
        model = link.model
        column = getattr(model, link.column)
        found: dict[str, int] = {}
        items = sorted(wanted)
        for start in range(0, len(items), 5000):
            stmt = select(func.lower(column), model.id).where(
                func.lower(column).in_(items[start : start + 5000])
            )
            if link.scope == "project":
                stmt = stmt.where(model.project_id == job.project_id)
            else:
                stmt = stmt.where(model.organization_id == job.organization_id)
            found.update(dict(session.execute(stmt).all()))
        out[path] = found
    return out


def _convert(
    target: Target, cell: str, date_format: str, lookups: dict[str, dict[str, int]]
) -> Any:
    if target.link is not None:
        table = lookups.get(target.path, {})
        if target.many:
            ids: list[int] = []
            for part in (p.strip() for p in _SPLIT.split(cell)):
                if not part:
                    continue
                if part.lower() not in table:
                    raise ValueError(f"no {target.path} {part!r}")
                ids.append(table[part.lower()])
            return sorted(set(ids))
        if not cell:
            return None
        if cell.lower() not in table:
            raise ValueError(f"no {target.path} {cell!r}")
        return table[cell.lower()]
    if not cell:
        return None
    if target.choices is not None:
        return _choice(target.choices, cell)
    return _scalar(target.type, cell, date_format)


def _choice(choices: type[enum.StrEnum], cell: str) -> Any:
    wanted = re.sub(r"[^a-z0-9]", "", cell.lower())
    for member in choices:
        if wanted in (re.sub(r"[^a-z0-9]", "", member.value), member.name.lower().replace("_", "")):
            return member
    raise ValueError("one of " + ", ".join(m.value for m in choices))


def _scalar(ftype: FieldType, cell: str, date_format: str) -> Any:
    if ftype == FieldType.INT:
        try:
            number = float(cell.replace(",", "."))
        except ValueError:
            raise ValueError(f"not a whole number: {cell!r}") from None
        if not number.is_integer() or abs(number) > 2**31:
            raise ValueError(f"not a whole number: {cell!r}")
        return int(number)
    if ftype == FieldType.FLOAT:
        try:
            return float(cell.replace(",", "."))
        except ValueError:
            raise ValueError(f"not a number: {cell!r}") from None
    if ftype == FieldType.DATE:
        return csvread.parse_date(cell, date_format)
    if ftype == FieldType.BOOL:
        low = cell.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"not yes/no: {cell!r}")
    return cell


def _convert_custom(ftype: FieldType, cell: str, date_format: str) -> Any:
    if not cell:
        return None
    if ftype == FieldType.STR:
        # custom dates are stored as ISO text; other text stays as typed
        try:
            return csvread.parse_date(cell, date_format).isoformat()
        except ValueError:
            return cell
    return _scalar(ftype, cell, date_format)


def _match_existing(
    session: Session, job: ImportJob, profile: Profile, plans: list[RowPlan]
) -> None:
    model = profile.model
    stmt = select(model).where(model.project_id == job.project_id)
    if model is Task:
        stmt = stmt.options(selectinload(Task.assignee_rows))
    keyed: dict[Any, Any] = {}

    def key_of(values: dict[str, Any], row_id: int | None) -> Any:
        if job.key == "id":
            return row_id
        if job.key == "code":
            return values.get("code")
        parent = ("shot", values["shot_id"]) if values.get("shot_id") else None
        parent = parent or (("asset", values["asset_id"]) if values.get("asset_id") else None)
        return (parent, values.get("task_type_id")) if parent else None

    keys = [key_of(p.values, p.id) for p in plans if not p.errors]
    if job.key == "id":
        ids = [k for k in keys if k is not None]
        rows = _chunked(session, stmt, model.id, ids)
        keyed = {r.id: r for r in rows}
    elif job.key == "code":
        codes = [k for k in keys if k is not None]
        keyed = {r.code: r for r in _chunked(session, stmt, model.code, codes)}
    else:
        for r in session.scalars(stmt):
            parent = ("shot", r.shot_id) if r.shot_id else ("asset", r.asset_id)
            keyed[(parent, r.task_type_id)] = r
    seen: dict[Any, int] = {}
    for plan in plans:
        if plan.errors:
            plan.action = "error"
            continue
        key = key_of(plan.values, plan.id)
        if key is None:
            plan.action = "error"
            plan.errors["key"] = f"no value for the key {job.key!r}"
            continue
        if key in seen:
            plan.action = "error"
            plan.errors["key"] = f"duplicate key, also on row {seen[key]}"
            continue
        seen[key] = plan.row
        existing = keyed.get(key)
        if existing is None:
            _plan_new(profile, job, plan)
        elif existing.archived_at is not None:
            plan.action = "error"
            plan.errors["key"] = "matches an archived row; restore it first"
        else:
            _plan_update(plan, existing)
        if plan.action != "error":
            _check_row(profile, plan, existing)


def _chunked(session: Session, stmt: Any, column: Any, values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(values), 5000):
        out.extend(session.scalars(stmt.where(column.in_(values[start : start + 5000]))))
    return out


def _plan_new(profile: Profile, job: ImportJob, plan: RowPlan) -> None:
    if job.key == "id" and plan.id is not None:
        plan.action = "error"
        plan.errors["id"] = f"no {profile.entity} {plan.id} in this project"
        return
    missing = [f for f in profile.required if plan.values.get(f) is None]
    if profile.entity == "task" and not (plan.values.get("shot_id") or plan.values.get("asset_id")):
        missing.append("shot.code or asset.code")
    if missing:
        plan.action = "error"
        plan.errors.update(dict.fromkeys(missing, "required for a new row"))
        return
    plan.action = "new"


def _plan_update(plan: RowPlan, existing: Any) -> None:
    plan.id = existing.id
    for name, new in plan.values.items():
        if name == "custom":
            for k, v in new.items():
                old = (existing.custom or {}).get(k)
                if old != v:
                    plan.changes[f"custom.{k}"] = [old, v]
            continue
        old = existing.assignee_ids if name == "assignee_ids" else getattr(existing, name)
        if old != new:
            plan.changes[name] = [events.jsonable(old), events.jsonable(new)]
    plan.action = "update" if plan.changes else "unchanged"


def _check_row(profile: Profile, plan: RowPlan, existing: Any) -> None:
    if profile.entity != "shot":
        return
    for low, high in (("frame_in", "frame_out"), ("cut_in", "cut_out")):
        a = plan.values.get(low, getattr(existing, low, None) if existing else None)
        b = plan.values.get(high, getattr(existing, high, None) if existing else None)
        if a is not None and b is not None and b < a:
            plan.action = "error"
            plan.errors[high] = f"must not be before {low}"
