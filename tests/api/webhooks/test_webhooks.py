"""Webhooks: CRUD and roles, signed deliveries to a real receiver on 127.0.0.1 checked by the
`standardwebhooks` package, retries with backoff, 410, leases, SSRF refusals."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from standardwebhooks import Webhook

from shotline import outbound
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.config import Settings
from shotline.db.runtime import Database
from shotline.db.types import utcnow
from shotline.production.models import Project
from shotline.webhooks import dispatch, service
from shotline.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests import factories

pytestmark = pytest.mark.api

LOOPBACK = Settings(outbound_allow_loopback=True)
STRICT = Settings(outbound_allow_loopback=False)


class Receiver:
    def __init__(self) -> None:
        self.answers: list[int] = []
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"x" * 3000 if status == 500 else b"ok")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()


def subscribe(session: Session, org: Organization, url: str, **kw: object) -> WebhookSubscription:
    return service.create_subscription(
        session, Actor.system(org.id), settings=LOOPBACK, url=url, **kw
    )


def test_signed_delivery_retried_until_it_succeeds(
    as_producer: TestClient,
    db: Database,
    session: Session,
    org: Organization,
    project: Project,
    receiver: Receiver,
) -> None:
    sub = subscribe(session, org, receiver.url, event_types=["shot."])
    secret = sub.secret
    shot = factories.make_shot(session, project, code="SH010")
    factories.make_asset(session, project)  # filtered out
    session.commit()
    receiver.answers = [500, 503]

    assert dispatch.fan_out(db, grace=0) == 1
    assert dispatch.deliver_due(db, LOOPBACK) == 1
    assert dispatch.deliver_due(db, LOOPBACK) == 0  # the next attempt is ~5 s away
    for _ in range(2):
        session.execute(update(WebhookDelivery).values(next_attempt_at=utcnow()))
        session.commit()
        assert dispatch.deliver_due(db, LOOPBACK) == 1

    assert len(receiver.received) == 3
    ids = {h["webhook-id"] for h, _ in receiver.received}
    for headers, body in receiver.received:
        payload = Webhook(secret).verify(body, headers)
        assert payload["type"] == "shot.created"
        assert payload["data"]["entity_id"] == shot.id
    assert len(ids) == 1
    page = as_producer.get(f"/api/v1/webhooks/{sub.id}/deliveries").json()
    (row,) = page["items"]
    assert (row["status"], row["attempt"], row["http_status"]) == ("succeeded", 3, 200)
    assert [h["http_status"] for h in row["history"]] == [500, 503, 200]
    assert "secret" not in as_producer.get(f"/api/v1/webhooks/{sub.id}").json()


def test_backoff_schedule_410_disables_and_redeliver(
    as_admin: TestClient,
    db: Database,
    session: Session,
    org: Organization,
    project: Project,
    receiver: Receiver,
) -> None:
    sub = subscribe(session, org, receiver.url, event_types=["shot.created"])
    factories.make_shot(session, project)
    session.commit()
    dispatch.fan_out(db, grace=0)
    receiver.answers = [500]
    dispatch.deliver_due(db, LOOPBACK)
    delivery = session.scalars(select(WebhookDelivery)).one()
    session.refresh(delivery)
    wait = (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()  # type: ignore[operator]
    assert 4 <= wait <= 6
    assert len(delivery.response_body or "") == 2048
    assert sum(dispatch.SCHEDULE) / 3600 > 60  # about three days

    receiver.answers = [410]
    session.execute(update(WebhookDelivery).values(next_attempt_at=utcnow()))
    session.commit()
    dispatch.deliver_due(db, LOOPBACK)
    session.expire_all()
    assert session.get(WebhookSubscription, sub.id).active is False  # type: ignore[union-attr]
    assert session.get(WebhookDelivery, delivery.id).status == DeliveryStatus.FAILED  # type: ignore[union-attr]

    r = as_admin.post(f"/api/v1/webhook-deliveries/{delivery.id}/redeliver")
    assert r.status_code == 200
    assert r.json()["status"] == "pending"


def test_a_worker_killed_mid_delivery_loses_nothing(
    db: Database, session: Session, org: Organization, project: Project, receiver: Receiver
) -> None:
    subscribe(session, org, receiver.url, event_types=["shot."])
    factories.make_shot(session, project)
    session.commit()
    dispatch.fan_out(db, grace=0)
    with db.unit_of_work() as s:  # leased, then the worker dies before sending
        leased = dispatch._lease_due(s, 10)
    assert dispatch.deliver_due(db, LOOPBACK) == 0
    session.execute(update(WebhookDelivery).values(next_attempt_at=utcnow() - timedelta(1)))
    session.commit()

    assert dispatch.deliver_due(db, LOOPBACK) == len(leased) == 1
    assert len(receiver.received) == 1
    # replaying the fan-out (cursor lost) adds no second delivery
    session.execute(update(WebhookSubscription).values(last_event_id=0))
    session.commit()
    assert dispatch.fan_out(db, grace=0) == 0


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.1.1",
        "172.16.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
    ],
)
def test_refused_address_forms(address: str) -> None:
    with pytest.raises(outbound.RefusedTarget):
        outbound.check_address(ipaddress.ip_address(address), allow_loopback=False)


def test_loopback_allowance_is_only_loopback() -> None:
    outbound.check_address(ipaddress.ip_address("127.0.0.1"), allow_loopback=True)
    with pytest.raises(outbound.RefusedTarget):
        outbound.check_address(ipaddress.ip_address("10.0.0.1"), allow_loopback=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://10.0.0.5/x",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/x",
        "http://[::ffff:7f00:1]/x",
        "ftp://example.com/x",
        "http://user:pw@example.com/x",
    ],
)
def test_create_refuses_internal_urls(as_admin: TestClient, url: str) -> None:
    r = as_admin.post("/api/v1/webhooks", json={"url": url})
    assert r.status_code == 422, r.text
    assert "url" in r.json()["error"]["fields"]


def test_delivery_time_check_refuses_when_loopback_is_off(
    db: Database, session: Session, org: Organization, project: Project, receiver: Receiver
) -> None:
    subscribe(session, org, receiver.url, event_types=["shot."])
    factories.make_shot(session, project)
    session.commit()
    dispatch.fan_out(db, grace=0)

    dispatch.deliver_due(db, STRICT)

    delivery = session.scalars(select(WebhookDelivery)).one()
    session.refresh(delivery)
    assert receiver.received == []
    assert delivery.error == "refused: the address is a loopback address"
    assert delivery.status == DeliveryStatus.PENDING


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.PRODUCER, 200),
        (Role.SUPERVISOR, 403),
        (Role.ARTIST, 403),
        (Role.CLIENT, 403),
    ],
)
def test_who_manages_webhooks(as_role, role: Role, status: int) -> None:  # type: ignore[no-untyped-def]
    assert as_role(role).get("/api/v1/webhooks").status_code == status


def test_foreign_and_missing_ids_are_404(
    as_admin: TestClient,
    as_foreign_admin: TestClient,
    session: Session,
    org: Organization,
    receiver: Receiver,
    people: dict[Role, Account],
) -> None:
    sub = subscribe(session, org, receiver.url)
    session.commit()
    for method, path, body in (
        ("GET", f"/api/v1/webhooks/{sub.id}", None),
        ("PATCH", f"/api/v1/webhooks/{sub.id}", {"description": "x"}),
        ("DELETE", f"/api/v1/webhooks/{sub.id}", None),
        ("GET", f"/api/v1/webhooks/{sub.id}/deliveries", None),
    ):
        r = as_foreign_admin.request(method, path, json=body)
        assert r.status_code == 404, (method, path)
    assert as_admin.get("/api/v1/webhooks/999999").status_code == 404
    assert as_foreign_admin.post("/api/v1/webhook-deliveries/999999/redeliver").status_code == 404
    assert as_admin.delete(f"/api/v1/webhooks/{sub.id}").status_code == 204
    assert as_admin.get(f"/api/v1/webhooks/{sub.id}").status_code == 404
