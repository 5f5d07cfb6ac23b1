"""Big lists of a project's rows (shots, assets, sequences, …) through the query engine.

Each call is one statement for the page (plus the project lookup that 404s for a project
the actor may not see, and the custom-field definitions when the query names `custom.*`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.production.models import CustomEntity, CustomFieldDefinition, CustomFieldType
from shotline.production.service import get_project
from shotline.registry import FieldType, QueryResult, QuerySpec, get_entity, run_query
from shotline.registry.spec import Condition, Group

CUSTOM_TYPES = {
    CustomFieldType.TEXT: FieldType.STR,
    CustomFieldType.NUMBER: FieldType.FLOAT,
    CustomFieldType.DATE: FieldType.STR,  # ISO dates compare correctly as text
    CustomFieldType.BOOLEAN: FieldType.BOOL,
    CustomFieldType.CHOICE: FieldType.STR,
    CustomFieldType.ACCOUNT: FieldType.INT,
}


def query_project_rows(
    session: Session,
    actor: Actor,
    *,
    project_id: int,
    entity: str,
    spec: QuerySpec,
    extra_filters: list[Condition | Group] | None = None,
) -> QueryResult:
    """Rows of one entity type in one project, filtered/sorted/paged by `spec`."""
    get_project(session, actor, project_id)  # 404 unless the actor may read it
    definition = get_entity(entity)
    custom_types = None
    if definition.custom_fields_column and mentions_custom(spec):
        custom_types = custom_field_types(session, project_id=project_id, entity=entity)
    if extra_filters:
        spec = spec.model_copy(update={"filters": [*spec.filters, *extra_filters]})
    scope = [definition.model.project_id == project_id]
    return run_query(session, actor, entity, spec, scope=scope, custom_types=custom_types)


def mentions_custom(spec: QuerySpec) -> bool:
    paths = [*(spec.fields or []), *(s.lstrip("-+") for s in spec.sort)]
    paths.extend(_filter_paths(spec.filters))
    return any(p.startswith("custom.") for p in paths)


def _filter_paths(nodes: list[Any]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Condition):
            out.append(node.field)
        else:
            out.extend(_filter_paths(node.all or node.any or []))
    return out


def custom_field_types(session: Session, *, project_id: int, entity: str) -> dict[str, FieldType]:
    rows = session.execute(
        select(CustomFieldDefinition.key, CustomFieldDefinition.field_type).where(
            CustomFieldDefinition.project_id == project_id,
            CustomFieldDefinition.entity_type == CustomEntity(entity),
            CustomFieldDefinition.archived_at.is_(None),
        )
    )
    return {key: CUSTOM_TYPES[ftype] for key, ftype in rows}
