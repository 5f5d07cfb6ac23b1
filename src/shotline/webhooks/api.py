"""Routes: webhook subscriptions and deliveries (admins and producers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from shotline.deps import CurrentActor, DbSession
from shotline.webhooks import service
from shotline.webhooks.schemas import (
    DeliveryPage,
    DeliveryRead,
    WebhookCreate,
    WebhookCreated,
    WebhookRead,
    WebhookUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["webhooks"])


@router.post("/webhooks", status_code=201, summary="Subscribe a URL to events")
def create_webhook(
    body: WebhookCreate, request: Request, actor: CurrentActor, session: DbSession
) -> WebhookCreated:
    """Deliveries start with the next event. The answer holds the signing secret, once."""
    sub = service.create_subscription(
        session, actor, settings=request.app.state.settings, **body.model_dump()
    )
    return WebhookCreated.model_validate(sub)


@router.get("/webhooks", summary="Webhook subscriptions")
def list_webhooks(actor: CurrentActor, session: DbSession) -> list[WebhookRead]:
    """Every subscription of the organization (secrets are never shown again)."""
    return [WebhookRead.model_validate(s) for s in service.list_subscriptions(session, actor)]


@router.get("/webhooks/{webhook_id}", summary="One webhook subscription")
def get_webhook(webhook_id: int, actor: CurrentActor, session: DbSession) -> WebhookRead:
    """A subscription, without its secret."""
    return WebhookRead.model_validate(service.get_subscription(session, actor, webhook_id))


@router.patch("/webhooks/{webhook_id}", summary="Change a webhook subscription")
def update_webhook(
    webhook_id: int,
    body: WebhookUpdate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> WebhookRead:
    """Change the URL, filters or project; `active: true` re-enables a disabled one."""
    updates = body.model_dump(exclude_unset=True)
    sub = service.update_subscription(
        session, actor, webhook_id, settings=request.app.state.settings, updates=updates
    )
    return WebhookRead.model_validate(sub)


@router.delete("/webhooks/{webhook_id}", status_code=204, summary="Remove a webhook")
def delete_webhook(webhook_id: int, actor: CurrentActor, session: DbSession) -> Response:
    """Archives the subscription: nothing more is delivered; its log is kept."""
    service.archive_subscription(session, actor, webhook_id)
    return Response(status_code=204)


@router.get("/webhooks/{webhook_id}/deliveries", summary="A webhook's delivery log")
def list_webhook_deliveries(
    webhook_id: int,
    actor: CurrentActor,
    session: DbSession,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DeliveryPage:
    """Newest first: status, attempts, HTTP status, duration, the start of the response."""
    rows = service.list_deliveries(session, actor, webhook_id, before_id=before_id, limit=limit)
    return DeliveryPage(
        items=[DeliveryRead.model_validate(r) for r in rows],
        next_before_id=rows[-1].id if len(rows) == limit else None,
    )


@router.post("/webhook-deliveries/{delivery_id}/redeliver", summary="Send a delivery again")
def redeliver_webhook(delivery_id: int, actor: CurrentActor, session: DbSession) -> DeliveryRead:
    """Queues this event for this subscription again, now."""
    return DeliveryRead.model_validate(service.redeliver(session, actor, delivery_id))
