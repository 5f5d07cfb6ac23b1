"""The task list's review fields (latest version, its thumbnail and approval state, note
count), as the kanban cards read them: right values, still one statement per page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.media.models import MediaFile, MediaRendition, RenditionKind, ScanState
from shotline.production.models import Project
from shotline.review import approvals, notes, versions
from shotline.review.models import Decision
from tests import factories
from tests.api.review.conftest import make_media

pytestmark = pytest.mark.api

FIELDS = (
    "title,latest_version_id,latest_version_number,latest_version_status,"
    "latest_version_thumbnail_id,note_count,assignees.name,shot.code"
)


def with_thumbnail(session: Session, media: MediaFile) -> MediaFile:
    media.renditions.append(
        MediaRendition(
            kind=RenditionKind.THUMBNAIL_SMALL,
            storage_key="renditions/t.jpg",
            mime="image/jpeg",
            width=160,
            height=90,
            size=10,
        )
    )
    session.flush()
    return media


@pytest.fixture
def reviewed(session: Session, project: Project) -> dict[str, int]:
    """COMP: v001 (thumbnail), v002 approved (no thumbnail on its first media, one on its
    second), v003 archived; a note on the task, a reply, a note on v002 and one on v003.
    ROTO: nothing uploaded."""
    system = factories.system_for(project)
    shot = factories.make_shot(session, project, code="SH010")
    comp = factories.make_task(session, shot=shot, type_code="COMP", title="comp")
    factories.make_task(session, shot=shot, type_code="ROTO", title="roto")
    v1_media = with_thumbnail(session, make_media(session, project))
    versions.create_version(session, system, comp.id, media_ids=[v1_media.id])
    plain = make_media(session, project)
    thumb = with_thumbnail(session, make_media(session, project))
    v2 = versions.create_version(session, system, comp.id, media_ids=[plain.id, thumb.id])
    v3 = versions.create_version(
        session, system, comp.id, media_ids=[make_media(session, project).id]
    )
    approvals.decide(session, system, v2.id, decision=Decision.APPROVED, note="Lovely")
    first = notes.create_note(session, system, target_type="task", target_id=comp.id, body="go")
    notes.create_note(
        session, system, target_type="task", target_id=comp.id, body="ok", parent_id=first.id
    )
    notes.create_note(session, system, target_type="version", target_id=v3.id, body="wip")
    versions.archive_version(session, system, v3.id)
    session.commit()
    return {"comp": comp.id, "v2": v2.id, "thumb": thumb.id}


def rows(client: TestClient, project: Project, **params: str) -> dict[str, dict]:  # type: ignore[type-arg]
    r = client.get(f"/api/v1/projects/{project.id}/tasks", params={"fields": FIELDS, **params})
    assert r.status_code == 200, r.text
    return {row["title"]: row for row in r.json()["items"]}


def test_latest_version_thumbnail_approval_and_note_count(
    as_artist: TestClient, project: Project, reviewed: dict[str, int]
) -> None:
    got = rows(as_artist, project)

    comp = got["comp"]
    assert {k: comp[k] for k in comp if k.startswith(("latest", "note"))} == {
        "latest_version_id": reviewed["v2"],
        "latest_version_number": 2,
        "latest_version_status": "approved",
        "latest_version_thumbnail_id": reviewed["thumb"],
        "note_count": 3,  # the task note, its reply, the approval's note on v002 (v003 archived)
    }
    assert {k: got["roto"][k] for k in comp if k.startswith(("latest", "note"))} == {
        "latest_version_id": None,
        "latest_version_number": None,
        "latest_version_status": None,
        "latest_version_thumbnail_id": None,
        "note_count": 0,
    }


def test_review_fields_filter_and_sort(
    as_producer: TestClient, project: Project, reviewed: dict[str, int]
) -> None:
    assert list(rows(as_producer, project, latest_version_status="approved")) == ["comp"]
    assert list(rows(as_producer, project, note_count__gt="0")) == ["comp"]
    assert list(rows(as_producer, project, sort="-latest_version_number")) == ["comp", "roto"]
    bad = as_producer.get(
        f"/api/v1/projects/{project.id}/tasks", params={"latest_version_status": "maybe"}
    )
    assert bad.status_code == 422
    assert "filters.latest_version_status" in bad.json()["error"]["fields"]
    unsortable = as_producer.get(
        f"/api/v1/projects/{project.id}/tasks", params={"sort": "latest_version_thumbnail_id"}
    )
    assert unsortable.status_code == 422


def test_a_thumbnail_that_may_not_be_served_is_left_out(
    as_producer: TestClient, session: Session, project: Project, reviewed: dict[str, int]
) -> None:
    media = session.get_one(MediaFile, reviewed["thumb"])
    media.scan_state = ScanState.INFECTED
    session.commit()
    assert rows(as_producer, project)["comp"]["latest_version_thumbnail_id"] is None


def test_board_page_with_review_fields_is_one_statement(
    as_producer: TestClient,
    session: Session,
    project: Project,
    reviewed: dict[str, int],
    count_statements,  # type: ignore[no-untyped-def]
) -> None:
    for n in range(30):
        factories.make_task(session, shot=factories.make_shot(session, project), title=f"t{n}")
    session.commit()
    count_statements.statements.clear()

    got = rows(as_producer, project, limit="2000", sort="due_date,id")

    assert len(got) == 32
    selects = [s for s in count_statements.statements if "FROM version" in s or "note" in s]
    assert len(selects) == 1
    assert "WITH page AS" in selects[0]
    assert "media_rendition" in selects[0]
