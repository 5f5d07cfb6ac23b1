"""Job tests reuse the media fixtures (settings, storage, in-memory queue)."""

from tests.api.media.conftest import media_settings, queue, storage

__all__ = ["media_settings", "queue", "storage"]
