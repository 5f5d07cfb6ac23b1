"""The one Alembic tree gives exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from shotline.db import (
    all_models,  # noqa: F401
    migrate,
)
from shotline.db.base import Base
from shotline.db.engine import make_engine
from shotline.search.backend import UNMODELLED
from tests.dbutil import fresh_database

pytestmark = pytest.mark.migrations


def _modelled(name: str | None, type_: str, _parents: object) -> bool:
    # The full-text structures of the search index live outside the ORM metadata: the
    # SQLite FTS5 table (and its shadow tables) and the PostgreSQL GIN indexes.
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    return not (type_ == "index" and name in UNMODELLED)


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_name": _modelled}
            ctx = MigrationContext.configure(conn, opts=opts)
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def test_upgrade_from_empty_gives_exactly_the_models(tmp_path: Path) -> None:
    with fresh_database(tmp_path, "mig") as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        assert migrate.is_at_head(engine)
        engine.dispose()
        assert _diff(url) == []


def test_latest_revision_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    with fresh_database(tmp_path, "mig") as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        head = migrate.head_revision(engine)
        migrate.downgrade(engine, "-1")
        assert migrate.current_revision(engine) != head
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == head
        engine.dispose()
        assert _diff(url) == []


def test_the_tree_has_one_head_and_dated_file_names() -> None:
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        name = Path(rev.path).name
        assert name[:10].replace("_", "").isdigit(), name
        assert name[4] == name[7] == name[10] == "_", name
