"""The event-log consumers run by the queue: after each commit that wrote events (a kick),
every minute as a safety net, and the daily scans.

Each consumer keeps its own cursor and is idempotent, so a kick and the periodic run
overlapping, or two workers, only cost a little time.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shotline.auth.actor import Actor
from shotline.auth.models import Organization
from shotline.jobs.registry import JobContext

log = logging.getLogger("shotline.jobs")


def run(context: JobContext) -> None:
    from shotline.notifications import email, notifier, slack
    from shotline.webhooks import dispatch

    grace = context.settings.event_gap_grace_seconds
    notifier.consume(context.db, grace=grace)
    dispatch.fan_out(context.db, grace=grace)
    dispatch.deliver_due(context.db, context.settings)
    email.send_pending(context.db, context.settings)
    slack.post(context.db, context.settings, grace=grace)


def send_digests(context: JobContext) -> None:
    """Yesterday's digest (UTC), sent in the morning; a second run the same day sends
    nothing more."""
    from shotline.notifications import email

    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    email.send_digests(context.db, context.settings, day=yesterday)


def scan_overdue(context: JobContext) -> None:
    from shotline.notifications import service

    today = datetime.now(UTC).date()
    with context.db.unit_of_work() as session:
        org_ids = list(session.scalars(select(Organization.id)))
    for org_id in org_ids:
        with context.db.unit_of_work() as session:
            service.scan_overdue(session, Actor.system(org_id), today=today)


def cleanup_uploads(context: JobContext) -> None:
    from shotline.media.cleanup import cleanup_uploads as cleanup

    settings = context.settings
    cleanup(settings.uploads_dir, expiry=timedelta(hours=settings.upload_expiry_hours))


def purge_archived(context: JobContext) -> None:
    """Daily: each organization's archived rows past its retention setting."""
    from shotline.io import retention

    with context.db.unit_of_work() as session:
        org_ids = list(session.scalars(select(Organization.id)))
    for org_id in org_ids:
        try:
            with context.db.unit_of_work() as session:
                result = retention.purge_archived(session, Actor.system(org_id))
            if result.batch_id:
                log.info("retention purge org %s: %s", org_id, result.deleted)
        except Exception:  # one organization's failure must not stop the others
            log.exception("retention purge failed for organization %s", org_id)
