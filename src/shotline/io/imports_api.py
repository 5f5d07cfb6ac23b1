"""Routes: the four steps of a CSV import (upload, mapping, preview, commit)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from shotline.deps import CurrentActor, DbSession
from shotline.io import imports
from shotline.io.imports import MAX_BYTES
from shotline.io.plans import RowPlan

router = APIRouter(prefix="/api/v1", tags=["io"])


class ImportJobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    project_id: int
    entity: str
    state: str
    file_name: str
    size: int
    encoding: str
    delimiter: str
    columns: list[str]
    row_count: int
    mapping: dict[str, str] = Field(description="`{csv column: field path}`; suggested at upload.")
    key: str
    date_format: str
    policy: str | None
    preview: dict[str, Any]
    result: dict[str, Any]


class MappingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str | None] = Field(description="`{csv column: field path or null}`")
    key: str = Field(description="`id`, `code` (shots, assets) or `parent_type` (tasks).")
    date_format: Literal["dmy", "mdy"] | None = None


class RowPreview(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    row: int
    action: str
    id: int | None
    changes: dict[str, list[Any]] = Field(
        description="`[old, new]` per field; a new row lists the values it gets as `[null, v]`."
    )
    errors: dict[str, str]
    detail: dict[str, Any] = Field(
        default_factory=dict,
        description="Editorial imports: code and where it came from, reel, cut in/out, "
        "duration, record in.",
    )


def _row_read(plan: RowPlan) -> RowPreview:
    return RowPreview(
        row=plan.row,
        action=plan.action,
        id=plan.id,
        changes=plan.shown_changes(),
        errors=plan.errors,
        detail=plan.detail,
    )


class PreviewPage(BaseModel):
    job: ImportJobRead
    summary: dict[str, int]
    ignored_columns: list[str]
    rows: list[RowPreview]
    total: int
    page: int
    limit: int


class CommitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: Literal["skip", "overwrite", "stop"] = "skip"


class ImportResultRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    batch_id: str
    created: int
    updated: int
    unchanged: int
    skipped: int


@router.post("/projects/{project_id}/imports", status_code=201, summary="Upload a CSV to import")
def create_import(
    project_id: int,
    actor: CurrentActor,
    session: DbSession,
    file: Annotated[UploadFile, File(description=f"A CSV file, at most {MAX_BYTES} bytes.")],
    entity: Annotated[Literal["shot", "asset", "task"], Form()],
    date_format: Annotated[Literal["dmy", "mdy"], Form()] = "dmy",
) -> ImportJobRead:
    """Step 1: store the file; detect encoding, delimiter and columns; suggest a mapping."""
    data = file.file.read(MAX_BYTES + 1)
    job = imports.create_import(
        session,
        actor,
        project_id,
        entity=entity,
        file_name=file.filename or "import.csv",
        data=data,
        date_format=date_format,
    )
    return ImportJobRead.model_validate(job)


@router.get("/imports/{job_id}", summary="Get an import")
def get_import(job_id: int, actor: CurrentActor, session: DbSession) -> ImportJobRead:
    """The import job: detected columns, mapping, key, last preview summary, result."""
    return ImportJobRead.model_validate(imports.get_import(session, actor, job_id))


@router.put("/imports/{job_id}/mapping", summary="Map columns to fields")
def set_import_mapping(
    job_id: int, body: MappingUpdate, actor: CurrentActor, session: DbSession
) -> ImportJobRead:
    """Step 2: which column fills which field (`code`, `sequence.code`, `status.code`,
    `assignees.email`, `custom.<key>`, …) and the key that finds existing rows."""
    job = imports.set_mapping(
        session, actor, job_id, columns=body.columns, key=body.key, date_format=body.date_format
    )
    return ImportJobRead.model_validate(job)


@router.post("/imports/{job_id}/preview", summary="Preview an import")
def preview_import(
    job_id: int,
    actor: CurrentActor,
    session: DbSession,
    page: Annotated[int, Query(ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    action: Annotated[
        Literal["new", "update", "unchanged", "error"] | None,
        Query(description="Only rows with this outcome."),
    ] = None,
) -> PreviewPage:
    """Step 3: each row marked new / update / unchanged / error with the reason, paged.
    Nothing is written."""
    job, plan = imports.preview_import(session, actor, job_id)
    rows = [r for r in plan.rows if action is None or r.action == action]
    start = (page - 1) * limit
    return PreviewPage(
        job=ImportJobRead.model_validate(job),
        summary=plan.summary,
        ignored_columns=plan.ignored_columns,
        rows=[_row_read(r) for r in rows[start : start + limit]],
        total=len(rows),
        page=page,
        limit=limit,
    )


@router.post("/imports/{job_id}/commit", summary="Commit an import")
def commit_import(
    job_id: int, body: CommitRequest, actor: CurrentActor, session: DbSession
) -> ImportResultRead:
    """Step 4: write every row in one transaction. `skip` leaves existing and bad rows alone,
    `overwrite` updates existing rows (bad rows refuse the commit), `stop` refuses when any
    row exists or is bad. Undo with `POST /api/v1/history/batches/{batch_id}/undo`."""
    result = imports.commit_import(session, actor, job_id, conflict_policy=body.policy)
    return ImportResultRead.model_validate(result)


@router.post(
    "/projects/{project_id}/editorial-imports",
    status_code=201,
    summary="Upload an EDL or OpenTimelineIO cut to import",
)
def create_editorial_import(
    project_id: int,
    actor: CurrentActor,
    session: DbSession,
    file: Annotated[
        UploadFile,
        File(description="A CMX 3600 EDL or an .otio timeline (frame rate: the project's)."),
    ],
) -> PreviewPage:
    """Store the cut and preview it: each clip becomes a shot row marked new / update /
    unchanged / error, with cut in/out and duration from the cut. The shot code comes from
    the clip's `* LOC:` locator, else its clip name, else its reel. Commit with
    `POST /api/v1/imports/{job_id}/commit` like a CSV import."""
    data = file.file.read(MAX_BYTES + 1)
    job, plan = imports.create_editorial_import(
        session, actor, project_id, file_name=file.filename or "cut.edl", data=data
    )
    return PreviewPage(
        job=ImportJobRead.model_validate(job),
        summary=plan.summary,
        ignored_columns=[],
        rows=[_row_read(r) for r in plan.rows],
        total=len(plan.rows),
        page=1,
        limit=max(len(plan.rows), 1),
    )
