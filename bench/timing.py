"""Latency sampling and percentiles for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Sample:
    name: str
    runs: int
    p50_ms: float
    p95_ms: float
    note: str = ""

    def row(self) -> str:
        return (
            f"| {self.name} | {self.runs} | {self.p50_ms:.1f} | {self.p95_ms:.1f} | {self.note} |"
        )


def measure(
    name: str, fn: Callable[[], object], *, runs: int, warmup: int = 2, note: str = ""
) -> Sample:
    for _ in range(warmup):
        fn()
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95_index = max(0, min(len(times) - 1, round(0.95 * len(times)) - 1))
    return Sample(name, runs, statistics.median(times), times[p95_index], note)
