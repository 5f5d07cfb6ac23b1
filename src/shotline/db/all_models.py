"""Imports every domain's models so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from shotline.auth import models as auth_models
from shotline.events import models as event_models
from shotline.jobs import models as job_models
from shotline.media import models as media_models

MODEL_MODULES = (auth_models, event_models, job_models, media_models)
