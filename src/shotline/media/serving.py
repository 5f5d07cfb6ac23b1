"""Streaming a stored object to the browser: the target of HMAC-signed URLs on local storage.

Invariants:
- One `Range: bytes=a-b` range is answered 206 with `Content-Range`; several or odd ranges
  get the whole file (RFC 9110 allows it); a range outside the file is 416.
- Always `nosniff` and `private` caching; the caller chooses the `Content-Disposition`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastapi import Request, status
from fastapi.responses import Response, StreamingResponse

from shotline.errors import ShotlineError
from shotline.media.storage import Storage

_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(ShotlineError):
    status = 416
    code = "range_not_satisfiable"
    default_message = "The requested range is outside the file."


def stored_response(
    request: Request, storage: Storage, key: str, mime: str, disposition: str
) -> Response:
    """The object at `key` (or the one range asked for) as a streaming response."""
    size = storage.size(key)
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Disposition": disposition,
        "Cache-Control": "private, max-age=300",
        "X-Content-Type-Options": "nosniff",
    }
    start, end = _parse_range(request.headers.get("range"), size)
    if start is None or end is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(_chunks(storage, key, 0, size), media_type=mime, headers=headers)
    headers["Content-Length"] = str(end - start)
    headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
    return StreamingResponse(
        _chunks(storage, key, start, end),
        status_code=status.HTTP_206_PARTIAL_CONTENT,
        media_type=mime,
        headers=headers,
    )


def _chunks(storage: Storage, key: str, start: int, end: int) -> Iterator[bytes]:
    yield from storage.open_read(key, start, end)


def _parse_range(value: str | None, size: int) -> tuple[int | None, int | None]:
    """One `bytes=a-b` range as half-open `[start, end)`; `(None, None)` for the whole file."""
    if not value:
        return None, None
    match = _RANGE_RE.match(value.strip())
    if match is None:
        return None, None
    first, last = match.groups()
    if first == "" and last == "":
        return None, None
    if first == "":
        length = int(last)
        if length == 0:
            raise RangeNotSatisfiable(headers={"Content-Range": f"bytes */{size}"})
        return max(0, size - length), size
    start = int(first)
    end = size if last == "" else min(int(last) + 1, size)
    if start >= size or end <= start:
        raise RangeNotSatisfiable(headers={"Content-Range": f"bytes */{size}"})
    return start, end
