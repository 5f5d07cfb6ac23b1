"""Job definitions: a name, a function and its retry policy. Domains register theirs here.

A job function takes the `JobContext` (database, storage, settings) and the job's keyword
arguments (ids, never objects). It opens its own sessions, must be idempotent (it may run
again after a crash or a retry), and raises `JobFailed` for a failure retrying cannot fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.media.storage import Storage


class JobFailed(Exception):
    """A permanent failure: recorded with `reason`, never retried automatically."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class JobContext:
    db: Database
    storage: Storage
    settings: Settings


JobFunc = Callable[..., None]


@dataclass(frozen=True)
class JobSpec:
    name: str
    func: JobFunc
    retries: int = 3
    retry_delay: float = 5.0
    retry_backoff: float = 3.0  # 5 s, 15 s, 45 s
    # Called with the job's arguments and the reason when the last attempt fails.
    on_give_up: Callable[..., None] | None = None

    @property
    def max_attempts(self) -> int:
        return self.retries + 1


_REGISTRY: dict[str, JobSpec] = {}


def job(
    name: str,
    *,
    retries: int = 3,
    retry_delay: float = 5.0,
    retry_backoff: float = 3.0,
    on_give_up: Callable[..., None] | None = None,
) -> Callable[[JobFunc], JobFunc]:
    """Register `func` as the job `name` (`<domain>.<verb>`)."""

    def register(func: JobFunc) -> JobFunc:
        _REGISTRY[name] = JobSpec(name, func, retries, retry_delay, retry_backoff, on_give_up)
        return func

    return register


def get_spec(name: str) -> JobSpec:
    load_all()
    return _REGISTRY[name]


def all_specs() -> list[JobSpec]:
    load_all()
    return list(_REGISTRY.values())


def load_all() -> None:
    """Import every module that defines jobs (like `db.all_models` for tables)."""
    from shotline.clientreview import downloads as _client_downloads  # noqa: F401
    from shotline.media import jobs as _media_jobs  # noqa: F401
    from shotline.search import index as _search_index  # noqa: F401  (index kept in sync)
