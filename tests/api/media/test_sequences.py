"""Image sequences: frames uploaded one by one become one media item with a proxy movie."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import av
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from tests import factories
from tests.api.media.conftest import run_jobs
from tests.unit.media.media_samples import make_exr_numbered, make_still, read_frame_number

pytestmark = pytest.mark.api


def _send(client: TestClient, path: Path, name: str, project_id: int | None = None) -> int:
    data = {"project_id": str(project_id)} if project_id else {}
    r = client.post("/api/v1/media", files={"file": (name, path.read_bytes())}, data=data)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _proxy_frames(client: TestClient, url: str, tmp_path: Path) -> list[int]:
    parts = url.split("://", 1)[-1]
    path = parts[parts.index("/") :] if "://" in url else url
    movie = tmp_path / "proxy.mp4"
    movie.write_bytes(client.get(path).content)
    with av.open(str(movie)) as container:
        return [read_frame_number(f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]


def test_an_exr_sequence_with_a_gap_becomes_one_reviewable_item(
    as_uploader: TestClient, queue, session: Session, tmp_path: Path
) -> None:
    ids = []
    for n in (1001, 1002, 1004, 1005):  # 1003 is missing
        frame = make_exr_numbered(tmp_path / f"f{n}.exr", n - 1000)
        ids.append(_send(as_uploader, frame, f"plate_v002.{n}.exr"))
    run_jobs(queue)
    r = as_uploader.post("/api/v1/media/sequences", json={"media_ids": ids[::-1], "fps": "25"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["kind"], body["state"], body["original_name"]) == (
        "sequence",
        "queued",
        "plate_v002.####.exr",
    )
    seq = body["technical"]["sequence"]
    assert (seq["first"], seq["last"], seq["padding"], seq["missing"]) == (1001, 1005, 4, [1003])
    assert run_jobs(queue) == 1
    got = as_uploader.get(f"/api/v1/media/{body['id']}").json()
    assert got["state"] == "ready", got["failure_reason"]
    tech = got["technical"]
    assert (tech["frame_count"], tech["fps"], tech["width"], tech["height"]) == (5, "25", 64, 48)
    assert tech["sequence"]["missing"] == [1003]
    assert "1 missing: 1003" in tech["note"]
    kinds = {r["kind"]: r for r in got["renditions"]}
    assert set(kinds) == {
        "thumbnail_small",
        "thumbnail_medium",
        "thumbnail_large",
        "proxy",
        "filmstrip",
    }
    assert (kinds["proxy"]["frame_count"], kinds["proxy"]["fps"]) == (5, "25")
    # one proxy frame per number; the missing frame holds the one before it
    assert _proxy_frames(as_uploader, kinds["proxy"]["url"], tmp_path) == [1, 2, 2, 4, 5]


def test_names_fps_from_the_project_and_versions_use_the_sequence(
    media_client: Callable[[Role | None], TestClient],
    queue,
    session: Session,
    org: Organization,
    people: dict[Role, Account],
    tmp_path: Path,
) -> None:
    project = factories.make_project(session, org, fps=30.0)
    factories.add_member(session, project, people[Role.SUPERVISOR])
    shot = factories.make_shot(session, project)
    task = factories.make_task(session, shot=shot, type_code="COMP")
    session.commit()
    client = media_client(Role.SUPERVISOR)
    names = [f"bg.{n}.png" for n in (7, 8, 9)]
    for name in names:
        _send(client, make_still(tmp_path / name, "PNG"), name, project.id)
    r = client.post("/api/v1/media/sequences", json={"names": names})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["project_id"] == project.id
    assert body["technical"]["sequence"]["fps"] == "30"
    assert body["technical"]["sequence"]["pattern"] == "bg.@.png"
    run_jobs(queue)
    got = client.get(f"/api/v1/media/{body['id']}").json()
    assert got["state"] == "ready", got["failure_reason"]
    assert got["technical"]["frame_count"] == 3
    r = client.post(f"/api/v1/tasks/{task.id}/versions", json={"media_ids": [body["id"]]})
    assert r.status_code == 201, r.text


def test_files_that_are_not_one_sequence_are_422(as_uploader: TestClient, tmp_path: Path) -> None:
    still = make_still(tmp_path / "a.png", "PNG")
    a = _send(as_uploader, still, "a.1001.png")
    b = _send(as_uploader, still, "b.1001.png")
    c = _send(as_uploader, still, "notes.png")
    r = as_uploader.post("/api/v1/media/sequences", json={"media_ids": [a, b]})
    assert r.status_code == 422
    assert "several sequences" in r.json()["error"]["fields"]["media_ids"]
    r = as_uploader.post("/api/v1/media/sequences", json={"media_ids": [a, c]})
    assert r.status_code == 422
    assert "notes.png" in r.json()["error"]["fields"]["media_ids"]
    r = as_uploader.post("/api/v1/media/sequences", json={"media_ids": [a, 999_999]})
    assert r.status_code == 422
    r = as_uploader.post("/api/v1/media/sequences", json={"media_ids": [a], "fps": "0"})
    assert r.status_code == 422
    assert as_uploader.post("/api/v1/media/sequences", json={}).status_code == 422
