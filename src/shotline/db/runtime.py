"""The database handle an app or a command holds: one engine, a read and a write factory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shotline.db.base import bind_actor
from shotline.db.engine import make_engine, make_session_factory


@dataclass
class Database:
    engine: Engine
    read: sessionmaker[Session]
    write: sessionmaker[Session]

    @classmethod
    def from_url(cls, url: str) -> Database:
        engine = make_engine(url)
        return cls(engine, make_session_factory(engine), make_session_factory(engine, write=True))

    @contextmanager
    def unit_of_work(self, actor_id: int | None = None) -> Iterator[Session]:
        """A write transaction for the CLI and jobs: commit on success, roll back on error."""
        session = self.write()
        bind_actor(session, actor_id)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
