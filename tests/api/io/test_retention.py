"""Archive retention: the organization setting, the purge (API, service, CLI path) and who
may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Organization
from shotline.db.types import utcnow
from shotline.events.models import Event
from shotline.io import retention
from shotline.production.models import Project, Shot
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api


def _archive(session: Session, row: object, days_ago: int) -> None:
    row.archived_at = utcnow() - timedelta(days=days_ago)  # type: ignore[attr-defined]
    session.flush()


@pytest.fixture
def rows(session: Session, project: Project) -> dict[str, int]:
    old_shot = factories.make_shot(session, project, code="OLD010")
    old_shot_task = factories.make_task(session, shot=old_shot)
    new_shot = factories.make_shot(session, project, code="NEW010")
    live_shot = factories.make_shot(session, project, code="LIVE010")
    old_task = factories.make_task(session, shot=live_shot, type_code="ROTO")
    _archive(session, old_shot, 40)
    _archive(session, new_shot, 5)
    _archive(session, old_task, 31)
    session.commit()
    return {
        "old_shot": old_shot.id,
        "old_shot_task": old_shot_task.id,
        "new_shot": new_shot.id,
        "live_shot": live_shot.id,
        "old_task": old_task.id,
    }


def test_admin_sets_and_clears_the_retention(
    session: Session, as_admin: TestClient, org: Organization
) -> None:
    assert as_admin.get("/api/v1/organization/settings").json() == {"archive_retention_days": None}
    r = as_admin.patch("/api/v1/organization/settings", json={"archive_retention_days": 30})
    assert r.status_code == 200, r.text
    assert r.json() == {"archive_retention_days": 30}
    session.expire_all()
    event = session.scalars(
        select(Event).where(Event.verb == "organization.updated").order_by(Event.id.desc())
    ).first()
    assert event is not None
    assert event.changes == {"settings.archive_retention_days": [None, 30]}
    r = as_admin.patch("/api/v1/organization/settings", json={"archive_retention_days": None})
    assert r.json() == {"archive_retention_days": None}


@pytest.mark.parametrize("value", [0, -1, 5000, "ten"])
def test_bad_retention_is_a_422(as_admin: TestClient, value: object) -> None:
    r = as_admin.patch("/api/v1/organization/settings", json={"archive_retention_days": value})
    assert r.status_code == 422
    assert "archive_retention_days" in str(r.json()["error"]["fields"])
    r = as_admin.patch("/api/v1/organization/settings", json={"retention": 3})
    assert r.status_code == 422


@pytest.mark.parametrize("who", ["as_producer", "as_supervisor", "as_artist", "as_client"])
def test_only_admins_touch_settings_and_purge(request: pytest.FixtureRequest, who: str) -> None:
    client: TestClient = request.getfixturevalue(who)
    assert client.get("/api/v1/organization/settings").status_code == 403
    r = client.patch("/api/v1/organization/settings", json={"archive_retention_days": 3})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "permission_denied"
    assert client.post("/api/v1/organization/purge-archived").status_code == 403


def test_purge_deletes_only_rows_archived_before_the_cutoff(
    session: Session, as_admin: TestClient, rows: dict[str, int]
) -> None:
    as_admin.patch("/api/v1/organization/settings", json={"archive_retention_days": 30})
    r = as_admin.post("/api/v1/organization/purge-archived", params={"dry_run": True})
    assert r.status_code == 200, r.text
    assert r.json()["deleted"] == {"task": 1, "shot": 1, "asset": 0, "sequence": 0, "episode": 0}
    assert r.json()["batch_id"] is None
    session.expire_all()
    assert session.get(Shot, rows["old_shot"]) is not None

    r = as_admin.post("/api/v1/organization/purge-archived")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["deleted"] == {"task": 1, "shot": 1, "asset": 0, "sequence": 0, "episode": 0}
    session.expire_all()
    remaining = set(session.scalars(select(Shot.code)))
    assert {"NEW010", "LIVE010"} <= remaining
    assert "OLD010" not in remaining
    task_ids = set(session.scalars(select(Task.id)))
    assert rows["old_task"] not in task_ids
    assert rows["old_shot_task"] not in task_ids
    events = session.scalars(
        select(Event).where(Event.batch_id == body["batch_id"]).order_by(Event.id)
    ).all()
    assert [(e.verb, e.entity_id, e.data) for e in events] == [
        ("task.deleted", rows["old_task"], {"reason": "retention"}),
        ("task.deleted", rows["old_shot_task"], {"reason": "retention"}),
        ("shot.deleted", rows["old_shot"], {"reason": "retention"}),
    ]


def test_nothing_is_purged_when_retention_is_unset(
    session: Session, org: Organization, rows: dict[str, int]
) -> None:
    result = retention.purge_archived(session, Actor.system(org.id))
    assert result.retention_days is None
    assert result.deleted == {}
    assert session.get(Shot, rows["old_shot"]) is not None


def test_foreign_organization_rows_are_untouched(
    session: Session,
    foreign_org: Organization,
    foreign_project: Project,
    rows: dict[str, int],
) -> None:
    foreign = factories.make_shot(session, foreign_project, code="FOREIGN")
    _archive(session, foreign, 400)
    retention.set_retention(session, Actor.system(foreign_org.id), days=1)
    result = retention.purge_archived(session, Actor.system(foreign_org.id))
    assert result.deleted["shot"] == 1
    session.expire_all()
    assert session.get(Shot, rows["old_shot"]) is not None
