"""CSV import in four steps on a server-side job: upload, map, preview, commit.

Invariants:
- the uploaded file (at most 20 MB) is kept on the job row; nothing else is written until
  commit, and the preview is recomputed from the file at commit, so what is committed is
  exactly what a preview would show at that moment;
- the preview (`csvplan` for a CSV, `editorial` for a cut) converts every cell and names
  each problem by row and column;
- commit is one transaction through the entity services (`create_shots` set-based for new
  shots); every event shares one `batch_id` (undo with `/history/batches/{id}/undo`);
- conflict policy: `skip` leaves existing rows and rows with errors alone; `overwrite`
  updates existing rows and refuses a file that still has errors (422); `stop` refuses
  (409) when any row exists already or has an error; a refused commit writes nothing;
- importing the same file twice changes nothing the second time (all rows `unchanged`).

Reading the file into a plan lives in `csvplan` (cells, lookups, keys), the file format in
`csvread`, what each entity type accepts in `profiles`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.errors import Conflict, NotFound, PayloadTooLarge, ShotlineError, ValidationFailed
from shotline.io import csvplan, csvread, editorial
from shotline.io.models import ImportJob, ImportState
from shotline.io.plans import Plan, RowPlan
from shotline.io.profiles import profile_for, suggest_mapping
from shotline.production import assets, shots
from shotline.production.lists import custom_field_types
from shotline.production.models import Project
from shotline.production.service import get_project
from shotline.tasks import service as tasks

MAX_BYTES = 20 * 1024 * 1024
MAX_ERRORS_REPORTED = 50
Policy = Literal["skip", "overwrite", "stop"]
Progress = Callable[[int, int], None]


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
    profile = profile_for(entity)
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
    profile = profile_for(job.entity)
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
        fields = {profile.targets[p].field for p in mapping.values() if p in profile.targets}
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


def _date_format(value: str) -> str:
    if value not in ("dmy", "mdy"):
        raise ValidationFailed(fields={"date_format": "dmy or mdy"})
    return value


# --- planning ----------------------------------------------------------------------------


def build_plan(session: Session, job: ImportJob) -> Plan:
    """The preview of every row (the caller has checked access to the job)."""
    if job.kind == editorial.KIND:
        return editorial.build_plan(session, job)
    return csvplan.build_plan(session, job)


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
