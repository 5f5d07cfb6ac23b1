"""CSV import: upload (encodings, delimiters, Excel quoting), mapping, preview, commit with
each conflict policy, re-import is a no-op, undo of the batch, bad input per row."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.production.models import EntityStatus, Project, Shot
from shotline.tasks.models import Task
from tests import factories

pytestmark = pytest.mark.api

SHOTS_CSV = (
    "Shot,Sequence,Description,Frame In,Frame Out,Status,Budget\r\n"
    'SH010,SQ01,"Hero lands, ""big"" moment",1001,1100,In Progress,x\r\n'
    "SH020,SQ01,Café scene,1001,1050,waiting,\r\n"
)


def _upload(
    client: TestClient, project: Project, data: bytes, entity: str = "shot", **form: str
) -> dict:  # type: ignore[type-arg]
    r = client.post(
        f"/api/v1/projects/{project.id}/imports",
        files={"file": ("shots.csv", data, "text/csv")},
        data={"entity": entity, **form},
    )
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


@pytest.fixture
def seq(session: Session, project: Project) -> int:
    s = factories.make_sequence(session, project, code="SQ01")
    session.commit()
    return s.id


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),
        ("cp1252", ";"),
    ],
)
def test_upload_detects_encoding_delimiter_and_suggests_mapping(
    as_supervisor: TestClient, project: Project, encoding: str, delimiter: str
) -> None:
    text = SHOTS_CSV.replace(",", delimiter) if delimiter != "," else SHOTS_CSV
    if delimiter != ",":  # the quoted description keeps its comma
        text = text.replace(
            f'"Hero lands{delimiter} ""big"" moment"', '"Hero lands, ""big"" moment"'
        )
    data = text.encode(encoding)
    job = _upload(as_supervisor, project, data)
    assert job["encoding"] == encoding
    assert job["delimiter"] == delimiter
    assert job["columns"] == [
        "Shot",
        "Sequence",
        "Description",
        "Frame In",
        "Frame Out",
        "Status",
        "Budget",
    ]
    assert job["row_count"] == 2
    assert job["key"] == "code"
    assert job["mapping"] == {
        "Shot": "code",
        "Sequence": "sequence.code",
        "Description": "description",
        "Frame In": "frame_in",
        "Frame Out": "frame_out",
        "Status": "status",
    }


def test_full_import_then_reimport_changes_nothing_then_undo(
    session: Session, as_supervisor: TestClient, project: Project, seq: int
) -> None:
    job = _upload(as_supervisor, project, SHOTS_CSV.encode("cp1252"))
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/preview")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summary"] == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert body["ignored_columns"] == ["Budget"]
    assert [row["action"] for row in body["rows"]] == ["new", "new"]
    # a new row shows the values it will get
    assert body["rows"][0]["changes"] == {
        "code": [None, "SH010"],
        "sequence_id": [None, seq],
        "description": [None, 'Hero lands, "big" moment'],
        "frame_in": [None, 1001],
        "frame_out": [None, 1100],
        "status": [None, "in_progress"],
    }
    assert session.scalar(select(func.count()).select_from(Shot)) == 0  # nothing written
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "skip"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["created"], result["updated"], result["skipped"]) == (2, 0, 0)
    session.expire_all()
    sh10 = session.scalar(select(Shot).where(Shot.code == "SH010"))
    assert sh10 is not None
    assert (sh10.description, sh10.frame_in, sh10.status, sh10.sequence_id) == (
        'Hero lands, "big" moment',
        1001,
        EntityStatus.IN_PROGRESS,
        seq,
    )
    assert session.scalar(select(Shot.description).where(Shot.code == "SH020")) == "Café scene"
    # committing twice is refused
    again = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "skip"})
    assert again.status_code == 409
    # the same file again: every row unchanged, nothing written
    job2 = _upload(as_supervisor, project, SHOTS_CSV.encode("cp1252"))
    before = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/imports/{job2['id']}/commit", json={"policy": "overwrite"})
    assert r.json()["unchanged"] == 2
    assert factories.events_after(session, before) == []
    # undo the first import's batch: its shots are archived
    r = as_supervisor.post(f"/api/v1/history/batches/{result['batch_id']}/undo")
    assert r.status_code == 200, r.text
    session.expire_all()
    assert (
        session.scalar(select(func.count()).select_from(Shot).where(Shot.archived_at.is_(None)))
        == 0
    )


def test_policies_on_existing_rows(
    session: Session, as_supervisor: TestClient, project: Project, seq: int
) -> None:
    factories.make_shot(session, project, code="SH010", description="old", sequence_id=seq)
    session.commit()
    job = _upload(as_supervisor, project, SHOTS_CSV.encode())
    preview = as_supervisor.post(f"/api/v1/imports/{job['id']}/preview").json()
    assert preview["summary"] == {"new": 1, "update": 1, "unchanged": 0, "error": 0}
    assert preview["rows"][0]["changes"]["description"] == ["old", 'Hero lands, "big" moment']
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "stop"})
    assert r.status_code == 409
    assert r.json()["error"]["fields"] == {"row 2": "already exists"}
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "skip"})
    assert (r.json()["created"], r.json()["skipped"]) == (1, 1)
    session.expire_all()
    assert session.scalar(select(Shot.description).where(Shot.code == "SH010")) == "old"
    job = _upload(as_supervisor, project, SHOTS_CSV.encode())
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "overwrite"})
    assert (r.json()["updated"], r.json()["unchanged"]) == (1, 1)
    session.expire_all()
    assert session.scalar(select(Shot.description).where(Shot.code == "SH010")) == (
        'Hero lands, "big" moment'
    )


def test_bad_rows_are_named_by_row_and_column(
    session: Session, as_supervisor: TestClient, project: Project, seq: int
) -> None:
    data = (
        b"code,sequence,frame_in,frame_out,status\n"
        b"SH010,SQ01,1001,1100,waiting\n"
        b"SH020,SQ99,abc,1000,bogus\n"
        b"SH010,SQ01,1,2,waiting\n"
        b"SH030,SQ01,1100,1001,waiting\n"
    )
    job = _upload(as_supervisor, project, data)
    body = as_supervisor.post(f"/api/v1/imports/{job['id']}/preview").json()
    assert body["summary"] == {"new": 1, "update": 0, "unchanged": 0, "error": 3}
    assert [(r["row"], r["errors"]) for r in body["rows"][1:]] == [
        (
            3,
            {
                "sequence": "no sequence.code 'SQ99'",
                "frame_in": "not a whole number: 'abc'",
                "status": "one of waiting, in_progress, on_hold, final, omitted",
            },
        ),
        (4, {"key": "duplicate key, also on row 2"}),
        (5, {"frame_out": "must not be before frame_in"}),
    ]
    before = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "overwrite"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"]["row 3.frame_in"] == "not a whole number: 'abc'"
    assert factories.events_after(session, before) == []
    errors = as_supervisor.post(
        f"/api/v1/imports/{job['id']}/preview", params={"action": "error", "limit": 1}
    ).json()
    assert (errors["total"], len(errors["rows"])) == (3, 1)


def test_task_import_resolves_links_and_dates(
    session: Session,
    as_supervisor: TestClient,
    project: Project,
    people: dict[Role, Account],
) -> None:
    factories.make_shot(session, project, code="SH010")
    session.commit()
    artist = people[Role.ARTIST]
    data = (
        "Shot;Task Type;Status;Assignees;Due;Title\n"
        f"SH010;comp;IN_PROGRESS;{artist.email.upper()};01/12/2026;Comp it\n"
        "SH010;ROTO;;;2026-12-03T10:00:00Z;Roto it\n"
    ).encode()
    job = _upload(as_supervisor, project, data, entity="task")
    assert job["key"] == "parent_type"
    r = as_supervisor.put(
        f"/api/v1/imports/{job['id']}/mapping",
        json={"columns": job["mapping"], "key": "parent_type", "date_format": "dmy"},
    )
    assert r.status_code == 200, r.text
    preview = as_supervisor.post(f"/api/v1/imports/{job['id']}/preview").json()
    assert preview["summary"]["new"] == 2, preview
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "stop"})
    assert r.status_code == 200, r.text
    session.expire_all()
    comp = session.scalar(select(Task).where(Task.title == "Comp it"))
    assert comp is not None
    assert comp.assignee_ids == [artist.id]
    assert str(comp.due_date) == "2026-12-01"
    assert comp.status_id == factories.status(session, project, "IN_PROGRESS").id
    roto = session.scalar(select(Task).where(Task.title == "Roto it"))
    assert str(roto.due_date) == "2026-12-03"  # type: ignore[union-attr]


def test_mapping_rejects_unknown_columns_fields_and_keys(
    as_supervisor: TestClient, project: Project
) -> None:
    job = _upload(as_supervisor, project, SHOTS_CSV.encode())
    r = as_supervisor.put(
        f"/api/v1/imports/{job['id']}/mapping",
        json={"columns": {"Nope": "code", "Shot": "bogus", "Status": "status"}, "key": "code"},
    )
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {
        "columns.Nope": "no such column in the file",
        "columns.Shot": "unknown field 'bogus'",
        "key": "map a column to code",
    }


def test_undecodable_or_empty_files_are_422(as_supervisor: TestClient, project: Project) -> None:
    for data in (b"", b"\x81\x8d\x8f,\x90\n"):
        r = as_supervisor.post(
            f"/api/v1/projects/{project.id}/imports",
            files={"file": ("x.csv", data, "text/csv")},
            data={"entity": "shot"},
        )
        assert r.status_code == 422, data


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        ("as_admin", 201),
        ("as_producer", 201),
        ("as_supervisor", 201),
        ("as_artist", 403),
        ("as_client", 404),
        ("as_foreign_admin", 404),
    ],
)
def test_import_permissions(
    request: pytest.FixtureRequest,
    as_supervisor: TestClient,
    project: Project,
    fixture: str,
    status: int,
) -> None:
    job = _upload(as_supervisor, project, SHOTS_CSV.encode())
    client: TestClient = request.getfixturevalue(fixture)
    r = client.post(
        f"/api/v1/projects/{project.id}/imports",
        files={"file": ("x.csv", SHOTS_CSV.encode(), "text/csv")},
        data={"entity": "shot"},
    )
    assert r.status_code == status
    other = 200 if status == 201 else status
    assert client.get(f"/api/v1/imports/{job['id']}").status_code == other
    assert client.post(f"/api/v1/imports/{job['id']}/preview").status_code == other


def test_thousands_of_shots_import_in_one_commit(
    session: Session, as_supervisor: TestClient, project: Project, seq: int
) -> None:
    """One transaction, one batch for the whole file (its speed is measured in bench/)."""
    lines = ["code,sequence,frame_in,frame_out,description"]
    lines += [f"S{i:05d},SQ01,1001,{1001 + i % 200},shot {i}" for i in range(2_000)]
    data = ("\n".join(lines) + "\n").encode()
    job = _upload(as_supervisor, project, data)
    preview = as_supervisor.post(f"/api/v1/imports/{job['id']}/preview", params={"limit": 1})
    assert preview.json()["summary"]["new"] == 2_000
    mark = factories.last_event_id(session)
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "stop"})
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2_000
    batches = {
        e.batch_id for e in factories.events_after(session, mark) if e.verb == "shot.created"
    }
    assert len(batches) == 1
