"""Settings from the environment (`SHOTLINE_*`) or a `.env` file.

Defaults are the embedded mode: SQLite and media under `./data`, jobs in-process.
Changing `SHOTLINE_DATABASE_URL` to a `postgresql+psycopg://` URL is the only step
needed to run on PostgreSQL.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SHOTLINE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    storage_url: str = ""

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

    log_level: str = "info"

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


@lru_cache
def get_settings() -> Settings:
    return Settings()
