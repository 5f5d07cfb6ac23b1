"""Resumable uploads over tus 1.0 at /api/v1/uploads, on tuspyserver.

Extensions: creation (+ creation-with-upload, up to `CREATION_BODY_LIMIT`), termination,
expiration (tuspyserver) and checksum (`TusChecksumMiddleware`, here).

Invariants:
- Every request is authenticated (session cookie or API key) in its own short transaction,
  so a long PATCH never holds a database transaction; clients may not upload (403).
- Uploads in progress live on disk under `<data_dir>/uploads/<org>/<account>/`: they survive
  a server restart, and another account's upload id answers 404.
- A declared `Upload-Length` over `SHOTLINE_MAX_UPLOAD_BYTES` answers 413 before a byte is
  stored; a PATCH whose `Upload-Checksum` does not match answers 460 and stores nothing.
- On completion the file is stored through `Storage.put_stream` (in a worker thread), its
  MediaFile created and `media.process` queued (`service.ingest_file`); the upload's bytes are
  then dropped (the info file stays, so a HEAD still reports the upload complete) and the
  response carries `Shotline-Media-Id`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tuspyserver import create_tus_router

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.deps import short_lived_actor
from shotline.errors import NotFound, PayloadTooLarge, ShotlineError, ValidationFailed
from shotline.media import service
from shotline.media.storage import Storage

UPLOAD_PREFIX = "/api/v1/uploads"
TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration"
CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "md5": hashlib.md5, "sha256": hashlib.sha256}
CREATION_BODY_LIMIT = 16 * 1024 * 1024
MEDIA_ID_HEADER = "Shotline-Media-Id"
SIDECAR_SUFFIX = ".shotline.json"


def upload_actor(request: Request) -> Actor:
    actor = short_lived_actor(request)
    policy.require(actor, "upload_media", None)
    return actor


UploadActor = Annotated[Actor, Depends(upload_actor)]


def account_dir(settings: Settings, actor: Actor) -> Path:
    return settings.uploads_dir / str(actor.organization_id) / str(actor.account_id or 0)


def upload_files_dir(request: Request, actor: UploadActor) -> Callable[[dict[str, str]], Any]:
    directory = str(account_dir(request.app.state.settings, actor))
    return lambda _metadata: {"files_dir": directory}


def pre_create(
    request: Request, actor: UploadActor
) -> Callable[[dict[str, str], dict[str, Any]], None]:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db

    def check(metadata: dict[str, str], info: dict[str, Any]) -> None:
        if request.headers.get("upload-concat"):
            raise ValidationFailed(
                "The concatenation extension is not supported.",
                fields={"Upload-Concat": "not supported"},
            )
        size = info.get("size")
        if size is not None and size > settings.max_upload_bytes:
            raise PayloadTooLarge(
                f"The upload is larger than the limit of {settings.max_upload_bytes} bytes."
            )
        missing = {k: "required" for k in ("filename", "filetype") if not metadata.get(k)}
        if missing:
            raise ValidationFailed(
                "Upload-Metadata needs filename and filetype.",
                fields={f"Upload-Metadata.{k}": v for k, v in missing.items()},
            )
        project = metadata.get("project_id")
        if project and not project.isdigit():
            raise ValidationFailed(
                "project_id must be a number.",
                fields={"Upload-Metadata.project_id": "not a number"},
            )
        if project:  # checked now, before a byte is sent, and again on completion
            with db.unit_of_work(actor.account_id) as session:
                try:
                    service.check_project(session, actor, int(project))
                except ValidationFailed as exc:
                    raise ValidationFailed(
                        exc.message, fields={"Upload-Metadata.project_id": "no such project"}
                    ) from exc

    return check


def upload_completion(
    request: Request, response: Response, actor: UploadActor
) -> Callable[[str, dict[str, str]], Awaitable[None]]:
    app = request.app

    async def complete(file_path: str, metadata: dict[str, str]) -> None:
        path = Path(file_path)
        media_id = await run_in_threadpool(_ingest, app.state, actor, path, metadata)
        response.headers[MEDIA_ID_HEADER] = str(media_id)

    return complete


def _ingest(state: Any, actor: Actor, path: Path, metadata: dict[str, str]) -> int:
    db: Database = state.db
    storage: Storage = state.storage
    settings: Settings = state.settings
    project = metadata.get("project_id")
    with db.unit_of_work(actor.account_id) as session:
        state.jobs.bind(session)
        media = service.ingest_file(
            session,
            actor,
            storage=storage,
            path=path,
            original_name=metadata.get("filename"),
            project_id=int(project) if project and project.isdigit() else None,
            max_size=settings.max_upload_bytes,
            scan_state=service.initial_scan_state(settings),
        )
        media_id = media.id
    path.with_name(path.name + SIDECAR_SUFFIX).write_text(json.dumps({"media_id": media_id}))
    os.truncate(path, 0)  # the bytes are in storage now; the info file keeps the offset
    return media_id


def build_upload_router(settings: Settings) -> APIRouter:
    tus = create_tus_router(
        prefix=UPLOAD_PREFIX,
        files_dir=str(settings.uploads_dir),
        max_size=settings.max_upload_bytes,
        auth=upload_actor,  # type: ignore[arg-type]  # any dependency works
        # tuspyserver counts whole days; the hour setting is rounded up.
        days_to_keep=max(1, math.ceil(settings.upload_expiry_hours / 24)),
        upload_complete_dep=upload_completion,  # type: ignore[arg-type]  # async hooks awaited
        pre_create_dep=pre_create,
        file_dep=upload_files_dir,
        tags=["uploads"],
        strict_offset_validation=True,
    )
    names = {
        "core_head_route": "get_upload_offset",
        "core_patch_route": "append_upload",
        "core_options_route": "describe_uploads",
        "extension_creation_route": "create_upload",
        "extension_termination_route": "delete_upload",
    }
    for route in tus.routes:
        if isinstance(route, APIRoute):
            route.operation_id = names.get(route.name, route.name)
            # tuspyserver answers POST on both ".../uploads" and ".../uploads/"
            if route.path.endswith("/") and "POST" in (route.methods or ()):
                route.include_in_schema = False
    extra = APIRouter(prefix=UPLOAD_PREFIX, tags=["uploads"])

    @extra.get("/{upload_id}", summary="The media file a finished upload became")
    def get_upload_result(upload_id: str, request: Request, actor: UploadActor) -> dict[str, int]:
        """After the last PATCH: `{"media_id": N}` for an upload of yours, else 404."""
        if not upload_id.isalnum() or len(upload_id) > 64:
            raise NotFound()
        sidecar = account_dir(request.app.state.settings, actor) / (upload_id + SIDECAR_SUFFIX)
        if not sidecar.is_file():
            raise NotFound()
        return {"media_id": int(json.loads(sidecar.read_text())["media_id"])}

    router = APIRouter()
    router.include_router(tus)
    router.include_router(extra)
    return router


# --- errors raised by tuspyserver, in our error shape ----------------------------------------

TUS_ERRORS: dict[int, tuple[str, str]] = {
    403: ("permission_denied", "This upload cannot be changed."),
    409: ("offset_mismatch", "Upload-Offset does not match the bytes received; HEAD for it."),
    410: ("upload_expired", "The upload expired; start a new one."),
    412: ("tus_version_unsupported", f"Send Tus-Resumable: {TUS_VERSION}."),
    413: ("payload_too_large", "The upload is too large."),
    415: ("unsupported_media_type", "PATCH bodies are application/offset+octet-stream."),
    503: ("upload_busy", "The upload is in use by another request; retry shortly."),
}
TUS_BAD_REQUESTS: dict[str, str] = {
    "Invalid Upload-Offset header": "invalid_offset",
    "Upload-Offset header is required": "invalid_offset",
    "Invalid upload ID": "invalid_upload_id",
    "Invalid Upload-Defer-Length": "invalid_upload_length",
    "Unexpected format in metadata": "invalid_metadata",
}


def tus_error_response(exc: StarletteHTTPException) -> JSONResponse:
    """An error raised inside tuspyserver as `{"error": {...}}` with a specific code; the
    library's headers (`Tus-Version`, ...) are kept and `Tus-Resumable` is added."""
    status = exc.status_code
    detail = str(exc.detail) if exc.detail else ""
    if status in TUS_ERRORS:
        code, message = TUS_ERRORS[status]
        if status == 503:
            message = TUS_ERRORS[503][1]  # the library's text may hold a path
    elif status == 400:
        code, message = TUS_BAD_REQUESTS.get(detail, "bad_request"), detail or "Bad request."
    else:
        code = "bad_request" if status < 500 else "server_error"
        message = "The upload request failed." if status >= 500 else (detail or "Bad request.")
    body = {"error": {"code": code, "message": message, "fields": {}}}
    headers = {**(exc.headers or {}), "Tus-Resumable": TUS_VERSION}
    return JSONResponse(body, status_code=status, headers=headers)


# --- the checksum extension ---------------------------------------------------------------


class TusChecksumMiddleware:
    """Adds the tus checksum extension in front of tuspyserver (which lacks it).

    A PATCH carrying `Upload-Checksum: <algorithm> <base64 digest>` is spooled to a temporary
    file under the uploads directory while it is hashed; on a match the body is replayed to
    the tus routes, else 460 and nothing is stored. OPTIONS advertises the extension.
    """

    def __init__(self, app: ASGIApp, *, spool_dir: Path, max_body: int) -> None:
        self.app = app
        self.spool_dir = spool_dir
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PREFIX):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = str(headers.get("x-http-method-override") or scope["method"]).upper()
        if method == "OPTIONS":
            await self.app(scope, receive, _advertise(send))
            return
        if method == "POST":
            declared = headers.get("content-length", "0")
            if declared.isdigit() and int(declared) > CREATION_BODY_LIMIT:
                await _reply(send, 413, "payload_too_large", "Send the data with PATCH.")
                return
        checksum = headers.get("upload-checksum")
        if method != "PATCH" or checksum is None:
            await self.app(scope, receive, send)
            return
        algorithm, _, encoded = checksum.strip().partition(" ")
        factory = CHECKSUM_ALGORITHMS.get(algorithm.lower())
        try:
            expected = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            expected = b""
        if factory is None or not expected:
            await _reply(
                send, 400, "bad_checksum", "Upload-Checksum is '<sha1|md5|sha256> <base64>'."
            )
            return
        try:  # only accounts that may upload get their body spooled
            await run_in_threadpool(upload_actor, Request(scope))
        except ShotlineError as exc:
            await _reply(send, exc.status, exc.code, exc.message)
            return
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=self.spool_dir) as spool:
            digest = factory()
            total = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # nothing acknowledged, nothing stored
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > self.max_body:
                    await _reply(send, 413, "payload_too_large", "The upload is too large.")
                    return
                digest.update(chunk)
                spool.write(chunk)
                if not message.get("more_body", False):
                    break
            if digest.digest() != expected:
                await _reply(
                    send, 460, "checksum_mismatch", "The checksum does not match the data."
                )
                return
            spool.seek(0)
            await self.app(scope, _replay(spool, receive), send)


def _replay(spool: Any, receive: Receive) -> Receive:
    done = False

    async def replay() -> Message:
        nonlocal done
        if done:
            return await receive()
        chunk = spool.read(1024 * 1024)
        more = bool(chunk) and spool.tell() < os.fstat(spool.fileno()).st_size
        if not more:
            done = True
        return {"type": "http.request", "body": chunk, "more_body": more}

    return replay


def _advertise(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, v) for k, v in message.get("headers", []) if k.lower() != b"tus-extension"
            ]
            headers.append((b"tus-extension", TUS_EXTENSIONS.encode()))
            headers.append((b"tus-checksum-algorithm", ",".join(CHECKSUM_ALGORITHMS).encode()))
            message["headers"] = headers
        await send(message)

    return wrapped


async def _reply(send: Send, status: int, code: str, message: str) -> None:
    body = orjson.dumps({"error": {"code": code, "message": message, "fields": {}}})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"tus-resumable", TUS_VERSION.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
