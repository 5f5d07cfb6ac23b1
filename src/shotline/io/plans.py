"""What an import would do, row by row: shared by the CSV and the editorial import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RowPlan:
    row: int
    action: str  # new | update | unchanged | error
    id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, list[Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # What the source says beyond the written fields (editorial: event, reel, duration).
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    rows: list[RowPlan]
    summary: dict[str, int]
    ignored_columns: list[str]
