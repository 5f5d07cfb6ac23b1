"""Settings from the environment (`SHOTLINE_*`) or a `.env` file.

Defaults are the embedded mode: SQLite and media under `./data`, jobs in-process.
Changing `SHOTLINE_DATABASE_URL` to a `postgresql+psycopg://` URL is the only step
needed to run on PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SHOTLINE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    storage_url: str = ""

    # S3-compatible storage (used when storage_url is s3://bucket/prefix)
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None

    # Uploads and media
    max_upload_bytes: int = Field(default=50 * 1024**3, ge=1)
    # Plain multipart POST /api/v1/media (tus has no such limit below max_upload_bytes)
    max_form_upload_bytes: int = Field(default=100 * 1024**2, ge=1024)
    upload_expiry_hours: int = Field(default=24, ge=1)
    # HMAC key for local-disk download URLs; generated under data_dir when unset.
    media_url_secret: SecretStr | None = None
    media_url_seconds: int = Field(default=300, ge=1, le=300)
    # Virus scanner run on every upload before it is served, e.g.
    # "clamdscan --no-summary --fdpass {path}" (exit 0 clean, 1 infected, other error).
    # Empty: files are "not_scanned" and usable at once (configure it in TPN mode).
    scan_command: str = ""
    scan_timeout_seconds: float = Field(default=600.0, gt=0)

    # Jobs: empty = embedded (SQLite queue at <data_dir>/jobs.db, consumed by `serve`)
    redis_url: str = ""
    job_queue_name: str = "shotline"
    worker_threads: int = Field(default=2, ge=1, le=64)
    # Set by `shotline serve` (unless --no-worker): run a consumer inside the server.
    embedded_worker: bool = False

    # Sessions and login
    session_cookie_name: str = "shotline_session"
    # "auto": Secure except for plain http on a loopback address (a local demo).
    cookie_secure: Literal["auto", "true", "false"] = "auto"
    session_idle_minutes: int = Field(default=30, ge=1)
    session_absolute_hours: int = Field(default=12, ge=1)
    password_min_length: int = Field(default=12, ge=8)
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)
    login_ip_limit_per_minute: int = Field(default=30, ge=1)

    # Argon2 cost; tests lower these to keep the suite fast.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)

    # Request limits
    max_json_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)

    # Web app
    web_dist: Path = Path(__file__).resolve().parents[2] / "web" / "dist"
    cors_origins: list[str] = []
    # Who may show share-link pages (`/share/…`, the embed snippet) in a frame: a CSP
    # `frame-ancestors` source list. "*": any site; "'none'": no embedding. Every other
    # page is never framed.
    share_frame_ancestors: str = Field(default="*", pattern=r"^[^;,\r\n]{1,500}$")

    log_level: str = "info"

    # Links in e-mail, Slack and webhook payloads point here.
    public_url: str = "http://localhost:8000"

    # E-mail (SMTP); no host = no e-mail is sent (notifications stay in the inbox).
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_from: str = "Shotline <shotline@localhost>"

    # Outbound HTTP (webhooks, Slack): loopback targets are refused unless this is on
    # (tests and single-machine set-ups that post to a receiver on the same host).
    outbound_allow_loopback: bool = False
    outbound_timeout_seconds: float = Field(default=15.0, gt=0, le=60)

    # Event-log consumers: an id hole younger than this is waited for (a transaction still
    # in flight); older holes are rolled-back transactions and are skipped.
    event_gap_grace_seconds: float = Field(default=10.0, ge=0)
    # Live stream (SSE): comment lines keep proxies from closing idle connections.
    stream_heartbeat_seconds: float = Field(default=15.0, gt=0)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'shotline.db').resolve()}"

    @property
    def resolved_storage_url(self) -> str:
        if self.storage_url:
            return self.storage_url
        return str((self.data_dir / "media").resolve())

    @property
    def uploads_dir(self) -> Path:
        """Where tus uploads in progress live (on disk, so they survive a restart)."""
        return (self.data_dir / "uploads").resolve()

    @property
    def jobs_db_path(self) -> Path:
        return (self.data_dir / "jobs.db").resolve()

    def s3_options(self) -> dict[str, str | None]:
        secret = self.s3_secret_access_key
        return {
            "endpoint_url": self.s3_endpoint_url or None,
            "region": self.s3_region or None,
            "access_key": self.s3_access_key_id or None,
            "secret_key": secret.get_secret_value() if secret else None,
        }

    def media_url_key(self) -> bytes:
        """The HMAC key for signed media URLs: the setting, else a random key kept on disk.

        Every server process of one installation shares `data_dir`, so they share the key;
        a key is never hard-coded.
        """
        if self.media_url_secret is not None and self.media_url_secret.get_secret_value():
            return self.media_url_secret.get_secret_value().encode()
        return _persistent_secret(self.data_dir.resolve() / "media_url_secret")


def _persistent_secret(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)  # atomic: the first process to link wins, the rest read it
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return bytes.fromhex(path.read_text().strip())


@lru_cache
def get_settings() -> Settings:
    return Settings()
