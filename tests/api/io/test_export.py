"""Streamed CSV/JSON export of the grids: exact content, same filters/sort/permissions as
the lists, flat memory."""

from __future__ import annotations

import tracemalloc

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account, Role
from shotline.io import export
from shotline.production import shots
from shotline.production.models import Project
from shotline.registry import QuerySpec
from tests import factories

pytestmark = pytest.mark.api


@pytest.fixture
def show(session: Session, project: Project) -> dict[str, int]:
    seq = factories.make_sequence(session, project, code="SQ01")
    a = factories.make_shot(
        session, project, code="SH010", sequence_id=seq.id, frame_in=1001, frame_out=1100
    )
    b = factories.make_shot(
        session, project, code="SH020", sequence_id=seq.id, description='say "hi", ok'
    )
    factories.make_shot(session, project, code="SH030", sequence_id=seq.id)
    session.commit()
    return {"a": a.id, "b": b.id}


def test_csv_export_has_exact_content(
    as_supervisor: TestClient, project: Project, show: dict[str, int]
) -> None:
    r = as_supervisor.get(
        f"/api/v1/projects/{project.id}/shots/export",
        params={
            "format": "csv",
            "fields": "code,sequence.code,frame_in,description",
            "code__in": "SH010,SH020",
            "sort": "-code",
        },
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in r.headers["content-disposition"]
    assert r.text == (
        "id,code,sequence.code,frame_in,description\r\n"
        f'{show["b"]},SH020,SQ01,,"say ""hi"", ok"\r\n'
        f"{show['a']},SH010,SQ01,1001,\r\n"
    )


def test_json_export_is_an_array_of_objects(
    as_producer: TestClient, project: Project, show: dict[str, int]
) -> None:
    r = as_producer.get(
        f"/api/v1/projects/{project.id}/shots/export",
        params={"format": "json", "fields": "code,frame_out", "sort": "code", "limit": 1},
    )
    assert r.status_code == 200
    assert orjson.loads(r.content) == [
        {"id": show["a"], "code": "SH010", "frame_out": 1100},
        {"id": show["b"], "code": "SH020", "frame_out": None},
        {"id": r.json()[2]["id"], "code": "SH030", "frame_out": None},
    ]


def test_task_export_lists_assignees_and_follows_views(
    session: Session, as_artist: TestClient, project: Project, people: dict[Role, Account]
) -> None:
    shot = factories.make_shot(session, project, code="SH100")
    mine = factories.make_task(
        session, shot=shot, type_code="COMP", title="comp", assignees=[people[Role.ARTIST]]
    )
    factories.make_task(session, shot=shot, type_code="ROTO", title="roto")
    session.commit()
    r = as_artist.get(
        f"/api/v1/projects/{project.id}/tasks/export",
        params={"view": "mine", "fields": "title,shot.code,assignees.name"},
    )
    assert r.status_code == 200
    name = people[Role.ARTIST].name
    assert r.text == f"id,title,shot.code,assignees.name\r\n{mine.id},comp,SH100,{name}\r\n"


def test_export_rejects_unknown_fields_before_streaming(
    as_producer: TestClient, project: Project
) -> None:
    r = as_producer.get(f"/api/v1/projects/{project.id}/shots/export", params={"fields": "nope"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"fields.nope": "unknown field 'nope'"} or (
        "fields.nope" in r.json()["error"]["fields"]
    )


@pytest.mark.parametrize("fixture", ["as_client", "as_foreign_admin"])
def test_export_of_a_project_you_cannot_see_is_404(
    request: pytest.FixtureRequest, fixture: str, project: Project
) -> None:
    client: TestClient = request.getfixturevalue(fixture)
    for entity in ("shots", "assets", "tasks", "sequences"):
        r = client.get(f"/api/v1/projects/{project.id}/{entity}/export")
        assert r.status_code == 404, entity


def test_artist_of_another_project_gets_404(
    session: Session, org, project: Project, as_artist: TestClient
) -> None:
    other = factories.make_project(session, org, code="ELSE")
    session.commit()
    assert as_artist.get(f"/api/v1/projects/{other.id}/shots/export").status_code == 404


def test_export_memory_stays_flat(session: Session, project: Project) -> None:
    """20,000 rows streamed: the peak stays far below what holding them all would take."""
    actor = Actor.system(project.organization_id)
    shots.create_shots(
        session,
        actor,
        project.id,
        shots=[{"code": f"M{i:05d}", "description": "x" * 40} for i in range(20_000)],
    )
    spec = QuerySpec(fields=["code", "description", "status", "frame_in", "sequence.code"])

    def run(limit_rows: int | None) -> tuple[int, int]:
        fields, rows = export.export_rows(
            session, actor, project_id=project.id, entity="shot", spec=spec, batch_size=500
        )
        tracemalloc.start()
        total = 0
        for chunk in export.encode_csv(fields, rows):
            total += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return total, peak

    total, peak = run(None)
    assert total > 20_000 * 50
    assert peak < 3 * 1024 * 1024, peak
