"""Every production and task route, called as every role with ids of another organization
(and, for members, of a project they are not in): always 404, nothing written."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.production import custom_fields
from shotline.production.models import Project
from tests import factories

pytestmark = pytest.mark.api

# (method, path, body); {x} are filled with ids of the target world.
ROUTES: list[tuple[str, str, dict[str, object] | None]] = [
    ("GET", "/api/v1/projects/{project}", None),
    ("PATCH", "/api/v1/projects/{project}", {"name": "x"}),
    ("POST", "/api/v1/projects/{project}/archive", None),
    ("POST", "/api/v1/projects/{project}/restore", None),
    ("DELETE", "/api/v1/projects/{project}", {"confirm": "NWD"}),
    ("GET", "/api/v1/projects/{project}/members", None),
    ("POST", "/api/v1/projects/{project}/members", {"display_name": "x", "role": "artist"}),
    ("GET", "/api/v1/project-members/{member}", None),
    ("PATCH", "/api/v1/project-members/{member}", {"display_name": "x"}),
    ("DELETE", "/api/v1/project-members/{member}", None),
    ("PATCH", "/api/v1/departments/{department}", {"name": "x"}),
    ("GET", "/api/v1/projects/{project}/custom-fields", None),
    (
        "POST",
        "/api/v1/projects/{project}/custom-fields",
        {"entity_type": "shot", "key": "k", "label": "K", "field_type": "text"},
    ),
    ("PATCH", "/api/v1/custom-fields/{field}", {"label": "x"}),
    ("DELETE", "/api/v1/custom-fields/{field}", None),
    ("GET", "/api/v1/projects/{project}/episodes", None),
    ("POST", "/api/v1/projects/{project}/episodes", {"code": "EPX"}),
    ("GET", "/api/v1/episodes/{episode}", None),
    ("PATCH", "/api/v1/episodes/{episode}", {"name": "x"}),
    ("POST", "/api/v1/episodes/{episode}/archive", None),
    ("POST", "/api/v1/episodes/{episode}/restore", None),
    ("DELETE", "/api/v1/episodes/{episode}", {"confirm": "EP1"}),
    ("POST", "/api/v1/projects/{project}/sequences", {"code": "SQX"}),
    ("GET", "/api/v1/sequences/{sequence}", None),
    ("PATCH", "/api/v1/sequences/{sequence}", {"name": "x"}),
    ("POST", "/api/v1/sequences/{sequence}/archive", None),
    ("POST", "/api/v1/sequences/{sequence}/restore", None),
    ("DELETE", "/api/v1/sequences/{sequence}", {"confirm": "SQ1"}),
    ("POST", "/api/v1/projects/{project}/shots", {"code": "SHX"}),
    ("POST", "/api/v1/projects/{project}/shots/bulk", {"shots": [{"code": "SHY"}]}),
    ("GET", "/api/v1/shots/{shot}", None),
    ("PATCH", "/api/v1/shots/{shot}", {"description": "x"}),
    ("POST", "/api/v1/shots/{shot}/archive", None),
    ("POST", "/api/v1/shots/{shot}/restore", None),
    ("DELETE", "/api/v1/shots/{shot}", {"confirm": "SH1"}),
    ("GET", "/api/v1/shots/{shot}/asset-links", None),
    ("POST", "/api/v1/shots/{shot}/asset-links", {"asset_id": "{asset}"}),
    ("POST", "/api/v1/projects/{project}/assets", {"code": "a", "name": "A", "asset_type": "prop"}),
    ("GET", "/api/v1/assets/{asset}", None),
    ("PATCH", "/api/v1/assets/{asset}", {"name": "x"}),
    ("POST", "/api/v1/assets/{asset}/archive", None),
    ("POST", "/api/v1/assets/{asset}/restore", None),
    ("DELETE", "/api/v1/assets/{asset}", {"confirm": "boat"}),
    ("GET", "/api/v1/assets/{asset}/asset-links", None),
    ("POST", "/api/v1/assets/{asset}/asset-links", {"asset_id": "{asset2}"}),
    ("PATCH", "/api/v1/asset-links/{link}", {"count": 3}),
    ("DELETE", "/api/v1/asset-links/{link}", None),
    ("PATCH", "/api/v1/task-types/{task_type}", {"name": "x"}),
    ("GET", "/api/v1/projects/{project}/task-statuses", None),
    (
        "POST",
        "/api/v1/projects/{project}/task-statuses",
        {"code": "X", "name": "X", "color": "#000000", "category": "todo"},
    ),
    ("POST", "/api/v1/projects/{project}/task-statuses/reorder", {"status_ids": ["{status}"]}),
    ("PATCH", "/api/v1/task-statuses/{status}", {"name": "x"}),
    ("GET", "/api/v1/projects/{project}/task-templates", None),
    (
        "POST",
        "/api/v1/projects/{project}/task-templates",
        {"name": "T", "applies_to": "shot", "items": [{"task_type_id": "{task_type}"}]},
    ),
    ("PATCH", "/api/v1/projects/{project}/task-templates/{template}", {"name": "x"}),
    (
        "POST",
        "/api/v1/projects/{project}/task-templates/{template}/apply",
        {"shot_ids": ["{shot}"]},
    ),
    ("POST", "/api/v1/tasks", {"shot_id": "{shot}", "task_type_id": "{task_type}"}),
    ("POST", "/api/v1/tasks/bulk-update", {"task_ids": ["{task}"], "set": {"priority": 1}}),
    ("GET", "/api/v1/tasks/{task}", None),
    ("PATCH", "/api/v1/tasks/{task}", {"status_id": "{status}"}),
    ("PATCH", "/api/v1/tasks/{task}", {"title": "x"}),
    ("POST", "/api/v1/tasks/{task}/assign", {"assignee_ids": []}),
    ("POST", "/api/v1/tasks/{task}/watchers", {"account_ids": ["{me}"]}),
    ("DELETE", "/api/v1/tasks/{task}/watchers/{me}", None),
    ("POST", "/api/v1/tasks/{task}/archive", None),
    ("POST", "/api/v1/tasks/{task}/restore", None),
    ("DELETE", "/api/v1/tasks/{task}", {"confirm": "Comp"}),
]
ORG_LEVEL = {"department", "task_type"}


@dataclass
class World:
    ids: dict[str, int]


def build_world(session: Session, project: Project) -> World:
    """One of everything in `project`, archived where a route needs an archived row."""
    system = factories.system_for(project)
    episode = factories.make_episode(session, project, code="EP1")
    sequence = factories.make_sequence(session, project, code="SQ1")
    shot = factories.make_shot(session, project, code="SH1")
    asset = factories.make_asset(session, project, code="boat")
    asset2 = factories.make_asset(session, project, code="crate")
    task = factories.make_task(session, shot=shot)
    link = factories.assets.link_asset(session, system, shot_id=shot.id, asset_id=asset.id)
    member = factories.production.add_member(
        session, system, project.id, role=Role.ARTIST, display_name="slot"
    )
    field = custom_fields.create_definition(
        session, system, project.id, entity_type="task", key="k", label="K", field_type="text"
    )
    department = factories.production.create_department(session, system, code="D", name="D")
    from shotline.tasks import workflow

    template = workflow.list_templates(session, system, project.id)[0]
    status = factories.status(session, project, "DONE")
    for row in (episode, sequence, shot, asset, task):
        row.archived_at = factories.utcnow()
    session.flush()
    return World(
        {
            "project": project.id,
            "episode": episode.id,
            "sequence": sequence.id,
            "shot": shot.id,
            "asset": asset.id,
            "asset2": asset2.id,
            "task": task.id,
            "link": link.id,
            "member": member.id,
            "field": field.id,
            "department": department.id,
            "task_type": factories.task_type(session, project, "COMP").id,
            "template": template.id,
            "status": status.id,
        }
    )


def fill(value: object, ids: dict[str, int]) -> object:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


def call_all(client: TestClient, world: World, me: int, skip: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    ids = {**world.ids, "me": me}
    wrong = []
    for method, path, body in ROUTES:
        if any("{" + key + "}" in path for key in skip):
            continue
        url = path.format(**ids)
        r = client.request(method, url, json=fill(body, ids) if body is not None else None)
        if r.status_code != 404:
            wrong.append(f"{method} {path} → {r.status_code} {r.text[:120]}")
    return wrong


@pytest.mark.parametrize("role", list(Role))
def test_foreign_organization_ids_are_404_on_every_route(
    as_role,  # type: ignore[no-untyped-def]
    session: Session,
    people: dict[Role, Account],
    foreign_org: Organization,
    project: Project,
    role: Role,
) -> None:
    foreign = factories.make_project(session, foreign_org, code="NWD")
    world = build_world(session, foreign)
    mark = factories.last_event_id(session)

    wrong = call_all(as_role(role), world, people[role].id)

    assert wrong == []
    assert factories.events_after(session, mark) == []


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ARTIST, Role.CLIENT])
def test_ids_of_a_project_the_actor_is_not_in_are_404(
    as_role,  # type: ignore[no-untyped-def]
    session: Session,
    people: dict[Role, Account],
    project: Project,
    other_project: Project,
    role: Role,
) -> None:
    world = build_world(session, other_project)
    mark = factories.last_event_id(session)

    wrong = call_all(as_role(role), world, people[role].id, skip=ORG_LEVEL)

    assert wrong == []
    assert factories.events_after(session, mark) == []


def test_clients_see_nothing_of_their_own_project(
    as_client: TestClient, session: Session, people: dict[Role, Account], project: Project
) -> None:
    world = build_world(session, project)
    mark = factories.last_event_id(session)
    assert call_all(as_client, world, people[Role.CLIENT].id) == []
    assert factories.events_after(session, mark) == []


def test_the_matrix_is_not_vacuous_for_an_admin_at_home(
    as_admin: TestClient, session: Session, people: dict[Role, Account], project: Project
) -> None:
    world = build_world(session, project)
    for path in ("/api/v1/shots/{shot}", "/api/v1/tasks/{task}", "/api/v1/assets/{asset}"):
        assert as_admin.get(path.format(**world.ids)).status_code == 200
