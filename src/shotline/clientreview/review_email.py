"""Review e-mail ("Send Review Email"): a link's URL, its project, the shots/tasks in it and
an optional message, to one or more people, through the server's SMTP settings.

Invariants:
- a link's token is never stored (only its SHA-256), so the e-mail goes out in the request
  that knows the token: when the link is created (`email` in the create body, also through
  Share With Client) or later with the token the sender was shown, checked against the hash
  (422 naming `token`). Nothing — not even a job — ever holds the token;
- supervisors of the project, producers and admins (`send_review_email`); artists 403,
  clients, other projects and other organizations 404;
- only a live link is sent (409 `review_session_not_live`); no SMTP host configured is
  409 `email_not_configured`; an SMTP failure is 502 `email_failed` and the request's
  writes roll back (a link created in the same request is not created);
- the mail is sent while the request's transaction is open, so a failed send leaves
  nothing behind; event `review_session.emailed` (data: recipients, has_message), never
  the token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.clientreview import client, sessions
from shotline.clientreview.models import ReviewSession
from shotline.config import Settings
from shotline.db.types import utcnow
from shotline.errors import Conflict, ShotlineError
from shotline.notifications import email as mailer
from shotline.review.models import Version

SUBJECT_LIMIT = 150


class EmailNotConfigured(Conflict):
    code = "email_not_configured"
    default_message = "E-mail is not set up on this server (SHOTLINE_SMTP_HOST)."


class LinkNotLive(Conflict):
    code = "review_session_not_live"
    default_message = "This review link is expired or revoked; create or regenerate one."


class EmailFailed(ShotlineError):
    status = 502
    code = "email_failed"
    default_message = "The e-mail could not be sent."


@dataclass(frozen=True)
class ReviewEmail:
    to: list[str]
    subject: str
    body: str


def compose(
    project_name: str, link_name: str, url: str, labels: Sequence[str], message: str | None
) -> tuple[str, str]:
    """(subject, body) of a review e-mail."""
    what = ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")
    subject = f"[{project_name}] Ready for your review" + (f": {what}" if what else "")
    lines = [f"{project_name} has shared work with you for review ({link_name})."]
    if labels:
        lines += ["", "To review:", *[f"- {label}" for label in labels]]
    if message:
        lines += ["", "Message:", message]
    lines += ["", f"Open the review: {url}", "", "This link is personal; please do not forward it."]
    return subject[:SUBJECT_LIMIT], "\n".join(lines) + "\n"


def send_for(
    session: Session,
    actor: Actor,
    settings: Settings,
    row: ReviewSession,
    *,
    token: str,
    to: Sequence[str],
    message: str | None,
) -> ReviewEmail:
    """Send the link `row` (whose current token is `token`) to `to` and record it."""
    policy.require(actor, "send_review_email", row)
    sessions.check_token(row, token)
    if not row.is_live(utcnow()):
        raise LinkNotLive()
    if not settings.smtp_host:
        raise EmailNotConfigured()
    ids = sessions.version_ids(session, [row.id])[row.id]
    where = [Version.id.in_(ids)] if ids else [Version.id.is_(None)]
    labels = [r.label for r in client.labelled(session, actor, where)]
    url = sessions.share_url(settings.public_url, token)
    subject, body = compose(row.project.name, row.name, url, labels, message)
    recipients = list(dict.fromkeys(to))
    try:  # one message to everyone: all of them get it, or none
        mailer.send(settings, to=", ".join(recipients), subject=subject, body=body)
    except mailer.SendFailed as exc:
        raise EmailFailed(f"The e-mail could not be sent: {exc.args[0]}") from exc
    events.record(
        session,
        actor,
        "review_session.emailed",
        row,
        {},
        data={"recipients": recipients, "has_message": bool(message)},
    )
    return ReviewEmail(recipients, subject, body)


def send_review_email(
    session: Session,
    actor: Actor,
    settings: Settings,
    review_session_id: int,
    *,
    token: str,
    to: Sequence[str],
    message: str | None,
) -> ReviewEmail:
    """ "Send Review Email" for an existing link, with the token the sender was shown."""
    row = sessions.get_session(session, actor, review_session_id)
    return send_for(session, actor, settings, row, token=token, to=to, message=message)
