"""Pure ASGI middleware: request ids, security headers, request body limits."""

from __future__ import annotations

import re
import uuid
from fnmatch import fnmatchcase
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shotline.context import request_id_var
from shotline.errors import PayloadTooLarge

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
APP_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# The interactive API docs page loads Swagger UI from its CDN.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; frame-ancestors 'none'"
)


SHARE_PAGES = "/share/"  # the web app's share-link page: the one page others may frame


class RequestContextMiddleware:
    """Gives every request an id (from `X-Request-ID` when sane), echoed in the response,
    and the security headers: no page may be framed, except share-link pages by
    `share_frame_ancestors` (the link's embed snippet)."""

    def __init__(self, app: ASGIApp, *, share_frame_ancestors: str = "'none'") -> None:
        self.app = app
        self.share_csp = APP_CSP.replace(
            "frame-ancestors 'none'", f"frame-ancestors {share_frame_ancestors}"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        rid = incoming if incoming and _REQUEST_ID_OK.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        token = request_id_var.set(rid)
        path = scope["path"]
        framable = path.startswith(SHARE_PAGES)
        csp = DOCS_CSP if path.startswith("/api/docs") else APP_CSP
        if framable:
            csp = self.share_csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.append((b"x-request-id", rid.encode()))
                for name, value in SECURITY_HEADERS:
                    if name not in names and not (framable and name == b"x-frame-options"):
                        headers.append((name, value))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            request_id_var.reset(token)


class BodyLimitMiddleware:
    """Rejects bodies over `limit` bytes with 413 before they are read into memory.

    Paths under `exempt_prefixes` (resumable uploads) enforce their own limits; an exact path
    in `overrides` (the multipart upload) has its own, larger limit; `*` in an override
    matches one path segment or more (`/api/v1/projects/*/imports`).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        exempt_prefixes: tuple[str, ...] = (),
        overrides: tuple[tuple[str, int], ...] = (),
    ) -> None:
        self.app = app
        self.default_limit = limit
        self.exempt = exempt_prefixes
        self.overrides = dict(overrides)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/")
        limit = self.overrides.get(path)
        if limit is None:
            patterns = (v for k, v in self.overrides.items() if "*" in k and fnmatchcase(path, k))
            limit = next(patterns, self.default_limit)
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_error(send, PayloadTooLarge(_too_large(limit)))
            return
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise PayloadTooLarge(_too_large(limit))
            return message

        async def guarded_send(message: Message) -> None:
            if not too_large:  # once over the limit, only our 413 goes out
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not too_large:
                raise
        if too_large:
            await _send_error(send, PayloadTooLarge(_too_large(limit)))


def _too_large(limit: int) -> str:
    return f"The request body is larger than {limit} bytes."


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


async def _send_error(send: Send, exc: Any) -> None:
    import orjson

    body = orjson.dumps({"error": {"code": exc.code, "message": exc.message, "fields": {}}})
    await send(
        {
            "type": "http.response.start",
            "status": exc.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
