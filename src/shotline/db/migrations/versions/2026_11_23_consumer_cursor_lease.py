"""consumer cursor lease: consumers that act outside the database hold their cursor

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shotline.db.types

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consumer_cursor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("leased_until", shotline.db.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("consumer_cursor", schema=None) as batch_op:
        batch_op.drop_column("leased_until")
