"""Test harness: schema built once per run (by the migrations), one rolled-back
transaction per test, role clients, factories. SQLite by default; PostgreSQL when
`SHOTLINE_TEST_DATABASE_URL` is set."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("SHOTLINE_DATA_DIR", tempfile.mkdtemp(prefix="shotline-test-"))
os.environ["SHOTLINE_ARGON2_TIME_COST"] = "1"
os.environ["SHOTLINE_ARGON2_MEMORY_KIB"] = "8"
os.environ["SHOTLINE_ARGON2_PARALLELISM"] = "1"
# Tests run one writer at a time, and on PostgreSQL ids of rolled-back tests leave holes.
os.environ["SHOTLINE_EVENT_GAP_GRACE_SECONDS"] = "0"
os.environ["SHOTLINE_OUTBOUND_ALLOW_LOOPBACK"] = "false"

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from shotline.app import create_app
from shotline.auth.models import Account, Organization, Role
from shotline.config import get_settings
from shotline.db import migrate
from shotline.db.engine import make_engine
from shotline.db.runtime import Database
from tests import factories
from tests.dbutil import fresh_database

get_settings.cache_clear()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("db"), f"suite_{worker_id}") as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def db(engine: Engine, connection: Connection) -> Database:
    factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return Database(engine=engine, read=factory, write=factory)


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    s = db.write()
    yield s
    s.close()


@pytest.fixture(scope="session")
def app(engine: Engine) -> FastAPI:
    return create_app(db=Database.from_url("sqlite://"))


@pytest.fixture
def client(app: FastAPI, db: Database) -> Iterator[TestClient]:
    app.state.db = db
    with TestClient(app, base_url="https://testserver") as c:
        yield c


# --- organizations, accounts, role clients ----------------------------------------


@pytest.fixture
def org(session: Session) -> Organization:
    return factories.make_org(session, name="Northwind VFX")


@pytest.fixture
def foreign_org(session: Session) -> Organization:
    return factories.make_org(session, name="Other Studio")


@pytest.fixture
def people(session: Session, org: Organization) -> dict[Role, Account]:
    return {role: factories.make_account(session, org, role=role) for role in Role}


def _client_for(app: FastAPI, db: Database, session: Session, account: Account) -> TestClient:
    app.state.db = db
    token = factories.make_session_token(session, account)
    session.commit()
    return TestClient(
        app, base_url="https://testserver", cookies={get_settings().session_cookie_name: token}
    )


@pytest.fixture
def as_role(app: FastAPI, db: Database, session: Session, people: dict[Role, Account]):  # type: ignore[no-untyped-def]
    def make(role: Role) -> TestClient:
        return _client_for(app, db, session, people[role])

    return make


@pytest.fixture
def as_admin(as_role) -> TestClient:  # type: ignore[no-untyped-def]
    return as_role(Role.ADMIN)


@pytest.fixture
def as_producer(as_role) -> TestClient:  # type: ignore[no-untyped-def]
    return as_role(Role.PRODUCER)


@pytest.fixture
def as_supervisor(as_role) -> TestClient:  # type: ignore[no-untyped-def]
    return as_role(Role.SUPERVISOR)


@pytest.fixture
def as_artist(as_role) -> TestClient:  # type: ignore[no-untyped-def]
    return as_role(Role.ARTIST)


@pytest.fixture
def as_client(as_role) -> TestClient:  # type: ignore[no-untyped-def]
    return as_role(Role.CLIENT)


@pytest.fixture
def as_anonymous(client: TestClient) -> TestClient:
    return client


@pytest.fixture
def as_foreign_admin(
    app: FastAPI, db: Database, session: Session, foreign_org: Organization
) -> TestClient:
    return _client_for(
        app, db, session, factories.make_account(session, foreign_org, role=Role.ADMIN)
    )


@pytest.fixture
def tmp_dir(tmp_path: Path) -> Path:
    return tmp_path


class StatementCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        self.statements.append(statement)

    def matching(self, table: str) -> list[str]:
        return [s for s in self.statements if f" {table}" in s or f'"{table}"' in s]


@pytest.fixture
def count_statements(engine: Engine) -> Iterator[StatementCounter]:
    """Every SQL statement the engine runs while the test is inside the fixture."""
    from sqlalchemy import event

    counter = StatementCounter()
    event.listen(engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine, "before_cursor_execute", counter)


from tests.production_fixtures import foreign_project, other_project, project  # noqa: E402

__all__ = ["foreign_project", "other_project", "project"]
