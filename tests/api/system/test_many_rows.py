"""Long id lists and many-row inserts: one parameter per list, same results on both databases."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Organization
from shotline.db.dialect import in_ids
from shotline.events import service as events
from shotline.events.models import Event


def _record(session: Session, org: Organization, count: int, batch: str) -> list[Event]:
    items = [
        (
            n,
            {"status": [None, f"s{n}"], "n": [n, n + 1]},
            {"label": {"1": "one"}} if n % 2 else None,
        )
        for n in range(1, count + 1)
    ]
    events.record_many(
        session, Actor.system(org.id), "task.updated", "task", items, project_id=7, batch_id=batch
    )
    stmt = select(Event).where(Event.batch_id == batch).order_by(Event.entity_id)
    return list(session.scalars(stmt))


def test_record_many_writes_every_event_with_its_changes(
    session: Session, org: Organization
) -> None:
    rows = _record(session, org, 3, "b-small")
    assert [(e.entity_id, e.changes, e.data) for e in rows] == [
        (1, {"status": [None, "s1"], "n": [1, 2]}, {"label": {"1": "one"}}),
        (2, {"status": [None, "s2"], "n": [2, 3]}, {}),
        (3, {"status": [None, "s3"], "n": [3, 4]}, {"label": {"1": "one"}}),
    ]
    assert {(e.verb, e.entity_type, e.project_id, e.organization_id) for e in rows} == {
        ("task.updated", "task", 7, org.id)
    }


def test_record_many_of_forty_thousand_rows(session: Session, org: Organization) -> None:
    # More than SQLite's 32,766 parameters in any one multi-row form.
    rows = _record(session, org, 40_000, "b-big")
    assert len(rows) == 40_000
    assert rows[-1].changes == {"status": [None, "s40000"], "n": [40000, 40001]}


def test_in_ids_matches_exactly_the_listed_ids(session: Session, org: Organization) -> None:
    rows = _record(session, org, 50, "b-ids")
    ids = [e.id for e in rows]
    wanted = [*ids[::7], 10**12]  # an id that does not exist is simply not matched
    found = session.scalars(select(Event.id).where(in_ids(Event.id, wanted))).all()
    assert sorted(found) == sorted(ids[::7])
    none = session.scalar(select(func.count()).select_from(Event).where(in_ids(Event.id, [])))
    assert none == 0
    many = [*range(1, 60_000), *ids]  # far over SQLite's parameter limit
    total = session.scalar(
        select(func.count())
        .select_from(Event)
        .where(in_ids(Event.id, many), Event.batch_id == "b-ids")
    )
    assert total == 50
