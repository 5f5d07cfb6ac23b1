"""Requests for every route of the OpenAPI schema: each path parameter filled with each
candidate value, a minimal valid-ish body made from the request schema, and a walk of a
JSON answer along the response schema (which component each object is)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from shotline.db.base import Base

NOWHERE = 987_654_321  # an id no table has
EXPIRES = "2031-01-01T00:00:00Z"


def _types(schema: dict[str, Any]) -> set[str]:
    found = {schema["type"]} if isinstance(schema.get("type"), str) else set()
    for option in schema.get("anyOf", []):
        found |= _types(option)
    return found


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # path, query, header, cookie
    required: bool
    schema: dict[str, Any]

    @property
    def is_int(self) -> bool:
        return "integer" in _types(self.schema)


@dataclass
class Endpoint:
    method: str
    template: str
    params: list[Param]
    body: dict[str, Any] | None  # {"content_type": ..., "schema": ...}
    response: dict[str, Any] | None  # schema of the 2xx JSON answer

    @property
    def path_params(self) -> list[Param]:
        return [p for p in self.params if p.where == "path"]

    @property
    def writes(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH", "DELETE")


@dataclass
class Call:
    endpoint: Endpoint
    path_values: dict[str, Any]
    query: dict[str, Any] = field(default_factory=dict)
    varying: tuple[str, ...] = ()  # the parameters that take every id in this series

    @property
    def url(self) -> str:
        url = self.endpoint.template
        for name, value in self.path_values.items():
            url = url.replace("{" + name + "}", str(value))
        return url

    def values(self) -> dict[str, Any]:
        return {**self.path_values, **self.query}

    def varying_ids(self) -> list[int]:
        return [self.values()[name] for name in self.varying]

    @property
    def is_baseline(self) -> bool:
        """The call of its series with no real id in it."""
        return all(v == NOWHERE for v in self.varying_ids())

    def series(self) -> tuple[Any, ...]:
        """Calls that must answer alike when none of their varying ids is the viewer's."""
        fixed = tuple(
            sorted((k, str(v)) for k, v in self.values().items() if k not in self.varying)
        )
        return (self.endpoint.method, self.endpoint.template, fixed, self.varying)


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    out = []
    for template, methods in schema["paths"].items():
        for method, op in methods.items():
            params = [
                Param(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
                for p in op.get("parameters", [])
            ]
            body = None
            content = op.get("requestBody", {}).get("content", {})
            for content_type, spec in content.items():
                body = {"content_type": content_type, "schema": spec.get("schema", {})}
                break
            response = None
            for status, answer in op.get("responses", {}).items():
                if status.startswith("2"):
                    json_spec = answer.get("content", {}).get("application/json")
                    if json_spec is not None:
                        response = json_spec.get("schema")
                    break
            out.append(Endpoint(method.upper(), template, params, body, response))
    return out


def calls(
    endpoint: Endpoint,
    ids_for: Callable[[dict[str, Any], Param], Sequence[int]],
    strings: Callable[[Param], Sequence[str]],
    anchor: Callable[[Param], int],
) -> Iterator[Call]:
    """Each candidate id (and `NOWHERE`) into each integer path parameter — the others
    hold their `anchor` — and, when there are several, into all of them at once (the
    candidates of any of them); for each combination of `strings(param)` of the string
    path parameters; then, for GET, each optional `*_id` query parameter takes its
    candidates. `ids_for(string values, param)` gives a parameter's candidate ids."""
    int_params = [p for p in endpoint.path_params if p.is_int]
    str_choices = [[(p.name, s) for s in strings(p)] for p in endpoint.path_params if not p.is_int]
    query = _required_query(endpoint)
    series = [[p] for p in int_params]
    if len(series) > 1:
        series.insert(0, int_params)
    for fixed in itertools.product(*str_choices):
        base = dict(fixed)
        if not int_params:
            yield Call(endpoint, base, query)
        for varying in series:
            names = tuple(p.name for p in varying)
            ids = sorted({i for p in varying for i in ids_for(base, p)})
            for value in [*ids, NOWHERE]:
                values = {p.name: value if p.name in names else anchor(p) for p in int_params}
                yield Call(endpoint, {**base, **values}, query, names)
        if endpoint.method == "GET":
            yield from _query_id_calls(endpoint, functools.partial(ids_for, base), base, anchor)


def _query_id_calls(
    endpoint: Endpoint,
    ids_for: Callable[[Param], Sequence[int]],
    base: dict[str, Any],
    anchor: Callable[[Param], int],
) -> Iterator[Call]:
    optional = [
        p
        for p in endpoint.params
        if p.where == "query"
        and not p.required
        and p.is_int
        and p.name.endswith("_id")
        and p.name not in ("before_id", "after_id")  # cursors, not ids
    ]
    path = {**base, **{p.name: anchor(p) for p in endpoint.path_params if p.is_int}}
    for param in optional:
        for value in [*ids_for(param), NOWHERE]:
            query = {**_required_query(endpoint), param.name: value}
            yield Call(endpoint, path, query, (param.name,))


def _required_query(endpoint: Endpoint) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in endpoint.params:
        if p.where == "query" and p.required:
            out[p.name] = _scalar(p.name, p.schema, {}, 1)
    return out


# --- what a path parameter names ------------------------------------------------------


# The table a path parameter names, where its name alone does not say it.
PARAM_TABLES = {
    "actor_id": "account",
    "definition_id": "custom_field_definition",
    "delivery_id": "webhook_delivery",
    "download_id": "watermarked_download",
    "key_id": "api_key",
    "link_id": "asset_link",
    "media_id": "media_file",
    "member_id": "project_member",
    "status_id": "task_status",
    "template_id": "task_template",
    "to_event_id": "event",
    "webhook_id": "webhook_subscription",
}
SEGMENT_TABLES = {"imports": "import_job", "jobs": "job_run"}  # `{job_id}` after them


def table_of(template: str, name: str, strings_: dict[str, Any]) -> str | None:
    """The table whose ids `name` takes: by the name, by the collection before it
    (`/shots/{target_id}`, `/imports/{job_id}`) or by `{entity}`; None: not known."""
    segment = template.split("/{" + name + "}")[0].rsplit("/", 1)[-1]
    table = PARAM_TABLES.get(name) or SEGMENT_TABLES.get(segment) or name.removesuffix("_id")
    if name == "target_id":
        table = segment.removesuffix("s")
    elif name == "row_id":
        table = str(strings_.get("entity"))
    return table if table in Base.metadata.tables else None


PARAM_KINDS = {
    "version_id": "version",
    "note_id": "note",
    "project_id": "project",
    "account_id": "account",
    "actor_id": "account",
    "notification_id": "notification",
    "media_id": "media",
}
COLLECTIONS = {
    "versions": "version",
    "notes": "note",
    "projects": "project",
    "accounts": "account",
    "notifications": "notification",
    "media": "media",
}


def kind_of(template: str, name: str) -> str | None:
    """What a parameter names: by its name, or for `{target_id}` by the collection."""
    if name in PARAM_KINDS:
        return PARAM_KINDS[name]
    segment = template.split("/{" + name + "}")[0].rsplit("/", 1)[-1]
    return COLLECTIONS.get(segment)


# --- request bodies ------------------------------------------------------------------


def body_for(endpoint: Endpoint, components: dict[str, Any], hint: int) -> dict[str, Any]:
    """`httpx` keyword arguments for a minimal valid-ish body (`hint`: any `*_id` field)."""
    if endpoint.body is None:
        return {}
    value = example(endpoint.body["schema"], components, hint)
    if endpoint.body["content_type"] == "multipart/form-data":
        files = {}
        data = {}
        for key, item in (value or {}).items():
            if item == b"":
                files[key] = ("edit.csv", b"code,description\nZZ010,x\n", "text/csv")
            else:
                data[key] = str(item)
        if not files:
            files["file"] = ("edit.csv", b"code\nZZ010\n", "text/csv")
        return {"files": files, "data": data}
    if endpoint.body["content_type"] != "application/json":
        return {"content": b"x"}
    return {"json": value}


def example(schema: dict[str, Any], components: dict[str, Any], hint: int, name: str = "") -> Any:
    schema = resolve(schema, components)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(o, components).get("type") != "null"]
            return example(options[0], components, hint, name) if options else None
    if "allOf" in schema:
        return example(schema["allOf"][0], components, hint, name)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {
            key: example(props[key], components, hint, key)
            for key in schema.get("required", [])
            if key in props
        }
    if kind == "array":
        count = max(1, int(schema.get("minItems", 1)))
        return [example(schema.get("items", {}), components, hint, name) for _ in range(count)]
    return _scalar(name, schema, components, hint)


def _scalar(name: str, schema: dict[str, Any], components: dict[str, Any], hint: int) -> Any:
    schema = resolve(schema, components)
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(o, components).get("type") != "null"]
            return _scalar(name, options[0], components, hint) if options else None
    kind = schema.get("type")
    if kind == "boolean":
        return bool(schema.get("default", True))
    if kind == "integer":
        if name.endswith("_id") or name.endswith("_ids"):
            return hint
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
        return max(1, int(low))
    if kind == "number":
        return float(max(1, schema.get("minimum", 1)))
    if schema.get("format") == "binary":
        return b""
    return _string(name, schema)


_STRINGS = (
    "Zz leak probe",
    "24",
    "#112233",
    "ZZ010",
    "zz_probe",
    "a",
    "https://example.com/zz",
    "00000000-0000-0000-0000-000000000000",
)


def _string(name: str, schema: dict[str, Any]) -> str:
    fmt = schema.get("format")
    if fmt == "email":
        return "probe@example.com"
    if fmt == "date-time":
        return EXPIRES
    if fmt == "date":
        return "2031-01-01"
    if fmt in ("uri", "url") or name.endswith("url"):
        return "https://example.com/zz"
    low, high = int(schema.get("minLength", 1)), int(schema.get("maxLength", 200))
    pattern = schema.get("pattern")
    for text in _STRINGS:
        padded = text.ljust(low, "z")[:high]
        if pattern is None or re.search(pattern, padded):
            return padded
    return "z" * low


def resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def component_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


# --- walking an answer -----------------------------------------------------------------


def walk(
    value: Any, schema: dict[str, Any] | None, components: dict[str, Any], name: str | None = None
) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """Every JSON object of `value` with the component it was declared as (None: unknown)."""
    if schema is None:
        schema = {}
    name = component_name(schema) or name
    schema = resolve(schema, components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(o, components).get("type") != "null"]
            pick = _pick(value, options, components)
            yield from walk(value, pick, components, None if len(options) > 1 else name)
            return
    if isinstance(value, dict):
        yield name, value
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            sub = props.get(key) or (extra if isinstance(extra, dict) else None)
            yield from walk(item, sub, components)
    elif isinstance(value, list):
        items = schema.get("items") if isinstance(schema.get("items"), dict) else None
        for item in value:
            yield from walk(item, items, components)


def _pick(value: Any, options: list[dict[str, Any]], components: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        for option in options:
            props = resolve(option, components).get("properties", {})
            if props and set(value) <= set(props):
                return option
    for option in options:
        kind = resolve(option, components).get("type")
        if (kind == "array") == isinstance(value, list):
            return option
    return options[0] if options else {}
