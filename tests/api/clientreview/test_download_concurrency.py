"""The download limit is counted atomically: concurrent downloads at limit - 1 let exactly
one through (real threads, own connections, fresh database: SQLite or PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shotline.clientreview import guest, sessions
from shotline.clientreview.models import ReviewSession
from shotline.db.runtime import Database
from tests import factories
from tests.dbutil import migrated_database

pytestmark = pytest.mark.api
THREADS = 6


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    with migrated_database(tmp_path, "downloads") as db:
        yield db


def test_concurrent_downloads_at_limit_minus_one(fresh_db: Database) -> None:
    with fresh_db.unit_of_work() as session:
        org = factories.make_org(session)
        project = factories.make_project(session, org, code="DL")
        row, _token = sessions.create_session(
            session,
            factories.system_for(project),
            project.id,
            name="L",
            allow_downloads=True,
            download_limit=5,
        )
        row.downloads = 4
        session.flush()
        sid = row.id
    barrier = threading.Barrier(THREADS)
    ok: list[int | None] = []
    refused: list[BaseException] = []
    errors: list[BaseException] = []

    def download() -> None:
        try:
            barrier.wait(timeout=10)
            with fresh_db.unit_of_work() as session:
                ok.append(guest.count_download(session, sid))
        except guest.DownloadLimitReached as exc:
            refused.append(exc)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=download) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert ok == [0]
    assert len(refused) == THREADS - 1
    with fresh_db.unit_of_work() as session:
        assert session.get_one(ReviewSession, sid).downloads == 5
