"""Per-request context (request id) readable anywhere without passing it down."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("shotline_request_id", default=None)
