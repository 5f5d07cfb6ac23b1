"""Argon2 password hashing (pwdlib) with costs from settings."""

from __future__ import annotations

from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from shotline.config import get_settings
from shotline.errors import ValidationFailed


@lru_cache
def _hasher() -> PasswordHash:
    s = get_settings()
    return PasswordHash(
        (
            Argon2Hasher(
                time_cost=s.argon2_time_cost,
                memory_cost=s.argon2_memory_kib,
                parallelism=s.argon2_parallelism,
            ),
        )
    )


@lru_cache
def _dummy_hash() -> str:
    # Verified against when the account does not exist, so both paths cost the same.
    return _hasher().hash("shotline-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _hasher().verify(password, _dummy_hash())
        return False
    return _hasher().verify(password, password_hash)


def check_strength(password: str, *, field: str = "password") -> None:
    minimum = get_settings().password_min_length
    if len(password) < minimum:
        raise ValidationFailed(
            f"Passwords need at least {minimum} characters.",
            fields={field: f"must be at least {minimum} characters"},
        )
    if password.strip() != password or not password.strip():
        raise ValidationFailed(
            "Passwords may not start or end with spaces.",
            fields={field: "may not start or end with spaces"},
        )
