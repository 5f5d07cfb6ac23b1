"""`python -m bench [--database URL] [--runs N] [--small] [--only lists|data]`: benchmarks.

Generates the workload into a fresh database, starts a real server process on it and
measures each case over HTTP with a keep-alive client. Prints a Markdown table. `--only
lists` runs the grid reads and writes, `--only data` the import, export, bulk and search
cases (`bench/data.py`); both by default.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SHOTLINE_ARGON2_TIME_COST", "1")
os.environ.setdefault("SHOTLINE_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("SHOTLINE_ARGON2_PARALLELISM", "1")

import httpx2 as httpx
from tests.dbutil import fresh_database

from bench import data
from bench.data import SHEET_FIELDS, ok
from bench.server import running_server
from bench.timing import Sample, measure
from bench.workload import Workload, generate
from shotline.db import migrate
from shotline.db.runtime import Database

ROW_FIELDS = "title,shot.code,task_type.code,status.name,assignees.name"
GROUPS = ("lists", "data")


def list_cases(url: str, w: Workload, runs: int) -> list[Sample]:
    producer = httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {w.producer_key}"}, timeout=60
    )
    artist = httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {w.artist_key}"}, timeout=60
    )
    tasks = f"/api/v1/projects/{w.film_id}/tasks"
    out = [
        measure(
            "first page of all tasks (100 rows)",
            lambda: ok(producer.get(tasks, params={"fields": ROW_FIELDS, "limit": 100})),
            runs=runs,
        ),
        measure(
            "filtered by status and artist",
            lambda: ok(
                producer.get(
                    tasks,
                    params={
                        "fields": ROW_FIELDS,
                        "limit": 100,
                        "status.code": "IN_PROGRESS",
                        "assignees.id": w.artist_ids[3],
                    },
                )
            ),
            runs=runs,
        ),
        measure(
            "sorted by due date",
            lambda: ok(
                producer.get(tasks, params={"fields": ROW_FIELDS, "limit": 100, "sort": "due_date"})
            ),
            runs=runs,
        ),
        measure(
            "my tasks (artist, all projects)",
            lambda: ok(
                artist.get(
                    "/api/v1/tasks", params={"view": "mine", "fields": ROW_FIELDS, "limit": 100}
                )
            ),
            runs=runs,
        ),
        measure(
            "a shot with its tasks",
            lambda: (
                ok(producer.get(f"/api/v1/shots/{w.sample_shot_id}")),
                ok(producer.get(tasks, params={"shot": w.sample_shot_id, "fields": ROW_FIELDS})),
            ),
            runs=runs,
        ),
        measure(
            "whole 10,000-task list in one response",
            lambda: ok(
                producer.get(
                    f"/api/v1/projects/{w.tv_id}/tasks",
                    params={"fields": SHEET_FIELDS, "limit": 10000},
                )
            ),
            runs=max(5, runs // 3),
        ),
    ]
    toggle = [w.status_ids["IN_PROGRESS"], w.status_ids["TODO"]]
    state = {"n": 0}

    def status_update() -> None:
        state["n"] += 1
        ok(
            producer.patch(
                f"/api/v1/tasks/{w.sample_task_id}", json={"status_id": toggle[state["n"] % 2]}
            )
        )

    out.append(measure("one status update", status_update, runs=runs))
    bulk = {"n": 0}

    def create_shots() -> None:
        bulk["n"] += 1
        rows = [
            {"code": f"BULK{bulk['n']:03d}_{i:04d}", "frame_in": 1001, "frame_out": 1100}
            for i in range(1000)
        ]
        ok(producer.post(f"/api/v1/projects/{w.film_id}/shots/bulk", json={"shots": rows}))

    s = measure("create 1,000 shots in one bulk call", create_shots, runs=5, warmup=1)
    s.note = f"{1000 / (s.p50_ms / 1000):,.0f} rows/s"
    out.append(s)
    ids = w.film_task_ids[:10000]
    assign = {"n": 0}

    def assign_tasks() -> None:
        assign["n"] += 1
        who = w.artist_ids[assign["n"] % len(w.artist_ids)]
        ok(
            producer.post(
                "/api/v1/tasks/bulk-update", json={"task_ids": ids, "set": {"assignee_ids": [who]}}
            )
        )

    s = measure("assign 10,000 tasks in one bulk call", assign_tasks, runs=5, warmup=1)
    s.note = f"{10000 / (s.p50_ms / 1000):,.0f} rows/s"
    out.append(s)
    producer.close()
    artist.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database",
        default="",
        help="PostgreSQL URL (a fresh database is made from it); default SQLite",
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--small", action="store_true", help="a tenth of the size, for a quick check"
    )
    parser.add_argument("--only", choices=GROUPS, help="one group of cases (default: all)")
    args = parser.parse_args()
    if args.database:
        os.environ["SHOTLINE_TEST_DATABASE_URL"] = args.database
    else:
        os.environ.pop("SHOTLINE_TEST_DATABASE_URL", None)
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    tmp = Path(tempfile.mkdtemp(prefix="shotline-bench-"))
    with fresh_database(tmp, "bench") as url:
        db = Database.from_url(url)
        migrate.upgrade(db.engine)
        scale = 10 if args.small else 1
        w = generate(
            db,
            shots=5000 // scale,
            sequences=50 // scale or 1,
            assets=1500 // scale,
            tv_shots=1250,
            versions=2000 // scale,
        )
        db.dispose()
        env = {"SHOTLINE_DATABASE_URL": url, "SHOTLINE_DATA_DIR": str(tmp)}
        with running_server(env, tmp / "server.log") as server:
            samples: list[Sample] = []
            if args.only in (None, "lists"):
                samples += list_cases(server, w, args.runs)
            if args.only in (None, "data"):

                def client(key: str) -> httpx.Client:
                    return httpx.Client(
                        base_url=server, headers={"Authorization": f"Bearer {key}"}, timeout=120
                    )

                samples += data.cases(w, args.runs, scale=scale, client=client)
    kind = "PostgreSQL" if args.database else "SQLite"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{kind}, {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"workload generated in {w.seconds:.1f} s ({len(w.film_task_ids):,} tasks in FILM); "
        f"load average (1, 5, 15 min) {load_before} at the start, {load} at the end\n"
    )
    print("| case | runs | p50 ms | p95 ms | note |")
    print("| --- | ---: | ---: | ---: | --- |")
    for sample in samples:
        print(sample.row())
    time.sleep(0)


if __name__ == "__main__":
    main()
