"""HTTP helpers for list endpoints built on the query engine."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from shotline.registry.params import spec_from_query
from shotline.registry.query import QueryResult
from shotline.registry.spec import QuerySpec


class RowPage(BaseModel):
    """One page of rows: each item maps the requested field paths to values."""

    items: list[dict[str, Any]]
    total: int | None = Field(description="Rows matching the filters (all pages).")
    page: int
    limit: int
    fields: list[str]


LIST_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"model": RowPage}}

QUERY_DOC = (
    "Filter with `field=value` or `field__op=value` (ops: eq, ne, in, not_in, lt, lte, gt, gte, "
    "between, contains, starts_with, is_empty, in_last_days, in_next_days), linked fields with "
    "dots (`shot.code`), `sort=-due_date,title`, `fields=title,shot.code`, `limit`, `page`, "
    "`include_archived`, `archived_only`. See docs/api.md."
)


def spec_from_request(request: Request, *, reserved: frozenset[str] = frozenset()) -> QuerySpec:
    return spec_from_query(request.query_params, extra_reserved=reserved)


def rows_response(result: QueryResult) -> Response:
    body = orjson.dumps(
        {
            "items": result.items,
            "total": result.total,
            "page": result.page,
            "limit": result.limit,
            "fields": result.fields,
        },
        option=orjson.OPT_NON_STR_KEYS,
    )
    return Response(body, media_type="application/json")
