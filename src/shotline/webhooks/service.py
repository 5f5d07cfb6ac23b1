"""Webhook subscriptions (admins and producers) and their delivery log.

Invariants:
- the URL passes the outbound checks when saved (422 otherwise) and again at every
  delivery (addresses can change);
- the secret (`whsec_` + base64 of 32 random bytes) is returned once, by `create`; reads
  never include it;
- a new subscription starts at the current end of the log: it receives what happens next;
- a subscription of another organization, or an archived one, is 404;
- events: `webhook.created`, `webhook.updated`, `webhook.archived`, `webhook_delivery.redelivered`
  (with no secrets in them).
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events, outbound
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.config import Settings
from shotline.db.types import utcnow
from shotline.errors import NotFound, ValidationFailed
from shotline.events.consumers import last_event_id
from shotline.production.models import Project
from shotline.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

FIELDS = ("url", "description", "event_types", "project_id", "active")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _check(session: Session, actor: Actor, settings: Settings, values: dict[str, Any]) -> None:
    if "url" in values:
        try:
            outbound.check_url(values["url"], settings)
        except outbound.RefusedTarget as exc:
            raise ValidationFailed(fields={"url": f"refused: {exc.reason}"}) from exc
    if values.get("project_id") is not None:
        project = session.get(Project, values["project_id"])
        if project is None or not policy.can_see(actor, project):
            raise ValidationFailed(fields={"project_id": "no such project"})


def create_subscription(
    session: Session, actor: Actor, *, settings: Settings, **values: Any
) -> WebhookSubscription:
    policy.require(actor, "manage_webhooks", None)
    _check(session, actor, settings, values)
    sub = WebhookSubscription(
        organization_id=actor.organization_id,
        secret=new_secret(),
        last_event_id=last_event_id(session),
        **values,
    )
    session.add(sub)
    session.flush()
    events.record(session, actor, "webhook.created", sub, events.snapshot(sub, FIELDS))
    return sub


def get_subscription(session: Session, actor: Actor, sub_id: int) -> WebhookSubscription:
    sub = session.get(WebhookSubscription, sub_id)
    if sub is None or sub.archived_at is not None or not policy.can_see(actor, sub):
        raise NotFound()
    return sub


def list_subscriptions(session: Session, actor: Actor) -> list[WebhookSubscription]:
    policy.require(actor, "manage_webhooks", None)
    stmt = select(WebhookSubscription).where(policy.visible(actor, WebhookSubscription))
    return list(session.scalars(stmt.order_by(WebhookSubscription.id)))


def update_subscription(
    session: Session, actor: Actor, sub_id: int, *, settings: Settings, updates: dict[str, Any]
) -> WebhookSubscription:
    sub = get_subscription(session, actor, sub_id)
    policy.require(actor, "manage_webhooks", sub)
    _check(session, actor, settings, updates)
    if updates.get("active") and not sub.active:
        sub.disabled_reason = None
    changes = events.apply_changes(sub, updates)
    if changes:
        session.flush()
        events.record(session, actor, "webhook.updated", sub, changes)
    return sub


def archive_subscription(session: Session, actor: Actor, sub_id: int) -> None:
    sub = get_subscription(session, actor, sub_id)
    policy.require(actor, "manage_webhooks", sub)
    sub.archived_at = utcnow()
    sub.active = False
    session.flush()
    events.record(session, actor, "webhook.archived", sub, {"archived_at": [None, "now"]})


def list_deliveries(
    session: Session, actor: Actor, sub_id: int, *, before_id: int | None, limit: int
) -> list[WebhookDelivery]:
    sub = get_subscription(session, actor, sub_id)
    stmt = select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub.id)
    if before_id is not None:
        stmt = stmt.where(WebhookDelivery.id < before_id)
    return list(session.scalars(stmt.order_by(WebhookDelivery.id.desc()).limit(limit)))


def redeliver(session: Session, actor: Actor, delivery_id: int) -> WebhookDelivery:
    """Send this event to this subscription again, now (whatever happened before)."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise NotFound()
    sub = get_subscription(session, actor, delivery.subscription_id)
    policy.require(actor, "manage_webhooks", sub)
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = utcnow()
    session.flush()
    events.record(
        session,
        actor,
        "webhook_delivery.redelivered",
        delivery,
        data={"subscription_id": sub.id, "event_id": delivery.event_id},
        organization_id=sub.organization_id,
    )
    return delivery
