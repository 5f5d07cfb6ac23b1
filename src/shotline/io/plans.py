"""What an import would do, row by row: shared by the CSV and the editorial import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shotline.events import jsonable


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

    def shown_changes(self) -> dict[str, list[Any]]:
        """What the preview lists: the changes, or for a new row the values it will get as
        `[null, value]` (worked out for the rows of a preview page only)."""
        if self.action != "new" or self.changes:
            return self.changes
        out: dict[str, list[Any]] = {}
        for name, value in self.values.items():
            if name == "custom":
                out.update({f"custom.{k}": [None, v] for k, v in value.items()})
            elif value is not None:
                out[name] = [None, jsonable(value)]
        return out


@dataclass
class Plan:
    rows: list[RowPlan]
    summary: dict[str, int]
    ignored_columns: list[str]
