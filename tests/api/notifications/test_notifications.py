"""Notifications: each type and its recipients, idempotent replays, inbox, preferences,
the overdue scan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.db.runtime import Database
from shotline.events.models import ConsumerCursor
from shotline.notifications import notifier
from shotline.notifications.models import EmailState, Notification
from shotline.production.models import Project
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api


def run_notifier(db: Database) -> int:
    return notifier.consume(db, grace=0)


def notes(session: Session, after_event: int = 0) -> set[tuple[str, int]]:
    session.expire_all()
    rows = session.scalars(select(Notification).where(Notification.event_id > after_event))
    return {(n.type.value, n.recipient_id) for n in rows}


def actor_for(account: Account, project: Project) -> Actor:
    return Actor(
        organization_id=account.organization_id,
        account_id=account.id,
        role=account.role,
        project_roles={project.id: account.role},
    )


@pytest.fixture
def crew(session: Session, org: Organization, project: Project, people: dict[Role, Account]):  # type: ignore[no-untyped-def]
    artist2 = factories.make_account(session, org, name="Maya Chen")
    factories.add_member(session, project, artist2)
    outsider = factories.make_account(session, org, name="Not In Project")
    return {"artist": people[Role.ARTIST], "artist2": artist2, "outsider": outsider}


@pytest.fixture
def task(session: Session, project: Project, people: dict[Role, Account], crew) -> Task:  # type: ignore[no-untyped-def]
    shot = factories.make_shot(session, project, code="SH010")
    t = factories.make_task(
        session, shot=shot, type_code="COMP", supervisor_id=people[Role.SUPERVISOR].id
    )
    return t


def test_assignment_notifies_new_assignees_but_not_the_actor_or_outsiders(
    as_supervisor: TestClient,
    db: Database,
    session: Session,
    task: Task,
    people: dict[Role, Account],
    crew,  # type: ignore[no-untyped-def]
) -> None:
    run_notifier(db)
    mark = factories.last_event_id(session)
    supervisor = people[Role.SUPERVISOR]
    body = {"assignee_ids": [crew["artist"].id, supervisor.id, crew["outsider"].id]}

    r = as_supervisor.post(f"/api/v1/tasks/{task.id}/assign", json=body)

    assert r.status_code == 200, r.text
    assert run_notifier(db) == 1
    assert notes(session, mark) == {("TASK_ASSIGNED", crew["artist"].id)}
    row = session.scalars(select(Notification).where(Notification.event_id > mark)).one()
    people_named = sorted([crew["artist"], supervisor, crew["outsider"]], key=lambda a: a.id)
    named = [a.name for a in people_named]
    assert (
        row.text
        == f"{supervisor.name} assigned SH010 COMP to {named[0]}, {named[1]} and {named[2]}"
    )
    assert row.email_state == EmailState.PENDING


def test_status_moves_notify_supervisor_watchers_and_assignees(
    db: Database,
    session: Session,
    project: Project,
    task: Task,
    people: dict[Role, Account],
    crew,  # type: ignore[no-untyped-def]
) -> None:
    system = Actor.system(project.organization_id)
    from shotline.tasks import service as tasks

    tasks.assign_task(session, system, task.id, assignee_ids=[crew["artist"].id])
    tasks.add_watchers(session, system, task.id, account_ids=[crew["artist2"].id])
    run_notifier(db)
    artist = actor_for(crew["artist"], project)
    supervisor = actor_for(people[Role.SUPERVISOR], project)
    expected = {
        "INTERNAL_REVIEW": (
            artist,
            {
                ("TASK_READY_FOR_REVIEW", people[Role.SUPERVISOR].id),
                ("TASK_READY_FOR_REVIEW", crew["artist2"].id),
            },
        ),
        "CHANGES": (
            supervisor,
            {
                ("TASK_CHANGES_REQUESTED", crew["artist"].id),
                ("TASK_CHANGES_REQUESTED", crew["artist2"].id),
            },
        ),
        "DONE": (
            supervisor,
            {("TASK_APPROVED", crew["artist"].id), ("TASK_APPROVED", crew["artist2"].id)},
        ),
        "IN_PROGRESS": (artist, set()),
    }
    for code, (who, wanted) in expected.items():
        mark = factories.last_event_id(session)
        status = factories.status(session, project, code)
        tasks.update_task(session, who, task.id, updates={"status_id": status.id})
        session.commit()
        run_notifier(db)
        assert notes(session, mark) == wanted, code


def test_review_verbs_notify_through_the_same_table(
    db: Database,
    session: Session,
    project: Project,
    task: Task,
    people: dict[Role, Account],
    crew,  # type: ignore[no-untyped-def]
) -> None:
    from shotline.tasks import service as tasks

    system = Actor.system(project.organization_id)
    tasks.assign_task(session, system, task.id, assignee_ids=[crew["artist"].id])
    tasks.add_watchers(session, system, task.id, account_ids=[crew["artist2"].id])
    run_notifier(db)
    supervisor = people[Role.SUPERVISOR]
    client = people[Role.CLIENT]
    mark = factories.last_event_id(session)

    class Row:
        def __init__(self, table: str, row_id: int) -> None:
            self.__tablename__ = table
            self.id = row_id
            self.project_id = project.id

    sup = actor_for(supervisor, project)
    cli = actor_for(client, project)
    events.record(session, cli, "version.approved", Row("version", 5), data={"task_id": task.id})
    events.record(
        session, sup, "version.changes_requested", Row("version", 5), data={"task_id": task.id}
    )
    events.record(
        session,
        sup,
        "note.created",
        Row("note", 9),
        data={"task_id": task.id, "mentioned_account_ids": [crew["artist"].id]},
    )
    events.record(session, cli, "note.created", Row("note", 10), data={"task_id": task.id})
    session.commit()
    run_notifier(db)

    a, a2, s = crew["artist"].id, crew["artist2"].id, supervisor.id
    assert notes(session, mark) == {
        ("CLIENT_APPROVED", a),
        ("CLIENT_APPROVED", a2),
        ("CLIENT_APPROVED", s),
        ("TASK_CHANGES_REQUESTED", a),
        ("TASK_CHANGES_REQUESTED", a2),
        ("MENTIONED", a),
        ("NOTE_ON_WATCHED", a2),
        ("CLIENT_COMMENTED", a),
        ("CLIENT_COMMENTED", a2),
        ("CLIENT_COMMENTED", s),
    }


def test_replaying_the_log_adds_nothing(
    db: Database,
    session: Session,
    task: Task,
    crew,
    project: Project,  # type: ignore[no-untyped-def]
) -> None:
    from shotline.tasks import service as tasks

    tasks.assign_task(
        session, Actor.system(project.organization_id), task.id, assignee_ids=[crew["artist"].id]
    )
    session.commit()
    first = run_notifier(db)
    cursor = session.get(ConsumerCursor, notifier.CURSOR)
    assert cursor is not None
    cursor.last_event_id = 0  # a crash before the cursor moved: everything is read again
    session.commit()

    assert first >= 1
    assert run_notifier(db) == 0


def test_inbox_unread_first_count_mark_read_and_read_all(
    as_artist: TestClient,
    as_supervisor: TestClient,
    db: Database,
    session: Session,
    project: Project,
    people: dict[Role, Account],
) -> None:
    shot = factories.make_shot(session, project, code="SH020")
    artist = people[Role.ARTIST]
    made = [
        factories.make_task(session, shot=shot, type_code=code, assignees=[artist])
        for code in ("ROTO", "COMP", "TRACK")
    ]
    session.commit()
    run_notifier(db)

    page = as_artist.get("/api/v1/notifications").json()
    assert [n["entity_id"] for n in page["items"]] == [t.id for t in reversed(made)]
    assert page["unread"] == 3
    oldest = page["items"][-1]["id"]
    read = as_artist.post(f"/api/v1/notifications/{oldest}/read")
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    assert as_supervisor.post(f"/api/v1/notifications/{oldest}/read").status_code == 404
    assert as_artist.post("/api/v1/notifications/999999999/read").status_code == 404
    assert as_artist.get("/api/v1/notifications/unread-count").json() == {"unread": 2}
    assert as_supervisor.get("/api/v1/notifications").json() == {"items": [], "unread": 0}
    assert as_artist.post("/api/v1/notifications/read-all").json() == {"marked": 2}
    assert as_artist.get("/api/v1/notifications/unread-count").json() == {"unread": 0}


def test_preferences_defaults_and_update(as_artist: TestClient) -> None:
    url = "/api/v1/me/notification-preferences"
    defaults = as_artist.get(url).json()["preferences"]
    assert defaults["TASK_ASSIGNED"] == {"in_app": True, "email": "immediate", "slack": False}
    assert defaults["TASK_OVERDUE"] == {"in_app": True, "email": "digest", "slack": False}
    assert len(defaults) == 11  # ten types + VERSION_SHARED (client review)

    r = as_artist.put(url, json={"preferences": {"TASK_ASSIGNED": {"email": "off"}}})

    assert r.status_code == 200, r.text
    assert r.json()["preferences"]["TASK_ASSIGNED"] == {
        "in_app": True,
        "email": "off",
        "slack": False,
    }
    assert as_artist.get(url).json()["preferences"]["TASK_ASSIGNED"]["email"] == "off"
    bad = as_artist.put(url, json={"preferences": {"NOPE": {"email": "off"}}})
    assert bad.status_code == 422
    extra = as_artist.put(url, json={"preferences": {"MENTIONED": {"sms": True}}})
    assert extra.status_code == 422


def test_preference_off_hides_from_inbox_and_skips_email(
    as_artist: TestClient,
    db: Database,
    session: Session,
    project: Project,
    people: dict[Role, Account],
) -> None:
    as_artist.put(
        "/api/v1/me/notification-preferences",
        json={"preferences": {"TASK_ASSIGNED": {"in_app": False, "email": "off"}}},
    )
    factories.make_task(
        session, shot=factories.make_shot(session, project), assignees=[people[Role.ARTIST]]
    )
    session.commit()
    run_notifier(db)

    assert as_artist.get("/api/v1/notifications/unread-count").json() == {"unread": 0}
    row = session.scalars(
        select(Notification).where(Notification.recipient_id == people[Role.ARTIST].id)
    ).one()
    assert (row.in_app, row.email_state) == (False, EmailState.NONE)


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
def test_overdue_scan_roles(as_role, role: Role, status: int) -> None:  # type: ignore[no-untyped-def]
    assert as_role(role).post("/api/v1/notifications/scan-overdue").status_code == status


def test_overdue_scan_notifies_once_per_task_per_day(
    as_producer: TestClient,
    db: Database,
    session: Session,
    project: Project,
    people: dict[Role, Account],
) -> None:
    shot = factories.make_shot(session, project, code="SH030")
    artist = people[Role.ARTIST]
    today = date(2030, 5, 10)
    late = factories.make_task(
        session, shot=shot, type_code="ROTO", assignees=[artist], due_date=today - timedelta(1)
    )
    due_today = factories.make_task(  # not late until tomorrow
        session, shot=shot, type_code="COMP", assignees=[artist], due_date=today
    )
    done = factories.make_task(
        session, shot=shot, type_code="KEY", assignees=[artist], due_date=date(2030, 1, 1)
    )
    done.status_id = factories.status(session, project, "DONE").id
    factories.make_task(session, shot=shot, type_code="TRACK", due_date=date(2030, 1, 1))
    session.commit()
    run_notifier(db)
    mark = factories.last_event_id(session)

    first = as_producer.post("/api/v1/notifications/scan-overdue", json={"today": str(today)})
    again = as_producer.post("/api/v1/notifications/scan-overdue", json={"today": str(today)})
    run_notifier(db)
    next_day = as_producer.post(
        "/api/v1/notifications/scan-overdue", json={"today": str(today + timedelta(1))}
    )

    assert first.json() == {"task_ids": [late.id]}
    assert again.json() == {"task_ids": []}
    assert next_day.json() == {"task_ids": [late.id, due_today.id]}
    overdue = [e for e in factories.events_after(session, mark) if e.verb == "task.overdue"]
    assert [e.entity_id for e in overdue] == [late.id, late.id, due_today.id]
    assert overdue[0].data == {
        "due_date": str(today - timedelta(1)),
        "day": str(today),
        "assignee_ids": [artist.id],
    }
    run_notifier(db)
    assert notes(session, mark) == {("TASK_OVERDUE", artist.id)}
    assert (
        session.scalar(select(Notification.text).where(Notification.event_id == overdue[0].id))
        == f"SH030 ROTO is overdue (due {today - timedelta(1)})"
    )
