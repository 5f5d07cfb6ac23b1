"""A believable demo show, made through the services (so it obeys every rule).

`load_demo_production` is idempotent: it does nothing when the project code exists.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account, Role
from shotline.production import assets, service, shots
from shotline.production.models import AssetType, EntityStatus, Project
from shotline.tasks import service as tasks
from shotline.tasks import workflow
from shotline.tasks.models import StatusCategory, Task, TaskTemplate

DEMO_PROJECT_CODE = "NWD"
SEQUENCES = (("SQ010", "Harbour at dawn"), ("SQ020", "The storm"), ("SQ030", "Lighthouse"))
SHOTS_PER_SEQUENCE = 20
ASSETS: tuple[tuple[str, str, AssetType], ...] = (
    ("captain", "Captain Mara", AssetType.CHARACTER),
    ("deckhand", "Deckhand Ilo", AssetType.CHARACTER),
    ("keeper", "Lighthouse keeper", AssetType.CHARACTER),
    ("gull", "Seagull", AssetType.CHARACTER),
    ("whale", "Grey whale", AssetType.CHARACTER),
    ("lantern", "Storm lantern", AssetType.PROP),
    ("rope", "Coiled rope", AssetType.PROP),
    ("compass", "Brass compass", AssetType.PROP),
    ("spyglass", "Spyglass", AssetType.PROP),
    ("crate", "Cargo crate", AssetType.PROP),
    ("net", "Fishing net", AssetType.PROP),
    ("bell", "Ship's bell", AssetType.PROP),
    ("map", "Sea chart", AssetType.PROP),
    ("harbour", "Northwind harbour", AssetType.ENVIRONMENT),
    ("open_sea", "Open sea", AssetType.ENVIRONMENT),
    ("lighthouse", "Lighthouse exterior", AssetType.ENVIRONMENT),
    ("lamp_room", "Lamp room", AssetType.ENVIRONMENT),
    ("cliffs", "Cliffs", AssetType.ENVIRONMENT),
    ("trawler", "Trawler Northwind", AssetType.VEHICLE),
    ("dinghy", "Dinghy", AssetType.VEHICLE),
    ("tug", "Harbour tug", AssetType.VEHICLE),
    ("rain", "Rain sheets", AssetType.FX),
    ("spray", "Sea spray", AssetType.FX),
    ("waves", "Storm waves", AssetType.FX),
    ("lightning", "Lightning", AssetType.FX),
    ("fog", "Harbour fog", AssetType.FX),
    ("sky_dawn", "Dawn sky", AssetType.MATTE_PAINTING),
    ("sky_storm", "Storm sky", AssetType.MATTE_PAINTING),
    ("town", "Distant town", AssetType.MATTE_PAINTING),
    ("buoy", "Marker buoy", AssetType.CUSTOM),
)
# Share of tasks per status category, cycling: most work is early or in progress.
STATUS_CYCLE = (
    StatusCategory.TODO,
    StatusCategory.TODO,
    StatusCategory.IN_PROGRESS,
    StatusCategory.IN_PROGRESS,
    StatusCategory.INTERNAL_REVIEW,
    StatusCategory.CLIENT_REVIEW,
    StatusCategory.CHANGES,
    StatusCategory.DONE,
    StatusCategory.DONE,
    StatusCategory.ON_HOLD,
    StatusCategory.OMITTED,
)


def load_demo_production(
    session: Session, actor: Actor, crew: dict[str, Account], *, today: date | None = None
) -> Project | None:
    """Create the NWD show with the crew by role name ("supervisor", "artist", …)."""
    existing = session.scalar(
        select(Project).where(
            Project.organization_id == actor.organization_id, Project.code == DEMO_PROJECT_CODE
        )
    )
    if existing is not None:
        return None
    today = today or date.today()  # noqa: DTZ011  (demo dates are calendar days)
    project = service.create_project(
        session,
        actor,
        code=DEMO_PROJECT_CODE,
        name="NWD — Northwind",
        fps=24.0,
        resolution_width=4096,
        resolution_height=2160,
        start_date=today - timedelta(days=60),
        end_date=today + timedelta(days=120),
        description="A trawler, a storm and a lighthouse: 60 shots of sea and weather.",
        settings={"auto_internal_review_on_upload": True, "client_review_required_task_types": []},
    )
    for role in (Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST, Role.CLIENT):
        account = crew.get(role.value)
        if account is not None:
            service.add_member(session, actor, project.id, role=role, account_id=account.id)
    service.add_member(session, actor, project.id, role=Role.ARTIST, display_name="FX artist (TBH)")

    shot_ids: list[int] = []
    for seq_index, (code, name) in enumerate(SEQUENCES):
        sequence = shots.create_sequence(session, actor, project.id, code=code, name=name)
        specs = []
        for n in range(1, SHOTS_PER_SEQUENCE + 1):
            length = 48 + ((seq_index * 37 + n * 13) % 96)
            specs.append(
                {
                    "code": f"{code}_{n * 10:04d}",
                    "sequence_id": sequence.id,
                    "status": EntityStatus.IN_PROGRESS if n % 4 else EntityStatus.WAITING,
                    "frame_in": 1001,
                    "frame_out": 1000 + length,
                    "cut_in": 1009,
                    "cut_out": 992 + length,
                    "head_handles": 8,
                    "tail_handles": 8,
                    "sort_order": n,
                }
            )
        shot_ids += shots.create_shots(session, actor, project.id, shots=specs)[1]

    lead = crew.get(Role.SUPERVISOR.value)
    asset_ids: list[int] = []
    for n, (code, name, asset_type) in enumerate(ASSETS):
        asset = assets.create_asset(
            session,
            actor,
            project.id,
            code=code,
            name=name,
            asset_type=asset_type,
            custom_type="navigation_aid" if asset_type == AssetType.CUSTOM else None,
            priority=n % 5,
            lead_id=lead.id if lead else None,
            due_date=today + timedelta(days=(n % 10) * 7 - 14),
        )
        asset_ids.append(asset.id)
    for n, shot_id in enumerate(shot_ids):
        for k in range(1 + n % 3):
            assets.link_asset(
                session,
                actor,
                shot_id=shot_id,
                asset_id=asset_ids[(n * 7 + k * 11) % len(asset_ids)],
                count=1 + (n + k) % 2,
            )
    assets.link_asset(session, actor, parent_asset_id=asset_ids[18], asset_id=asset_ids[5], count=2)

    templates = {
        t.applies_to.value: t
        for t in session.scalars(select(TaskTemplate).where(TaskTemplate.project_id == project.id))
    }
    workflow.apply_template(session, actor, project.id, templates["shot"].id, shot_ids=shot_ids)
    workflow.apply_template(session, actor, project.id, templates["asset"].id, asset_ids=asset_ids)
    _spread_tasks(session, actor, project, crew, today)
    return project


def _spread_tasks(
    session: Session, actor: Actor, project: Project, crew: dict[str, Account], today: date
) -> None:
    """Every status, due dates from three weeks ago to six weeks ahead, work across the crew."""
    statuses = {s.category: s.id for s in workflow.list_statuses(session, actor, project.id)}
    task_ids = list(
        session.scalars(select(Task.id).where(Task.project_id == project.id).order_by(Task.id))
    )
    people = [crew[r.value].id for r in (Role.ARTIST, Role.SUPERVISOR) if r.value in crew]
    by_status: dict[StatusCategory, list[int]] = {}
    by_due: dict[int, list[int]] = {}
    by_person: dict[int, list[int]] = {}
    for n, task_id in enumerate(task_ids):
        by_status.setdefault(STATUS_CYCLE[n % len(STATUS_CYCLE)], []).append(task_id)
        by_due.setdefault((n % 10) * 7 - 21, []).append(task_id)
        if people and n % 5 != 4:
            by_person.setdefault(people[0] if n % 3 else people[-1], []).append(task_id)
    for category, ids in by_status.items():
        if category != StatusCategory.TODO:
            tasks.bulk_update_tasks(
                session, actor, task_ids=ids, values={"status_id": statuses[category]}
            )
    for offset, ids in by_due.items():
        tasks.bulk_update_tasks(
            session, actor, task_ids=ids, values={"due_date": today + timedelta(days=offset)}
        )
    for person, ids in by_person.items():
        tasks.bulk_update_tasks(session, actor, task_ids=ids, values={"assignee_ids": [person]})
