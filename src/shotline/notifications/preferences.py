"""Per-person notification preferences: a row per changed type, defaults for the rest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.notifications.models import EmailMode, NotificationPreference, NotificationType

T = NotificationType


@dataclass(frozen=True)
class Choice:
    in_app: bool
    email: EmailMode
    slack: bool


# Things a person must act on come by e-mail at once; the rest in the daily digest.
IMMEDIATE = frozenset(
    {
        T.TASK_ASSIGNED,
        T.TASK_CHANGES_REQUESTED,
        T.MENTIONED,
        T.CLIENT_APPROVED,
        T.CLIENT_CHANGES_REQUESTED,
        T.CLIENT_COMMENTED,
    }
)
DEFAULTS: dict[NotificationType, Choice] = {
    t: Choice(True, EmailMode.IMMEDIATE if t in IMMEDIATE else EmailMode.DIGEST, False)
    for t in NotificationType
}


def for_accounts(
    session: Session, account_ids: set[int]
) -> dict[int, dict[NotificationType, Choice]]:
    result: dict[int, dict[NotificationType, Choice]] = defaultdict(lambda: dict(DEFAULTS))
    if not account_ids:
        return result
    rows = session.scalars(
        select(NotificationPreference).where(NotificationPreference.account_id.in_(account_ids))
    )
    for row in rows:
        result[row.account_id][row.type] = Choice(row.in_app, row.email, row.slack)
    return result
