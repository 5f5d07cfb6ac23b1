"""The search index: one row per searchable entity (its text, its context, its scope).

The full-text structures (SQLite FTS5 `search_fts` with the trigram tokenizer; PostgreSQL
GIN indexes with `pg_trgm` and `tsvector`) are created by migration 0010 on top of this table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shotline.db.base import Base, IdMixin
from shotline.db.types import BigId, UTCDateTime, utcnow


class SearchDocument(IdMixin, Base):
    __tablename__ = "search_document"
    __table_args__ = (
        UniqueConstraint("entity_type", "entity_id"),
        Index("ix_search_document_organization_id_entity_type", "organization_id", "entity_type"),
    )

    entity_type: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[int] = mapped_column(BigId, nullable=False)
    # Plain ids, no foreign keys: the index is derived data, rebuilt by `shotline reindex`.
    organization_id: Mapped[int] = mapped_column(BigId, nullable=False)
    project_id: Mapped[int | None] = mapped_column(BigId, nullable=True, index=True)
    code: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    context: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    # Everything searchable, lower-cased: code, title, description, context.
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
