"""The `shotline` command: serve, worker, migrate, demo, user, api-key, openapi, version."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shotline import __version__
from shotline.auth import accounts, api_keys
from shotline.auth.actor import Actor
from shotline.auth.models import Role
from shotline.config import get_settings
from shotline.db import migrate as migrations
from shotline.db.dialect import refresh_statistics
from shotline.db.runtime import Database
from shotline.errors import ShotlineError
from shotline.search import index as search_index  # keeps the search index in sync

app = typer.Typer(
    help="Shotline: production tracking, review and asset management.", no_args_is_help=True
)
user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
key_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(key_app, name="api-key")


def _db() -> Database:
    return Database.from_url(get_settings().resolved_database_url)


def _fail(message: str) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code=1)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"shotline {__version__}")


@app.command()
def migrate() -> None:
    """Bring the database schema to the latest migration."""
    db = _db()
    migrations.upgrade(db.engine)
    refresh_statistics(db.engine)
    typer.echo(f"database at {migrations.current_revision(db.engine)}")
    db.dispose()


@app.command()
def optimize() -> None:
    """Refresh the query planner's statistics (also runs hourly in the worker)."""
    db = _db()
    refresh_statistics(db.engine)
    typer.echo("statistics refreshed")
    db.dispose()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
    no_worker: Annotated[
        bool,
        typer.Option("--no-worker", help="Do not run background jobs in this process."),
    ] = False,
) -> None:
    """Run the web server (API, web app).

    Without a Redis URL, background jobs run in a consumer thread inside the server, so
    this one command is enough; `--no-worker` leaves them to `shotline worker`.
    """
    import os

    import uvicorn

    db = _db()
    if not migrations.is_at_head(db.engine):
        db.dispose()
        raise _fail("The database is not at the latest migration: run `shotline migrate`.")
    db.dispose()
    settings = get_settings()
    embedded = not no_worker and not settings.redis_url
    os.environ["SHOTLINE_EMBEDDED_WORKER"] = "true" if embedded else "false"
    get_settings.cache_clear()
    typer.echo(f"Shotline {__version__} on http://{host}:{port}")
    if embedded:
        typer.echo("background jobs: in this process (embedded queue at data/jobs.db)")
    uvicorn.run(
        "shotline.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=get_settings().log_level,
        proxy_headers=True,
    )


@app.command()
def worker(
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 0,
) -> None:
    """Run background jobs (media processing) until stopped with Ctrl-C or SIGTERM.

    Uses Redis when SHOTLINE_REDIS_URL is set (run one per machine), else the embedded
    SQLite queue under the data directory (same machine as the server).
    """
    import logging

    from shotline.app import make_storage
    from shotline.jobs.queue import JobQueue, make_huey
    from shotline.jobs.registry import JobContext
    from shotline.realtime.fanout import make_broadcaster

    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    db = _db()
    if not migrations.is_at_head(db.engine):
        db.dispose()
        raise _fail("The database is not at the latest migration: run `shotline migrate`.")
    queue = JobQueue(make_huey(settings), JobContext(db, make_storage(settings), settings))
    mode = "redis" if settings.redis_url else f"sqlite ({settings.jobs_db_path})"
    typer.echo(f"shotline worker: queue {settings.job_queue_name!r} on {mode}")
    consumer = queue.huey.create_consumer(
        workers=threads or settings.worker_threads, worker_type="thread", periodic=True
    )
    # What jobs write (events, notifications) wakes the servers' streams at once.
    broadcaster = make_broadcaster(settings, db.engine.url.render_as_string(hide_password=False))
    broadcaster.start_publishing()
    try:
        consumer.run()
    finally:
        broadcaster.stop()
        db.dispose()


@app.command("cleanup-uploads")
def cleanup_uploads() -> None:
    """Delete abandoned tus uploads past their expiry (also run hourly by the worker)."""
    from datetime import timedelta

    from shotline.media.cleanup import cleanup_uploads as cleanup

    settings = get_settings()
    report = cleanup(settings.uploads_dir, expiry=timedelta(hours=settings.upload_expiry_hours))
    typer.echo(
        f"removed {report.uploads} expired upload(s): {report.files} file(s), {report.bytes} bytes"
    )


@app.command()
def demo() -> None:
    """Migrate, then create (or refresh) the demo organization, crew and project."""
    from shotline.demo import load_demo

    db = _db()
    migrations.upgrade(db.engine)
    logins = load_demo(db)
    refresh_statistics(db.engine)
    db.dispose()
    typer.echo("Demo data ready. Log in with:")
    for login in logins:
        typer.echo(f"  {login.role.value:<10} {login.email:<24} {login.password}")


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("create")
def user_create(
    email: str,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    role: Annotated[Role, typer.Option(help="Organization role.")] = Role.ARTIST,
    admin: Annotated[bool, typer.Option("--admin", help="Shorthand for --role admin.")] = False,
    org: Annotated[str, typer.Option(help="Organization name (created if none exists).")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an account. The password comes from a prompt or standard input, never argv."""
    role = Role.ADMIN if admin else role
    password = _read_password(password_stdin)
    db = _db()
    try:
        with db.unit_of_work() as session:
            organization = accounts.find_organization(session, name=org or None)
            if organization is None:
                if org == "" and accounts.find_organization(session) is not None:
                    raise _fail("Several organizations exist: name one with --org.")
                organization = accounts.create_organization(session, name=org or "Studio")
            account = accounts.create_account(
                session,
                Actor.system(organization.id),
                email=email,
                name=name or email.split("@")[0],
                role=role,
                password=password,
            )
            typer.echo(f"created {account.role.value} {account.email} (id {account.id})")
    except ShotlineError as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
        raise _fail(f"{exc.message} {detail}".strip()) from None
    finally:
        db.dispose()


@user_app.command("set-password")
def user_set_password(
    email: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
) -> None:
    """Set an account's password (ends its sessions)."""
    password = _read_password(password_stdin)
    db = _db()
    try:
        with db.unit_of_work() as session:
            account = accounts.find_account_by_email(session, email)
            if account is None:
                raise _fail(f"No account {email}.")
            accounts.set_password(
                session, Actor.system(account.organization_id), account.id, password=password
            )
        typer.echo(f"password set for {email}")
    except ShotlineError as exc:
        raise _fail(exc.message) from None
    finally:
        db.dispose()


@key_app.command("create")
def api_key_create(
    email: str, name: Annotated[str, typer.Option(help="What the key is for.")]
) -> None:
    """Create an API key for an account and print it once."""
    db = _db()
    try:
        with db.unit_of_work() as session:
            account = accounts.find_account_by_email(session, email)
            if account is None:
                raise _fail(f"No account {email}.")
            _key, full = api_keys.create_api_key(
                session, Actor.system(account.organization_id), name=name, account_id=account.id
            )
        typer.echo(full)
    except ShotlineError as exc:
        raise _fail(exc.message) from None
    finally:
        db.dispose()


@app.command("import")
def import_csv(
    project_code: str,
    entity: Annotated[str, typer.Argument(help="shot, asset or task")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    key: Annotated[str | None, typer.Option(help="id, code or parent_type")] = None,
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="column=field, e.g. 'Shot Name=code'")
    ] = None,
    policy: Annotated[str, typer.Option(help="skip, overwrite or stop")] = "skip",
    date_format: Annotated[str, typer.Option(help="dmy or mdy for 01/12/2026")] = "dmy",
    org: Annotated[str, typer.Option(help="Organization name, when several exist.")] = "",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Preview only.")] = False,
) -> None:
    """Import a CSV of shots, assets or tasks into a project (same steps as the API)."""
    from rich.progress import Progress

    from shotline.io import imports
    from shotline.production.models import Project

    if policy not in ("skip", "overwrite", "stop"):
        raise _fail("--policy is skip, overwrite or stop.")
    db = _db()
    try:
        with db.unit_of_work() as session:
            organization = accounts.find_organization(session, name=org or None)
            if organization is None:
                raise _fail("No such organization (name one with --org).")
            project = (
                session.query(Project)
                .filter_by(organization_id=organization.id, code=project_code)
                .one_or_none()
            )
            if project is None:
                raise _fail(f"No project {project_code}.")
            actor = Actor.system(organization.id)
            job = imports.create_import(
                session,
                actor,
                project.id,
                entity=entity,
                file_name=file.name,
                data=file.read_bytes(),
                date_format=date_format,
            )
            if map_ or key:
                columns: dict[str, str | None] = dict(job.mapping)
                for item in map_ or []:
                    header, _, path = item.partition("=")
                    columns[header] = path or None
                imports.set_mapping(session, actor, job.id, columns=columns, key=key or job.key)
            _job, plan = imports.preview_import(session, actor, job.id)
            typer.echo(f"{file.name}: {job.encoding}, {job.delimiter!r}, mapping {job.mapping}")
            typer.echo("preview: " + ", ".join(f"{k} {v}" for k, v in plan.summary.items()))
            for row in [r for r in plan.rows if r.action == "error"][:20]:
                typer.echo(f"  row {row.row}: {row.errors}")
            if dry_run:
                session.rollback()
                return
            with Progress() as bar:
                task = bar.add_task("importing", total=max(len(plan.rows), 1))
                result = imports.commit_import(
                    session,
                    actor,
                    job.id,
                    conflict_policy=policy,  # type: ignore[arg-type]
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
            typer.echo(
                f"created {result.created}, updated {result.updated}, unchanged "
                f"{result.unchanged}, skipped {result.skipped}; batch {result.batch_id}"
            )
    except ShotlineError as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in list(exc.fields.items())[:20])
        raise _fail(f"{exc.message} {detail}".strip()) from None
    finally:
        db.dispose()


@app.command("purge-archived")
def purge_archived(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count.")] = False,
    org: Annotated[str, typer.Option(help="Organization name, when several exist.")] = "",
) -> None:
    """Delete archived rows older than the organization's `archive_retention_days`."""
    from shotline.io import retention

    db = _db()
    try:
        with db.unit_of_work() as session:
            organization = accounts.find_organization(session, name=org or None)
            if organization is None:
                raise _fail("No such organization (name one with --org).")
            result = retention.purge_archived(
                session, Actor.system(organization.id), dry_run=dry_run
            )
            if result.retention_days is None:
                typer.echo("No retention set (archive_retention_days): nothing to purge.")
                return
            verb = "would delete" if dry_run else "deleted"
            counts = ", ".join(f"{n} {t}" for t, n in result.deleted.items())
            typer.echo(f"archived before {result.cutoff:%Y-%m-%d %H:%M}: {verb} {counts}")
            if dry_run:
                session.rollback()
    finally:
        db.dispose()


@app.command()
def reindex() -> None:
    """Rebuild the global search index from the tables (it is kept in sync on every write;
    use this after restoring a backup or changing what is indexed)."""
    db = _db()
    try:
        with db.unit_of_work() as session:
            counts = search_index.reindex_all(session)
        typer.echo("indexed " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    finally:
        db.dispose()


@app.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Print the OpenAPI schema (the web app's client is generated from it)."""
    from shotline.app import create_app

    db = Database.from_url("sqlite://")
    schema = create_app(db=db).openapi()
    text = json.dumps(schema, indent=2, sort_keys=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text)
    db.dispose()


def main() -> None:
    app()
