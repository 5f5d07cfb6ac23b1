"""Imports every domain's models so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from shotline.auth import models as auth_models
from shotline.clientreview import models as clientreview_models
from shotline.events import models as event_models
from shotline.io import models as io_models
from shotline.jobs import models as job_models
from shotline.media import models as media_models
from shotline.notifications import models as notification_models
from shotline.production import models as production_models
from shotline.review import models as review_models
from shotline.search import models as search_models
from shotline.tasks import models as task_models
from shotline.webhooks import models as webhook_models

MODEL_MODULES = (
    auth_models,
    event_models,
    production_models,
    task_models,
    job_models,
    media_models,
    review_models,
    clientreview_models,
    notification_models,
    webhook_models,
    io_models,
    search_models,
)
