"""Data in and out (issue 9): CSV import, streamed export, a bulk status change, search.

Targets on the project's machine: import of 10,000 shots committed < 10 s, export of 50,000
tasks < 5 s, a bulk status change on 5,000 tasks < 3 s, search p95 < 100 ms.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import httpx2 as httpx

from bench.timing import Sample, measure
from bench.workload import Workload

SHEET_FIELDS = (
    "title,shot.code,asset.code,task_type.code,status.name,status.category,assignees.name,"
    "priority,start_date,due_date,estimated_hours,row_version"
)
# Partial codes, words of titles and notes, a version label, a person: what people type.
QUERIES = (
    "SH0042",
    "sh01234 comp",
    "AS0012",
    "lighting",
    "flickers",
    "SH00012 COMP v001",
    "warmer grain",
    "artist 07",
)


def ok(r: httpx.Response) -> httpx.Response:
    if r.status_code >= 400:
        raise RuntimeError(f"{r.request.method} {r.request.url} -> {r.status_code} {r.text[:300]}")
    return r


def _rate(s: Sample, rows: int, what: str = "rows") -> Sample:
    s.note = f"{rows:,} {what}, {rows / (s.p50_ms / 1000):,.0f} {what}/s"
    return s


def import_case(producer: httpx.Client, w: Workload, rows: int) -> Sample:
    imports = {"n": 0}

    def import_csv() -> None:
        imports["n"] += 1
        lines = ["code,frame_in,frame_out,description"]
        lines += [f"IMP{imports['n']}_{i:05d},1001,{1001 + i % 200},shot {i}" for i in range(rows)]
        data = ("\n".join(lines) + "\n").encode()
        job = ok(
            producer.post(
                f"/api/v1/projects/{w.film_id}/imports",
                files={"file": ("shots.csv", data, "text/csv")},
                data={"entity": "shot"},
            )
        ).json()
        ok(producer.post(f"/api/v1/imports/{job['id']}/preview", params={"limit": 1}))
        ok(producer.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "stop"}))

    s = measure(
        f"CSV import of {rows:,} shots (upload, preview, commit)", import_csv, runs=3, warmup=0
    )
    return _rate(s, rows)


def export_case(producer: httpx.Client, w: Workload, fmt: str) -> Sample:
    url = f"/api/v1/projects/{w.film_id}/tasks/export"
    seen = {"bytes": 0, "rows": 0}

    def export() -> None:
        size = rows = 0
        params = {"format": fmt, "fields": SHEET_FIELDS}
        with producer.stream("GET", url, params=params) as r:
            ok(r)
            for chunk in r.iter_bytes():
                size += len(chunk)
                rows += chunk.count(b"\n")
        seen["bytes"], seen["rows"] = size, rows

    s = measure(
        f"export all {len(w.film_task_ids):,} FILM tasks as {fmt.upper()} (streamed)",
        export,
        runs=3,
        warmup=1,
    )
    return _rate(s, len(w.film_task_ids)) if fmt == "json" else _rate(s, seen["rows"] - 1)


def bulk_status_case(producer: httpx.Client, w: Workload, rows: int) -> Sample:
    ids = w.film_task_ids[:rows]
    toggle = itertools.cycle([w.status_ids["IN_PROGRESS"], w.status_ids["TODO"]])
    calls = itertools.count()

    def bulk_status() -> None:
        body = {"action": "set", "ids": ids, "values": {"status_id": next(toggle)}}
        result = ok(producer.post("/api/v1/bulk/task", json=body)).json()
        # after the warm-up every call changes every row (statuses were spread before)
        if next(calls) > 0 and result["changed"] != len(ids):
            raise RuntimeError(f"bulk status changed {result['changed']} of {len(ids)} rows")

    s = measure(f"bulk status change on {len(ids):,} tasks", bulk_status, runs=5, warmup=1)
    return _rate(s, len(ids))


def search_case(client: httpx.Client, who: str, runs: int) -> Sample:
    queries = itertools.cycle(QUERIES)

    def search() -> None:
        ok(client.get("/api/v1/search", params={"q": next(queries), "limit": 30}))

    total = max(len(QUERIES), runs // len(QUERIES) * len(QUERIES))
    return measure(
        f"search ({who}), {len(QUERIES)} queries in turn",
        search,
        runs=total,
        warmup=len(QUERIES),
        note="; ".join(QUERIES),
    )


def cases(
    w: Workload, runs: int, *, scale: int, client: Callable[[str], httpx.Client]
) -> list[Sample]:
    producer, artist = client(w.producer_key), client(w.artist_key)
    out = [
        search_case(producer, "producer", max(runs, 40)),
        search_case(artist, "artist of FILM", max(runs, 40)),
        export_case(producer, w, "csv"),
        export_case(producer, w, "json"),
        bulk_status_case(producer, w, 5000),
        import_case(producer, w, 10000 // scale),
    ]
    producer.close()
    artist.close()
    return out
