"""E-mail for notifications: immediate ones as they come, the rest in a daily digest.

Invariants:
- nothing is sent without `SHOTLINE_SMTP_HOST`; rows then stay `pending` / `digest`;
- an immediate e-mail is claimed in its own short transaction (attempts + 1, `emailed_at` =
  now, only if still `pending` and not tried in the last `retry_seconds`), sent outside any
  transaction, then marked `sent` (reason cleared) or left `pending` with the reason;
  so a row marked sent is never sent again, and two workers never send the same row at once;
- a digest is one e-mail per person per day: the `email_digest` row (account, day) is
  claimed first; its notifications become `sent` when it succeeds; a failure keeps the
  reason on the row and the next run tries again;
- after `MAX_ATTEMPTS` failures an immediate e-mail becomes `failed` (kept in the inbox);
- links point at `SHOTLINE_PUBLIC_URL`.
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage

from sqlalchemy import or_, select, update

from shotline.auth.models import Account
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.db.types import utcnow
from shotline.notifications.models import EmailDigest, EmailState, Notification

MAX_ATTEMPTS = 10
RETRY_SECONDS = 60.0
SUBJECT_LIMIT = 150


class SendFailed(Exception):
    pass


def link(settings: Settings, entity_type: str, entity_id: int | None) -> str:
    base = settings.public_url.rstrip("/")
    if entity_id is not None and entity_type in ("task", "version", "shot", "asset", "project"):
        return f"{base}/{entity_type}s/{entity_id}"
    return f"{base}/notifications"


def send(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """One message through the configured SMTP server; raises `SendFailed` with a reason."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                smtp.login(settings.smtp_username, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendFailed(f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def send_pending(
    db: Database, settings: Settings, *, retry_seconds: float = RETRY_SECONDS, limit: int = 200
) -> int:
    """Send every immediate e-mail that is due; returns how many were sent."""
    if not settings.smtp_host:
        return 0
    now = utcnow()
    due = or_(
        Notification.emailed_at.is_(None),
        Notification.emailed_at <= now - timedelta(seconds=retry_seconds),
    )
    with db.read() as session:
        ids = list(
            session.scalars(
                select(Notification.id)
                .where(Notification.email_state == EmailState.PENDING, due)
                .order_by(Notification.id)
                .limit(limit)
            )
        )
    sent = 0
    for notification_id in ids:
        with db.unit_of_work() as session:
            claimed = session.execute(
                update(Notification)
                .where(
                    Notification.id == notification_id,
                    Notification.email_state == EmailState.PENDING,
                    due,
                )
                .values(email_attempts=Notification.email_attempts + 1, emailed_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue
            row = session.get(Notification, notification_id)
            account = session.get(Account, row.recipient_id) if row else None
            if row is None or account is None:
                continue
            to, text, attempts = account.email, row.text, row.email_attempts
            url = link(settings, row.entity_type, row.entity_id)
        subject = f"[Shotline] {text}"[:SUBJECT_LIMIT]
        body = f"{text}\n\nOpen in Shotline: {url}\n"
        try:
            send(settings, to=to, subject=subject, body=body)
        except SendFailed as exc:
            _record_failure(db, notification_id, exc.args[0], attempts)
            continue
        with db.unit_of_work() as session:
            session.execute(
                update(Notification)
                .where(Notification.id == notification_id)
                .values(email_state=EmailState.SENT, emailed_at=utcnow(), email_error=None)
                .execution_options(synchronize_session=False)
            )
        sent += 1
    return sent


def _record_failure(db: Database, notification_id: int, reason: str, attempts: int) -> None:
    state = EmailState.FAILED if attempts >= MAX_ATTEMPTS else EmailState.PENDING
    with db.unit_of_work() as session:
        session.execute(
            update(Notification)
            .where(Notification.id == notification_id)
            .values(email_state=state, email_error=reason[:500])
            .execution_options(synchronize_session=False)
        )


def send_digests(
    db: Database, settings: Settings, *, day: date, retry_seconds: float = RETRY_SECONDS
) -> int:
    """The digest of `day` for each person with digest notifications created up to the end of
    that day; returns how many digests were sent."""
    if not settings.smtp_host:
        return 0
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=utcnow().tzinfo)
    with db.read() as session:
        rows = session.execute(
            select(Notification.recipient_id, Notification.id)
            .where(Notification.email_state == EmailState.DIGEST, Notification.created_at < end)
            .order_by(Notification.recipient_id, Notification.id)
        ).all()
    wanted: dict[int, list[int]] = defaultdict(list)
    for recipient_id, notification_id in rows:
        wanted[recipient_id].append(notification_id)
    sent = 0
    for recipient_id, notification_ids in wanted.items():
        if _send_digest(db, settings, recipient_id, day, notification_ids, retry_seconds):
            sent += 1
    return sent


def _send_digest(
    db: Database,
    settings: Settings,
    recipient_id: int,
    day: date,
    notification_ids: list[int],
    retry_seconds: float,
) -> bool:
    now = utcnow()
    with db.unit_of_work() as session:
        digest = session.get(EmailDigest, (recipient_id, day), with_for_update=True)
        if digest is not None and digest.sent_at is not None:
            return False  # today's digest went out; later ones wait for tomorrow
        if (
            digest is not None
            and digest.last_attempt_at is not None
            and digest.last_attempt_at > now - timedelta(seconds=retry_seconds)
        ):
            return False
        if digest is None:
            digest = EmailDigest(account_id=recipient_id, day=day, attempts=0)
            session.add(digest)
        digest.notification_ids = notification_ids
        digest.attempts += 1
        digest.last_attempt_at = now
        account = session.get(Account, recipient_id)
        items = list(
            session.scalars(
                select(Notification)
                .where(Notification.id.in_(notification_ids))
                .order_by(Notification.id)
            )
        )
        if account is None or not items:
            return False
        to = account.email
        lines = [f"- {n.text}\n  {link(settings, n.entity_type, n.entity_id)}" for n in items]
    count = len(lines)
    subject = f"[Shotline] Your daily digest for {day.isoformat()}: {count} notification" + (
        "s" if count != 1 else ""
    )
    body = (
        f"What happened on {day.isoformat()}:\n\n"
        + "\n".join(lines)
        + f"\n\nAll notifications: {settings.public_url.rstrip('/')}/notifications\n"
    )
    try:
        send(settings, to=to, subject=subject, body=body)
    except SendFailed as exc:
        with db.unit_of_work() as session:
            digest = session.get(EmailDigest, (recipient_id, day))
            if digest is not None:
                digest.error = exc.args[0][:500]
        return False
    with db.unit_of_work() as session:
        digest = session.get(EmailDigest, (recipient_id, day))
        if digest is not None:
            digest.sent_at, digest.error = utcnow(), None
        session.execute(
            update(Notification)
            .where(
                Notification.id.in_(notification_ids),
                Notification.email_state == EmailState.DIGEST,
            )
            .values(email_state=EmailState.SENT, emailed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    return True
