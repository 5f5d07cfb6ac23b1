"""Routes for the life of an editable row: get (with ETag), update (If-Match), archive,
restore, delete forever.

Shots, assets, episodes, sequences and projects answer these five the same way; only the
noun, the path and the service functions differ. `add_lifecycle_routes` registers them with
the names an explicit route would have (`get_shot`, `update_shot`, …: the OpenAPI
operationIds), so the API and the generated web client read as if written by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from inspect import Parameter, Signature
from types import ModuleType
from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from shotline.deps import CurrentActor, DbSession, IfMatch, etag
from shotline.production.schemas import DeleteConfirm

Service = Callable[..., Any]


def with_etag(response: Response, row: Any) -> Any:
    response.headers["ETag"] = etag(row.row_version)
    return row


@dataclass(frozen=True)
class Lifecycle:
    """What differs between two rows' lifecycle routes.

    `service` is the module with `get_<noun>(session, actor, id)`, `update_<noun>(…, *,
    updates, expected_version)`, `archive_<noun>`, `restore_<noun>` and `delete_<noun>(…, *,
    confirm)`.
    """

    noun: str  # "shot": operation names get_shot, update_shot, …
    label: str  # "a shot": summaries "Get a shot", …
    path: str  # "/shots/{shot_id}"
    read: type[BaseModel]
    update_body: type[BaseModel]
    service: ModuleType
    docs: dict[str, str] = field(default_factory=dict)  # per verb, overrides the default

    def call(self, verb: str) -> Service:
        fn: Service = getattr(self.service, f"{verb}_{self.noun}")
        return fn


DEFAULT_DOCS = {
    "get": "One {noun}, with its `ETag`.",
    "update": "Change the fields sent; a stale `If-Match` answers 412.",
    "archive": "Hide the {noun} from lists; nothing is deleted.",
    "restore": "Bring an archived {noun} back.",
    "delete": "Delete an archived {noun} forever; `confirm` is its code.",
}


def add_lifecycle_routes(router: APIRouter, spec: Lifecycle) -> None:
    for verb in DEFAULT_DOCS:  # fail at import, not at the first request
        spec.call(verb)
    id_name = spec.path.rsplit("{", 1)[1].rstrip("}")
    read = spec.read

    def doc(verb: str) -> str:
        return spec.docs.get(verb, DEFAULT_DOCS[verb].format(noun=spec.noun))

    def route(
        method: str,
        verb: str,
        suffix: str,
        params: list[tuple[str, Any]],
        handler: Callable[..., Any],
        returns: Any,
        code: int = status.HTTP_200_OK,
    ) -> None:
        def endpoint(**kwargs: Any) -> Any:
            return handler(**kwargs)

        endpoint.__name__ = f"{verb}_{spec.noun}"
        endpoint.__doc__ = doc(verb)
        endpoint.__signature__ = Signature(  # type: ignore[attr-defined]
            [Parameter(name, Parameter.KEYWORD_ONLY, annotation=kind) for name, kind in params],
            return_annotation=returns,
        )
        router.add_api_route(
            spec.path + suffix,
            endpoint,
            methods=[method],
            status_code=code,
            response_model=returns,
            summary=f"{verb.capitalize()} {spec.label}",
        )

    context = [("actor", CurrentActor), ("session", DbSession)]
    with_response = [(id_name, int), ("response", Response), *context]

    def get(response: Response, actor: Any, session: Any, **ids: int) -> Any:
        row = spec.call("get")(session, actor, ids[id_name])
        return read.model_validate(with_etag(response, row))

    def update(body: BaseModel, response: Response, actor: Any, session: Any, **kw: Any) -> Any:
        row = spec.call("update")(
            session,
            actor,
            kw[id_name],
            updates=body.model_dump(exclude_unset=True),
            expected_version=kw["if_match"],
        )
        return read.model_validate(with_etag(response, row))

    def archive(actor: Any, session: Any, **ids: int) -> Any:
        return read.model_validate(spec.call("archive")(session, actor, ids[id_name]))

    def restore(actor: Any, session: Any, **ids: int) -> Any:
        return read.model_validate(spec.call("restore")(session, actor, ids[id_name]))

    def delete(body: Any, actor: Any, session: Any, **ids: int) -> None:
        spec.call("delete")(session, actor, ids[id_name], confirm=body.confirm)

    route("GET", "get", "", with_response, get, read)
    update_params = [
        (id_name, int),
        ("body", spec.update_body),
        ("response", Response),
        *context,
        ("if_match", IfMatch),
    ]
    route("PATCH", "update", "", update_params, update, read)
    route("POST", "archive", "/archive", [(id_name, int), *context], archive, read)
    route("POST", "restore", "/restore", [(id_name, int), *context], restore, read)
    delete_params = [(id_name, int), ("body", DeleteConfirm), *context]
    route("DELETE", "delete", "", delete_params, delete, None, status.HTTP_204_NO_CONTENT)
