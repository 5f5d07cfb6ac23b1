"""`python -m bench.web [--small]`: browser timings with the film-sized workload loaded.

Chromium (Debian's, via Playwright) opens the Tasks grid and the Kanban board of the FILM
project; the figure is the page's own clock (`performance.now()`, ms since navigation
start) when the first grid rows are in the DOM / when the board's columns hold its page of
cards (2,000, the board's limit; long columns mount only the cards in view) with the
cards' review fields (latest version, approval state, note count).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

os.environ.setdefault("SHOTLINE_ARGON2_TIME_COST", "1")
os.environ.setdefault("SHOTLINE_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("SHOTLINE_ARGON2_PARALLELISM", "1")

from tests.dbutil import fresh_database
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS

from bench.server import running_server
from bench.workload import generate
from shotline.db import migrate
from shotline.db.runtime import Database

RUNS = 5
ROWS = "[role=grid][aria-label='tasks grid'] [role=row]:nth-child(2)"
# Long columns are virtualized (only the cards in view are in the DOM), so the board counts
# as rendered when its columns' counts add up to at least 1,000 cards and cards are mounted.
BOARD_CARDS = """[...document.querySelectorAll('section[data-category] h2 span')]
  .reduce((n, el) => n + Number(el.textContent || 0), 0)"""
BOARD_READY = f"({BOARD_CARDS}) >= 1000 && document.querySelector('li[data-task-id]') !== null"
# The task list request of the page: request sent → last byte (server time + transfer), KiB,
# and when it started (ms since navigation: what the page waited for before asking).
LIST_REQUEST = """(() => {
  const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/tasks?'))[0];
  return e ? [e.responseEnd - e.requestStart, e.encodedBodySize / 1024, e.startTime] : [0, 0, 0];
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.environ.pop("SHOTLINE_TEST_DATABASE_URL", None)
    tmp = Path(tempfile.mkdtemp(prefix="shotline-webbench-"))
    with fresh_database(tmp, "webbench") as url:
        db = Database.from_url(url)
        migrate.upgrade(db.engine)
        scale = 10 if args.small else 1
        w = generate(db, shots=5000 // scale, sequences=50 // scale or 1, assets=1500 // scale)
        db.dispose()
        env = {"SHOTLINE_DATABASE_URL": url, "SHOTLINE_DATA_DIR": str(tmp)}
        with running_server(env, tmp / "server.log") as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
            page = context.new_page()
            login = page.request.post(
                f"{server}/api/v1/auth/login",
                data={"email": "producer@bench.test", "password": "bench producer password"},
            )
            assert login.ok, login.text()
            grid, board, cards = [], [], 0
            grid_api: list[list[float]] = []
            board_api: list[list[float]] = []
            for _ in range(RUNS):
                page.goto(f"{server}/projects/{w.film_id}/tasks")
                page.wait_for_selector(ROWS, timeout=30_000)
                grid.append(page.evaluate("performance.now()"))
                grid_api.append(page.evaluate(LIST_REQUEST))
                page.goto(f"{server}/projects/{w.film_id}/kanban")
                page.wait_for_function(BOARD_READY, timeout=60_000)
                board.append(page.evaluate("performance.now()"))
                board_api.append(page.evaluate(LIST_REQUEST))
                cards = page.evaluate(BOARD_CARDS)
            browser.close()
    print(
        f"\nChromium, {len(w.film_task_ids):,} tasks in FILM; median of {RUNS} (first run: cold)\n"
    )
    print("| screen | median ms | first ms | list request starts | list request ms | list KiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, times, api in (
        ("Tasks grid: navigation → first rows", grid, grid_api),
        (f"Kanban: navigation → {cards:,} cards rendered", board, board_api),
    ):
        request = statistics.median(a[0] for a in api)
        starts = statistics.median(a[2] for a in api)
        print(
            f"| {name} | {statistics.median(times):.0f} | {times[0]:.0f} "
            f"| {starts:.0f} | {request:.0f} | {api[-1][1]:.0f} |"
        )


if __name__ == "__main__":
    main()
