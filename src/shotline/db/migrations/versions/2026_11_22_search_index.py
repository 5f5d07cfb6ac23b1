"""search index: search_document, SQLite FTS5 trigram table, PostgreSQL pg_trgm/tsvector

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-22 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shotline.db.types

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Frozen copies of `shotline.search.backend` DDL (a migration never imports app code).
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_document', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
)
POSTGRESQL_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_search_document_body_trgm ON search_document USING gin (body gin_trgm_ops)",
    "CREATE INDEX ix_search_document_body_tsv ON search_document "
    "USING gin (to_tsvector('simple', body))",
)
POSTGRESQL_DROP = (
    "DROP INDEX IF EXISTS ix_search_document_body_tsv",
    "DROP INDEX IF EXISTS ix_search_document_body_trgm",
)


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column("entity_type", sa.String(length=32), nullable=False),
        sa.Column("entity_id", BIG_ID, nullable=False),
        sa.Column("organization_id", BIG_ID, nullable=False),
        sa.Column("project_id", BIG_ID, nullable=True),
        sa.Column("code", sa.String(length=254), nullable=False),
        sa.Column("title", sa.String(length=254), nullable=False),
        sa.Column("context", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", shotline.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", BIG_ID, sa.Identity(always=False), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_document")),
        sa.UniqueConstraint(
            "entity_type", "entity_id", name=op.f("uq_search_document_entity_type_entity_id")
        ),
    )
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_document_organization_id_entity_type",
            ["organization_id", "entity_type"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_search_document_project_id"), ["project_id"], unique=False
        )
    statements = SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DROP
    for statement in statements:
        op.execute(statement)
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_document_project_id"))
        batch_op.drop_index("ix_search_document_organization_id_entity_type")
    op.drop_table("search_document")
