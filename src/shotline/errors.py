"""Domain errors: one stable `code`, a human `message`, optional per-field problems.

`app.py` maps every `ShotlineError` to `{"error": {"code", "message", "fields"}}` with
`status`. Services raise these and never import FastAPI.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ShotlineError(Exception):
    status = 400
    code = "bad_request"
    default_message = "The request could not be processed."
    # When True the unit of work commits what the service wrote before raising
    # (a failed-login counter must survive the 401 it causes).
    keep_writes = False

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.fields = fields or {}
        if code:
            self.code = code
        self.headers = headers or {}
        super().__init__(self.message)


class NotFound(ShotlineError):
    status = 404
    code = "not_found"
    default_message = "Not found."

    def __init__(self) -> None:
        # Deliberately the same text for a missing row, a row in another
        # organization and an unknown route: nothing leaks about what exists.
        super().__init__()


class NotAuthenticated(ShotlineError):
    status = 401
    code = "not_authenticated"
    default_message = "Log in or send an API key."


class InvalidCredentials(ShotlineError):
    status = 401
    code = "invalid_credentials"
    default_message = "Wrong e-mail or password."
    keep_writes = True


class PermissionDenied(ShotlineError):
    status = 403
    code = "permission_denied"
    default_message = "You may not do this."


class Conflict(ShotlineError):
    status = 409
    code = "conflict"
    default_message = "This conflicts with existing data."


class PreconditionFailed(ShotlineError):
    status = 412
    code = "stale_version"
    default_message = "Someone else changed this first; reload and try again."


class PayloadTooLarge(ShotlineError):
    status = 413
    code = "payload_too_large"
    default_message = "The request body is too large."


class ValidationFailed(ShotlineError):
    status = 422
    code = "validation_failed"
    default_message = "Some fields are not valid."


class RateLimited(ShotlineError):
    status = 429
    code = "rate_limited"
    default_message = "Too many attempts; wait and try again."
    keep_writes = True

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(message, headers={"Retry-After": str(self.retry_after)})


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: dict[str, str] = Field(default_factory=dict)
    request_id: str | None = None


class ErrorResponse(BaseModel):
    """The body of every failure."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in (
        (400, "Malformed request"),
        (401, "Not logged in, or wrong credentials"),
        (403, "Not allowed"),
        (404, "Not found (or not visible to you)"),
        (409, "Conflict"),
        (412, "Stale If-Match"),
        (413, "Body too large"),
        (422, "Invalid fields"),
        (429, "Too many attempts; see Retry-After"),
    )
}
