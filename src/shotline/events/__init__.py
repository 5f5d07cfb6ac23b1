"""The event log: every write appends here in its own transaction."""

from shotline.events.service import (
    apply_changes,
    batch,
    jsonable,
    record,
    record_many,
    snapshot,
)

__all__ = ["apply_changes", "batch", "jsonable", "record", "record_many", "snapshot"]
