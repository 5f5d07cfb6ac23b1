"""live task order index: partial (project_id, sort_order, id) WHERE archived_at IS NULL

PostgreSQL could not walk ix_task_project_id_archived_at_sort_order in order (it does not
treat `archived_at IS NULL` as an equality), so a 100-row page of a 50,000-task project
sorted every live task. The old index stays: SQLite counts live tasks with it (it does not
pick the partial index for the count).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("archived_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_live_project_id_sort_order",
            ["project_id", "sort_order", "id"],
            unique=False,
            postgresql_where=LIVE,
            sqlite_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_live_project_id_sort_order")
