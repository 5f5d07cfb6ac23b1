"""Tasks: one parent (service 422 and database CHECK), artist rights, assignment, watchers,
templates, bulk update, statuses."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import Project, Shot
from shotline.tasks.models import Task, TaskAssignee
from tests import factories

pytestmark = pytest.mark.api


def test_supervisor_creates_a_task_with_assignees_and_one_event(
    as_supervisor: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    shot = factories.make_shot(session, project, code="SH1")
    comp = factories.task_type(session, project, "COMP")
    mark = factories.last_event_id(session)

    r = as_supervisor.post(
        "/api/v1/tasks",
        json={
            "shot_id": shot.id,
            "task_type_id": comp.id,
            "assignee_ids": [people[Role.ARTIST].id],
            "due_date": "2027-03-01",
        },
    )

    assert r.status_code == 201, r.text
    body = r.json()
    todo = factories.status(session, project, "TODO")
    assert {
        k: body[k] for k in ("title", "status_id", "project_id", "assignee_ids", "asset_id")
    } == {
        "title": "Comp",
        "status_id": todo.id,
        "project_id": project.id,
        "assignee_ids": [people[Role.ARTIST].id],
        "asset_id": None,
    }
    (event,) = factories.events_after(session, mark)
    assert event.verb == "task.created"
    assert event.changes["assignee_ids"] == [None, [people[Role.ARTIST].id]]
    assert event.changes["due_date"] == [None, "2027-03-01"]
    assert event.project_id == project.id


@pytest.mark.parametrize("parents", ["both", "neither"])
def test_task_needs_exactly_one_parent(
    as_supervisor: TestClient, session: Session, project: Project, parents: str
) -> None:
    shot = factories.make_shot(session, project)
    asset = factories.make_asset(session, project)
    general = factories.task_type(session, project, "GENERAL")
    body: dict[str, object] = {"task_type_id": general.id}
    if parents == "both":
        body |= {"shot_id": shot.id, "asset_id": asset.id}
    mark = factories.last_event_id(session)
    r = as_supervisor.post("/api/v1/tasks", json=body)
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "shot_id": "give exactly one of shot_id and asset_id",
        "asset_id": "give exactly one of shot_id and asset_id",
    }
    assert factories.events_after(session, mark) == []


def test_database_check_rejects_a_task_on_both(session: Session, project: Project) -> None:
    shot = factories.make_shot(session, project)
    asset = factories.make_asset(session, project)
    row = {
        "project_id": project.id,
        "shot_id": shot.id,
        "asset_id": asset.id,
        "task_type_id": factories.task_type(session, project, "GENERAL").id,
        "status_id": factories.status(session, project, "TODO").id,
        "title": "both",
        "priority": 2,
        "sort_order": 0,
        "custom": {},
        "row_version": 1,
    }
    savepoint = session.begin_nested()
    with pytest.raises(IntegrityError):
        session.execute(insert(Task), [row])
    savepoint.rollback()
    neither = {**row, "shot_id": None, "asset_id": None}
    savepoint = session.begin_nested()
    with pytest.raises(IntegrityError):
        session.execute(insert(Task), [neither])
    savepoint.rollback()


def test_task_type_must_apply_to_the_parent(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    shot = factories.make_shot(session, project)
    rig = factories.task_type(session, project, "RIG")
    r = as_supervisor.post("/api/v1/tasks", json={"shot_id": shot.id, "task_type_id": rig.id})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"task_type_id": "this task type is for assets"}


def test_artist_changes_status_of_own_task_only(
    as_artist: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    shot = factories.make_shot(session, project)
    mine = factories.make_task(session, shot=shot, assignees=[people[Role.ARTIST]])
    theirs = factories.make_task(
        session, shot=shot, type_code="ROTO", assignees=[people[Role.SUPERVISOR]]
    )
    wip = factories.status(session, project, "IN_PROGRESS")
    todo_id = mine.status_id
    mark = factories.last_event_id(session)

    own = as_artist.patch(f"/api/v1/tasks/{mine.id}", json={"status_id": wip.id})
    other = as_artist.patch(f"/api/v1/tasks/{theirs.id}", json={"status_id": wip.id})
    title = as_artist.patch(f"/api/v1/tasks/{mine.id}", json={"title": "Mine now"})
    reassign = as_artist.post(
        f"/api/v1/tasks/{mine.id}/assign", json={"assignee_ids": [people[Role.ARTIST].id]}
    )
    archive = as_artist.post(f"/api/v1/tasks/{mine.id}/archive")

    assert own.status_code == 200, own.text
    assert own.json()["status_id"] == wip.id
    assert (other.status_code, title.status_code, reassign.status_code) == (403, 403, 403)
    assert archive.status_code == 403
    (event,) = factories.events_after(session, mark)
    assert event.verb == "task.updated"
    assert event.changes == {"status_id": [todo_id, wip.id]}
    assert event.data == {"status_category": ["todo", "in_progress"]}


def test_assign_replaces_assignees_moves_the_etag_and_records_the_change(
    as_supervisor: TestClient, session: Session, project: Project, people: dict[Role, Account]
) -> None:
    shot = factories.make_shot(session, project)
    task = factories.make_task(session, shot=shot, assignees=[people[Role.ARTIST]])
    url = f"/api/v1/tasks/{task.id}"
    etag = as_supervisor.get(url).headers["etag"]
    mark = factories.last_event_id(session)
    new = sorted([people[Role.SUPERVISOR].id, people[Role.PRODUCER].id])

    r = as_supervisor.post(f"{url}/assign", json={"assignee_ids": new}, headers={"If-Match": etag})

    assert r.status_code == 200, r.text
    assert r.json()["assignee_ids"] == new
    assert r.headers["etag"] != etag
    (event,) = factories.events_after(session, mark)
    assert (event.verb, event.changes) == (
        "task.assigned",
        {"assignee_ids": [[people[Role.ARTIST].id], new]},
    )
    stale = as_supervisor.post(
        f"{url}/assign", json={"assignee_ids": []}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    client_assignee = as_supervisor.post(
        f"{url}/assign", json={"assignee_ids": [people[Role.CLIENT].id]}
    )
    assert client_assignee.status_code == 422


def test_watchers_self_service_and_by_supervisor(
    as_artist: TestClient,
    as_supervisor: TestClient,
    session: Session,
    project: Project,
    people: dict[Role, Account],
) -> None:
    task = factories.make_task(session, shot=factories.make_shot(session, project))
    url = f"/api/v1/tasks/{task.id}/watchers"
    artist, sup = people[Role.ARTIST].id, people[Role.SUPERVISOR].id
    assert as_artist.post(url, json={"account_ids": [artist]}).json()["watcher_ids"] == [artist]
    assert as_artist.post(url, json={"account_ids": [sup]}).status_code == 403
    both = as_supervisor.post(url, json={"account_ids": [sup]}).json()["watcher_ids"]
    assert both == sorted([artist, sup])
    assert as_artist.delete(f"{url}/{sup}").status_code == 403
    assert as_artist.delete(f"{url}/{artist}").json()["watcher_ids"] == [sup]


def test_delete_forever_needs_archive_confirmation_and_a_manager(
    as_producer: TestClient, as_supervisor: TestClient, session: Session, project: Project
) -> None:
    task = factories.make_task(session, shot=factories.make_shot(session, project))
    url = f"/api/v1/tasks/{task.id}"
    assert as_producer.request("DELETE", url, json={"confirm": "Comp"}).status_code == 409
    as_supervisor.post(f"{url}/archive")
    assert as_supervisor.request("DELETE", url, json={"confirm": "Comp"}).status_code == 403
    assert as_producer.request("DELETE", url, json={"confirm": "comp"}).status_code == 422
    assert as_producer.request("DELETE", url, json={"confirm": "Comp"}).status_code == 204
    assert as_producer.get(url).status_code == 404


def test_template_applied_to_500_shots_in_one_call_then_skips_existing(
    as_supervisor: TestClient, session: Session, project: Project
) -> None:
    sequence = factories.make_sequence(session, project)
    r = as_supervisor.post(
        f"/api/v1/projects/{project.id}/shots/bulk",
        json={"shots": [{"code": f"S{n:03d}", "sequence_id": sequence.id} for n in range(500)]},
    )
    shot_ids = r.json()["ids"]
    templates = as_supervisor.get(f"/api/v1/projects/{project.id}/task-templates").json()
    shot_template = next(t for t in templates if t["name"] == "Shot basics")
    url = f"/api/v1/projects/{project.id}/task-templates/{shot_template['id']}/apply"
    factories.make_task(session, shot=session.get(Shot, shot_ids[0]), type_code="COMP")
    mark = factories.last_event_id(session)

    applied = as_supervisor.post(url, json={"shot_ids": shot_ids})

    assert applied.status_code == 201, applied.text
    assert (applied.json()["created"], applied.json()["skipped"]) == (1499, 1)
    titles = session.execute(
        select(Task.title, func.count()).where(Task.project_id == project.id).group_by(Task.title)
    ).all()
    assert sorted(titles) == [("Comp", 500), ("Roto", 500), ("Track", 500)]
    events = factories.events_after(session, mark)
    assert len(events) == 1499
    assert {e.batch_id for e in events} == {applied.json()["batch_id"]}
    again = as_supervisor.post(url, json={"shot_ids": shot_ids})
    assert (again.json()["created"], again.json()["skipped"]) == (0, 1500)
    wrong_kind = as_supervisor.post(url, json={"asset_ids": [1]})
    assert wrong_kind.status_code == 422
    both = as_supervisor.post(url, json={"asset_ids": [1], "shot_ids": [1]})
    assert both.status_code == 422


def test_bulk_update_assigns_and_sets_status_with_one_event_per_row(
    as_supervisor: TestClient,
    as_artist: TestClient,
    session: Session,
    project: Project,
    people: dict[Role, Account],
) -> None:
    shots = [factories.make_shot(session, project) for _ in range(3)]
    tasks = [factories.make_task(session, shot=s) for s in shots]
    ids = [t.id for t in tasks]
    todo_id = tasks[0].status_id
    artist = people[Role.ARTIST].id
    done = factories.status(session, project, "DONE")
    factories.make_task(session, shot=shots[0], type_code="ROTO")
    mark = factories.last_event_id(session)

    assign = as_supervisor.post(
        "/api/v1/tasks/bulk-update", json={"task_ids": ids, "set": {"assignee_ids": [artist]}}
    )
    status = as_supervisor.post(
        "/api/v1/tasks/bulk-update",
        json={"task_ids": ids[:2], "set": {"status_id": done.id, "priority": 4}},
    )

    assert assign.json()["count"] == 3
    assert status.json()["count"] == 2
    events = factories.events_after(session, mark)
    assert [(e.verb, e.entity_id) for e in events] == [("task.assigned", i) for i in ids] + [
        ("task.updated", i) for i in ids[:2]
    ]
    assert events[0].changes == {"assignee_ids": [[], [artist]]}
    assert events[3].changes == {"status_id": [todo_id, done.id], "priority": [2, 4]}
    assert events[3].data == {"status_category": ["todo", "done"]}
    assert {e.batch_id for e in events[:3]} == {assign.json()["batch_id"]}
    assigned = session.scalars(
        select(TaskAssignee.task_id).where(TaskAssignee.account_id == artist)
    ).all()
    assert sorted(assigned) == ids
    row = as_supervisor.get(f"/api/v1/tasks/{ids[0]}")
    assert row.json()["row_version"] == 3
    assert row.json()["assignee_ids"] == [artist]
    refused = as_artist.post(
        "/api/v1/tasks/bulk-update", json={"task_ids": ids, "set": {"priority": 1}}
    )
    assert refused.status_code == 403
    empty = as_supervisor.post("/api/v1/tasks/bulk-update", json={"task_ids": ids, "set": {}})
    assert empty.status_code == 422


def test_statuses_are_renamable_extendable_and_reorderable(
    as_producer: TestClient, as_supervisor: TestClient, session: Session, project: Project
) -> None:
    url = f"/api/v1/projects/{project.id}/task-statuses"
    statuses = as_producer.get(url).json()
    new = as_producer.post(
        url,
        json={
            "code": "WAITING_PLATES",
            "name": "Waiting plates",
            "color": "#112233",
            "category": "on_hold",
        },
    )
    assert new.status_code == 201
    assert new.json()["sort_order"] == 8
    renamed = as_producer.patch(
        f"/api/v1/task-statuses/{statuses[0]['id']}", json={"name": "Ready"}
    )
    assert renamed.json()["name"] == "Ready"
    assert (
        as_producer.patch(
            f"/api/v1/task-statuses/{statuses[0]['id']}", json={"color": "red"}
        ).status_code
        == 422
    )
    assert (
        as_supervisor.post(
            url, json={"code": "X", "name": "X", "color": "#000000", "category": "todo"}
        ).status_code
        == 403
    )
    order = [new.json()["id"]] + [s["id"] for s in statuses]
    reordered = as_producer.post(f"{url}/reorder", json={"status_ids": order})
    assert [s["id"] for s in reordered.json()] == order
    assert [s["id"] for s in as_producer.get(url).json()] == order
    partial = as_producer.post(f"{url}/reorder", json={"status_ids": order[:3]})
    assert partial.status_code == 422
