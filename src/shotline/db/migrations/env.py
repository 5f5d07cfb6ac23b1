"""Alembic environment: the engine comes from `shotline.db.migrate` (or the settings)."""

from __future__ import annotations

from alembic import context

from shotline.config import get_settings
from shotline.db import all_models  # noqa: F401  (fills Base.metadata)
from shotline.db.base import Base
from shotline.db.engine import make_engine

config = context.config
engine = config.attributes.get("engine") or make_engine(get_settings().resolved_database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
