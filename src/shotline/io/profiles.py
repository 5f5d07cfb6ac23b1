"""Import profiles: per entity type, which columns an import may write, how linked columns
are resolved (a task row's `shot.code`, `task_type.code`, `status.code`,
`assignees.email`), and which natural keys find existing rows.

Custom fields are written as `custom.<key>` and typed by the project's definitions.
"""

from __future__ import annotations

import builtins
import enum
import re
from dataclasses import dataclass, field
from typing import Any

from shotline.auth.models import Account
from shotline.errors import ValidationFailed
from shotline.production.models import Asset, AssetType, EntityStatus, Sequence, Shot
from shotline.registry.entities import FieldType
from shotline.tasks.models import Task, TaskStatus, TaskType

S, N, F, D = FieldType.STR, FieldType.INT, FieldType.FLOAT, FieldType.DATE


@dataclass(frozen=True)
class Link:
    model: type[Any]
    column: str
    scope: str  # "project" (rows of the import's project) or "org" (the organization's)


@dataclass(frozen=True)
class Target:
    path: str  # what a mapping names: "code", "sequence.code", "assignees.email"
    field: str  # the service argument it fills: "code", "sequence_id", "assignee_ids"
    type: FieldType = S
    choices: builtins.type[enum.StrEnum] | None = None
    link: Link | None = None
    many: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    entity: str
    model: type[Any]
    targets: dict[str, Target]
    keys: dict[str, tuple[str, ...]]  # key name -> fields that identify a row
    required: tuple[str, ...]  # fields a new row needs
    default_key: str = "code"
    label_field: str = "code"
    extra: dict[str, Any] = field(default_factory=dict)


def _t(path: str, fld: str | None = None, **kw: Any) -> Target:
    return Target(path=path, field=fld or path, **kw)


_SEQ = Link(Sequence, "code", "project")
_ACCOUNT = Link(Account, "email", "org")

SHOT = Profile(
    entity="shot",
    model=Shot,
    targets={
        t.path: t
        for t in (
            _t("id", type=N),
            _t("code", aliases=("shot", "shot code", "shot name", "name")),
            _t("sequence.code", "sequence_id", link=_SEQ, aliases=("sequence", "seq")),
            _t("description", aliases=("desc", "notes")),
            _t("status", choices=EntityStatus),
            _t("frame_in", type=N, aliases=("first frame", "in")),
            _t("frame_out", type=N, aliases=("last frame", "out")),
            _t("cut_in", type=N),
            _t("cut_out", type=N),
            _t("head_handles", type=N, aliases=("head", "handles head")),
            _t("tail_handles", type=N, aliases=("tail", "handles tail")),
            _t("sort_order", type=N, aliases=("order",)),
        )
    },
    keys={"id": ("id",), "code": ("code",)},
    required=("code",),
)

ASSET = Profile(
    entity="asset",
    model=Asset,
    targets={
        t.path: t
        for t in (
            _t("id", type=N),
            _t("code", aliases=("asset", "asset code")),
            _t("name", aliases=("asset name", "title")),
            _t("description", aliases=("desc", "notes")),
            _t("asset_type", choices=AssetType, aliases=("type", "asset type", "category")),
            _t("custom_type"),
            _t("status", choices=EntityStatus),
            _t("priority", type=N),
            _t("due_date", type=D, aliases=("due",)),
            _t("lead.email", "lead_id", link=_ACCOUNT, aliases=("lead",)),
        )
    },
    keys={"id": ("id",), "code": ("code",)},
    required=("code", "name", "asset_type"),
)

TASK = Profile(
    entity="task",
    model=Task,
    targets={
        t.path: t
        for t in (
            _t("id", type=N),
            _t("title", aliases=("task", "name")),
            _t("description", aliases=("desc", "notes")),
            _t("shot.code", "shot_id", link=Link(Shot, "code", "project"), aliases=("shot",)),
            _t("asset.code", "asset_id", link=Link(Asset, "code", "project"), aliases=("asset",)),
            _t(
                "task_type.code",
                "task_type_id",
                link=Link(TaskType, "code", "org"),
                aliases=("task type", "type", "step", "pipeline step"),
            ),
            _t(
                "status.code",
                "status_id",
                link=Link(TaskStatus, "code", "project"),
                aliases=("status",),
            ),
            _t("status.name", "status_id", link=Link(TaskStatus, "name", "project")),
            _t(
                "assignees.email",
                "assignee_ids",
                link=_ACCOUNT,
                many=True,
                aliases=("assignees", "assignee", "assigned to", "artist", "artists"),
            ),
            _t("supervisor.email", "supervisor_id", link=_ACCOUNT, aliases=("supervisor",)),
            _t("priority", type=N),
            _t("start_date", type=D, aliases=("start",)),
            _t("due_date", type=D, aliases=("due",)),
            _t("estimated_hours", type=F, aliases=("estimate", "hours", "bid", "bid hours")),
        )
    },
    keys={"id": ("id",), "parent_type": ("parent", "task_type_id")},
    required=("task_type_id",),
    default_key="parent_type",
    label_field="title",
)

PROFILES = {p.entity: p for p in (SHOT, ASSET, TASK)}


def normalize(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def suggest_mapping(profile: Profile, header: list[str], custom_keys: list[str]) -> dict[str, str]:
    """`{csv header: field path}` for the headers that obviously match a field."""
    index: dict[str, str] = {}
    for target in profile.targets.values():
        names = (target.path, target.path.replace(".", " "), target.field, *target.aliases)
        for name in names:
            index.setdefault(normalize(name), target.path)
    for key in custom_keys:
        index.setdefault(normalize(key), f"custom.{key}")
        index.setdefault(normalize(f"custom.{key}"), f"custom.{key}")
    out: dict[str, str] = {}
    used: set[str] = set()
    for column in header:
        path = index.get(normalize(column))
        if path is not None and path not in used:
            out[column] = path
            used.add(path)
    return out


def profile_for(entity: str) -> Profile:
    """The profile of an entity type; an unknown one is a 422 naming `entity`."""
    try:
        return PROFILES[entity]
    except KeyError:
        raise ValidationFailed(fields={"entity": "one of " + ", ".join(PROFILES)}) from None
