"""Imports every domain's models so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from shotline.auth import models as auth_models
from shotline.events import models as event_models

MODEL_MODULES = (auth_models, event_models)
