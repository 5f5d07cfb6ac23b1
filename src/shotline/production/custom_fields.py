"""Custom field definitions per project and entity type, and the validation of values.

Invariants:
- values live in the entity's `custom` JSON column, keyed by the definition's `key`;
- on create, every required field must be present; on update, sent keys are merged in and a
  key sent as null is removed (a required key cannot be removed);
- unknown keys, wrong types, unknown choices and accounts of another organization are
  422 with `fields={"custom.<key>": "..."}`;
- dates are stored as ISO `YYYY-MM-DD` strings, numbers as JSON numbers, accounts as ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.errors import Conflict, ValidationFailed
from shotline.production.models import CustomEntity, CustomFieldDefinition, CustomFieldType
from shotline.production.service import (
    apply_update,
    check_version,
    get_project,
    load,
    record_created,
    record_deleted,
)

DEFINITION_FIELDS = (
    "project_id",
    "entity_type",
    "key",
    "label",
    "field_type",
    "options",
    "required",
    "sort_order",
)


def list_definitions(
    session: Session, actor: Actor, project_id: int, *, entity_type: CustomEntity | None = None
) -> list[CustomFieldDefinition]:
    project = get_project(session, actor, project_id)
    stmt = select(CustomFieldDefinition).where(
        CustomFieldDefinition.project_id == project.id,
        CustomFieldDefinition.archived_at.is_(None),
    )
    if entity_type is not None:
        stmt = stmt.where(CustomFieldDefinition.entity_type == entity_type)
    stmt = stmt.order_by(
        CustomFieldDefinition.entity_type,
        CustomFieldDefinition.sort_order,
        CustomFieldDefinition.id,
    )
    return list(session.scalars(stmt))


def create_definition(
    session: Session, actor: Actor, project_id: int, **fields: Any
) -> CustomFieldDefinition:
    project = get_project(session, actor, project_id, verb="manage_project")
    taken = session.scalar(
        select(CustomFieldDefinition.id).where(
            CustomFieldDefinition.project_id == project.id,
            CustomFieldDefinition.entity_type == fields["entity_type"],
            CustomFieldDefinition.key == fields["key"],
        )
    )
    if taken is not None:
        raise Conflict(fields={"key": "already taken"})
    definition = CustomFieldDefinition(project_id=project.id, **fields)
    session.add(definition)
    record_created(session, actor, definition, DEFINITION_FIELDS, project_id=project.id)
    return definition


def update_definition(
    session: Session,
    actor: Actor,
    definition_id: int,
    *,
    updates: dict[str, Any],
    expected_version: int | None = None,
) -> CustomFieldDefinition:
    definition = load(session, actor, CustomFieldDefinition, definition_id, "manage_project")
    check_version(definition, expected_version)
    options = updates.get("options", definition.options)
    if definition.field_type == CustomFieldType.CHOICE and not options:
        raise ValidationFailed(fields={"options": "a choice field needs options"})
    apply_update(session, actor, definition, updates, project_id=definition.project_id)
    return definition


def delete_definition(session: Session, actor: Actor, definition_id: int) -> None:
    """Remove a definition; values already stored stay in `custom` until next edited."""
    definition = load(session, actor, CustomFieldDefinition, definition_id, "manage_project")
    record_deleted(session, actor, definition, DEFINITION_FIELDS, project_id=definition.project_id)


# --- values --------------------------------------------------------------------------


def definitions_for(
    session: Session, project_id: int, entity_type: CustomEntity
) -> dict[str, CustomFieldDefinition]:
    stmt = select(CustomFieldDefinition).where(
        CustomFieldDefinition.project_id == project_id,
        CustomFieldDefinition.entity_type == entity_type,
        CustomFieldDefinition.archived_at.is_(None),
    )
    return {d.key: d for d in session.scalars(stmt)}


def validate_values(
    session: Session,
    actor: Actor,
    project_id: int,
    entity_type: CustomEntity,
    values: dict[str, Any],
    *,
    current: dict[str, Any] | None = None,
    definitions: dict[str, CustomFieldDefinition] | None = None,
) -> dict[str, Any]:
    """The new `custom` value: `values` checked and merged into `current` (None = create)."""
    defs = (
        definitions
        if definitions is not None
        else definitions_for(session, project_id, entity_type)
    )
    problems: dict[str, str] = {}
    merged = dict(current or {})
    for key, value in values.items():
        definition = defs.get(key)
        if definition is None:
            problems[f"custom.{key}"] = "unknown custom field"
            continue
        if value is None:
            merged.pop(key, None)
            continue
        clean, problem = _check(session, actor, definition, value)
        if problem:
            problems[f"custom.{key}"] = problem
        else:
            merged[key] = clean
    for key, definition in defs.items():
        if definition.required and merged.get(key) is None:
            problems.setdefault(f"custom.{key}", "required")
    if problems:
        raise ValidationFailed(fields=problems)
    return merged


def _check(
    session: Session, actor: Actor, definition: CustomFieldDefinition, value: Any
) -> tuple[Any, str | None]:
    kind = definition.field_type
    if kind == CustomFieldType.TEXT:
        if not isinstance(value, str):
            return None, "must be text"
        if len(value) > 10_000:
            return None, "at most 10000 characters"
        return value, None
    if kind == CustomFieldType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, "must be a number"
        return value, None
    if kind == CustomFieldType.BOOLEAN:
        if not isinstance(value, bool):
            return None, "must be true or false"
        return value, None
    if kind == CustomFieldType.DATE:
        try:
            return dt.date.fromisoformat(str(value)).isoformat(), None
        except ValueError:
            return None, "must be a date YYYY-MM-DD"
    if kind == CustomFieldType.CHOICE:
        if value not in definition.options:
            return None, "must be one of: " + ", ".join(definition.options)
        return value, None
    # account
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "must be an account id"
    account = session.get(Account, value)
    if account is None or account.organization_id != actor.organization_id:
        return None, "no such account"
    return value, None
