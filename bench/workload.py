"""Generates a feature-film-sized show through the services (the same rules as real data).

FILM: 50 sequences, 5,000 shots, 1,500 assets, 50,500 tasks (8 per shot, 7 per asset) in
every status, spread over 30 artists, due dates over four months; versions on the first
2,000 COMP tasks with 2 notes each (for search). TV: 1,250 shots with 10,000 tasks, for the
"whole list in one response" case.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from shotline.auth import accounts, api_keys
from shotline.auth.actor import Actor
from shotline.auth.models import Role
from shotline.db.dialect import refresh_statistics
from shotline.db.runtime import Database
from shotline.media.models import MediaFile, MediaState
from shotline.production import assets as asset_service
from shotline.production import service as production
from shotline.production import shots as shot_service
from shotline.production.models import AssetType
from shotline.review import notes as note_service
from shotline.review import versions as version_service
from shotline.review.models import NoteVisibility
from shotline.search import index as _search_index  # noqa: F401  (kept in sync, as by the CLI)
from shotline.tasks import service as task_service
from shotline.tasks import workflow
from shotline.tasks.defaults import ensure_default_task_types
from shotline.tasks.models import Task, TaskStatus, TaskType, TemplateTarget

SHOT_TYPES = ("TRACK", "ROTO", "KEY", "COMP", "FX", "LIGHTING", "RENDER", "ANIMATION")
ASSET_TYPES = ("MODEL", "TEXTURE", "RIG", "LOOKDEV", "FX", "LIGHTING", "GENERAL")
KINDS = (
    AssetType.CHARACTER,
    AssetType.PROP,
    AssetType.ENVIRONMENT,
    AssetType.VEHICLE,
    AssetType.FX,
)


@dataclass
class Workload:
    film_id: int
    tv_id: int
    producer_key: str
    artist_key: str
    artist_id: int
    artist_ids: list[int]
    status_ids: dict[str, int]
    sample_shot_id: int
    sample_task_id: int
    film_task_ids: list[int] = field(repr=False)
    seconds: float = 0.0


def generate(
    db: Database,
    *,
    shots: int = 5000,
    sequences: int = 50,
    assets: int = 1500,
    artists: int = 30,
    tv_shots: int = 1250,
    versions: int = 2000,
) -> Workload:
    start = time.perf_counter()
    with db.unit_of_work() as s:
        org = accounts.create_organization(s, name="Bench Studio")
        system = Actor.system(org.id)
        producer = accounts.create_account(
            s,
            system,
            email="producer@bench.test",
            name="Bench Producer",
            role=Role.PRODUCER,
            password="bench producer password",
        )
        crew = [
            accounts.create_account(
                s,
                system,
                email=f"artist{i:02d}@bench.test",
                name=f"Artist {i:02d}",
                role=Role.ARTIST,
                password="bench artist password",
            )
            for i in range(artists)
        ]
        _, producer_key = api_keys.create_api_key(s, system, name="bench", account_id=producer.id)
        _, artist_key = api_keys.create_api_key(s, system, name="bench", account_id=crew[0].id)
        ensure_default_task_types(s, system)
    film = _project(db, org.id, "FILM", crew, shots=shots, sequences=sequences, assets=assets)
    tv = _project(db, org.id, "TV", crew, shots=tv_shots, sequences=10, assets=0)
    _review(db, org.id, film, versions=versions)
    refresh_statistics(db.engine)  # what the worker's hourly job keeps fresh
    with db.read() as s:
        status_ids: dict[str, int] = dict(
            s.execute(select(TaskStatus.code, TaskStatus.id).where(TaskStatus.project_id == film))
            .tuples()
            .all()
        )
        film_task_ids = list(
            s.scalars(select(Task.id).where(Task.project_id == film).order_by(Task.id))
        )
        sample = s.execute(
            select(Task.id, Task.shot_id)
            .where(Task.project_id == film, Task.shot_id.is_not(None))
            .limit(1)
        ).one()
    return Workload(
        film_id=film,
        tv_id=tv,
        producer_key=producer_key,
        artist_key=artist_key,
        artist_id=crew[0].id,
        artist_ids=[a.id for a in crew],
        status_ids=status_ids,
        sample_shot_id=sample[1],
        sample_task_id=sample[0],
        film_task_ids=film_task_ids,
        seconds=time.perf_counter() - start,
    )


def _project(
    db: Database,
    org_id: int,
    code: str,
    crew: list,
    *,
    shots: int,
    sequences: int,  # type: ignore[type-arg]
    assets: int,
) -> int:
    system = Actor.system(org_id)
    with db.unit_of_work() as s:
        project = production.create_project(s, system, code=code, name=f"{code} bench")
        for artist in crew:
            production.add_member(
                s,
                system,
                project.id,
                display_name=artist.name,
                account_id=artist.id,
                role=Role.ARTIST,
            )
        seq_ids = [
            shot_service.create_sequence(s, system, project.id, code=f"SQ{i:03d}", sort_order=i).id
            for i in range(sequences)
        ]
        types = {t.code: t.id for t in ensure_default_task_types(s, system).values()}
        shot_tpl = workflow.create_template(
            s,
            system,
            project.id,
            name="bench shots",
            applies_to=TemplateTarget.SHOT,
            items=[{"task_type_id": types[c]} for c in SHOT_TYPES],
        )
        asset_tpl = workflow.create_template(
            s,
            system,
            project.id,
            name="bench assets",
            applies_to=TemplateTarget.ASSET,
            items=[{"task_type_id": types[c]} for c in ASSET_TYPES],
        )
        project_id = project.id
    per_seq = max(1, shots // sequences)
    for start in range(0, shots, 1000):
        with db.unit_of_work() as s:
            rows = [
                {
                    "code": f"SH{n:05d}",
                    "sequence_id": seq_ids[min(n // per_seq, len(seq_ids) - 1)],
                    "frame_in": 1001,
                    "frame_out": 1001 + 40 + n % 200,
                }
                for n in range(start, min(shots, start + 1000))
            ]
            _, ids = shot_service.create_shots(s, system, project_id, shots=rows)
            workflow.apply_template(s, system, project_id, shot_tpl.id, shot_ids=ids)
    with db.unit_of_work() as s:
        asset_ids = [
            asset_service.create_asset(
                s,
                system,
                project_id,
                code=f"AS{n:05d}",
                name=f"Asset {n}",
                asset_type=KINDS[n % len(KINDS)],
            ).id
            for n in range(assets)
        ]
        if asset_ids:
            workflow.apply_template(s, system, project_id, asset_tpl.id, asset_ids=asset_ids)
    _spread(db, system, project_id, crew)
    return project_id


def _spread(db: Database, system: Actor, project_id: int, crew: list) -> None:  # type: ignore[type-arg]
    """Statuses, assignees and due dates across the tasks, through the bulk service."""
    with db.unit_of_work() as s:
        task_ids = list(
            s.scalars(select(Task.id).where(Task.project_id == project_id).order_by(Task.id))
        )
        statuses = list(
            s.scalars(
                select(TaskStatus.id)
                .where(TaskStatus.project_id == project_id)
                .order_by(TaskStatus.sort_order)
            )
        )
        today = dt.datetime.now(dt.UTC).date()
        for i, status_id in enumerate(statuses):
            chunk = task_ids[i :: len(statuses)]
            if chunk:
                task_service.bulk_update_tasks(
                    s, system, task_ids=chunk, values={"status_id": status_id}
                )
        for i, artist in enumerate(crew):
            chunk = task_ids[i :: len(crew)]
            task_service.bulk_update_tasks(
                s, system, task_ids=chunk, values={"assignee_ids": [artist.id]}
            )
        for d in range(-30, 90, 4):
            chunk = task_ids[(d + 30) // 4 :: 30]
            task_service.bulk_update_tasks(
                s, system, task_ids=chunk, values={"due_date": today + dt.timedelta(days=d)}
            )


NOTES = (
    "Edge of the matte flickers around frame {n}, please check the key",
    "Client wants the sky warmer; grain matches now",
    "Tracking slips on the left building after the camera shake",
)


def _review(db: Database, org_id: int, project_id: int, *, versions: int) -> None:
    """A version on each of the first COMP tasks, with one internal and one client note.

    The media rows are written as a finished upload leaves them (the upload and processing
    path is not what this workload measures); versions and notes go through their services.
    """
    system = Actor.system(org_id)
    with db.read() as s:
        comp = select(TaskType.id).where(
            TaskType.organization_id == org_id, TaskType.code == "COMP"
        )
        task_ids = list(
            s.scalars(
                select(Task.id)
                .where(Task.project_id == project_id, Task.task_type_id.in_(comp))
                .order_by(Task.id)
                .limit(versions)
            )
        )
    for start in range(0, len(task_ids), 500):
        with db.unit_of_work() as s:
            chunk = task_ids[start : start + 500]
            media = [
                MediaFile(
                    organization_id=org_id,
                    project_id=project_id,
                    sha256=f"{start + i:064x}",
                    size=1000,
                    mime="video/mp4",
                    original_name="comp.mov",
                    storage_key=f"blobs/bench/{start + i}",
                    state=MediaState.READY,
                    technical={},
                )
                for i in range(len(chunk))
            ]
            s.add_all(media)
            s.flush()
            for i, (task_id, m) in enumerate(zip(chunk, media, strict=True)):
                n = start + i
                v = version_service.create_version(
                    s, system, task_id, media_ids=[m.id], description=f"comp pass {n}"
                )
                for k, visibility in enumerate((NoteVisibility.INTERNAL, NoteVisibility.CLIENT)):
                    note_service.create_note(
                        s,
                        system,
                        target_type="version",
                        target_id=v.id,
                        body=NOTES[(n + k) % len(NOTES)].format(n=1001 + n % 97),
                        visibility=visibility,
                    )
