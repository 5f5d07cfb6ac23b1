"""Request and response shapes of imports, exports, bulk operations and the archive."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shotline.io.bulk import BulkAction
from shotline.types import Id


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class BulkRequest(Input):
    action: BulkAction
    ids: Annotated[list[Id], Field(min_length=1, max_length=20_000)]
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="`set`: fields to set; `reassign`: `assignee_ids`, or `from_account_id` "
        "and `to_account_id`; `duplicate`: optional `code_suffix` (default `_copy`).",
    )
    expected_versions: dict[int, int] = Field(
        default_factory=dict, description="`{id: row_version}` as the grid last read them."
    )
    on_stale: Literal["skip", "fail"] = Field(
        default="skip", description="Skip rows that changed since, or fail the whole call (409)."
    )


class StaleRowRead(Output):
    id: int
    row_version: int
    expected_version: int


class BulkResultRead(Output):
    batch_id: str = Field(description="Undo it with POST /api/v1/history/batches/{batch_id}/undo.")
    action: BulkAction
    requested: int
    changed: int
    created_ids: list[int]
    stale: list[StaleRowRead]
