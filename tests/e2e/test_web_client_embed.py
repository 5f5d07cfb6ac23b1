"""The embed snippet of a review link works: another site's page holding the `<iframe>`
shows the link's guest page inside it (share pages may be framed; others may not)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2 as httpx
import pytest

from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def _portal_server() -> tuple[Callable[[str], str], Callable[[], None]]:
    """A client's web page on another port; `page(html)` serves `html` and gives its URL."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def page(html: str) -> str:
        path = f"/dailies/{len(pages)}"
        pages[path] = f"<!doctype html><title>Client portal</title><body>{html}</body>".encode()
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return page, stop


def test_the_embed_snippet_shows_the_guest_page_in_a_frame(  # type: ignore[no-untyped-def]
    live_server: LiveServer, browser
) -> None:
    from playwright.sync_api import expect

    email, password = live_server.logins["producer"]
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        api.post("/api/v1/auth/login", json={"email": email, "password": password})
        r = api.post("/api/v1/projects/1/review-sessions", json={"name": "Embedded dailies"})
        r.raise_for_status()
        snippet = r.json()["embed_html"]
    # The snippet points at SHOTLINE_PUBLIC_URL; here that is the live server.
    snippet = re.sub(r'src="https?://[^/"]+', f'src="{live_server.url}', snippet)
    assert snippet.startswith("<iframe ")

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    portal_page, stop = _portal_server()
    try:
        # another site's page holding the snippet: another origin (port), on this machine
        # (Chromium keeps pages of unknown addresses from framing local ones)
        page.goto(portal_page(snippet))
        frame = page.frame_locator("iframe")
        expect(frame.get_by_role("heading", name="Welcome to the review")).to_be_visible(
            timeout=15_000
        )
        expect(frame.get_by_label("Your name")).to_be_visible()
    finally:
        context.close()
        stop()
