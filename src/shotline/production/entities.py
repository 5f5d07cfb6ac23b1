"""Registry descriptions of projects, episodes, sequences, shots, assets, crew."""

from __future__ import annotations

from shotline.production.models import (
    Asset,
    AssetType,
    Department,
    EntityStatus,
    Episode,
    Project,
    ProjectMember,
    ProjectStatus,
    Sequence,
    Shot,
)
from shotline.registry.entities import (
    AUDIT_FIELDS,
    Entity,
    FieldType,
    OneLink,
    enum_field,
    fields_of,
    register,
)

S, N, D = FieldType.STR, FieldType.INT, FieldType.DATE

PROJECT = register(
    Entity(
        name="project",
        model=Project,
        fields={
            **fields_of(
                [
                    *AUDIT_FIELDS,
                    ("code", S),
                    ("name", S),
                    ("fps", FieldType.FLOAT),
                    ("resolution_width", N),
                    ("resolution_height", N),
                    ("start_date", D),
                    ("end_date", D),
                    ("description", S),
                ]
            ),
            "status": enum_field("status", ProjectStatus),
        },
        default_fields=("code", "name", "status", "fps", "start_date", "end_date"),
        default_sort=("code",),
    )
)

DEPARTMENT = register(
    Entity(
        name="department",
        model=Department,
        fields=fields_of([*AUDIT_FIELDS, ("code", S), ("name", S), ("color", S)]),
        default_fields=("code", "name", "color"),
        default_sort=("name",),
    )
)

EPISODE = register(
    Entity(
        name="episode",
        model=Episode,
        fields=fields_of(
            [
                *AUDIT_FIELDS,
                ("project_id", N),
                ("code", S),
                ("name", S),
                ("description", S),
                ("sort_order", N),
            ]
        ),
        one_links={"project": OneLink("project", "project", lambda a: a.project_id)},
        default_fields=("code", "name", "sort_order"),
        default_sort=("sort_order", "code"),
    )
)

SEQUENCE = register(
    Entity(
        name="sequence",
        model=Sequence,
        fields=fields_of(
            [
                *AUDIT_FIELDS,
                ("project_id", N),
                ("code", S),
                ("name", S),
                ("description", S),
                ("sort_order", N),
            ]
        ),
        one_links={
            "project": OneLink("project", "project", lambda a: a.project_id),
            "episode": OneLink("episode", "episode", lambda a: a.episode_id),
        },
        default_fields=("code", "name", "episode.code", "sort_order"),
        default_sort=("sort_order", "code"),
    )
)

SHOT = register(
    Entity(
        name="shot",
        model=Shot,
        fields={
            **fields_of(
                [
                    *AUDIT_FIELDS,
                    ("project_id", N),
                    ("code", S),
                    ("description", S),
                    ("frame_in", N),
                    ("frame_out", N),
                    ("cut_in", N),
                    ("cut_out", N),
                    ("head_handles", N),
                    ("tail_handles", N),
                    ("working_duration", N),
                    ("thumbnail_media_id", N),
                    ("sort_order", N),
                ]
            ),
            "status": enum_field("status", EntityStatus),
        },
        one_links={
            "project": OneLink("project", "project", lambda a: a.project_id),
            "sequence": OneLink("sequence", "sequence", lambda a: a.sequence_id),
        },
        default_fields=(
            "code",
            "sequence.code",
            "status",
            "description",
            "frame_in",
            "frame_out",
            "working_duration",
            "cut_in",
            "cut_out",
            "thumbnail_media_id",
            "row_version",
        ),
        default_sort=("sequence.sort_order", "sequence.code", "sort_order", "code"),
        custom_fields_column="custom",
    )
)

ASSET = register(
    Entity(
        name="asset",
        model=Asset,
        fields={
            **fields_of(
                [
                    *AUDIT_FIELDS,
                    ("project_id", N),
                    ("code", S),
                    ("name", S),
                    ("description", S),
                    ("custom_type", S),
                    ("priority", N),
                    ("due_date", D),
                    ("thumbnail_media_id", N),
                ]
            ),
            "asset_type": enum_field("asset_type", AssetType),
            "status": enum_field("status", EntityStatus),
        },
        one_links={
            "project": OneLink("project", "project", lambda a: a.project_id),
            "lead": OneLink("lead", "account", lambda a: a.lead_id),
        },
        default_fields=(
            "code",
            "name",
            "asset_type",
            "status",
            "priority",
            "lead.name",
            "due_date",
            "thumbnail_media_id",
            "row_version",
        ),
        default_sort=("asset_type", "code"),
        custom_fields_column="custom",
    )
)

PROJECT_MEMBER = register(
    Entity(
        name="project_member",
        model=ProjectMember,
        fields=fields_of([*AUDIT_FIELDS, ("project_id", N), ("display_name", S)]),
        one_links={
            "project": OneLink("project", "project", lambda a: a.project_id),
            "account": OneLink("account", "account", lambda a: a.account_id),
            "department": OneLink("department", "department", lambda a: a.department_id),
        },
        default_fields=("display_name", "account.name", "department.name"),
        default_sort=("display_name",),
    )
)
