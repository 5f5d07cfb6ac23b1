"""e-mail delivery: attempts and reasons on notifications, daily digests

Revision ID: 0008
Revises: 0011
Create Date: 2026-11-21 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import shotline.db.types

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("email_error", sa.String(length=500), nullable=True))
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("email_attempts", server_default=None)
    op.create_table(
        "email_digest",
        sa.Column("account_id", BigId, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "notification_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", shotline.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sent_at", shotline.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_email_digest_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "day", name=op.f("pk_email_digest")),
    )


def downgrade() -> None:
    op.drop_table("email_digest")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("email_error")
        batch_op.drop_column("email_attempts")
