"""The shape of a list request: filters (with and/or groups), fields, sort, paging."""

from __future__ import annotations

import enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Op(enum.StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    BETWEEN = "between"
    CONTAINS = "contains"
    STARTS_WITH = "starts_with"
    IS_EMPTY = "is_empty"
    IN_LAST_DAYS = "in_last_days"
    IN_NEXT_DAYS = "in_next_days"


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str = Field(
        description="A field or a linked field path: `status.code`, `shot.sequence.code`."
    )
    op: Op = Op.EQ
    value: Any = None


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")

    all: list[Condition | Group] | None = Field(default=None, description="AND")
    any: list[Condition | Group] | None = Field(default=None, description="OR")


Filter = Condition | Group

MAX_LIMIT = 50_000


class QuerySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filters: list[Filter] = Field(default_factory=list, description="All must match.")
    fields: list[str] | None = Field(
        default=None, description="Fields to return (default set when omitted)."
    )
    sort: list[str] = Field(
        default_factory=list, description="Field paths; `-` prefix for descending."
    )
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT)
    page: int = Field(default=1, ge=1)
    include_archived: bool = False
    archived_only: bool = False
    count: Literal["exact", "none"] = "exact"
