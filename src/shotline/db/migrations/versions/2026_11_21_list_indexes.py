"""list indexes: live tasks of a project in board order

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-21 10:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_project_id_archived_at_sort_order",
            ["project_id", "archived_at", "sort_order"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_project_id_archived_at_sort_order")
