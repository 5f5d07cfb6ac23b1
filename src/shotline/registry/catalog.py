"""Loads every domain's registry descriptions (import side effects register them)."""

from __future__ import annotations

from shotline.auth import entities as auth_entities
from shotline.production import entities as production_entities
from shotline.tasks import entities as task_entities

ENTITY_MODULES = (auth_entities, production_entities, task_entities)
