"""Test databases: a fresh SQLite file, or a fresh PostgreSQL database per run/worker."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shotline.db import migrate
from shotline.db.runtime import Database

PG_URL_ENV = "SHOTLINE_TEST_DATABASE_URL"


def pg_base_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


@contextmanager
def fresh_database(tmp_dir: Path, label: str) -> Iterator[str]:
    """Yield the URL of an empty database, dropped afterwards."""
    base = pg_base_url()
    if base is None:
        path = tmp_dir / f"{label}-{uuid.uuid4().hex[:8]}.db"
        yield f"sqlite:///{path}"
        return
    url = make_url(base)
    name = f"{url.database or 'shotline_test'}_{label}_{uuid.uuid4().hex[:6]}".lower()
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@contextmanager
def migrated_database(tmp_dir: Path, label: str) -> Iterator[Database]:
    """A fresh database at the latest migration, with its own connections (for tests that
    run real threads against it), dropped afterwards."""
    with fresh_database(tmp_dir, label) as url:
        db = Database.from_url(url)
        migrate.upgrade(db.engine)
        try:
            yield db
        finally:
            db.dispose()
