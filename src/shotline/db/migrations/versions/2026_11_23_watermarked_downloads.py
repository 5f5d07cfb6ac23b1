"""watermarked downloads: copies of shared media with the viewer's name burned in

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shotline.db.types

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "watermarked_download",
        sa.Column("organization_id", ID, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("media_file_id", ID, nullable=False),
        sa.Column("review_session_id", ID, nullable=False),
        sa.Column("guest_id", ID, nullable=False),
        sa.Column("watermark", sa.String(length=300), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "ready",
                "failed",
                name="downloadstate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("storage_key", sa.String(length=255), nullable=True),
        sa.Column("mime", sa.String(length=127), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("failure_reason", sa.String(length=500), nullable=True),
        sa.Column("created_at", shotline.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ready_at", shotline.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", ID, sa.Identity(always=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["guest_id"],
            ["review_guest.id"],
            name=op.f("fk_watermarked_download_guest_id_review_guest"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["media_file_id"],
            ["media_file.id"],
            name=op.f("fk_watermarked_download_media_file_id_media_file"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_watermarked_download_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_watermarked_download_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["review_session_id"],
            ["review_session.id"],
            name=op.f("fk_watermarked_download_review_session_id_review_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name=op.f("fk_watermarked_download_version_id_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watermarked_download")),
    )
    with op.batch_alter_table("watermarked_download", schema=None) as batch_op:
        batch_op.create_index(
            "ix_watermarked_download_media_file_id_watermark",
            ["media_file_id", "watermark"],
            unique=False,
        )
        batch_op.create_index(
            "ix_watermarked_download_review_session_id", ["review_session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("watermarked_download", schema=None) as batch_op:
        batch_op.drop_index("ix_watermarked_download_review_session_id")
        batch_op.drop_index("ix_watermarked_download_media_file_id_watermark")
    op.drop_table("watermarked_download")
