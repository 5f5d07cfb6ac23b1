"""Global search: ranking, types, the index kept in sync on commit, permissions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.production.models import Project, Shot
from shotline.search import index
from shotline.search.models import SearchDocument
from tests import factories
from tests.dbutil import pg_base_url

pytestmark = pytest.mark.api


@pytest.fixture
def shots(session: Session, project: Project) -> list[Shot]:
    seq = factories.make_sequence(session, project, code="SQ010")
    rows = [
        factories.make_shot(session, project, code=f"SH0{i}", sequence_id=seq.id) for i in (1, 2)
    ]
    rows += [
        factories.make_shot(session, project, code=f"SH01{i}", sequence_id=seq.id)
        for i in range(10)
    ]
    factories.make_shot(session, project, code="XSH01X")
    session.commit()
    return rows


def _search(client: TestClient, q: str, **params: object) -> dict:  # type: ignore[type-arg]
    r = client.get("/api/v1/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_partial_code_finds_shots_exact_first_then_prefix_then_fuzzy(
    as_producer: TestClient, shots: list[Shot], project: Project
) -> None:
    body = _search(as_producer, "SH01", types="shot", limit=50)
    codes = [i["code"] for i in body["items"]]
    assert codes == ["SH01", *[f"SH01{i}" for i in range(10)], "XSH01X"]
    assert body["counts"] == {"shot": 12}
    first = body["items"][0]
    assert first == {
        "type": "shot",
        "id": shots[0].id,
        "code": "SH01",
        "title": "",
        "context": "NWD / SQ010",
        "project_id": project.id,
        "path": f"/projects/{project.id}/shots/{shots[0].id}",
    }


def test_partial_word_of_a_task_title_and_description(
    session: Session, as_artist: TestClient, shots: list[Shot]
) -> None:
    task = factories.make_task(
        session, shot=shots[0], title="Rotoscoping hero", description="flaming hair"
    )
    session.commit()
    body = _search(as_artist, "rotosc")
    assert [(i["type"], i["id"], i["path"]) for i in body["items"]] == [
        ("task", task.id, f"/tasks/{task.id}")
    ]
    assert body["items"][0]["context"] == "NWD / SH01 / COMP"
    assert [i["id"] for i in _search(as_artist, "hair")["items"]] == [task.id]


def test_account_by_name(session: Session, org: Organization, as_supervisor: TestClient) -> None:
    maya = factories.make_account(session, org, role=Role.ARTIST, name="Maya Lindqvist")
    session.commit()
    body = _search(as_supervisor, "maya", types="account")
    assert [(i["id"], i["title"], i["path"]) for i in body["items"]] == [
        (maya.id, "Maya Lindqvist", f"/accounts/{maya.id}")
    ]


def test_rename_and_archive_are_reflected_after_commit(
    as_supervisor: TestClient, shots: list[Shot]
) -> None:
    shot = shots[1]
    r = as_supervisor.patch(f"/api/v1/shots/{shot.id}", json={"code": "ZEBRA77"})
    assert r.status_code == 200, r.text
    assert [i["id"] for i in _search(as_supervisor, "zebra7")["items"]] == [shot.id]
    assert _search(as_supervisor, "SH02")["items"] == []
    r = as_supervisor.post(f"/api/v1/shots/{shot.id}/archive")
    assert r.status_code == 200, r.text
    assert _search(as_supervisor, "zebra77")["items"] == []


def test_renaming_a_sequence_updates_its_shots_context(
    session: Session, as_supervisor: TestClient, shots: list[Shot]
) -> None:
    seq_id = shots[0].sequence_id
    r = as_supervisor.patch(f"/api/v1/sequences/{seq_id}", json={"code": "SQ999"})
    assert r.status_code == 200, r.text
    body = _search(as_supervisor, "SH01", types="shot", limit=1)
    assert body["items"][0]["context"] == "NWD / SQ999"
    assert _search(as_supervisor, "sq999", types="shot")["counts"] == {"shot": 12}


def test_a_rolled_back_write_leaves_the_index_alone(session: Session, project: Project) -> None:
    factories.make_shot(session, project, code="GHOST1")
    session.flush()
    session.rollback()
    assert session.scalar(select(func.count()).where(SearchDocument.code == "GHOST1")) == 0


def test_only_what_the_searcher_may_open(
    session: Session,
    org: Organization,
    project: Project,
    other_project: Project,
    foreign_project: Project,
    as_artist: TestClient,
    as_producer: TestClient,
    as_foreign_admin: TestClient,
    as_client: TestClient,
) -> None:
    mine = factories.make_shot(session, project, code="VIS001")
    theirs = factories.make_shot(session, other_project, code="VIS002")
    foreign = factories.make_shot(session, foreign_project, code="VIS003")
    session.commit()
    assert [i["id"] for i in _search(as_artist, "vis00")["items"]] == [mine.id]
    assert [i["id"] for i in _search(as_producer, "vis00")["items"]] == [mine.id, theirs.id]
    assert [i["id"] for i in _search(as_foreign_admin, "vis00")["items"]] == [foreign.id]
    # a client searches only versions shared with them and their notes (test_search_review)
    assert _search(as_client, "vis00")["items"] == []


def test_project_filter_and_short_terms(
    session: Session, project: Project, other_project: Project, as_producer: TestClient
) -> None:
    factories.make_shot(session, project, code="AB1")
    other = factories.make_shot(session, other_project, code="AB2")
    session.commit()
    body = _search(as_producer, "ab", types="shot", project_id=other_project.id)
    assert [i["id"] for i in body["items"]] == [other.id]


def test_bad_input_is_a_422_with_fields(as_producer: TestClient, as_anonymous: TestClient) -> None:
    r = as_producer.get("/api/v1/search", params={"q": "  "})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"q": "type something to search for"}
    r = as_producer.get("/api/v1/search", params={"q": "x", "types": "shot,planet"})
    assert r.status_code == 422
    assert "types" in r.json()["error"]["fields"]
    r = as_producer.get("/api/v1/search", params={"q": "x", "limit": 0})
    assert r.status_code == 422
    assert as_anonymous.get("/api/v1/search", params={"q": "x"}).status_code == 401


def test_reindex_all_rebuilds_the_same_documents(
    session: Session, shots: list[Shot], people: dict[Role, Account]
) -> None:
    def snapshot() -> list[tuple[str, int, str, str]]:
        rows = session.execute(
            select(
                SearchDocument.entity_type,
                SearchDocument.entity_id,
                SearchDocument.context,
                SearchDocument.body,
            ).order_by(SearchDocument.entity_type, SearchDocument.entity_id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    before = snapshot()
    counts = index.reindex_all(session)
    assert counts["shot"] == 13
    assert snapshot() == before


@pytest.mark.pg_only
@pytest.mark.skipif(pg_base_url() is None, reason="typo tolerance is PostgreSQL's pg_trgm")
def test_postgresql_tolerates_a_typo_in_a_long_word(
    session: Session, as_artist: TestClient, shots: list[Shot]
) -> None:
    task = factories.make_task(session, shot=shots[0], title="Rotoscoping hero")
    session.commit()
    assert [i["id"] for i in _search(as_artist, "rotoscopnig", types="task")["items"]] == [task.id]


@pytest.mark.pg_only
@pytest.mark.skipif(pg_base_url() is None, reason="typo tolerance is PostgreSQL's pg_trgm")
def test_close_matches_only_when_nothing_matches_as_typed(
    session: Session, as_artist: TestClient, shots: list[Shot]
) -> None:
    exact = factories.make_task(session, shot=shots[0], title="Rotoscoping hero")
    near = factories.make_task(session, shot=shots[1], title="Rotoscopy cleanup")
    session.commit()
    typed = _search(as_artist, "rotoscoping", types="task")
    assert [i["id"] for i in typed["items"]] == [exact.id], "no near words beside a real hit"
    assert typed["counts"]["task"] == 1
    misspelt = _search(as_artist, "rotoscopping", types="task")
    assert exact.id in [i["id"] for i in misspelt["items"]]
    assert near.id != misspelt["items"][0]["id"], "the closest word first"


@pytest.mark.pg_only
@pytest.mark.skipif(pg_base_url() is None, reason="a PostgreSQL setting")
def test_postgresql_connections_run_without_jit(session: Session) -> None:
    # JIT compilation cost 0.5 s per search whose plan estimate passed jit_above_cost.
    assert session.connection().exec_driver_sql("SHOW jit").scalar() == "off"
