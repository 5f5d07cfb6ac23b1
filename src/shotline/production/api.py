"""Routes: projects, crew, departments and custom field definitions.

Shots, assets, episodes, sequences and asset links are in `entities_api.py`. The big
filtered collections (`GET /projects/{id}/shots` …) come from the registry's query engine.
"""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.lifecycle_routes import Lifecycle, add_lifecycle_routes, with_etag
from shotline.production import custom_fields, service
from shotline.production.models import CustomEntity
from shotline.production.schemas import (
    CustomFieldCreate,
    CustomFieldRead,
    CustomFieldUpdate,
    DepartmentCreate,
    DepartmentRead,
    DepartmentUpdate,
    MemberCreate,
    MemberRead,
    MemberUpdate,
    ProjectCreate,
    ProjectRead,
    ProjectUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["projects"])
NO_CONTENT = status.HTTP_204_NO_CONTENT
CREATED = status.HTTP_201_CREATED


# --- projects ------------------------------------------------------------------------


@router.get("/projects", summary="List my projects")
def list_projects(
    actor: CurrentActor, session: DbSession, include_archived: bool = False
) -> list[ProjectRead]:
    """Projects the caller may see, by code: admins and producers see every project of the
    organization, others the projects they are a member of. Archived ones only on request."""
    rows = service.list_projects(session, actor, include_archived=include_archived)
    return [ProjectRead.model_validate(p) for p in rows]


@router.post("/projects", status_code=CREATED, summary="Create a project")
def create_project(body: ProjectCreate, actor: CurrentActor, session: DbSession) -> ProjectRead:
    """Admins and producers create a project; it starts with the default task statuses and
    the two quick-add templates (shots: Track, Roto, Comp; assets: Model, Texture, Rig)."""
    return ProjectRead.model_validate(service.create_project(session, actor, **body.model_dump()))


add_lifecycle_routes(
    router,
    Lifecycle(
        noun="project",
        label="a project",
        path="/projects/{project_id}",
        read=ProjectRead,
        update_body=ProjectUpdate,
        service=service,
        docs={
            "get": "One project; the `ETag` header carries its version for `If-Match`.",
            "update": "Change the fields sent (`settings` keys are merged). A stale `If-Match` "
            "answers 412.",
            "archive": "Hide the project from lists; nothing is deleted. Admins and producers.",
            "delete": "Delete an archived, empty project forever; `confirm` must be its code.",
        },
    ),
)


# --- crew ----------------------------------------------------------------------------


@router.get("/projects/{project_id}/members", summary="List a project's crew")
def list_project_members(
    project_id: int, actor: CurrentActor, session: DbSession
) -> list[MemberRead]:
    """Role slots of the project, by display name (some may not be linked to an account)."""
    rows = service.list_members(session, actor, project_id)
    return [MemberRead.model_validate(m) for m in rows]


@router.post("/projects/{project_id}/members", status_code=CREATED, summary="Add a crew slot")
def create_project_member(
    project_id: int, body: MemberCreate, actor: CurrentActor, session: DbSession
) -> MemberRead:
    """Add a role slot, optionally linked to an account whose role inside this project it
    sets. Admins and producers."""
    member = service.add_member(session, actor, project_id, **body.model_dump())
    return MemberRead.model_validate(member)


@router.get("/project-members/{member_id}", summary="Get a crew slot")
def get_project_member(
    member_id: int, response: Response, actor: CurrentActor, session: DbSession
) -> MemberRead:
    """One crew slot, with its `ETag`."""
    member = service.get_member(session, actor, member_id)
    return MemberRead.model_validate(with_etag(response, member))


@router.patch("/project-members/{member_id}", summary="Update a crew slot")
def update_project_member(
    member_id: int,
    body: MemberUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> MemberRead:
    """Change the role, department, name or linked account of a crew slot."""
    member = service.update_member(
        session,
        actor,
        member_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return MemberRead.model_validate(with_etag(response, member))


@router.delete("/project-members/{member_id}", status_code=NO_CONTENT, summary="Remove a slot")
def delete_project_member(member_id: int, actor: CurrentActor, session: DbSession) -> None:
    """Remove a crew slot; the linked account loses its access to the project."""
    service.remove_member(session, actor, member_id)


# --- departments ---------------------------------------------------------------------


@router.get("/departments", tags=["departments"], summary="List departments")
def list_departments(actor: CurrentActor, session: DbSession) -> list[DepartmentRead]:
    """The organization's departments, by name (internal accounts)."""
    return [DepartmentRead.model_validate(d) for d in service.list_departments(session, actor)]


@router.post(
    "/departments", tags=["departments"], status_code=CREATED, summary="Create a department"
)
def create_department(
    body: DepartmentCreate, actor: CurrentActor, session: DbSession
) -> DepartmentRead:
    """Admins and producers add a department; codes are unique in the organization."""
    department = service.create_department(session, actor, **body.model_dump())
    return DepartmentRead.model_validate(department)


@router.patch("/departments/{department_id}", tags=["departments"], summary="Update a department")
def update_department(
    department_id: int,
    body: DepartmentUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> DepartmentRead:
    """Rename or recolour a department."""
    department = service.update_department(
        session,
        actor,
        department_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return DepartmentRead.model_validate(with_etag(response, department))


# --- custom field definitions --------------------------------------------------------


@router.get("/projects/{project_id}/custom-fields", summary="List custom fields")
def list_custom_fields(
    project_id: int,
    actor: CurrentActor,
    session: DbSession,
    entity_type: CustomEntity | None = None,
) -> list[CustomFieldRead]:
    """The project's custom field definitions, optionally for one entity type."""
    rows = custom_fields.list_definitions(session, actor, project_id, entity_type=entity_type)
    return [CustomFieldRead.model_validate(d) for d in rows]


@router.post(
    "/projects/{project_id}/custom-fields", status_code=CREATED, summary="Define a custom field"
)
def create_custom_field(
    project_id: int, body: CustomFieldCreate, actor: CurrentActor, session: DbSession
) -> CustomFieldRead:
    """Add a field to shots, assets or tasks of the project. Admins and producers."""
    definition = custom_fields.create_definition(session, actor, project_id, **body.model_dump())
    return CustomFieldRead.model_validate(definition)


@router.patch("/custom-fields/{definition_id}", summary="Update a custom field")
def update_custom_field(
    definition_id: int,
    body: CustomFieldUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> CustomFieldRead:
    """Change the label, options, required flag or order (the key and type are fixed)."""
    definition = custom_fields.update_definition(
        session,
        actor,
        definition_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return CustomFieldRead.model_validate(with_etag(response, definition))


@router.delete(
    "/custom-fields/{definition_id}", status_code=NO_CONTENT, summary="Remove a custom field"
)
def delete_custom_field(definition_id: int, actor: CurrentActor, session: DbSession) -> None:
    """Remove a definition; stored values are kept until the row is next edited."""
    custom_fields.delete_definition(session, actor, definition_id)
