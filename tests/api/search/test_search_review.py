"""Global search over versions and notes: their labels and text, where they open, the index
kept in sync on create/update/archive, and who finds what (internal notes and unshared
versions never reach a client; another project never reaches an artist)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.production.models import Project
from shotline.review import notes, versions
from shotline.review.models import Note, NoteVisibility, Version
from shotline.search import index
from shotline.search.models import SearchDocument
from shotline.tasks.models import Task
from tests import factories
from tests.api.clientreview.conftest import enter, internal_version, media, share, task, version
from tests.api.review.conftest import make_media

# fixtures: a task on SH010 (COMP) with v001 (`version`) and v002 (`internal_version`)
__all__ = ["internal_version", "media", "task", "version"]
pytestmark = pytest.mark.api


def _search(client: TestClient, q: str, **params: object) -> dict[str, Any]:
    r = client.get("/api/v1/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _hits(client: TestClient, q: str, **params: object) -> list[tuple[str, int]]:
    return [(i["type"], i["id"]) for i in _search(client, q, **params)["items"]]


def _version(session: Session, project: Project, task: Task, **kw: Any) -> Version:
    return versions.create_version(
        session,
        factories.system_for(project),
        task.id,
        media_ids=[make_media(session, project).id],
        **kw,
    )


def _note(
    session: Session, project: Project, target: str, target_id: int, body: str, **kw: Any
) -> Note:
    return notes.create_note(
        session,
        factories.system_for(project),
        target_type=target,
        target_id=target_id,
        body=body,
        **kw,
    )


@pytest.fixture
def four_versions(session: Session, project: Project, task: Task) -> list[Version]:
    rows = [_version(session, project, task) for _ in range(3)]
    rows.append(_version(session, project, task, description="Hero fire, wider flames"))
    session.commit()
    return rows


def test_a_version_by_its_label_and_by_its_description(
    as_artist: TestClient, project: Project, four_versions: list[Version]
) -> None:
    v4 = four_versions[3]
    body = _search(as_artist, "SH010 comp v004", types="version")
    # (PostgreSQL also lists close matches after it: the other versions, by similarity)
    assert body["items"][0] == {
        "type": "version",
        "id": v4.id,
        "code": "SH010 COMP v004",
        "title": "Hero fire, wider flames",
        "context": "NWD",
        "project_id": project.id,
        "path": f"/review/{v4.id}",
    }
    assert _hits(as_artist, "SH010 comp v004")[0] == ("version", v4.id)
    assert _hits(as_artist, "wider flame") == [("version", v4.id)]
    # every version of the shot, exact label first
    codes = [i["code"] for i in _search(as_artist, "sh010 v00", types="version")["items"]]
    assert codes == ["SH010 COMP v001", "SH010 COMP v002", "SH010 COMP v003", "SH010 COMP v004"]


def test_a_note_by_a_word_opens_where_it_was_written(
    session: Session, as_artist: TestClient, project: Project, task: Task, version: Version
) -> None:
    on_version = _note(session, project, "version", version.id, "The flicker on frame 1012")
    on_task = _note(session, project, "task", task.id, "Client wants less flicker overall")
    on_shot = _note(session, project, "shot", task.shot_id, "Flicker-free plate arrives Monday")
    session.commit()
    items = _search(as_artist, "flicker", types="note")["items"]
    assert {(i["id"], i["path"], i["context"]) for i in items} == {
        (on_version.id, f"/review/{version.id}", "NWD / SH010 COMP v001"),
        (on_task.id, f"/tasks/{task.id}", "NWD / SH010 / COMP"),
        (on_shot.id, f"/projects/{project.id}/shots/{task.shot_id}", "NWD / SH010"),
    }
    hit = next(i for i in items if i["id"] == on_version.id)
    assert (hit["code"], hit["title"]) == ("", "The flicker on frame 1012")
    # a note is found by its own words, not by the code of the shot it is about
    assert _search(as_artist, "SH010", types="note")["items"] == []


def test_edits_and_archives_reach_the_index_at_commit(
    as_supervisor: TestClient, version: Version
) -> None:
    r = as_supervisor.post(f"/api/v1/versions/{version.id}/notes", json={"body": "more grain"})
    assert r.status_code == 201, r.text
    note_id = r.json()["id"]
    assert _hits(as_supervisor, "more grain") == [("note", note_id)]
    r = as_supervisor.patch(f"/api/v1/notes/{note_id}", json={"body": "needs less grain"})
    assert r.status_code == 200, r.text
    r = as_supervisor.patch(f"/api/v1/versions/{version.id}", json={"description": "Smoke pass"})
    assert r.status_code == 200, r.text
    assert _hits(as_supervisor, "less grain") == [("note", note_id)]
    assert _hits(as_supervisor, "more grain") == []
    assert _hits(as_supervisor, "smoke pass") == [("version", version.id)]
    assert as_supervisor.post(f"/api/v1/notes/{note_id}/archive").status_code == 200
    assert as_supervisor.post(f"/api/v1/versions/{version.id}/archive").status_code == 200
    assert _hits(as_supervisor, "less grain") == []
    assert _hits(as_supervisor, "smoke pass") == []


def test_renaming_the_shot_relabels_its_versions_and_their_notes(
    session: Session, as_supervisor: TestClient, project: Project, task: Task, version: Version
) -> None:
    note = _note(session, project, "version", version.id, "tracking slips")
    session.commit()
    r = as_supervisor.patch(f"/api/v1/shots/{task.shot_id}", json={"code": "SH777"})
    assert r.status_code == 200, r.text
    body = _search(as_supervisor, "sh777 comp v001")
    assert (body["items"][0]["type"], body["items"][0]["code"]) == ("version", "SH777 COMP v001")
    assert _search(as_supervisor, "sh010", types="version")["items"] == []
    hit = _search(as_supervisor, "tracking slips")["items"][0]
    assert (hit["id"], hit["context"]) == (note.id, "NWD / SH777 COMP v001")


def test_reindex_rebuilds_version_and_note_documents(
    session: Session, project: Project, four_versions: list[Version]
) -> None:
    _note(session, project, "version", four_versions[0].id, "a reply-worthy note")
    session.commit()

    def snapshot() -> list[tuple[Any, ...]]:
        rows = session.execute(
            select(
                SearchDocument.entity_type,
                SearchDocument.entity_id,
                SearchDocument.code,
                SearchDocument.title,
                SearchDocument.context,
                SearchDocument.body,
            )
            .where(SearchDocument.entity_type.in_(("version", "note")))
            .order_by(SearchDocument.entity_type, SearchDocument.entity_id)
        )
        return [tuple(r) for r in rows]

    before = snapshot()
    counts = index.reindex_all(session)
    assert (counts["version"], counts["note"]) == (4, 1)
    assert snapshot() == before
    assert before[0][0] == "note"
    assert before[1][2] == "SH010 COMP v001"


def test_a_client_finds_only_shared_versions_and_client_notes(
    session: Session,
    as_supervisor: TestClient,
    as_client: TestClient,
    project: Project,
    task: Task,
    version: Version,
    internal_version: Version,
) -> None:
    internal = _note(session, project, "version", version.id, "internal: the sky is off")
    for_client = _note(
        session,
        project,
        "version",
        version.id,
        "client: the sky is darker now",
        visibility=NoteVisibility.CLIENT,
    )
    on_unshared = _note(
        session,
        project,
        "version",
        internal_version.id,
        "client: the sky on v002",
        visibility=NoteVisibility.CLIENT,
    )
    _note(session, project, "task", task.id, "task note: the sky")
    session.commit()
    # nothing is shared yet: the client finds nothing, staff find all four notes
    assert _search(as_client, "sky")["items"] == []
    assert len(_hits(as_supervisor, "the sky", types="note")) == 4
    share(as_supervisor, version.id, create_session={"name": "Dailies"})
    body = _search(as_client, "sky")
    assert [(i["type"], i["id"]) for i in body["items"]] == [("note", for_client.id)]
    assert body["counts"] == {
        "project": 0,
        "sequence": 0,
        "shot": 0,
        "asset": 0,
        "task": 0,
        "version": 0,
        "note": 1,
        "account": 0,
    }
    assert _hits(as_client, "sh010") == [("version", version.id)]
    assert _hits(as_client, "sh010", types="shot,task") == []
    assert internal.id not in [i for _, i in _hits(as_client, "internal")]
    assert on_unshared.id not in [i for _, i in _hits(as_client, "v002")]


def test_a_share_link_guest_may_not_search(
    as_supervisor: TestClient, client: TestClient, project: Project, version: Version
) -> None:
    token = share(as_supervisor, version.id, create_session={"name": "Dailies"})["created"]["token"]
    headers = enter(client, token)
    assert client.get(f"/api/v1/share/{token}/versions", headers=headers).status_code == 200
    r = client.get("/api/v1/search", params={"q": "sh010"}, headers=headers)
    assert r.status_code == 401, r.text


def test_an_artist_of_another_project_finds_none_of_it(
    session: Session,
    as_artist: TestClient,
    as_producer: TestClient,
    as_foreign_admin: TestClient,
    project: Project,
    other_project: Project,
) -> None:
    shot = factories.make_shot(session, other_project, code="SH010")
    task = factories.make_task(session, shot=shot)
    theirs = _version(session, other_project, task, description="elsewhere")
    note = _note(session, other_project, "version", theirs.id, "elsewhere too")
    session.commit()
    assert _hits(as_artist, "elsewhere") == []
    assert _hits(as_foreign_admin, "elsewhere") == []
    assert sorted(_hits(as_producer, "elsewhere")) == [("note", note.id), ("version", theirs.id)]
