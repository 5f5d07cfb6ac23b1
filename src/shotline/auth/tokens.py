"""Random secrets (session tokens, API keys): ≥ 128 bits, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets

API_KEY_PREFIX = "shl"


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


def new_api_key() -> tuple[str, str]:
    """Return `(full_key, prefix)`; the prefix is shown in lists to tell keys apart."""
    prefix = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}", prefix


def new_password(length: int = 16) -> str:
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(length))
