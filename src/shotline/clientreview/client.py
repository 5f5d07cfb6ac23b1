"""The client side, shared by client accounts (portal) and link guests: which versions
they see, their notes, their decisions. Every read goes through `policy.visible`, which for
clients means "shared with them" (and, for a guest, "in their link").

Invariants:
- a version that is not shared with the actor (internal, WIP, unshared, archived, another
  project, another link) is 404, like a missing one;
- notes written here are `client` visibility, on the version, authored by the account or
  the guest's name; only client-visible notes are ever listed;
- labels ("SH010 COMP v004") name the shot or asset and the pipeline step only: no task
  title, status or assignee;
- events: `note.created` (data: target_type, target_id, task_id, version_number,
  guest_name), then `sharing.client_decide`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.errors import NotFound, ValidationFailed
from shotline.production.models import Asset, Project, Shot
from shotline.review.models import (
    Approval,
    Note,
    NoteVisibility,
    ReviewStage,
    Version,
)
from shotline.review.notes import NOTE_FIELDS
from shotline.tasks.models import Task, TaskType


@dataclass
class Labelled:
    version: Version
    entity_code: str
    step: str
    latest: bool

    @property
    def label(self) -> str:
        return f"{self.entity_code} {self.step} v{self.version.number:03d}"


def client_projects(session: Session, actor: Actor) -> list[Project]:
    ids = policy.client_project_ids(actor)
    if not ids:
        return []
    stmt = select(Project).where(
        Project.id.in_(ids),
        Project.organization_id == actor.organization_id,
        Project.archived_at.is_(None),
    )
    return list(session.scalars(stmt.order_by(Project.name, Project.id)))


def client_project(session: Session, actor: Actor, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if (
        project is None
        or project.archived_at is not None
        or not policy.may(actor, "client_read", project)
    ):
        raise NotFound()
    return project


def _labelled(
    session: Session, actor: Actor, where: list[Any], *, all_versions: bool
) -> list[Labelled]:
    stmt = (
        select(Version, Shot.code, Asset.code, TaskType.code)
        .join(Task, Task.id == Version.task_id)
        .join(TaskType, TaskType.id == Task.task_type_id)
        .outerjoin(Shot, Shot.id == Task.shot_id)
        .outerjoin(Asset, Asset.id == Task.asset_id)
        .where(policy.visible(actor, Version), *where)
        .order_by(Version.task_id, Version.number.desc())
    )
    out: list[Labelled] = []
    seen: set[int] = set()
    for version, shot, asset, step in session.execute(stmt):
        latest = version.task_id not in seen
        seen.add(version.task_id)
        if latest or all_versions:
            out.append(Labelled(version, shot or asset or "", step, latest))
    out.sort(key=lambda x: (not x.latest, x.entity_code, x.step, -x.version.number))
    return out


def labelled(session: Session, actor: Actor, where: list[Any]) -> list[Labelled]:
    """Every version matching `where` that the actor may see, labelled ("SH010 COMP v004")."""
    return _labelled(session, actor, where, all_versions=True)


def list_versions(
    session: Session, actor: Actor, *, project_id: int | None = None, all_versions: bool = False
) -> list[Labelled]:
    """Shared versions: the newest shared one per task, or all shared ones (`all_versions`);
    the newest of each task first."""
    where: list[Any] = []
    if project_id is not None:
        where.append(Version.project_id == client_project(session, actor, project_id).id)
    return _labelled(session, actor, where, all_versions=all_versions)


def get_version(session: Session, actor: Actor, version_id: int) -> Labelled:
    version = session.scalar(
        select(Version).where(Version.id == version_id, policy.visible(actor, Version))
    )
    if version is None or not policy.may(actor, "client_read", version):
        raise NotFound()
    rows = _labelled(session, actor, [Version.task_id == version.task_id], all_versions=True)
    for row in rows:
        if row.version.id == version.id:
            return row
    raise NotFound()


def list_notes(session: Session, actor: Actor, version: Version) -> list[Note]:
    stmt = select(Note).where(Note.version_id == version.id, policy.visible(actor, Note))
    return list(session.scalars(stmt.order_by(Note.id)))


def list_decisions(session: Session, version: Version) -> list[Approval]:
    stmt = select(Approval).where(
        Approval.version_id == version.id, Approval.stage == ReviewStage.CLIENT
    )
    return list(session.scalars(stmt.order_by(Approval.id)))


def decision_author(session: Session, approval: Approval) -> str:
    if approval.account_id is None:
        return approval.guest_name or "Client"
    account = session.get(Account, approval.account_id)
    return account.name if account is not None else "Client"


def create_note(
    session: Session,
    actor: Actor,
    version: Version,
    *,
    body: str,
    parent_id: int | None = None,
    frame_in: int | None = None,
    frame_out: int | None = None,
    annotation: dict[str, Any] | None = None,
) -> Note:
    policy.require(actor, "client_comment", version)
    if frame_in is not None:
        last = frame_out if frame_out is not None else frame_in
        low, high = version.frame_in, version.frame_out
        if (low is not None and frame_in < low) or (high is not None and last > high):
            raise ValidationFailed(
                fields={"frame_in": f"outside the version's frames {low}-{high or ''}"}
            )
    if parent_id is not None:
        parent = session.scalar(
            select(Note).where(
                Note.id == parent_id, Note.version_id == version.id, policy.visible(actor, Note)
            )
        )
        if parent is None:
            raise ValidationFailed(fields={"parent_id": "no such note on this version"})
    note = Note(
        project_id=version.project_id,
        version_id=version.id,
        parent_id=parent_id,
        author_id=actor.account_id,
        guest_name=actor.guest_name if actor.account_id is None else None,
        body=body,
        visibility=NoteVisibility.CLIENT,
        frame_in=frame_in,
        frame_out=frame_out,
        annotation=annotation,
    )
    session.add(note)
    session.flush()
    changes = events.snapshot(note, NOTE_FIELDS)
    events.record(
        session,
        actor,
        "note.created",
        note,
        changes,
        data={
            "target_type": "version",
            "target_id": version.id,
            "parent_id": parent_id,
            "mention_ids": [],
            "task_id": version.task_id,
            "version_id": version.id,
            "version_number": version.number,
            "guest_name": actor.guest_name,
            "stage": "client",
        },
    )
    return note
