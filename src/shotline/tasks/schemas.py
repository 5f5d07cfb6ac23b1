"""Request and response shapes for task types, statuses, tasks, assignments and templates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from shotline.production.schemas import (
    Audited,
    CustomValues,
    Input,
    Output,
    Priority,
    SortOrder,
    Text,
)
from shotline.tasks.models import AppliesTo, StatusCategory, TemplateTarget
from shotline.types import Code, HexColor, Id, Name

Hours = Annotated[float, Field(ge=0, le=100_000)]
AccountIds = Annotated[list[Id], Field(max_length=100)]
TitlePattern = Annotated[str, StringConstraints(min_length=1, max_length=200)]


# --- task types and statuses --------------------------------------------------------


class TaskTypeCreate(Input):
    code: Code
    name: Name
    applies_to: AppliesTo = AppliesTo.BOTH
    department_id: Id | None = None
    color: HexColor | None = None
    sort_order: SortOrder = 0


class TaskTypeUpdate(Input):
    code: Code | None = None
    name: Name | None = None
    applies_to: AppliesTo | None = None
    department_id: Id | None = None
    color: HexColor | None = None
    sort_order: SortOrder | None = None


class TaskTypeRead(Audited):
    organization_id: int
    code: str
    name: str
    applies_to: AppliesTo
    department_id: int | None
    color: str | None
    sort_order: int


class TaskStatusCreate(Input):
    code: Code
    name: Name
    color: HexColor
    category: StatusCategory
    sort_order: SortOrder | None = Field(default=None, description="Defaults to the end.")


class TaskStatusUpdate(Input):
    code: Code | None = None
    name: Name | None = None
    color: HexColor | None = None
    category: StatusCategory | None = None
    sort_order: SortOrder | None = None


class TaskStatusRead(Audited):
    project_id: int
    code: str
    name: str
    color: str
    category: StatusCategory
    sort_order: int


class StatusReorder(Input):
    status_ids: Annotated[list[Id], Field(min_length=1, max_length=200)] = Field(
        description="Every status of the project, in the new order."
    )


# --- tasks ---------------------------------------------------------------------------


class TaskFields(Input):
    task_type_id: Id | None = None
    status_id: Id | None = None
    title: Name | None = None
    description: Text | None = None
    priority: Priority | None = None
    start_date: date | None = None
    due_date: date | None = None
    estimated_hours: Hours | None = None
    sort_order: SortOrder | None = None
    supervisor_id: Id | None = None
    custom: CustomValues | None = None


class TaskCreate(TaskFields):
    shot_id: Id | None = Field(default=None, description="Exactly one of shot_id and asset_id.")
    asset_id: Id | None = None
    task_type_id: Id
    title: Name | None = Field(default=None, description="Defaults to the task type's name.")
    priority: Priority = 2
    sort_order: SortOrder = 0
    assignee_ids: AccountIds = Field(default_factory=list)
    watcher_ids: AccountIds = Field(default_factory=list)
    custom: CustomValues = Field(default_factory=dict)


class TaskUpdate(TaskFields):
    custom: CustomValues | None = Field(
        default=None, description="Keys sent are set; a key sent as null is cleared."
    )


class TaskAssign(Input):
    assignee_ids: AccountIds = Field(description="The new assignees (replaces the old ones).")


class WatchersAdd(Input):
    account_ids: Annotated[list[Id], Field(min_length=1, max_length=100)]


class TaskRead(Audited):
    project_id: int
    shot_id: int | None
    asset_id: int | None
    task_type_id: int
    status_id: int
    title: str
    description: str | None
    priority: int
    start_date: date | None
    due_date: date | None
    estimated_hours: float | None
    sort_order: int
    supervisor_id: int | None
    assignee_ids: list[int]
    watcher_ids: list[int]
    custom: dict[str, Any]


class TaskBulkSet(Input):
    assignee_ids: AccountIds | None = None
    status_id: Id | None = None
    due_date: date | None = None
    priority: Priority | None = None

    @model_validator(mode="after")
    def _something(self) -> TaskBulkSet:
        if not self.model_fields_set:
            raise ValueError("set at least one of assignee_ids, status_id, due_date, priority")
        return self


class TaskBulkUpdate(Input):
    task_ids: Annotated[list[Id], Field(min_length=1, max_length=20_000)]
    set: TaskBulkSet


class BulkUpdated(Output):
    batch_id: str
    count: int = Field(description="Tasks that really changed (one event each).")


# --- templates -----------------------------------------------------------------------


class TemplateItem(Input):
    task_type_id: Id
    title: Name | None = None
    estimated_hours: Hours | None = None


class TaskTemplateCreate(Input):
    name: Name
    applies_to: TemplateTarget
    title_pattern: TitlePattern = Field(
        default="{type}", description="`{type}` → task type name, `{code}` → shot/asset code."
    )
    items: Annotated[list[TemplateItem], Field(min_length=1, max_length=100)]


class TaskTemplateUpdate(Input):
    name: Name | None = None
    title_pattern: TitlePattern | None = None
    items: Annotated[list[TemplateItem], Field(min_length=1, max_length=100)] | None = None


class TaskTemplateRead(Audited):
    project_id: int
    name: str
    applies_to: TemplateTarget
    title_pattern: str
    items: list[dict[str, Any]]


class TemplateApply(Input):
    shot_ids: Annotated[list[Id], Field(max_length=20_000)] | None = None
    asset_ids: Annotated[list[Id], Field(max_length=20_000)] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> TemplateApply:
        if (self.shot_ids is None) == (self.asset_ids is None):
            raise ValueError("give exactly one of shot_ids and asset_ids")
        return self


class TemplateApplied(Output):
    batch_id: str
    created: int
    skipped: int
    task_ids: list[int]
