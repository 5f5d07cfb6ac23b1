"""Editorial import: an EDL becomes shot rows (code precedence, cut in/out, transitions,
error rows), committed like a CSV import in one batch; re-import is a no-op."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.events.models import Event
from shotline.production.models import Project, Shot
from tests import factories

pytestmark = pytest.mark.api

# 24 fps: 01:00:10:00 is frame 86640.
EDL = """TITLE: NWD_CUT_v3
FCM: NON-DROP FRAME

001  A001C003 V     C        01:00:10:00 01:00:12:00 00:00:00:00 00:00:02:00
* FROM CLIP NAME: SH010
002  A001C004 V     C        01:00:20:00 01:00:21:12 00:00:02:00 00:00:03:12
* FROM CLIP NAME: plate_b
* LOC: 00:00:02:05 YELLOW  SH020
003  A001C005 V     C        01:00:30:00 01:00:30:00 00:00:03:12 00:00:03:12
003  A001C006 V     D    012 01:00:40:00 01:00:41:00 00:00:03:12 00:00:04:12
* FROM CLIP NAME: SH030
004  AX       V     C        00:00:00:00 00:00:01:00 00:00:04:12 00:00:05:12
005  SH050    V     C        01:00:50:00 01:00:50:12 00:00:05:12 00:00:06:00
"""


def _upload(client: TestClient, project: Project, text: str = EDL) -> dict:  # type: ignore[type-arg]
    r = client.post(
        f"/api/v1/projects/{project.id}/editorial-imports",
        files={"file": ("cut.edl", text.encode(), "text/plain")},
    )
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_preview_names_each_clip_and_its_cut(
    session: Session, as_supervisor: TestClient, project: Project
) -> None:
    factories.make_shot(session, project, code="SH030", cut_in=87360, cut_out=87383)
    session.commit()
    body = _upload(as_supervisor, project)
    assert body["job"]["state"] == "previewed"
    assert body["summary"] == {"new": 3, "update": 0, "unchanged": 1, "error": 1}, body["rows"]
    rows = {r["row"]: r for r in body["rows"]}
    picked = {
        n: (r["action"], r["detail"]["code"], r["detail"]["code_from"]) for n, r in rows.items()
    }
    assert picked == {
        1: ("new", "SH010", "clip name"),
        2: ("new", "SH020", "locator"),
        3: ("unchanged", "SH030", "clip name"),
        4: ("error", None, ""),
        5: ("new", "SH050", "reel"),
    }
    assert {k: rows[1]["detail"][k] for k in ("cut_in", "cut_out", "duration")} == {
        "cut_in": 86640,
        "cut_out": 86687,
        "duration": 48,
    }
    assert rows[4]["errors"] == {
        "code": "no shot code: add a `* LOC:` locator, a clip name or a reel"
    }


def test_commit_creates_and_updates_in_one_batch_and_twice_is_a_no_op(
    session: Session, as_supervisor: TestClient, project: Project
) -> None:
    old = factories.make_shot(session, project, code="SH030", cut_in=1, cut_out=2)
    session.commit()
    job = _upload(as_supervisor, project)["job"]
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "skip"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert {k: result[k] for k in ("created", "updated", "unchanged", "skipped")} == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "skipped": 2,
    }
    job = _upload(as_supervisor, project)["job"]
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "overwrite"})
    assert r.status_code == 422  # the error row refuses overwrite
    fixed = EDL.replace("004  AX", "004  SH040")
    job = _upload(as_supervisor, project, fixed)["job"]
    r = as_supervisor.post(f"/api/v1/imports/{job['id']}/commit", json={"policy": "overwrite"})
    assert r.status_code == 200, r.text
    second = r.json()
    assert {k: second[k] for k in ("created", "updated", "unchanged")} == {
        "created": 1,
        "updated": 1,
        "unchanged": 3,
    }
    session.expire_all()
    shots = {
        s.code: (s.cut_in, s.cut_out)
        for s in session.scalars(select(Shot).where(Shot.project_id == project.id))
    }
    assert shots == {
        "SH010": (86640, 86687),
        "SH020": (86880, 86915),
        "SH030": (87360, 87383),
        "SH040": (0, 23),
        "SH050": (87600, 87611),
    }
    (sh040,) = _ids(session, project, "SH040")
    events = session.execute(
        select(Event.verb, Event.entity_id, Event.changes)
        .where(Event.batch_id == second["batch_id"])
        .order_by(Event.id)
    ).all()
    assert [(e.verb, e.entity_id) for e in events] == [
        ("shot.created", sh040),
        ("shot.updated", old.id),
    ]
    assert events[1].changes == {"cut_in": [1, 87360], "cut_out": [2, 87383]}
    job = _upload(as_supervisor, project, fixed)
    assert job["summary"] == {"new": 0, "update": 0, "unchanged": 5, "error": 0}


def _ids(session: Session, project: Project, code: str) -> list[int]:
    return list(
        session.scalars(select(Shot.id).where(Shot.project_id == project.id, Shot.code == code))
    )


def test_unreadable_file_and_duplicate_codes(as_supervisor: TestClient, project: Project) -> None:
    r = as_supervisor.post(
        f"/api/v1/projects/{project.id}/editorial-imports",
        files={"file": ("cut.edl", b"001  garbage here\n", "text/plain")},
    )
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"file"}
    dup = EDL.replace("* LOC: 00:00:02:05 YELLOW  SH020", "* LOC: 00:00:02:05 YELLOW  SH010")
    rows = {r["row"]: r for r in _upload(as_supervisor, project, dup)["rows"]}
    assert rows[2]["errors"] == {"code": "SH010 is also on event 1"}


def test_who_may_import_a_cut(
    as_artist: TestClient,
    as_client: TestClient,
    as_foreign_admin: TestClient,
    as_producer: TestClient,
    project: Project,
) -> None:
    def post(client: TestClient) -> int:
        return client.post(
            f"/api/v1/projects/{project.id}/editorial-imports",
            files={"file": ("cut.edl", EDL.encode(), "text/plain")},
        ).status_code

    assert post(as_producer) == 201
    assert post(as_artist) == 403
    assert post(as_client) == 404
    assert post(as_foreign_admin) == 404
