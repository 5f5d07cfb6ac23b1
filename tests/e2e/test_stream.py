"""The live stream against real servers: receive, resume with Last-Event-ID, visibility,
heartbeats; and two server processes sharing Redis pub/sub."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.dbutil import pg_base_url
from tests.servers import base_env, load_demo, login, open_stream, serve, work

pytestmark = pytest.mark.e2e

REDIS_URL = os.environ.get("SHOTLINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass
class Site:
    url: str
    logins: dict[str, tuple[str, str]]
    opened: list[httpx.Client] = field(default_factory=list)

    def client(self, role: str, url: str | None = None) -> httpx.Client:
        email, password = self.logins[role]
        self.opened.append(login(url or self.url, email, password))
        return self.opened[-1]

    def close(self) -> None:
        while self.opened:
            self.opened.pop().close()


def account_id(client: httpx.Client) -> int:
    return int(client.get("/api/v1/me").json()["id"])


def make_project(admin: httpx.Client, code: str, members: list[tuple[int, str]]) -> int:
    r = admin.post("/api/v1/projects", json={"code": code, "name": f"Project {code}"})
    assert r.status_code == 201, r.text
    project_id = int(r.json()["id"])
    for person, role in members:
        r = admin.post(
            f"/api/v1/projects/{project_id}/members", json={"account_id": person, "role": role}
        )
        assert r.status_code == 201, r.text
    return project_id


def rename(client: httpx.Client, project_id: int, name: str) -> None:
    r = client.patch(f"/api/v1/projects/{project_id}", json={"name": name})
    assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if pg_base_url():
        pytest.skip("end-to-end tests run once, on the embedded defaults")
    data = tmp_path_factory.mktemp("stream")
    # The embedded worker runs the notifier (notification messages).
    env = base_env(data, SHOTLINE_STREAM_HEARTBEAT_SECONDS="1", SHOTLINE_EMBEDDED_WORKER="true")
    logins = load_demo(env)
    with serve(env, data / "server.log") as url:
        yield Site(url, logins)


@pytest.fixture(autouse=True)
def _close_clients(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "site" in request.fixturenames:
        request.getfixturevalue("site").close()


def test_stream_without_login_is_401(site: Site) -> None:
    with httpx.Client(timeout=5) as anonymous:
        r = anonymous.get(f"{site.url}/api/v1/stream")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"


def test_stream_of_a_project_the_viewer_cannot_see_is_404(site: Site) -> None:
    admin, artist = site.client("admin"), site.client("artist")
    project_id = make_project(admin, "HIDDEN", [])
    r = artist.get("/api/v1/stream", params={"project_id": project_id})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    r = artist.get("/api/v1/stream", params={"after_id": -1})
    assert r.status_code == 422


def test_receive_live_then_resume_with_last_event_id(site: Site) -> None:
    admin, supervisor = site.client("admin"), site.client("supervisor")
    project_id = make_project(admin, "LIVE", [(account_id(supervisor), "supervisor")])
    with open_stream(supervisor, {"project_id": project_id}) as stream:
        rename(admin, project_id, "Live one")
        message = stream.next(5)
        assert message.event is None  # a plain `message`: the verb is in the data
        item = message.json()
        assert item["verb"] == "project.updated"
        assert item["id"] == int(message.id or 0)
        assert item["project_id"] == project_id
        assert item["changes"]["name"] == ["Project LIVE", "Live one"]
        assert item["sentence"] == "Sam Rivera updated project LIVE (name)"
        seen = int(message.id or 0)
    # Disconnected: three changes happen meanwhile.
    for n in (2, 3, 4):
        rename(admin, project_id, f"Live {n}")
    with open_stream(supervisor, headers={"Last-Event-ID": str(seen)}) as stream:
        missed = stream.events(3)
        assert [m.json()["changes"]["name"][1] for m in missed] == ["Live 2", "Live 3", "Live 4"]
        ids = [int(m.id or 0) for m in missed]
        assert ids == sorted(ids)
        assert ids[0] > seen
        assert stream.nothing_for(0.5)
        # ... then live ones on the same connection.
        rename(admin, project_id, "Live 5")
        assert stream.next(5).json()["changes"]["name"][1] == "Live 5"
    with open_stream(supervisor, {"after_id": ids[1], "project_id": project_id}) as stream:
        assert int(stream.next(5).id or 0) == ids[2]


def test_a_member_of_another_project_receives_nothing(site: Site) -> None:
    admin, supervisor, artist = (site.client(r) for r in ("admin", "supervisor", "artist"))
    ours = make_project(admin, "OURS", [(account_id(supervisor), "supervisor")])
    theirs = make_project(admin, "THEIRS", [(account_id(artist), "artist")])
    with open_stream(artist) as artist_stream, open_stream(supervisor) as supervisor_stream:
        rename(admin, ours, "Ours renamed")
        assert supervisor_stream.next(5).json()["project_id"] == ours
        rename(admin, theirs, "Theirs renamed")
        got = artist_stream.next(5).json()
        assert got["project_id"] == theirs  # the first (and only) event the artist gets
        assert artist_stream.nothing_for(0.5)
        assert supervisor_stream.nothing_for(0.3)


def assign(producer: httpx.Client, person: int) -> int:
    """Assign a demo task of project 1 to `person` (who was not on it); returns its id."""
    tasks = producer.get(
        "/api/v1/projects/1/tasks", params={"fields": "assignees,row_version", "limit": 50}
    ).json()["items"]
    task = next(t for t in tasks if person not in (t.get("assignees") or []))
    r = producer.post(
        f"/api/v1/tasks/{task['id']}/assign",
        json={"assignee_ids": [person]},
        headers={"If-Match": f'"{task["row_version"]}"'},
    )
    assert r.status_code == 200, r.text
    return int(task["id"])


def test_a_notification_reaches_its_recipient_only(site: Site) -> None:
    producer, artist, supervisor = (site.client(r) for r in ("producer", "artist", "supervisor"))
    artist_tab = site.client("artist")
    me = account_id(artist)
    artist.post("/api/v1/notifications/read-all").raise_for_status()
    with (
        open_stream(artist, {"project_id": 1}) as stream,
        open_stream(artist_tab) as other_tab,
        open_stream(supervisor, {"project_id": 1}) as bystander,
    ):
        # On connecting, each stream says its own viewer's unread count.
        assert stream.notification().json() == {"unread": 0}
        assert other_tab.notification().json() == {"unread": 0}
        before = bystander.notification().json()["unread"]
        task_id = assign(producer, me)
        assigned = stream.next(5)
        assert (assigned.json()["verb"], assigned.json()["entity_id"]) == ("task.assigned", task_id)
        # The notifier writes the row after the event; its commit wakes the artist's streams.
        message = stream.notification(10)
        assert message.id is None  # resume positions stay event ids
        assert message.json() == {"unread": 1}
        assert other_tab.notification(10).json() == {"unread": 1}
        inbox = artist.get("/api/v1/notifications").json()["items"]
        assert [n["type"] for n in inbox if n["read_at"] is None] == ["TASK_ASSIGNED"]
        # The supervisor sees the task event, but not the artist's notification.
        assert bystander.next(5).json()["verb"] == "task.assigned"
        assert bystander.nothing_for(0.5, notifications=True)
        # Marking read in one tab updates the other.
        r = artist_tab.post(f"/api/v1/notifications/{inbox[0]['id']}/read")
        assert r.status_code == 200, r.text
        assert stream.notification(5).json() == {"unread": 0}
        assert bystander.nothing_for(0.3, notifications=True)
    assert supervisor.get("/api/v1/notifications/unread-count").json()["unread"] == before
    # Reconnecting after the task event resumes the log there and says the count again.
    headers = {"Last-Event-ID": str(assigned.id)}
    with open_stream(artist, {"project_id": 1}, headers=headers) as again:
        assert again.notification().json() == {"unread": 0}
        assert again.nothing_for(0.3)


def test_heartbeat_comments_and_api_key_auth(site: Site) -> None:
    producer = site.client("producer")
    r = producer.post("/api/v1/me/api-keys", json={"name": "stream"})
    assert r.status_code == 201, r.text
    key = r.json()["key"]
    script = httpx.Client(base_url=site.url, headers={"Authorization": f"Bearer {key}"}, timeout=10)
    site.opened.append(script)
    with open_stream(script) as stream:
        assert stream.next(3, comments=True).comment == "heartbeat"


def test_logout_ends_the_stream(site: Site) -> None:
    supervisor = site.client("supervisor")
    with open_stream(supervisor) as stream:
        supervisor.post("/api/v1/auth/logout")
        # At the next heartbeat the session is checked again and the stream ends.
        assert stream.ended.wait(3)


def test_two_servers_sharing_redis(tmp_path: Path) -> None:
    if pg_base_url():
        pytest.skip("end-to-end tests run once, on the embedded defaults")
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
    except Exception:
        pytest.skip("no Redis at " + REDIS_URL)
    env = base_env(
        tmp_path,
        SHOTLINE_REDIS_URL=REDIS_URL,
        SHOTLINE_JOB_QUEUE_NAME=f"test-{uuid.uuid4().hex[:8]}",
        # Long heartbeat: what arrives quickly came through Redis, not the safety-net poll.
        SHOTLINE_STREAM_HEARTBEAT_SECONDS="30",
    )
    logins = load_demo(env)
    with (
        serve(env, tmp_path / "a.log") as a,
        serve(env, tmp_path / "b.log") as b,
        work(env, tmp_path / "worker.log"),
    ):
        site = Site(a, logins)
        try:
            admin_a, supervisor_b = site.client("admin", a), site.client("supervisor", b)
            members = [(account_id(supervisor_b), "supervisor")]
            project_id = make_project(admin_a, "REDIS", members)
            with open_stream(supervisor_b, {"project_id": project_id}) as stream:
                rename(admin_a, project_id, "Across processes")
                message = stream.next(3)
                assert message.json()["changes"]["name"][1] == "Across processes"
            # The notifier runs in the separate worker, which publishes the inbox change.
            producer_a, artist_b = site.client("producer", a), site.client("artist", b)
            artist_b.post("/api/v1/notifications/read-all").raise_for_status()
            with open_stream(artist_b) as stream:
                assert stream.notification().json() == {"unread": 0}
                assign(producer_a, account_id(artist_b))
                assert stream.notification(10).json() == {"unread": 1}
        finally:
            site.close()
