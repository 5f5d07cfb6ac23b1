"""Task, shot and asset lists on the query engine: views, linked fields, custom fields,
permissions, statement counts, and the dashboard figures."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import Project
from shotline.tasks.views import today_utc
from tests import factories

pytestmark = pytest.mark.api

TODAY = today_utc()


@pytest.fixture
def show(session: Session, project: Project, people: dict[Role, Account]):  # type: ignore[no-untyped-def]
    """SH010 (COMP due today, Maya's; ROTO overdue, in progress), SH020 (COMP in internal
    review, nobody's), CHAR01 (MODEL done, past due — not overdue)."""
    artist = people[Role.ARTIST]
    seq = factories.make_sequence(session, project, code="SQ01")
    sh10 = factories.make_shot(
        session, project, code="SH010", sequence_id=seq.id, frame_in=1001, frame_out=1100
    )
    sh20 = factories.make_shot(
        session, project, code="SH020", sequence_id=seq.id, frame_in=1001, frame_out=1050
    )
    char = factories.make_asset(session, project, code="CHAR01", name="Hero")
    tasks = {
        "comp10": factories.make_task(
            session,
            shot=sh10,
            type_code="COMP",
            assignees=[artist],
            title="SH010 comp",
            due_date=TODAY,
            estimated_hours=8.0,
        ),
        "roto10": factories.make_task(
            session,
            shot=sh10,
            type_code="ROTO",
            assignees=[artist],
            title="SH010 roto",
            due_date=TODAY - dt.timedelta(days=3),
            estimated_hours=4.0,
            status_id=factories.status(session, project, "IN_PROGRESS").id,
        ),
        "comp20": factories.make_task(
            session,
            shot=sh20,
            type_code="COMP",
            title="SH020 comp",
            status_id=factories.status(session, project, "INTERNAL_REVIEW").id,
        ),
        "model": factories.make_task(
            session,
            asset=char,
            type_code="MODEL",
            title="Hero model",
            due_date=TODAY - dt.timedelta(days=10),
            status_id=factories.status(session, project, "DONE").id,
        ),
    }
    session.commit()
    return {"shots": (sh10, sh20), "asset": char, "tasks": tasks, "seq": seq}


def titles(r) -> list[str]:  # type: ignore[no-untyped-def]
    assert r.status_code == 200, r.text
    return [row["title"] for row in r.json()["items"]]


def test_project_task_list_with_linked_fields(
    as_supervisor: TestClient, project: Project, show
) -> None:  # type: ignore[no-untyped-def]
    r = as_supervisor.get(
        f"/api/v1/projects/{project.id}/tasks",
        params={
            "fields": (
                "title,shot.code,shot.sequence.code,task_type.code,status.category,assignees.name"
            ),
            "sort": "shot.code,task_type.code",
            "shot__is_empty": "false",
        },
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [(i["shot.code"], i["task_type.code"], i["status.category"]) for i in items] == [
        ("SH010", "COMP", "todo"),
        ("SH010", "ROTO", "in_progress"),
        ("SH020", "COMP", "internal_review"),
    ]
    assert items[0]["shot.sequence.code"] == "SQ01"
    assert items[0]["assignees.name"] == ["Artist " + items[0]["assignees.name"][0].split()[-1]]
    assert items[2]["assignees.name"] == []
    assert r.json()["total"] == 3


def test_filter_by_assignee_name_and_status(
    as_producer: TestClient, project: Project, show, people
) -> None:  # type: ignore[no-untyped-def]
    name = people[Role.ARTIST].name
    r = as_producer.get(
        f"/api/v1/projects/{project.id}/tasks",
        params={"assignees.name": name, "status.code": "IN_PROGRESS"},
    )
    assert titles(r) == ["SH010 roto"]
    nobody = as_producer.get(
        f"/api/v1/projects/{project.id}/tasks", params={"assignees__is_empty": "true"}
    )
    assert sorted(titles(nobody)) == ["Hero model", "SH020 comp"]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("mine", ["SH010 comp", "SH010 roto"]),
        ("due_today", ["SH010 comp"]),
        ("overdue", ["SH010 roto"]),
        ("awaiting_review", ["SH020 comp"]),
        ("awaiting_client_review", []),
    ],
)
def test_views(
    as_artist: TestClient, project: Project, show, view: str, expected: list[str]
) -> None:  # type: ignore[no-untyped-def]
    r = as_artist.get("/api/v1/tasks", params={"view": view, "sort": "title"})
    assert titles(r) == expected
    scoped = as_artist.get(
        f"/api/v1/projects/{project.id}/tasks", params={"view": view, "sort": "title"}
    )
    assert titles(scoped) == expected


def test_unknown_view_is_422(as_artist: TestClient) -> None:
    r = as_artist.get("/api/v1/tasks", params={"view": "someday"})
    assert r.status_code == 422
    assert "view" in r.json()["error"]["fields"]


def test_shots_list_sorted_with_derived_duration(
    as_artist: TestClient, project: Project, show
) -> None:  # type: ignore[no-untyped-def]
    r = as_artist.get(
        f"/api/v1/projects/{project.id}/shots",
        params={"fields": "code,working_duration,sequence.code", "working_duration__gt": "60"},
    )
    assert r.json()["items"] == [
        {
            "id": show["shots"][0].id,
            "code": "SH010",
            "working_duration": 100,
            "sequence.code": "SQ01",
        }
    ]


def test_assets_and_sequences_lists(as_supervisor: TestClient, project: Project, show) -> None:  # type: ignore[no-untyped-def]
    assets = as_supervisor.get(
        f"/api/v1/projects/{project.id}/assets", params={"asset_type": "prop"}
    )
    assert [a["code"] for a in assets.json()["items"]] == ["CHAR01"]
    seqs = as_supervisor.get(f"/api/v1/projects/{project.id}/sequences")
    assert [s["code"] for s in seqs.json()["items"]] == ["SQ01"]


def test_archived_rows_leave_lists_unless_asked(
    as_producer: TestClient,
    project: Project,
    show,  # type: ignore[no-untyped-def]
) -> None:
    shot_id = show["shots"][1].id
    assert as_producer.post(f"/api/v1/shots/{shot_id}/archive").status_code == 200
    url = f"/api/v1/projects/{project.id}/shots"
    assert [s["code"] for s in as_producer.get(url).json()["items"]] == ["SH010"]
    assert [
        s["code"] for s in as_producer.get(url, params={"archived_only": "true"}).json()["items"]
    ] == ["SH020"]
    assert len(as_producer.get(url, params={"include_archived": "true"}).json()["items"]) == 2


def test_custom_fields_filter_and_sort(as_producer: TestClient, project: Project, show) -> None:  # type: ignore[no-untyped-def]
    r = as_producer.post(
        f"/api/v1/projects/{project.id}/custom-fields",
        json={
            "entity_type": "shot",
            "key": "bid_days",
            "label": "Bid days",
            "field_type": "number",
        },
    )
    assert r.status_code == 201, r.text
    for shot, days in zip(show["shots"], (2.5, 10), strict=True):
        etag = as_producer.get(f"/api/v1/shots/{shot.id}").headers["etag"]
        patched = as_producer.patch(
            f"/api/v1/shots/{shot.id}",
            json={"custom": {"bid_days": days}},
            headers={"If-Match": etag},
        )
        assert patched.status_code == 200, patched.text
    url = f"/api/v1/projects/{project.id}/shots"
    r = as_producer.get(url, params={"fields": "code,custom.bid_days", "sort": "-custom.bid_days"})
    assert [(s["code"], s["custom.bid_days"]) for s in r.json()["items"]] == [
        ("SH020", 10),
        ("SH010", 2.5),
    ]
    r = as_producer.get(url, params={"custom.bid_days__gte": "5"})
    assert [s["code"] for s in r.json()["items"]] == ["SH020"]
    unknown = as_producer.get(url, params={"custom.nope": "1"})
    assert unknown.status_code == 422
    assert "filters.custom.nope" in unknown.json()["error"]["fields"]


def test_one_statement_per_page(
    as_producer: TestClient,
    project: Project,
    show,
    count_statements,  # type: ignore[no-untyped-def]
) -> None:
    count_statements.statements.clear()
    r = as_producer.get(
        f"/api/v1/projects/{project.id}/tasks",
        params={
            "fields": "title,shot.code,shot.sequence.code,asset.code,task_type.code,status.name,"
            "assignees.name,supervisor.name,project.code",
            "sort": "-due_date,shot.code",
        },
    )
    assert r.status_code == 200
    assert len(r.json()["items"]) == 4
    task_selects = [s for s in count_statements.statements if "WITH page AS" in s]
    assert len(task_selects) == 1
    assert "FROM task" in task_selects[0]
    others = [s for s in count_statements.statements if s not in task_selects]
    assert not [s for s in others if "task_assignee" in s or "FROM shot" in s]


@pytest.mark.parametrize("path", ["tasks", "shots", "assets", "sequences"])
def test_who_may_list(
    as_role,
    project: Project,
    other_project: Project,
    foreign_project: Project,
    show,
    path: str,  # type: ignore[no-untyped-def]
) -> None:
    ok = {Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST}
    for role in Role:
        client = as_role(role)
        mine = client.get(f"/api/v1/projects/{project.id}/{path}")
        assert mine.status_code == (200 if role in ok else 404), (role, path)
        foreign = client.get(f"/api/v1/projects/{foreign_project.id}/{path}")
        assert foreign.status_code == 404
        not_member = client.get(f"/api/v1/projects/{other_project.id}/{path}")
        assert not_member.status_code == (200 if role in {Role.ADMIN, Role.PRODUCER} else 404)


def test_cross_project_list_only_shows_member_projects(
    session: Session,
    as_artist: TestClient,
    as_client: TestClient,
    as_foreign_admin: TestClient,
    other_project: Project,
    show,  # type: ignore[no-untyped-def]
) -> None:
    hidden = factories.make_shot(session, other_project, code="X010")
    factories.make_task(session, shot=hidden, type_code="COMP", title="hidden")
    session.commit()
    assert "hidden" not in titles(as_artist.get("/api/v1/tasks", params={"limit": 500}))
    assert as_foreign_admin.get("/api/v1/tasks").json()["total"] == 0
    assert as_client.get("/api/v1/tasks").status_code == 403


def test_dashboard_figures(
    as_artist: TestClient, as_producer: TestClient, project: Project, show, people
) -> None:  # type: ignore[no-untyped-def]
    body = as_producer.get("/api/v1/dashboard", params={"project_id": project.id}).json()
    assert body["due_today"] == 1
    assert body["my_due_today"] == 0
    assert body["in_review"] == 1
    assert body["overdue"] == 1
    assert body["open_tasks"] == 3
    assert body["workload"] == [
        {
            "account_id": people[Role.ARTIST].id,
            "name": people[Role.ARTIST].name,
            "open_tasks": 2,
            "estimated_hours": 12.0,
        }
    ]
    mine = as_artist.get("/api/v1/dashboard").json()
    assert mine["my_due_today"] == 1


def test_dashboard_permissions(
    as_client: TestClient, as_foreign_admin: TestClient, project: Project
) -> None:
    assert as_client.get("/api/v1/dashboard").status_code == 403
    assert (
        as_foreign_admin.get("/api/v1/dashboard", params={"project_id": project.id}).status_code
        == 404
    )
