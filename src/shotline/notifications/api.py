"""Routes: the inbox, preferences, the overdue scan on demand."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from shotline.deps import CurrentActor, DbSession
from shotline.notifications import service, slack
from shotline.notifications.models import NotificationType, SlackIntegration
from shotline.notifications.preferences import Choice
from shotline.notifications.schemas import (
    NotificationPage,
    NotificationRead,
    OverdueScanRequest,
    OverdueScanResult,
    PreferenceChoice,
    Preferences,
    PreferencesUpdate,
    ReadAllResult,
    SlackIntegrationRead,
    SlackIntegrationUpdate,
    UnreadCount,
)

router = APIRouter(prefix="/api/v1", tags=["notifications"])


@router.get("/notifications", summary="My notifications")
def list_notifications(
    actor: CurrentActor,
    session: DbSession,
    unread_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> NotificationPage:
    """The caller's in-app notifications: unread first, then newest first."""
    rows = service.list_notifications(
        session, actor, unread_only=unread_only, limit=limit, offset=offset
    )
    return NotificationPage(
        items=[NotificationRead.model_validate(r) for r in rows],
        unread=service.unread_count(session, actor),
    )


@router.get("/notifications/unread-count", summary="How many unread notifications")
def count_unread_notifications(actor: CurrentActor, session: DbSession) -> UnreadCount:
    """The number in the header bell."""
    return UnreadCount(unread=service.unread_count(session, actor))


@router.post("/notifications/read-all", summary="Mark all my notifications read")
def read_all_notifications(actor: CurrentActor, session: DbSession) -> ReadAllResult:
    """Marks every unread notification of the caller read; returns how many changed."""
    return ReadAllResult(marked=service.mark_all_read(session, actor))


@router.post("/notifications/{notification_id}/read", summary="Mark a notification read")
def read_notification(
    notification_id: int, actor: CurrentActor, session: DbSession
) -> NotificationRead:
    """Only the recipient may; anyone else's id answers 404. Marking twice is harmless."""
    return NotificationRead.model_validate(service.mark_read(session, actor, notification_id))


def _preferences(choices: dict[NotificationType, Choice]) -> Preferences:
    return Preferences(
        preferences={k: PreferenceChoice.model_validate(asdict(v)) for k, v in choices.items()}
    )


@router.get("/me/notification-preferences", summary="My notification preferences")
def get_notification_preferences(actor: CurrentActor, session: DbSession) -> Preferences:
    """For each type: in-app on/off, e-mail off / immediate / digest, Slack on/off."""
    return _preferences(service.get_preferences(session, actor))


@router.put("/me/notification-preferences", summary="Change my notification preferences")
def put_notification_preferences(
    body: PreferencesUpdate, actor: CurrentActor, session: DbSession
) -> Preferences:
    """Set the listed types (and, per type, only the given channels); others are kept."""
    choices = {k: v.model_dump(exclude_none=True) for k, v in body.preferences.items()}
    return _preferences(service.put_preferences(session, actor, choices=choices))


@router.post("/notifications/scan-overdue", summary="Notify assignees of overdue tasks now")
def scan_overdue_tasks(
    actor: CurrentActor, session: DbSession, body: OverdueScanRequest | None = None
) -> OverdueScanResult:
    """The daily overdue scan, on demand (admins and producers). A task already noticed
    today is skipped, so running it again is harmless."""
    today = (body.today if body else None) or datetime.now(UTC).date()
    return OverdueScanResult(task_ids=service.scan_overdue(session, actor, today=today))


def _slack(row: SlackIntegration) -> SlackIntegrationRead:
    return SlackIntegrationRead(
        project_id=row.project_id,
        webhook_url_masked=slack.mask(row.webhook_url),
        types=[NotificationType(t) for t in row.types],
        active=row.active,
    )


@router.get("/projects/{project_id}/slack", tags=["slack"], summary="A project's Slack channel")
def get_project_slack(
    project_id: int, actor: CurrentActor, session: DbSession
) -> SlackIntegrationRead:
    """The project's Slack-compatible incoming webhook (URL masked); 404 when none is set.
    Admins, producers and supervisors of the project."""
    return _slack(slack.get_integration(session, actor, project_id))


@router.put("/projects/{project_id}/slack", tags=["slack"], summary="Set a project's Slack channel")
def put_project_slack(
    project_id: int,
    body: SlackIntegrationUpdate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> SlackIntegrationRead:
    """Create or change the integration: an incoming-webhook URL of Slack, Mattermost or
    Discord (`.../slack`), the notification types to post, on/off. The URL is checked like
    webhook URLs and never shown again in full."""
    row = slack.put_integration(
        session,
        actor,
        project_id,
        settings=request.app.state.settings,
        webhook_url=body.webhook_url,
        types=body.types,
        active=body.active,
    )
    return _slack(row)


@router.delete(
    "/projects/{project_id}/slack", status_code=204, tags=["slack"], summary="Remove Slack"
)
def delete_project_slack(project_id: int, actor: CurrentActor, session: DbSession) -> Response:
    """Stops posting to the project's channel and forgets the URL."""
    slack.delete_integration(session, actor, project_id)
    return Response(status_code=204)
