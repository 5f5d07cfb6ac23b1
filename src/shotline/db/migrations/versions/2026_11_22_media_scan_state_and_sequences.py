"""media scan state, media kind and image-sequence frames

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-22 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("media_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "file",
                    "sequence",
                    name="mediakind",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="file",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                "scan_state",
                sa.Enum(
                    "pending",
                    "clean",
                    "infected",
                    "error",
                    "not_scanned",
                    name="scanstate",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="not_scanned",
                nullable=False,
            )
        )
    op.create_table(
        "media_sequence_frame",
        sa.Column("sequence_id", ID, nullable=False),
        sa.Column("frame_media_id", ID, nullable=False),
        sa.Column("frame", sa.Integer(), nullable=False),
        sa.Column("id", ID, sa.Identity(always=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["frame_media_id"],
            ["media_file.id"],
            name=op.f("fk_media_sequence_frame_frame_media_id_media_file"),
        ),
        sa.ForeignKeyConstraint(
            ["sequence_id"],
            ["media_file.id"],
            name=op.f("fk_media_sequence_frame_sequence_id_media_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_sequence_frame")),
        sa.UniqueConstraint(
            "sequence_id", "frame", name=op.f("uq_media_sequence_frame_sequence_id_frame")
        ),
    )
    with op.batch_alter_table("media_sequence_frame", schema=None) as batch_op:
        batch_op.create_index(
            "ix_media_sequence_frame_frame_media_id", ["frame_media_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("media_sequence_frame", schema=None) as batch_op:
        batch_op.drop_index("ix_media_sequence_frame_frame_media_id")
    op.drop_table("media_sequence_frame")
    with op.batch_alter_table("media_file", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_media_file_scanstate"), type_="check")
        batch_op.drop_constraint(op.f("ck_media_file_mediakind"), type_="check")
        batch_op.drop_column("scan_state")
        batch_op.drop_column("kind")
