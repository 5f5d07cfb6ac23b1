"""The portal of client accounts (`/portal/…`): their projects and the versions shared with
them, in the same player and with the same note and decision code as share links."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from shotline.auth.actor import Actor
from shotline.auth.models import Account
from shotline.clientreview import client
from shotline.clientreview.client_views import decide, item, player, write_note
from shotline.clientreview.schemas import (
    ClientDecisionCreate,
    ClientDecisionResult,
    ClientNoteCreate,
    ClientPlayerData,
    ClientProjectRead,
    ClientVersionItem,
)
from shotline.deps import CurrentActor, DbSession
from shotline.production.api import CREATED
from shotline.review.models import Decision
from shotline.review.schemas import NoteClientRead

router = APIRouter(prefix="/api/v1", tags=["client"])


@router.get("/portal/projects", summary="The client's projects")
def list_portal_projects(actor: CurrentActor, session: DbSession) -> list[ClientProjectRead]:
    """Projects where the account is a client member."""
    return [ClientProjectRead.model_validate(p) for p in client.client_projects(session, actor)]


@router.get("/portal/projects/{project_id}/versions", summary="Versions shared with the client")
def list_portal_versions(
    project_id: int,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
    all: bool = False,
) -> list[ClientVersionItem]:
    """The newest shared version of each task; `all=true` adds older shared ones."""
    rows = client.list_versions(session, actor, project_id=project_id, all_versions=all)
    return [item(request, session, r) for r in rows]


@router.get("/portal/versions/{version_id}/player", summary="Play a shared version")
def get_portal_player(
    version_id: int, request: Request, actor: CurrentActor, session: DbSession
) -> ClientPlayerData:
    """As the link player, for a client account."""
    row = client.get_version(session, actor, version_id)
    return player(request, session, actor, row, _account_name(session, actor))


def _account_name(session: Session, actor: Actor) -> str:
    account = session.get(Account, actor.account_id) if actor.account_id else None
    return account.name if account is not None else "Client"


@router.post(
    "/portal/versions/{version_id}/notes", status_code=CREATED, summary="Comment as the client"
)
def create_portal_note(
    version_id: int, body: ClientNoteCreate, actor: CurrentActor, session: DbSession
) -> NoteClientRead:
    """A client-visible note on a shared version."""
    return write_note(session, actor, client.get_version(session, actor, version_id), body)


@router.post("/portal/versions/{version_id}/approve", summary="Approve a shared version")
def approve_portal_version(
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ClientDecisionResult:
    """Client approval: the task moves to done."""
    row = client.get_version(session, actor, version_id)
    return decide(request, session, actor, row, Decision.APPROVED, body)


@router.post(
    "/portal/versions/{version_id}/request-changes", summary="Request changes on a shared version"
)
def request_portal_changes(
    version_id: int,
    body: ClientDecisionCreate,
    request: Request,
    actor: CurrentActor,
    session: DbSession,
) -> ClientDecisionResult:
    """The task moves to changes; optional `note` becomes a client note."""
    row = client.get_version(session, actor, version_id)
    return decide(request, session, actor, row, Decision.CHANGES_REQUESTED, body)
