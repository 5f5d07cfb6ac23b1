"""Loads every domain's registry descriptions (import side effects register them)."""

from __future__ import annotations

from shotline.auth import entities as auth_entities

ENTITY_MODULES = (auth_entities,)
