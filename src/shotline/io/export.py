"""Streamed export of any grid view (the same `QuerySpec` as the lists) to CSV or JSON.

Invariants:
- the rows come from `registry.query.stream_query`: the same permission filter, fields,
  filters and sort as the list endpoints, without paging, read from a server-side cursor in
  batches, so memory stays flat whatever the number of rows;
- the statement is built (and unknown fields rejected with 422) before the first byte;
- CSV cells: empty for null, ISO 8601 for dates, `;`-joined lists, JSON for objects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any, Literal

import orjson
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.production.lists import custom_field_types, mentions_custom
from shotline.production.service import get_project
from shotline.registry import QuerySpec, get_entity
from shotline.registry.query import stream_query
from shotline.registry.spec import Condition, Group

ExportFormat = Literal["csv", "json"]
EXPORTABLE = ("shot", "asset", "task", "sequence")
ROWS_PER_CHUNK = 500


def export_rows(
    session: Session,
    actor: Actor,
    *,
    project_id: int,
    entity: str,
    spec: QuerySpec,
    extra_filters: list[Condition | Group] | None = None,
    batch_size: int = 1000,
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The field names and a lazy iterator over every matching row of the project."""
    get_project(session, actor, project_id)
    definition = get_entity(entity)
    custom_types = None
    if definition.custom_fields_column and mentions_custom(spec):
        custom_types = custom_field_types(session, project_id=project_id, entity=entity)
    if extra_filters:
        spec = spec.model_copy(update={"filters": [*spec.filters, *extra_filters]})
    scope = [definition.model.project_id == project_id]
    return stream_query(
        session,
        actor,
        entity,
        spec,
        scope=scope,
        custom_types=custom_types,
        batch_size=batch_size,
    )


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(csv_cell(v) for v in value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode()
    return str(value)


def encode_csv(fields: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(v) for v in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def encode_json(fields: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[bytes]:
    """A JSON array of objects, written row by row."""
    yield b"["
    first = True
    chunk: list[bytes] = []
    for row in rows:
        item = orjson.dumps(dict(zip(fields, row, strict=True)), option=orjson.OPT_NON_STR_KEYS)
        chunk.append(item if first else b"," + item)
        first = False
        if len(chunk) >= ROWS_PER_CHUNK:
            yield b"".join(chunk)
            chunk = []
    chunk.append(b"]")
    yield b"".join(chunk)


def encode(
    fmt: ExportFormat, fields: list[str], rows: Iterator[tuple[Any, ...]]
) -> Iterator[bytes]:
    return encode_csv(fields, rows) if fmt == "csv" else encode_json(fields, rows)
