"""The full-text part of search, one function per dialect.

- SQLite: an FTS5 table `search_fts` over `search_document.body` with the `trigram`
  tokenizer (substring match for every term of 3 characters or more, so `SH01` finds
  `sh010`…`sh019` and `anim` finds "animation"); shorter terms fall back to `LIKE`.
- PostgreSQL: every term as a substring (`LIKE '%term%'`, served by a GIN `pg_trgm`
  index), or the words as a `tsvector` query; when that finds nothing and the query has 6
  characters or more, a close trigram word match (`<%`, typos) is tried (`fuzzy=True`):
  done always, it rechecked thousands of near codes ("sh01230 comp" for "sh01234 comp")
  and set the p95. Ranked by `word_similarity` after the exact/prefix order the service
  applies.

The structures are created by migration 0010; `SQLITE_DDL` / `POSTGRESQL_DDL` document them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import Session

from shotline.search.models import SearchDocument

MIN_TRIGRAM = 3
# Typo-tolerant matching only for longer queries: for short codes every `SH0x` is "close".
MIN_FUZZY = 6


def terms_of(query: str) -> list[str]:
    return [t for t in query.lower().split() if t]


def _like(term: str) -> ColumnElement[bool]:
    return SearchDocument.body.contains(term, autoescape=True)


def match_sqlite(query: str) -> ColumnElement[bool]:
    terms = terms_of(query)
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    conditions = [_like(t) for t in terms if len(t) < MIN_TRIGRAM]
    if long_terms:
        expr = " ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        fts: Any = (
            select(literal_column("rowid"))
            .select_from(text("search_fts"))
            .where(text("search_fts MATCH :fts_query").bindparams(fts_query=expr))
        )
        conditions.append(SearchDocument.id.in_(fts))
    return and_(*conditions)


def match_postgresql(query: str, *, fuzzy: bool = False) -> ColumnElement[bool]:
    terms = terms_of(query)
    substrings = and_(*[_like(t) for t in terms])
    words = func.to_tsvector("simple", SearchDocument.body).op("@@")(
        func.plainto_tsquery("simple", query.lower())
    )
    if not fuzzy:
        return or_(substrings, words)
    close = literal(query.lower()).op("<%")(SearchDocument.body)
    return or_(substrings, words, close)


def score_sqlite(_query: str) -> ColumnElement[Any]:
    return literal(0)


def score_postgresql(query: str) -> ColumnElement[Any]:
    return func.word_similarity(query.lower(), SearchDocument.body)


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def can_widen(session: Session, query: str) -> bool:
    """Whether a typo-tolerant match exists for this query (`match(..., fuzzy=True)`)."""
    return _postgresql(session) and len(query) >= MIN_FUZZY


def match(
    session: Session, query: str, *, fuzzy: bool = False
) -> tuple[ColumnElement[bool], ColumnElement[Any]]:
    """The WHERE condition and a fuzzy score (higher is better) for this query; `fuzzy`
    adds close (misspelt) matches where the dialect has them."""
    if _postgresql(session):
        return match_postgresql(query, fuzzy=fuzzy), score_postgresql(query)
    return match_sqlite(query), score_sqlite(query)


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
# Names the migration test leaves out of its model comparison (not in the ORM metadata).
UNMODELLED = frozenset(
    {"search_fts", "ix_search_document_body_trgm", "ix_search_document_body_tsv"}
)
