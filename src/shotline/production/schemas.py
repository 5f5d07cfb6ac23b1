"""Request and response shapes for projects, crew, departments, episodes, sequences, shots,
assets, asset links and custom field definitions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from shotline.auth.models import Role
from shotline.production.models import (
    AssetType,
    CustomEntity,
    CustomFieldType,
    EntityStatus,
    ProjectStatus,
)
from shotline.types import Code, FrameNumber, HexColor, Id, Name

Text = Annotated[str, StringConstraints(max_length=20_000)]
Handles = Annotated[int, Field(ge=0, le=100_000)]
Priority = Annotated[int, Field(ge=0, le=4, description="0 lowest … 4 highest")]
SortOrder = Annotated[int, Field(ge=-(10**9), le=10**9)]
Resolution = Annotated[int, Field(ge=1, le=100_000)]
FieldKey = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
]
CustomValues = Annotated[
    dict[str, Any],
    Field(description="Custom field values by key, checked against the project's definitions."),
]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Audited(Output):
    id: int
    created_at: datetime
    updated_at: datetime
    created_by: int | None
    updated_by: int | None
    archived_at: datetime | None
    row_version: int


class DeleteConfirm(Input):
    confirm: str = Field(description="The row's code (or name) typed again.")


# --- projects ----------------------------------------------------------------------


class ProjectSettings(Input):
    auto_internal_review_on_upload: bool = True
    client_review_required_task_types: list[Code] = Field(
        default_factory=list, description="Task type codes whose versions need a client review."
    )
    burn_in_watermark: bool = Field(
        default=False,
        description="Client and guest downloads carry the viewer's name and date burned into "
        "the picture (prepared by a job; see the share download routes).",
    )


class ProjectSettingsPatch(Input):
    auto_internal_review_on_upload: bool | None = None
    client_review_required_task_types: list[Code] | None = None
    burn_in_watermark: bool | None = None


class ProjectCreate(Input):
    code: Code
    name: Name
    status: ProjectStatus = ProjectStatus.ACTIVE
    fps: Annotated[float, Field(gt=0, le=1000)] = 24.0
    resolution_width: Resolution | None = None
    resolution_height: Resolution | None = None
    start_date: date | None = None
    end_date: date | None = None
    description: Text | None = None
    settings: ProjectSettings = Field(default_factory=ProjectSettings)


class ProjectUpdate(Input):
    code: Code | None = None
    name: Name | None = None
    status: ProjectStatus | None = None
    fps: Annotated[float, Field(gt=0, le=1000)] | None = None
    resolution_width: Resolution | None = None
    resolution_height: Resolution | None = None
    start_date: date | None = None
    end_date: date | None = None
    description: Text | None = None
    settings: ProjectSettingsPatch | None = Field(
        default=None, description="Only the keys sent change."
    )


class ProjectRead(Audited):
    organization_id: int
    code: str
    name: str
    status: ProjectStatus
    fps: float
    resolution_width: int | None
    resolution_height: int | None
    start_date: date | None
    end_date: date | None
    description: str | None
    settings: dict[str, Any] = Field(description="Every project setting, defaults filled in.")

    @field_validator("settings", mode="before")
    @classmethod
    def _with_defaults(cls, value: Any) -> dict[str, Any]:
        # Projects made before a setting existed read that setting's default.
        return {**ProjectSettings().model_dump(mode="json"), **(value or {})}


# --- crew and departments ----------------------------------------------------------


class MemberCreate(Input):
    account_id: Id | None = None
    display_name: Name | None = Field(
        default=None, description="Defaults to the linked account's name."
    )
    department_id: Id | None = None
    role: Role


class MemberUpdate(Input):
    account_id: Id | None = None
    display_name: Name | None = None
    department_id: Id | None = None
    role: Role | None = None


class MemberRead(Audited):
    project_id: int
    account_id: int | None
    display_name: str
    department_id: int | None
    role: Role


class DepartmentCreate(Input):
    code: Code
    name: Name
    color: HexColor | None = None


class DepartmentUpdate(Input):
    code: Code | None = None
    name: Name | None = None
    color: HexColor | None = None


class DepartmentRead(Audited):
    organization_id: int
    code: str
    name: str
    color: str | None


# --- episodes and sequences --------------------------------------------------------


class EpisodeCreate(Input):
    code: Code
    name: Name | None = None
    description: Text | None = None
    sort_order: SortOrder = 0


class EpisodeUpdate(Input):
    code: Code | None = None
    name: Name | None = None
    description: Text | None = None
    sort_order: SortOrder | None = None


class EpisodeRead(Audited):
    project_id: int
    code: str
    name: str | None
    description: str | None
    sort_order: int


class SequenceCreate(EpisodeCreate):
    episode_id: Id | None = None


class SequenceUpdate(EpisodeUpdate):
    episode_id: Id | None = None


class SequenceRead(EpisodeRead):
    episode_id: int | None


# --- shots -------------------------------------------------------------------------


class ShotFields(Input):
    sequence_id: Id | None = None
    description: Text | None = None
    status: EntityStatus | None = None
    frame_in: FrameNumber | None = None
    frame_out: FrameNumber | None = None
    cut_in: FrameNumber | None = None
    cut_out: FrameNumber | None = None
    head_handles: Handles | None = None
    tail_handles: Handles | None = None
    thumbnail_media_id: Id | None = None
    sort_order: SortOrder | None = None
    custom: CustomValues | None = None


class ShotCreate(ShotFields):
    code: Code
    status: EntityStatus = EntityStatus.WAITING
    sort_order: SortOrder = 0
    custom: CustomValues = Field(default_factory=dict)


class ShotUpdate(ShotFields):
    code: Code | None = None
    custom: CustomValues | None = Field(
        default=None, description="Keys sent are set; a key sent as null is cleared."
    )


class ShotBulkCreate(Input):
    shots: Annotated[list[ShotCreate], Field(min_length=1, max_length=10_000)]


class BulkCreated(Output):
    batch_id: str
    count: int
    ids: list[int]


class ShotRead(Audited):
    project_id: int
    sequence_id: int | None
    code: str
    description: str | None
    status: EntityStatus
    frame_in: int | None
    frame_out: int | None
    cut_in: int | None
    cut_out: int | None
    head_handles: int | None
    tail_handles: int | None
    working_duration: int | None
    thumbnail_media_id: int | None
    sort_order: int
    custom: dict[str, Any]


# --- assets and links --------------------------------------------------------------


class AssetFields(Input):
    name: Name | None = None
    description: Text | None = None
    asset_type: AssetType | None = None
    custom_type: Code | None = Field(default=None, description="Required when asset_type=custom.")
    status: EntityStatus | None = None
    priority: Priority | None = None
    lead_id: Id | None = None
    due_date: date | None = None
    thumbnail_media_id: Id | None = None
    custom: CustomValues | None = None


class AssetCreate(AssetFields):
    code: Code
    name: Name
    asset_type: AssetType
    status: EntityStatus = EntityStatus.WAITING
    priority: Priority = 2
    custom: CustomValues = Field(default_factory=dict)


class AssetUpdate(AssetFields):
    code: Code | None = None


class AssetRead(Audited):
    project_id: int
    code: str
    name: str
    description: str | None
    asset_type: AssetType
    custom_type: str | None
    status: EntityStatus
    priority: int
    lead_id: int | None
    due_date: date | None
    thumbnail_media_id: int | None
    custom: dict[str, Any]


class AssetLinkCreate(Input):
    asset_id: Id
    count: Annotated[int, Field(ge=1, le=1_000_000)] = 1


class AssetLinkUpdate(Input):
    count: Annotated[int, Field(ge=1, le=1_000_000)]


class AssetLinkRead(Audited):
    project_id: int
    shot_id: int | None
    parent_asset_id: int | None
    asset_id: int
    count: int


# --- custom field definitions ------------------------------------------------------


class CustomFieldCreate(Input):
    entity_type: CustomEntity
    key: FieldKey
    label: Name
    field_type: CustomFieldType
    options: Annotated[list[Name], Field(max_length=500)] = Field(default_factory=list)
    required: bool = False
    sort_order: SortOrder = 0

    @model_validator(mode="after")
    def _choices_need_options(self) -> CustomFieldCreate:
        if self.field_type == CustomFieldType.CHOICE and not self.options:
            raise ValueError("a choice field needs options")
        return self


class CustomFieldUpdate(Input):
    label: Name | None = None
    options: Annotated[list[Name], Field(max_length=500)] | None = None
    required: bool | None = None
    sort_order: SortOrder | None = None


class CustomFieldRead(Audited):
    project_id: int
    entity_type: CustomEntity
    key: str
    label: str
    field_type: CustomFieldType
    options: list[str]
    required: bool
    sort_order: int
