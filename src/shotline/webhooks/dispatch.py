"""Webhook dispatch: from the event log to delivery rows, and delivery rows to receivers.

Invariants:
- fan-out: each active subscription reads the log forward from its own cursor
  (`last_event_id`), filtered by organization, optional project and type filters; the
  cursor moves in the same transaction as the `webhook_delivery` rows, which are unique per
  (subscription, event): at-least-once, never twice in the log;
- delivery follows Standard Webhooks: `webhook-id` = the event id (the same on every
  attempt, for de-duplication), `webhook-timestamp` (seconds), `webhook-signature`
  `v1,<base64 HMAC-SHA256(secret, "id.timestamp.body")>`;
- a due delivery is *leased* before the request (its `next_attempt_at` moves 2 minutes
  ahead) and the outcome is written after: a worker killed mid-delivery leaves the row
  pending, and it is sent again when the lease runs out;
- 2xx = succeeded; 410 = the receiver is gone: the subscription is disabled; anything else
  (or a refused address, a timeout) is retried on the schedule below with ±20 % jitter,
  about three days in all, then `failed`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import random
import time
from datetime import timedelta
from typing import Any

import httpx2 as httpx
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shotline import outbound
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.db.types import utcnow
from shotline.events.consumers import read_forward
from shotline.events.models import Event
from shotline.events.schemas import EventRead
from shotline.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

log = logging.getLogger("shotline.webhooks")

# Delay before attempt n+1 after attempt n fails (seconds): 5 s ... 24 h, ~3 days in total.
SCHEDULE = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
MAX_ATTEMPTS = len(SCHEDULE) + 1
LEASE = timedelta(minutes=2)
BODY_LIMIT = 2048


def matches(sub: WebhookSubscription, event: Event) -> bool:
    if sub.project_id is not None and event.project_id != sub.project_id:
        return False
    if not sub.event_types:
        return True
    return any(
        event.verb.startswith(f) if f.endswith(".") else event.verb == f for f in sub.event_types
    )


def fan_out(db: Database, *, grace: float = 10.0, limit: int = 500) -> int:
    """Turn new events into pending deliveries for every active subscription."""
    created = 0
    with db.unit_of_work() as session:
        sub_ids = list(
            session.scalars(
                select(WebhookSubscription.id).where(
                    WebhookSubscription.active, WebhookSubscription.archived_at.is_(None)
                )
            )
        )
    for sub_id in sub_ids:
        with db.unit_of_work() as session:
            sub = session.scalar(
                select(WebhookSubscription)
                .where(WebhookSubscription.id == sub_id)
                .with_for_update()
            )
            if sub is None or not sub.active:
                continue
            events, position = read_forward(
                session,
                sub.last_event_id,
                limit=limit,
                grace=grace,
                where=[Event.organization_id == sub.organization_id],
            )
            wanted = [e for e in events if matches(sub, e)]
            known = set(
                session.scalars(
                    select(WebhookDelivery.event_id).where(
                        WebhookDelivery.subscription_id == sub.id,
                        WebhookDelivery.event_id.in_([e.id for e in wanted]),
                    )
                )
            )
            now = utcnow()
            for event in wanted:
                if event.id not in known:
                    session.add(
                        WebhookDelivery(
                            subscription_id=sub.id, event_id=event.id, next_attempt_at=now
                        )
                    )
                    created += 1
            sub.last_event_id = position
    return created


def payload(event: Event) -> bytes:
    data = EventRead.model_validate(event).model_dump(mode="json")
    body = {"type": event.verb, "timestamp": data["created_at"], "data": data}
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def _lease_due(session: Session, limit: int) -> list[int]:
    now = utcnow()
    stmt = (
        select(WebhookDelivery)
        .where(
            WebhookDelivery.status == DeliveryStatus.PENDING,
            or_(WebhookDelivery.next_attempt_at.is_(None), WebhookDelivery.next_attempt_at <= now),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(stmt))
    for row in rows:
        row.next_attempt_at = now + LEASE
    return [r.id for r in rows]


def deliver_due(db: Database, settings: Settings, *, limit: int = 50) -> int:
    """Attempt every due delivery once; returns how many were attempted."""
    with db.unit_of_work() as session:
        ids = _lease_due(session, limit)
    for delivery_id in ids:
        attempt(db, settings, delivery_id)
    return len(ids)


def attempt(db: Database, settings: Settings, delivery_id: int) -> None:
    with db.unit_of_work() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return
        sub = session.get(WebhookSubscription, delivery.subscription_id)
        event = session.get(Event, delivery.event_id)
        if sub is None or event is None:
            return
        url, secret, body = sub.url, sub.secret, payload(event)
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": "Shotline-Webhooks/1",
        "webhook-id": str(event.id),
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, str(event.id), timestamp, body),
    }
    outcome: dict[str, Any] = {
        "http_status": None,
        "duration_ms": None,
        "body": None,
        "error": None,
    }
    try:
        reply = outbound.post(url, content=body, headers=headers, settings=settings)
        outcome.update(http_status=reply.status, duration_ms=reply.duration_ms, body=reply.body)
    except outbound.RefusedTarget as exc:
        outcome["error"] = f"refused: {exc.reason}"
    except httpx.HTTPError as exc:
        outcome["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    _record(db, delivery_id, outcome)


def _record(db: Database, delivery_id: int, outcome: dict[str, Any]) -> None:
    with db.unit_of_work() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            return
        sub = session.get(WebhookSubscription, delivery.subscription_id)
        now = utcnow()
        status = outcome["http_status"]
        delivery.attempt += 1
        delivery.http_status = status
        delivery.duration_ms = outcome["duration_ms"]
        delivery.response_body = (outcome["body"] or "")[:BODY_LIMIT] or None
        delivery.error = outcome["error"]
        delivery.last_attempt_at = now
        delivery.history = [
            *delivery.history,
            {"at": now.isoformat(), "http_status": status, "error": outcome["error"]},
        ][-MAX_ATTEMPTS:]
        if status is not None and 200 <= status < 300:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
        elif status == 410:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            if sub is not None:
                sub.active = False
                sub.disabled_reason = "the receiver answered 410 Gone"
        elif delivery.attempt >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        else:
            delay = SCHEDULE[delivery.attempt - 1] * random.uniform(0.8, 1.2)  # noqa: S311
            delivery.next_attempt_at = now + timedelta(seconds=delay)
