"""Registry descriptions of task types, task statuses and tasks."""

from __future__ import annotations

from shotline.registry.entities import (
    AUDIT_FIELDS,
    Entity,
    FieldType,
    ManyLink,
    OneLink,
    enum_field,
    fields_of,
    register,
)
from shotline.tasks.models import (
    AppliesTo,
    StatusCategory,
    Task,
    TaskAssignee,
    TaskStatus,
    TaskType,
    TaskWatcher,
)
from shotline.tasks.review_fields import REVIEW_FIELDS

S, N, D = FieldType.STR, FieldType.INT, FieldType.DATE

TASK_TYPE = register(
    Entity(
        name="task_type",
        model=TaskType,
        fields={
            **fields_of([*AUDIT_FIELDS, ("code", S), ("name", S), ("color", S), ("sort_order", N)]),
            "applies_to": enum_field("applies_to", AppliesTo),
        },
        default_fields=("code", "name", "applies_to", "color", "sort_order"),
        default_sort=("sort_order", "code"),
    )
)

TASK_STATUS = register(
    Entity(
        name="task_status",
        model=TaskStatus,
        fields={
            **fields_of(
                [
                    *AUDIT_FIELDS,
                    ("project_id", N),
                    ("code", S),
                    ("name", S),
                    ("color", S),
                    ("sort_order", N),
                ]
            ),
            "category": enum_field("category", StatusCategory),
        },
        default_fields=("code", "name", "color", "category", "sort_order"),
        default_sort=("sort_order",),
    )
)

TASK = register(
    Entity(
        name="task",
        model=Task,
        fields={
            **fields_of(
                [
                    *AUDIT_FIELDS,
                    ("project_id", N),
                    ("title", S),
                    ("description", S),
                    ("priority", N),
                    ("start_date", D),
                    ("due_date", D),
                    ("estimated_hours", FieldType.FLOAT),
                    ("sort_order", N),
                ]
            ),
            **REVIEW_FIELDS,
        },
        one_links={
            "project": OneLink("project", "project", lambda a: a.project_id),
            "shot": OneLink("shot", "shot", lambda a: a.shot_id),
            "asset": OneLink("asset", "asset", lambda a: a.asset_id),
            "task_type": OneLink("task_type", "task_type", lambda a: a.task_type_id),
            "status": OneLink("status", "task_status", lambda a: a.status_id),
            "supervisor": OneLink("supervisor", "account", lambda a: a.supervisor_id),
        },
        many_links={
            "assignees": ManyLink(
                "assignees", "account", TaskAssignee.__table__, "task_id", "account_id"
            ),
            "watchers": ManyLink(
                "watchers", "account", TaskWatcher.__table__, "task_id", "account_id"
            ),
        },
        default_fields=(
            "title",
            "task_type.code",
            "status",
            "status.name",
            "status.color",
            "status.category",
            "shot",
            "shot.code",
            "asset",
            "asset.code",
            "assignees",
            "assignees.name",
            "priority",
            "start_date",
            "due_date",
            "estimated_hours",
            "row_version",
        ),
        default_sort=("sort_order", "id"),
        custom_fields_column="custom",
    )
)
