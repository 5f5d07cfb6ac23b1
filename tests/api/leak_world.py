"""The world of the client leak test: one organization with two projects (the client is a
member of one), a foreign organization, and every kind of object the API exposes — shots,
assets, tasks, versions shared and internal, notes of both visibilities, media, review
links with guests, webhooks and deliveries, notifications, API keys, imports, jobs.

Staff rows are made through the services with real actors (so events and notifications are
the real ones); client and guest rows through the API, as a client would. Everything that
must never reach the client carries a unique marker string (`World.secret`); what the client
may see is listed by id (`Sight`)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shotline.auth import service as auth_service
from shotline.auth import tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.clientreview import sessions, sharing
from shotline.clientreview.models import (
    DownloadState,
    ReviewGuest,
    ReviewSession,
    WatermarkedDownload,
)
from shotline.config import Settings, get_settings
from shotline.db.runtime import Database
from shotline.db.types import utcnow
from shotline.io import imports
from shotline.jobs.models import JobRun, JobState
from shotline.notifications import notifier, slack
from shotline.notifications import service as notification_service
from shotline.notifications.models import Notification, NotificationType
from shotline.production import assets, custom_fields, shots
from shotline.production import service as production
from shotline.production.models import AssetType, Project
from shotline.review import approvals, notes, versions
from shotline.review.models import (
    Approval,
    Decision,
    Note,
    NoteVisibility,
    ReviewStage,
    Version,
)
from shotline.tasks import service as task_service
from shotline.tasks import workflow
from shotline.tasks.models import TemplateTarget
from shotline.webhooks import dispatch
from shotline.webhooks import service as webhooks
from shotline.webhooks.models import WebhookSubscription
from tests import factories
from tests.api.review.conftest import make_media

LOOPBACK = Settings(outbound_allow_loopback=True)
LINK_PASSWORD = "lighthouse-at-dawn-4471"


@dataclass
class Sight:
    """What one viewer may receive: ids by kind and the strings that must never appear."""

    versions: set[int] = field(default_factory=set)
    media: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)
    projects: set[int] = field(default_factory=set)
    decisions: set[int] = field(default_factory=set)  # client-stage approvals
    people: set[int] = field(default_factory=set)  # accounts whose actions they see
    notifications: set[int] = field(default_factory=set)
    forbidden: list[str] = field(default_factory=list)


@dataclass
class World:
    db: Database
    org: Organization
    foreign: Organization
    people: dict[str, Account] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)  # person -> session token
    projects: dict[str, Project] = field(default_factory=dict)
    versions: dict[str, Version] = field(default_factory=dict)
    links: dict[str, ReviewSession] = field(default_factory=dict)
    link_tokens: dict[str, str] = field(default_factory=dict)
    guest_tokens: dict[str, str] = field(default_factory=dict)  # link name -> guest token
    secret: list[str] = field(default_factory=list)  # never shown to any client or guest
    only_for_b: list[str] = field(default_factory=list)  # link B's: the account sees them
    # What a link tells whoever holds its token (`GET /share/{token}`): its name, project.
    reveals: dict[str, list[str]] = field(default_factory=dict)
    client: Sight = field(default_factory=Sight)
    guest_a: Sight = field(default_factory=Sight)
    conn: Any = None  # the connection the world lives in (set by the test's fixture)

    def fresh_ids(self) -> set[int]:
        """Ids of notes and decisions no row of the world has yet (what a client's own
        comment or decision gets)."""
        fresh: set[int] = set()
        for model in (Note, Approval):
            top = int(self.conn.scalar(select(func.max(model.id))) or 0)
            fresh.update(range(top + 1, top + 20))
        return fresh

    def mark(self, text: str) -> str:
        """A unique string that no client or guest may ever receive."""
        value = f"{text}-zq{len(self.secret):03d}x"
        self.secret.append(value)
        return value


_n = itertools.count(1)


def _as(session: Session, account: Account) -> Actor:
    return auth_service.actor_for(account, session=session)


def _api(client: TestClient, method: str, url: str, **kw: Any) -> Any:
    r = client.request(method, url, **kw)
    assert r.status_code < 300, (method, url, r.status_code, r.text)
    return r.json() if r.content else None


def build(app: FastAPI, db: Database) -> World:
    session = db.write()
    org = factories.make_org(session, name="Northwind VFX")
    foreign = factories.make_org(session, name="Other Studio")
    w = World(db=db, org=org, foreign=foreign)
    _people(session, w)
    _projects(session, w)
    for code in ("P1", "P2", "P3"):
        _production(session, w, code)
    _review(session, w)
    _catalogues(session, w)
    session.commit()
    _client_side(app, w)
    _aftermath(session, w)
    session.commit()
    session.close()
    return w


def _people(session: Session, w: World) -> None:
    roles = {
        "admin": Role.ADMIN,
        "producer": Role.PRODUCER,
        "supervisor": Role.SUPERVISOR,
        "artist": Role.ARTIST,
        "client": Role.CLIENT,
        "client2": Role.CLIENT,
    }
    for key, role in roles.items():
        w.people[key] = factories.make_account(
            session,
            w.org,
            role=role,
            email=f"{key}.{next(_n)}@northwind.example",
            name=f"{key.title()} Person{next(_n)}",
        )
    for key, role in (("f_admin", Role.ADMIN), ("f_client", Role.CLIENT)):
        w.people[key] = factories.make_account(
            session,
            w.foreign,
            role=role,
            email=f"{key}.{next(_n)}@other.example",
            name=f"Foreign {key} {next(_n)}",
        )
    for key, account in w.people.items():
        w.cookies[key] = factories.make_session_token(session, account)
        if key != "client":
            w.secret.append(account.email)
        if key not in ("client", "supervisor"):
            # The supervisor shares and writes client notes: the client may see that name.
            w.secret.append(account.name)
    w.guest_a.forbidden.append(w.people["client"].email)
    for key in ("admin", "artist", "f_admin"):
        w.secret.append(factories.make_api_key(session, w.people[key], name=w.mark("key")))


def _projects(session: Session, w: World) -> None:
    system = Actor.system(w.org.id)
    w.projects["P1"] = production.create_project(
        session, system, code="NWD", name="Northwind", description=w.mark("project brief")
    )
    w.projects["P2"] = production.create_project(
        session, system, code="OTH", name=w.mark("Other Show")
    )
    w.projects["P3"] = production.create_project(
        session, Actor.system(w.foreign.id), code="FRN", name=w.mark("Foreign Show")
    )
    members = {
        "P1": ("supervisor", "artist", "client"),
        "P2": ("supervisor", "artist", "client2"),
        "P3": ("f_client",),
    }
    for code, keys in members.items():
        for key in keys:
            factories.add_member(session, w.projects[code], w.people[key])
    w.client.projects.add(w.projects["P1"].id)
    w.guest_a.projects.add(w.projects["P1"].id)


def _production(session: Session, w: World, code: str) -> None:
    """Per project: an episode, a sequence, three shots, an asset, tasks, versions."""
    project = w.projects[code]
    org_id = project.organization_id
    lead = w.people["f_admin" if code == "P3" else "supervisor"]
    actor = _as(session, lead)
    episode = shots.create_episode(
        session, actor, project.id, code=f"EP{next(_n)}", name=w.mark("episode")
    )
    sequence = shots.create_sequence(
        session,
        actor,
        project.id,
        code=f"SQ{next(_n)}",
        name=w.mark("sequence"),
        episode_id=episode.id,
    )
    prefix = {"P1": "SH", "P2": "OT", "P3": "FR"}[code]
    made = {}
    for n, label in ((10, "a"), (20, "b"), (30, "c")):
        shot_code = f"{prefix}{n:03d}"
        made[label] = shots.create_shot(
            session,
            actor,
            project.id,
            code=shot_code,
            sequence_id=sequence.id,
            description=w.mark("shot notes"),
            frame_in=1001,
            frame_out=1048,
        )
    asset = assets.create_asset(
        session,
        actor,
        project.id,
        code=f"boat{next(_n)}",
        name=w.mark("asset"),
        asset_type=AssetType.PROP,
        description=w.mark("asset notes"),
    )
    assets.link_asset(session, actor, asset_id=asset.id, shot_id=made["a"].id)
    custom_fields.create_definition(
        session,
        Actor.system(org_id),
        project.id,
        entity_type="shot",
        key=f"k{next(_n)}",
        label=w.mark("field"),
        field_type="text",
    )
    workflow.create_template(
        session,
        actor,
        project.id,
        name=w.mark("template"),
        applies_to=TemplateTarget.SHOT,
        items=[{"task_type_id": factories.task_type(session, project, "COMP").id}],
    )
    artist = w.people["artist"] if code != "P3" else None
    # The client's project gets the full set; the others one task (fewer ids to try).
    tasks = {
        label: factories.make_task(
            session,
            shot=made[label],
            assignees=[artist] if artist else [],
            title=w.mark("task"),
            description=w.mark("task brief"),
        )
        for label in (("a", "b", "c") if code == "P1" else ("a",))
    }
    if code == "P1":
        tasks["asset"] = factories.make_task(
            session, asset=asset, assignees=[artist] if artist else [], title=w.mark("asset task")
        )
    if artist is not None:
        task_service.add_watchers(
            session, Actor.system(org_id), tasks["a"].id, account_ids=[w.people["producer"].id]
        )
    uploader = _as(session, artist) if artist else actor
    for label, task in tasks.items():
        for number in (1, 2):
            media = make_media(session, project)
            media.original_name = f"{code}_{label}_v{number}.mov"
            version = versions.create_version(
                session,
                uploader,
                task.id,
                media_ids=[media.id],
                description=f"Take {code}.{label}.v{number}",
            )
            w.versions[f"{code}.{label}.v{number}"] = version
        notes.create_note(
            session, actor, target_type="task", target_id=task.id, body=w.mark("task note")
        )
    notes.create_note(
        session, actor, target_type="shot", target_id=made["a"].id, body=w.mark("shot note")
    )
    notes.create_note(
        session, actor, target_type="asset", target_id=asset.id, body=w.mark("asset note")
    )
    loose = make_media(session, project)
    loose.original_name = w.mark("loose plate") + ".exr"
    org_media = make_media(session, None, org_id=org_id)
    org_media.original_name = w.mark("org reference") + ".mov"
    session.flush()


def _review(session: Session, w: World) -> None:
    """Decisions, notes and sharing. In P1: link A (password, downloads) holds a.v1 and
    asset.v1; link B holds b.v1; c.v1 was shared and unshared; asset.v2 shared then
    archived; link E has expired, link R is revoked. P2 and P3 each have a live link."""
    sup = _as(session, w.people["supervisor"])
    v = w.versions
    approvals.decide(
        session,
        sup,
        v["P1.a.v2"].id,
        decision=Decision.CHANGES_REQUESTED,
        note=w.mark("rejected pass"),
    )
    approvals.decide(session, sup, v["P1.a.v1"].id, decision=Decision.APPROVED)
    w.links["A"], w.link_tokens["A"] = sessions.create_session(
        session,
        sup,
        w.projects["P1"].id,
        name="Dailies for Northlight",
        password=LINK_PASSWORD,
        allow_downloads=True,
        download_limit=50,
    )
    w.links["B"], w.link_tokens["B"] = sessions.create_session(
        session, sup, w.projects["P1"].id, name="Second cut for Northlight"
    )
    w.only_for_b.append("Second cut for Northlight")
    w.reveals[w.link_tokens["B"]] = ["Second cut for Northlight"]
    for key, link in (
        ("P1.a.v1", "A"),
        ("P1.asset.v1", "A"),
        ("P1.b.v1", "B"),
        ("P1.c.v1", "A"),
        ("P1.asset.v2", "A"),
    ):
        sharing.share_version(session, sup, v[key].id, review_session_id=w.links[link].id)
    sharing.unshare_version(session, sup, v["P1.c.v1"].id)
    versions.archive_version(session, sup, v["P1.asset.v2"].id)
    for name in ("E", "R"):
        w.links[name], w.link_tokens[name] = sessions.create_session(
            session,
            sup,
            w.projects["P1"].id,
            name=w.mark(f"link {name}"),
            version_ids=[v["P1.a.v1"].id],
        )
    for code, boss in (("P2", "supervisor"), ("P3", "f_admin")):
        actor = _as(session, w.people[boss])
        w.links[code], w.link_tokens[code] = sessions.create_session(
            session, actor, w.projects[code].id, name=w.mark(f"link {code}")
        )
        w.reveals[w.link_tokens[code]] = [w.links[code].name, w.projects[code].name]
        sharing.share_version(
            session, actor, v[f"{code}.a.v1"].id, review_session_id=w.links[code].id
        )
    for key in ("P1.a.v1", "P1.a.v2", "P1.b.v1", "P2.a.v1", "P3.a.v1"):
        author = _as(session, w.people["f_admin" if key.startswith("P3") else "supervisor"])
        internal = notes.create_note(
            session, author, target_type="version", target_id=v[key].id, body=w.mark("internal")
        )
        notes.create_note(
            session,
            author,
            target_type="version",
            target_id=v[key].id,
            parent_id=internal.id,
            body=w.mark("internal reply"),
        )
        client_note = notes.create_note(
            session,
            author,
            target_type="version",
            target_id=v[key].id,
            visibility=NoteVisibility.CLIENT,
            body=f"Client note on {key} {next(_n)}",
        )
        if key in ("P1.a.v1", "P1.b.v1"):
            w.client.notes.add(client_note.id)
            if key == "P1.a.v1":
                w.guest_a.notes.add(client_note.id)
            else:
                w.only_for_b.append(client_note.body)
        else:
            w.secret.append(client_note.body)
    gone = notes.create_note(
        session,
        sup,
        target_type="version",
        target_id=v["P1.a.v1"].id,
        visibility=NoteVisibility.CLIENT,
        body=w.mark("withdrawn client note"),
    )
    notes.archive_note(session, sup, gone.id)
    for key in ("P1.a.v1", "P1.asset.v1", "P1.b.v1"):
        for sight in (w.client, w.guest_a) if key != "P1.b.v1" else (w.client,):
            sight.versions.add(v[key].id)
            sight.media.update(m.id for _row, m in versions.version_media(session, v[key]))
    w.only_for_b += ["P1_b_v1.mov", "Take P1.b.v1"]
    for key in w.versions:
        if w.versions[key].id not in w.client.versions:
            w.secret += [f"Take {key}", key.replace(".", "_") + ".mov"]
    w.secret += ["SH030", "OT010", "FR010", w.links["A"].password_hash or "", LINK_PASSWORD]


def _catalogues(session: Session, w: World) -> None:
    for org in (w.org, w.foreign):
        system = Actor.system(org.id)
        production.create_department(session, system, code=f"D{next(_n)}", name=w.mark("dept"))
        webhooks.create_subscription(
            session,
            system,
            settings=LOOPBACK,
            url=f"http://127.0.0.1:9/{w.mark('hook')}",
            description=w.mark("hook note"),
        )
        session.add(
            JobRun(
                organization_id=org.id,
                name="media.process",
                args={"why": w.mark("job")},
                state=JobState.FAILED,
                queued_at=utcnow(),
                last_error=w.mark("job error"),
            )
        )
    slack.put_integration(
        session,
        Actor.system(w.org.id),
        w.projects["P1"].id,
        settings=LOOPBACK,
        webhook_url=f"http://127.0.0.1:9/{w.mark('slack')}",
        types=None,
        active=True,
    )
    for code in ("P1", "P3"):
        project = w.projects[code]
        imports.create_import(
            session,
            Actor.system(project.organization_id),
            project.id,
            entity="shot",
            file_name=w.mark("edit") + ".csv",
            data=f"code,description\nIMP{next(_n)},{w.mark('imported')}\n".encode(),
        )
    notification_service.put_preferences(
        session,
        _as(session, w.people["artist"]),
        choices={NotificationType.TASK_ASSIGNED: {"in_app": True, "email": "off"}},
    )
    session.flush()


def _client_side(app: FastAPI, w: World) -> None:
    """Guests open links; the client account and the guests comment and decide."""
    app.state.db = w.db
    anyone = TestClient(app, base_url="https://testserver")
    for name in ("A", "B", "E", "R", "P2", "P3"):
        body = {"name": f"Guest {name} {next(_n)}", "email": f"guest{name}.{next(_n)}@x.example"}
        if name == "A":
            body["password"] = LINK_PASSWORD
        got = _api(anyone, "POST", f"/api/v1/share/{w.link_tokens[name]}/unlock", json=body)
        w.guest_tokens[name] = got["guest_token"]
        w.secret.append(body["email"])
        if name == "B":
            w.only_for_b.append(body["name"])
        elif name != "A":
            w.secret.append(body["name"])
    anyone.cookies.clear()
    v = w.versions
    as_a = {"X-Guest-Token": w.guest_tokens["A"]}
    token_a = w.link_tokens["A"]
    note = _api(
        anyone,
        "POST",
        f"/api/v1/share/{token_a}/versions/{v['P1.a.v1'].id}/notes",
        headers=as_a,
        json={"body": f"Guest A likes it {next(_n)}", "frame_in": 1010},
    )
    w.client.notes.add(note["id"])
    w.guest_a.notes.add(note["id"])
    _api(
        anyone,
        "POST",
        f"/api/v1/share/{token_a}/versions/{v['P1.asset.v1'].id}/approve",
        headers=as_a,
        json={},
    )
    token_b = w.link_tokens["B"]
    note = _api(
        anyone,
        "POST",
        f"/api/v1/share/{token_b}/versions/{v['P1.b.v1'].id}/notes",
        headers={"X-Guest-Token": w.guest_tokens["B"]},
        json={"body": f"Guest B wants more fog {next(_n)}"},
    )
    w.client.notes.add(note["id"])
    w.only_for_b.append(note["body"])
    portal = TestClient(
        app,
        base_url="https://testserver",
        cookies={get_settings().session_cookie_name: w.cookies["client"]},
    )
    note = _api(
        portal,
        "POST",
        f"/api/v1/portal/versions/{v['P1.a.v1'].id}/notes",
        json={"body": f"Client account note {next(_n)}"},
    )
    w.client.notes.add(note["id"])
    w.guest_a.notes.add(note["id"])
    _api(
        portal,
        "POST",
        f"/api/v1/portal/versions/{v['P1.b.v1'].id}/request-changes",
        json={"note": f"Client wants changes {next(_n)}"},
    )
    w.client.notes.update(
        n["id"]
        for n in _api(portal, "GET", f"/api/v1/portal/versions/{v['P1.b.v1'].id}/player")["notes"]
    )


def _guest_b_download(session: Session, w: World) -> None:
    """A watermarked copy made for link B's guest: nobody else may reach it."""
    link = w.links["B"]
    guest_b = session.scalars(
        select(ReviewGuest).where(ReviewGuest.review_session_id == link.id)
    ).first()
    assert guest_b is not None
    version = w.versions["P1.b.v1"]
    copy = WatermarkedDownload(
        organization_id=w.org.id,
        project_id=link.project_id,
        version_id=version.id,
        media_file_id=versions.version_media(session, version)[0][1].id,
        review_session_id=link.id,
        guest_id=guest_b.id,
        watermark=f"{guest_b.name} · today",
        file_name=f"only_guest_b_{next(_n)}.mp4",
        state=DownloadState.READY,
        storage_key=f"watermarked/00/{next(_n)}.mp4",
        mime="video/mp4",
        size=1,
    )
    session.add(copy)
    w.secret.extend([copy.file_name, copy.storage_key or ""])


def _aftermath(session: Session, w: World) -> None:
    """Links E and R stop working; notifications and webhook deliveries are made."""
    session.execute(
        update(ReviewSession)
        .where(ReviewSession.id == w.links["E"].id)
        .values(expires_at=utcnow() - timedelta(hours=1))
    )
    sessions.revoke_session(session, Actor.system(w.org.id), w.links["R"].id)
    _guest_b_download(session, w)
    session.commit()
    notifier.consume(w.db, grace=0)
    dispatch.fan_out(w.db, grace=0)
    for key in ("client", "guest_a"):
        sight: Sight = getattr(w, key)
        assert sight.versions
        assert sight.notes
        assert sight.media
    w.guest_a.forbidden.extend(w.only_for_b)
    for sight in (w.client, w.guest_a):
        sight.decisions = set(
            session.scalars(
                select(Approval.id).where(
                    Approval.stage == ReviewStage.CLIENT, Approval.version_id.in_(sight.versions)
                )
            )
        )
        sight.people = {w.people["supervisor"].id, w.people["client"].id}
    w.client.notifications = set(
        session.scalars(
            select(Notification.id).where(Notification.recipient_id == w.people["client"].id)
        )
    )
    w.client.forbidden.append(w.link_tokens["A"])
    for name, token in w.link_tokens.items():
        w.secret.append(tokens.digest(token))
        if name != "A":
            w.secret.append(token)
    for name, token in w.guest_tokens.items():
        if name != "A":
            w.secret.append(token)
    w.secret += [row.secret for row in session.scalars(select(WebhookSubscription))]
    w.secret += [w.cookies[k] for k in w.cookies if k != "client"]
