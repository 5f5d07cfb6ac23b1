"""Task views every studio needs, as filters for the query engine (so they compose)."""

from __future__ import annotations

import datetime as dt
import enum

from shotline.auth.actor import Actor
from shotline.errors import ValidationFailed
from shotline.registry.spec import Condition, Group, Op
from shotline.tasks.models import StatusCategory


class TaskView(enum.StrEnum):
    MINE = "mine"
    DUE_TODAY = "due_today"
    DUE_THIS_WEEK = "due_this_week"
    OVERDUE = "overdue"
    AWAITING_REVIEW = "awaiting_review"
    AWAITING_INTERNAL_REVIEW = "awaiting_internal_review"
    AWAITING_CLIENT_REVIEW = "awaiting_client_review"


def today_utc() -> dt.date:
    """Today's date for due-date views (UTC; a per-studio time zone is a later setting)."""
    return dt.datetime.now(dt.UTC).date()


CLOSED = [StatusCategory.DONE.value, StatusCategory.OMITTED.value]
OPEN_NOT_HELD = [*CLOSED, StatusCategory.ON_HOLD.value]


def view_filters(view: TaskView, actor: Actor, today: dt.date) -> list[Condition | Group]:
    """The filters a named view adds; views combine with any other filters."""
    category = "status.category"
    if view == TaskView.MINE:
        if actor.account_id is None:
            raise ValidationFailed(
                "Only an account has tasks of its own.", fields={"view": "needs an account"}
            )
        return [Condition(field="assignees.id", op=Op.EQ, value=actor.account_id)]
    if view == TaskView.DUE_TODAY:
        return [
            Condition(field="due_date", op=Op.EQ, value=today.isoformat()),
            Condition(field=category, op=Op.NOT_IN, value=CLOSED),
        ]
    if view == TaskView.DUE_THIS_WEEK:
        end = today + dt.timedelta(days=6 - today.weekday())
        return [
            Condition(field="due_date", op=Op.BETWEEN, value=[today.isoformat(), end.isoformat()]),
            Condition(field=category, op=Op.NOT_IN, value=CLOSED),
        ]
    if view == TaskView.OVERDUE:
        return [
            Condition(field="due_date", op=Op.LT, value=today.isoformat()),
            Condition(field=category, op=Op.NOT_IN, value=OPEN_NOT_HELD),
        ]
    review = {
        TaskView.AWAITING_REVIEW: [
            StatusCategory.INTERNAL_REVIEW.value,
            StatusCategory.CLIENT_REVIEW.value,
        ],
        TaskView.AWAITING_INTERNAL_REVIEW: [StatusCategory.INTERNAL_REVIEW.value],
        TaskView.AWAITING_CLIENT_REVIEW: [StatusCategory.CLIENT_REVIEW.value],
    }[view]
    return [Condition(field=category, op=Op.IN, value=review)]
