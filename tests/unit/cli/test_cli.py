"""The `shotline` command against a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from shotline.auth import passwords
from shotline.auth.models import Account, ApiKey
from shotline.auth.tokens import digest
from shotline.cli import app
from shotline.config import get_settings
from shotline.db.runtime import Database
from tests.dbutil import fresh_database

runner = CliRunner()


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with fresh_database(tmp_path, "cli") as url:
        monkeypatch.setenv("SHOTLINE_DATABASE_URL", url)
        get_settings.cache_clear()
        yield url
    get_settings.cache_clear()


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_migrate_user_create_and_api_key(cli_db: str) -> None:
    assert run("migrate").exit_code == 0

    created = run(
        "user",
        "create",
        "Boss@Example.com",
        "--admin",
        "--name",
        "The Boss",
        "--password-stdin",
        stdin="a long admin password\n",
    )
    key = run("api-key", "create", "boss@example.com", "--name", "publish")

    assert created.exit_code == 0, created.output
    assert "created admin boss@example.com" in created.output
    assert key.exit_code == 0, key.output
    full_key = key.output.strip()
    db = Database.from_url(cli_db)
    with db.read() as s:
        account = s.scalar(select(Account).where(Account.email == "boss@example.com"))
        assert account is not None
        assert account.role == "admin"
        assert passwords.verify_password("a long admin password", account.password_hash)
        assert s.scalar(select(ApiKey.key_hash)) == digest(full_key)
    db.dispose()


def test_user_create_refuses_a_weak_password_and_writes_nothing(cli_db: str) -> None:
    run("migrate")
    r = run("user", "create", "x@example.com", "--password-stdin", stdin="short\n")
    assert r.exit_code == 1
    assert "at least 12 characters" in r.output
    db = Database.from_url(cli_db)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 0
    db.dispose()


def test_demo_is_idempotent_and_prints_working_passwords(cli_db: str) -> None:
    first = run("demo")
    second = run("demo")

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    lines = [line.split() for line in second.output.splitlines() if "@example.com" in line]
    assert {line[0] for line in lines} == {"admin", "producer", "supervisor", "artist", "client"}
    db = Database.from_url(cli_db)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 5
        admin = s.scalar(select(Account).where(Account.email == "admin@example.com"))
        assert admin is not None
        password = next(line[2] for line in lines if line[0] == "admin")
        assert passwords.verify_password(password, admin.password_hash)
    db.dispose()


def test_openapi_command_writes_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    r = run("openapi", "--output", str(out))
    assert r.exit_code == 0
    assert '"/api/v1/auth/login"' in out.read_text()


def test_version() -> None:
    assert run("version").output.startswith("shotline ")


def test_demo_and_optimize_leave_planner_statistics(cli_db: str) -> None:
    assert run("demo").exit_code == 0
    r = run("optimize")
    assert r.exit_code == 0, r.output
    db = Database.from_url(cli_db)
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            tables = {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
        else:
            tables = {
                row[0]
                for row in conn.exec_driver_sql(
                    "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
                )
            }
    db.dispose()
    assert {"task", "shot", "account"} <= tables
