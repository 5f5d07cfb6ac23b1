"""Reading a `QuerySpec` from a GET query string.

`?status.code=IP&due_date__lt=2026-12-01&assignees.name__contains=maya&sort=-due_date,title`
`&fields=title,shot.code&limit=100&page=2`. Each key that is not a reserved word is a
filter: `field` means equals, `field__<op>` any other operator. `filters=<json>` takes the
full form with `all`/`any` groups.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from shotline.errors import ValidationFailed
from shotline.registry.spec import Condition, Op, QuerySpec

RESERVED = frozenset(
    {"fields", "sort", "limit", "page", "include_archived", "archived_only", "count", "filters"}
)
OPS = {op.value for op in Op}


def spec_from_query(
    params: QueryParams, *, extra_reserved: frozenset[str] = frozenset()
) -> QuerySpec:
    data: dict[str, Any] = {"filters": []}
    for key in ("limit", "page", "include_archived", "archived_only", "count"):
        if key in params:
            data[key] = params[key]
    if "fields" in params:
        data["fields"] = [f.strip() for f in params["fields"].split(",") if f.strip()]
    if "sort" in params:
        data["sort"] = [s.strip() for s in params["sort"].split(",") if s.strip()]
    if "filters" in params:
        try:
            parsed = orjson.loads(params["filters"])
        except orjson.JSONDecodeError:
            raise ValidationFailed(
                "filters is not JSON.", fields={"filters": "not valid JSON"}
            ) from None
        data["filters"].extend(parsed if isinstance(parsed, list) else [parsed])
    for key, value in params.multi_items():
        if key in RESERVED or key in extra_reserved:
            continue
        field, _, op = key.partition("__")
        if op and op not in OPS:
            raise ValidationFailed(
                f"Unknown operator {op!r}.", fields={key: f"unknown operator {op!r}"}
            )
        data["filters"].append(Condition(field=field, op=Op(op) if op else Op.EQ, value=value))
    return parse_spec(data)


def parse_spec(data: Any) -> QuerySpec:
    try:
        return QuerySpec.model_validate(data)
    except ValidationError as exc:
        fields = {".".join(str(p) for p in e["loc"]) or "body": e["msg"] for e in exc.errors()}
        raise ValidationFailed("The query is not valid.", fields=fields) from None
