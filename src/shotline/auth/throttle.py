"""Fixed-window rate limits stored in the database, so every server process shares them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shotline.auth.models import RateLimitBucket
from shotline.db.types import utcnow


def retry_after(session: Session, key: str, limit: int) -> int | None:
    """Seconds to wait if `key` has reached `limit` in its current window, else None."""
    bucket = session.get(RateLimitBucket, key)
    now = utcnow()
    if bucket is None or bucket.window_end <= now or bucket.count < limit:
        return None
    return max(1, int((bucket.window_end - now).total_seconds()) + 1)


def hit(session: Session, key: str, window_seconds: int) -> int:
    """Count one attempt against `key`; returns the count in the current window."""
    now = utcnow()
    bucket = session.get(RateLimitBucket, key, with_for_update=True)
    if bucket is None:
        bucket = RateLimitBucket(
            key=key, count=0, window_end=now + timedelta(seconds=window_seconds)
        )
        session.add(bucket)
    elif bucket.window_end <= now:
        bucket.count = 0
        bucket.window_end = now + timedelta(seconds=window_seconds)
    bucket.count += 1
    session.flush()
    return bucket.count


def reset(session: Session, key: str) -> None:
    session.execute(delete(RateLimitBucket).where(RateLimitBucket.key == key))


def purge_expired(session: Session) -> int:
    now = utcnow()
    keys = list(
        session.scalars(select(RateLimitBucket.key).where(RateLimitBucket.window_end <= now))
    )
    if keys:
        session.execute(delete(RateLimitBucket).where(RateLimitBucket.key.in_(keys)))
    return len(keys)
