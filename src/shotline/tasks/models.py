"""Task types (org-level pipeline steps), task statuses (per project, each mapped to a
canonical category), tasks, their assignees and watchers, and task templates.

A task belongs to exactly one shot or one asset: the `one_parent` CHECK holds it in the
database. `project_id` is denormalized on the task so every task list filters on one
indexed column.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shotline.db.base import AuditMixin, Base
from shotline.db.types import BigId, JSONType, UTCDateTime, str_enum, utcnow
from shotline.production.models import Project


class AppliesTo(enum.StrEnum):
    SHOT = "shot"
    ASSET = "asset"
    BOTH = "both"


class StatusCategory(enum.StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    INTERNAL_REVIEW = "internal_review"
    CLIENT_REVIEW = "client_review"
    CHANGES = "changes"
    DONE = "done"
    ON_HOLD = "on_hold"
    OMITTED = "omitted"


class TemplateTarget(enum.StrEnum):
    SHOT = "shot"
    ASSET = "asset"


class TaskType(AuditMixin, Base):
    __tablename__ = "task_type"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organization.id"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    applies_to: Mapped[AppliesTo] = mapped_column(
        str_enum(AppliesTo), nullable=False, default=AppliesTo.BOTH
    )
    department_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("department.id"), nullable=True
    )
    color: Mapped[str | None] = mapped_column(String(7), nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class TaskStatus(AuditMixin, Base):
    __tablename__ = "task_status"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    color: Mapped[str] = mapped_column(String(7), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    category: Mapped[StatusCategory] = mapped_column(str_enum(StatusCategory), nullable=False)

    project: Mapped[Project] = relationship()


class Task(AuditMixin, Base):
    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint(
            "(shot_id IS NOT NULL AND asset_id IS NULL)"
            " OR (shot_id IS NULL AND asset_id IS NOT NULL)",
            name="one_parent",
        ),
        CheckConstraint("priority >= 0 AND priority <= 4", name="priority_range"),
        Index("ix_task_project_id_status_id", "project_id", "status_id"),
        # Live rows of a project in board order: the count of the default list (SQLite)...
        Index(
            "ix_task_project_id_archived_at_sort_order", "project_id", "archived_at", "sort_order"
        ),
        # ... and its page, from a partial index: PostgreSQL does not treat `IS NULL` as an
        # equality, so with `archived_at` in the key it sorted all 50,000 live tasks per page.
        Index(
            "ix_task_live_project_id_sort_order",
            "project_id",
            "sort_order",
            "id",
            postgresql_where=text("archived_at IS NULL"),
            sqlite_where=text("archived_at IS NULL"),
        ),
        Index("ix_task_project_id_due_date", "project_id", "due_date"),
        Index("ix_task_project_id_task_type_id", "project_id", "task_type_id"),
        Index("ix_task_shot_id", "shot_id"),
        Index("ix_task_asset_id", "asset_id"),
    )

    project_id: Mapped[int] = mapped_column(BigId, ForeignKey("project.id"), nullable=False)
    shot_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("shot.id"), nullable=True)
    asset_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("asset.id"), nullable=True)
    task_type_id: Mapped[int] = mapped_column(BigId, ForeignKey("task_type.id"), nullable=False)
    status_id: Mapped[int] = mapped_column(BigId, ForeignKey("task_status.id"), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    estimated_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    supervisor_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("account.id"), nullable=True
    )
    custom: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False, default=dict)

    project: Mapped[Project] = relationship()
    # Read-only views of the association rows: services write them set-based and expire
    # these collections afterwards.
    assignee_rows: Mapped[list[TaskAssignee]] = relationship(
        viewonly=True, order_by="TaskAssignee.account_id"
    )
    watcher_rows: Mapped[list[TaskWatcher]] = relationship(
        viewonly=True, order_by="TaskWatcher.account_id"
    )

    @property
    def assignee_ids(self) -> list[int]:
        return [row.account_id for row in self.assignee_rows]

    @property
    def watcher_ids(self) -> list[int]:
        return [row.account_id for row in self.watcher_rows]


class TaskAssignee(Base):
    __tablename__ = "task_assignee"
    __table_args__ = (Index("ix_task_assignee_account_id", "account_id", "task_id"),)

    task_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(BigId, ForeignKey("account.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class TaskWatcher(Base):
    __tablename__ = "task_watcher"
    __table_args__ = (Index("ix_task_watcher_account_id", "account_id", "task_id"),)

    task_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(BigId, ForeignKey("account.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class TaskTemplate(AuditMixin, Base):
    """A named list of task types for shots or assets.

    `items` is `[{"task_type_id": int, "title": str | None, "estimated_hours": float | None}]`;
    a missing title uses `title_pattern` (`{type}` → the task type's name, `{code}` → the
    shot or asset code).
    """

    __tablename__ = "task_template"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    project_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    applies_to: Mapped[TemplateTarget] = mapped_column(str_enum(TemplateTarget), nullable=False)
    title_pattern: Mapped[str] = mapped_column(String(200), nullable=False, default="{type}")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, nullable=False, default=list)

    project: Mapped[Project] = relationship()
