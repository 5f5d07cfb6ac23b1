"""CSV import in four steps on a server-side job: upload, map, preview, commit.

Invariants:
- the uploaded file (at most 20 MB) is kept on the job row; nothing else is written until
  commit, and the preview is recomputed from the file at commit, so what is committed is
  exactly what a preview would show at that moment;
- every cell is converted and every linked column resolved in one query per column
  (`status.code`, `assignees.email`, …); problems are reported per row and column;
- commit is one transaction through the entity services (`create_shots` set-based for new
  shots); every event shares one `batch_id` (undo with `/history/batches/{id}/undo`);
- conflict policy: `skip` leaves existing rows and rows with errors alone; `overwrite`
  updates existing rows and refuses a file that still has errors (422); `stop` refuses
  (409) when any row exists already or has an error; a refused commit writes nothing;
- an empty cell clears a nullable field and leaves a required one unchanged;
- importing the same file twice changes nothing the second time (all rows `unchanged`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, selectinload

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import Conflict, NotFound, PayloadTooLarge, ShotlineError, ValidationFailed
from shotline.io import csvread, editorial
from shotline.io.models import ImportJob, ImportState
from shotline.io.plans import Plan, RowPlan
from shotline.io.profiles import PROFILES, Profile, Target, suggest_mapping
from shotline.production import assets, shots
from shotline.production.lists import custom_field_types
from shotline.production.models import Project
from shotline.production.service import get_project
from shotline.registry.entities import FieldType
from shotline.tasks import service as tasks
from shotline.tasks.models import Task

MAX_BYTES = 20 * 1024 * 1024
MAX_ERRORS_REPORTED = 50
Policy = Literal["skip", "overwrite", "stop"]
Progress = Callable[[int, int], None]
_SPLIT = re.compile(r"[;,|]")
_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0", ""}


@dataclass
class ImportResult:
    batch_id: str
    created: int
    updated: int
    unchanged: int
    skipped: int


# --- steps -----------------------------------------------------------------------------


def create_import(
    session: Session,
    actor: Actor,
    project_id: int,
    *,
    entity: str,
    file_name: str,
    data: bytes,
    date_format: str = "dmy",
) -> ImportJob:
    """Step 1: store the file, detect encoding, delimiter and columns, suggest a mapping."""
    project = get_project(session, actor, project_id, verb="edit_production")
    policy.require(actor, "import_data", project)
    profile = _profile(entity)
    if len(data) > MAX_BYTES:
        raise PayloadTooLarge(f"An import file may be at most {MAX_BYTES // 1024**2} MB.")
    parsed = csvread.parse(data)
    custom = sorted(custom_field_types(session, project_id=project.id, entity=entity))
    mapping = suggest_mapping(profile, parsed.header, custom)
    key = "id" if "id" in mapping.values() else profile.default_key
    job = ImportJob(
        organization_id=project.organization_id,
        project_id=project.id,
        entity=entity,
        file_name=file_name[:255] or "import.csv",
        content=data,
        size=len(data),
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        columns=parsed.header,
        row_count=len(parsed.rows),
        mapping=mapping,
        key=key,
        date_format=_date_format(date_format),
        created_by=actor.account_id,
    )
    session.add(job)
    session.flush()
    return job


def create_editorial_import(
    session: Session, actor: Actor, project_id: int, *, file_name: str, data: bytes
) -> tuple[ImportJob, Plan]:
    """Upload an EDL or OpenTimelineIO file and preview it (shots from the cut); commit it
    with `commit_import` like a CSV import. The rules are in `io.editorial`."""
    project = get_project(session, actor, project_id, verb="edit_production")
    policy.require(actor, "import_data", project)
    if len(data) > MAX_BYTES:
        raise PayloadTooLarge(f"An import file may be at most {MAX_BYTES // 1024**2} MB.")
    job = editorial.new_job(project, file_name=file_name, data=data, created_by=actor.account_id)
    plan = editorial.build_plan(session, job)  # refuses an unreadable file before storing it
    job.row_count = len(plan.rows)
    job.preview = {"summary": plan.summary, "ignored_columns": []}
    job.state = ImportState.PREVIEWED
    session.add(job)
    session.flush()
    return job, plan


def get_import(session: Session, actor: Actor, job_id: int) -> ImportJob:
    job = session.get(ImportJob, job_id)
    if job is None or job.organization_id != actor.organization_id:
        raise NotFound()
    project = session.get(Project, job.project_id)
    if project is None or not policy.can_see(actor, project):
        raise NotFound()
    policy.require(actor, "import_data", project)
    return job


def set_mapping(
    session: Session,
    actor: Actor,
    job_id: int,
    *,
    columns: dict[str, str | None],
    key: str,
    date_format: str | None = None,
) -> ImportJob:
    """Step 2: which CSV column fills which field, and which key finds existing rows."""
    job = get_import(session, actor, job_id)
    _not_committed(job)
    if job.kind != "csv":
        raise Conflict("Only a CSV import has a column mapping.")
    profile = _profile(job.entity)
    custom = set(custom_field_types(session, project_id=job.project_id, entity=job.entity))
    problems: dict[str, str] = {}
    used: dict[str, str] = {}
    mapping: dict[str, str] = {}
    for header, path in columns.items():
        if header not in job.columns:
            problems[f"columns.{header}"] = "no such column in the file"
        elif path:
            if path not in profile.targets and not (
                path.startswith("custom.") and path[7:] in custom
            ):
                problems[f"columns.{header}"] = f"unknown field {path!r}"
            elif path in used:
                problems[f"columns.{header}"] = f"{path} is already filled by {used[path]!r}"
            else:
                used[path] = header
                mapping[header] = path
    if key not in profile.keys:
        problems["key"] = "one of " + ", ".join(profile.keys)
    else:
        fields = {_target(profile, p).field for p in mapping.values() if p in profile.targets}
        needed = set(profile.keys[key]) - {"parent"}
        if key == "parent_type" and not fields & {"shot_id", "asset_id"}:
            problems["key"] = "map shot.code or asset.code to use this key"
        elif needed - fields:
            problems["key"] = "map a column to " + ", ".join(sorted(needed - fields))
    if problems:
        raise ValidationFailed(fields=problems)
    job.mapping = mapping
    job.key = key
    if date_format is not None:
        job.date_format = _date_format(date_format)
    job.state = ImportState.MAPPED
    session.flush()
    return job


def preview_import(session: Session, actor: Actor, job_id: int) -> tuple[ImportJob, Plan]:
    """Step 3: every row marked new / update / unchanged / error, nothing written."""
    job = get_import(session, actor, job_id)
    _not_committed(job)
    plan = build_plan(session, job)
    job.preview = {"summary": plan.summary, "ignored_columns": plan.ignored_columns}
    job.state = ImportState.PREVIEWED
    session.flush()
    return job, plan


def commit_import(
    session: Session,
    actor: Actor,
    job_id: int,
    *,
    conflict_policy: Policy,
    progress: Progress | None = None,
) -> ImportResult:
    """Step 4: write every row in one transaction with the conflict policy."""
    job = get_import(session, actor, job_id)
    _not_committed(job)
    plan = build_plan(session, job)
    result = apply_plan(session, actor, job, plan, conflict_policy, progress=progress)
    job.state = ImportState.COMMITTED
    job.policy = conflict_policy
    job.result = {
        "batch_id": result.batch_id,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "skipped": result.skipped,
    }
    session.flush()
    return result


def _not_committed(job: ImportJob) -> None:
    if job.state == ImportState.COMMITTED:
        raise Conflict("This import was committed already; upload the file again.")


def _profile(entity: str) -> Profile:
    try:
        return PROFILES[entity]
    except KeyError:
        raise ValidationFailed(fields={"entity": "one of " + ", ".join(PROFILES)}) from None


def _target(profile: Profile, path: str) -> Target:
    return profile.targets[path]


def _date_format(value: str) -> str:
    if value not in ("dmy", "mdy"):
        raise ValidationFailed(fields={"date_format": "dmy or mdy"})
    return value


# --- planning ----------------------------------------------------------------------------


def build_plan(session: Session, job: ImportJob) -> Plan:
    """The preview of every row (the caller has checked access to the job)."""
    if job.kind == editorial.KIND:
        return editorial.build_plan(session, job)
    profile = _profile(job.entity)
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


# --- commit ------------------------------------------------------------------------------


def apply_plan(
    session: Session,
    actor: Actor,
    job: ImportJob,
    plan: Plan,
    conflict_policy: Policy,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    errors = [r for r in plan.rows if r.action == "error"]
    existing = [r for r in plan.rows if r.action in ("update", "unchanged")]
    if conflict_policy == "stop" and (errors or existing):
        fields = {f"row {r.row}": "already exists" for r in existing[:MAX_ERRORS_REPORTED]}
        fields.update(_error_fields(errors))
        raise Conflict(
            "Some rows exist already or have errors; nothing was written.", fields=fields
        )
    if conflict_policy == "overwrite" and errors:
        raise ValidationFailed(
            f"{len(errors)} row(s) have errors; fix them or use the skip policy.",
            fields=_error_fields(errors),
        )
    new = [r for r in plan.rows if r.action == "new"]
    updates = (
        [r for r in plan.rows if r.action == "update"] if conflict_policy == "overwrite" else []
    )
    total = len(new) + len(updates)
    done = 0
    with events.batch(session) as batch_id:
        if job.entity == "shot" and new:
            try:
                shots.create_shots(session, actor, job.project_id, shots=[r.values for r in new])
            except ShotlineError as exc:
                raise ValidationFailed(exc.message, fields=exc.fields) from None
            done += len(new)
            if progress:
                progress(done, total)
        else:
            for r in new:
                _row(r, _create, session, actor, job, r)
                done += 1
                if progress and done % 100 == 0:
                    progress(done, total)
        for r in updates:
            _row(r, _update, session, actor, job, r)
            done += 1
            if progress and done % 100 == 0:
                progress(done, total)
        if progress:
            progress(total, total)
    unchanged = sum(1 for r in plan.rows if r.action == "unchanged")
    return ImportResult(
        batch_id=batch_id,
        created=len(new),
        updated=len(updates),
        unchanged=unchanged,
        skipped=len(plan.rows) - len(new) - len(updates) - unchanged,
    )


def _error_fields(rows: list[RowPlan]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows[:MAX_ERRORS_REPORTED]:
        for column, text in r.errors.items():
            out[f"row {r.row}.{column}"] = text
    return out


def _row(plan: RowPlan, fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except ShotlineError as exc:
        fields = {f"row {plan.row}.{k}": v for k, v in exc.fields.items()}
        raise ValidationFailed(
            f"Row {plan.row}: {exc.message}", fields=fields or {f"row {plan.row}": exc.message}
        ) from None


def _create(session: Session, actor: Actor, job: ImportJob, plan: RowPlan) -> Any:
    values = plan.values
    if job.entity == "asset":
        fields = dict(values)
        code, asset_type = fields.pop("code"), fields.pop("asset_type")
        return assets.create_asset(
            session, actor, job.project_id, code=code, asset_type=asset_type, **fields
        )
    return tasks.create_task(session, actor, **values)


def _update(session: Session, actor: Actor, job: ImportJob, plan: RowPlan) -> None:
    values = {k: v for k, v in plan.values.items() if k not in ("shot_id", "asset_id")}
    row_id = plan.id or 0
    if job.entity == "shot":
        shots.update_shot(session, actor, row_id, updates=values)
    elif job.entity == "asset":
        assets.update_asset(session, actor, row_id, updates=values)
    else:
        assignees = values.pop("assignee_ids", None)
        if values:
            tasks.update_task(session, actor, row_id, updates=values)
        if assignees is not None:
            tasks.assign_task(session, actor, row_id, assignee_ids=assignees)
