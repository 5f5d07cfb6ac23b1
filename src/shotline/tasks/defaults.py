"""What a new organization and a new project start with: task types, task statuses and the
two quick-add templates. Writes rows and their events; no permission checks (callers have
made them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline import events
from shotline.auth.actor import Actor
from shotline.production.models import Project
from shotline.tasks.models import (
    AppliesTo,
    StatusCategory,
    TaskStatus,
    TaskTemplate,
    TaskType,
    TemplateTarget,
)

DEFAULT_TASK_TYPES: tuple[tuple[str, str, AppliesTo], ...] = (
    ("TRACK", "Track", AppliesTo.SHOT),
    ("ROTO", "Roto", AppliesTo.SHOT),
    ("KEY", "Key", AppliesTo.SHOT),
    ("COMP", "Comp", AppliesTo.SHOT),
    ("FX", "FX", AppliesTo.BOTH),
    ("LIGHTING", "Lighting", AppliesTo.BOTH),
    ("RENDER", "Render", AppliesTo.SHOT),
    ("ANIMATION", "Animation", AppliesTo.BOTH),
    ("MODEL", "Model", AppliesTo.ASSET),
    ("TEXTURE", "Texture", AppliesTo.ASSET),
    ("RIG", "Rig", AppliesTo.ASSET),
    ("LOOKDEV", "Lookdev", AppliesTo.ASSET),
    ("GENERAL", "General", AppliesTo.BOTH),
)

DEFAULT_STATUSES: tuple[tuple[str, str, str, StatusCategory], ...] = (
    ("TODO", "To do", "#9CA3AF", StatusCategory.TODO),
    ("IN_PROGRESS", "In progress", "#3B82F6", StatusCategory.IN_PROGRESS),
    ("INTERNAL_REVIEW", "Internal review", "#A855F7", StatusCategory.INTERNAL_REVIEW),
    ("CLIENT_REVIEW", "Client review", "#F59E0B", StatusCategory.CLIENT_REVIEW),
    ("CHANGES", "Changes", "#EF4444", StatusCategory.CHANGES),
    ("DONE", "Done", "#22C55E", StatusCategory.DONE),
    ("ON_HOLD", "On hold", "#6B7280", StatusCategory.ON_HOLD),
    ("OMITTED", "Omitted", "#374151", StatusCategory.OMITTED),
)

QUICK_ADD: tuple[tuple[str, TemplateTarget, tuple[str, ...]], ...] = (
    ("Shot basics", TemplateTarget.SHOT, ("TRACK", "ROTO", "COMP")),
    ("Asset basics", TemplateTarget.ASSET, ("MODEL", "TEXTURE", "RIG")),
)

TASK_TYPE_FIELDS = ("organization_id", "code", "name", "applies_to", "department_id", "color")
STATUS_FIELDS = ("project_id", "code", "name", "color", "sort_order", "category")
TEMPLATE_FIELDS = ("project_id", "name", "applies_to", "title_pattern", "items")


def ensure_default_task_types(session: Session, actor: Actor) -> dict[str, TaskType]:
    """The organization's task types by code, creating the missing defaults (idempotent)."""
    existing = {
        t.code: t
        for t in session.scalars(
            select(TaskType).where(TaskType.organization_id == actor.organization_id)
        )
    }
    for order, (code, name, applies_to) in enumerate(DEFAULT_TASK_TYPES):
        if code in existing:
            continue
        task_type = TaskType(
            organization_id=actor.organization_id,
            code=code,
            name=name,
            applies_to=applies_to,
            sort_order=order,
        )
        session.add(task_type)
        session.flush()
        events.record(
            session,
            actor,
            "task_type.created",
            task_type,
            events.snapshot(task_type, TASK_TYPE_FIELDS),
        )
        existing[code] = task_type
    return existing


def seed_project(session: Session, actor: Actor, project: Project) -> None:
    """Statuses and quick-add templates of a new project (one event per row)."""
    types = ensure_default_task_types(session, actor)
    for order, (code, name, color, category) in enumerate(DEFAULT_STATUSES):
        status = TaskStatus(
            project_id=project.id,
            code=code,
            name=name,
            color=color,
            sort_order=order,
            category=category,
        )
        session.add(status)
        session.flush()
        events.record(
            session, actor, "task_status.created", status, events.snapshot(status, STATUS_FIELDS)
        )
    for name, target, codes in QUICK_ADD:
        template = TaskTemplate(
            project_id=project.id,
            name=name,
            applies_to=target,
            title_pattern="{type}",
            items=[
                {"task_type_id": types[c].id, "title": None, "estimated_hours": None} for c in codes
            ],
        )
        session.add(template)
        session.flush()
        events.record(
            session,
            actor,
            "task_template.created",
            template,
            events.snapshot(template, TEMPLATE_FIELDS),
        )
