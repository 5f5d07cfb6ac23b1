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
from tests.dbutil import fresh_database

pytestmark = pytest.mark.migrations


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
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
