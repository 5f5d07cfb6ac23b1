"""Which rows an actor sees: the SQL filters every list adds, and the role groups behind them.

`visible(actor, Model)` is the filter for lists, the activity feed, the live stream and
search; `client_sees` the same rule for one loaded object. Clients reach only versions shared
with them and their client-visible notes (a link guest: those of their link). The yes/no
rules (`may`, `require`) are in `policy.py`, which re-exports these. Imports models only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select

from shotline.auth.actor import Actor
from shotline.auth.models import Account, Organization, Role
from shotline.clientreview.models import ReviewSession, ReviewSessionVersion
from shotline.events.models import Event
from shotline.jobs.models import JobRun
from shotline.media.models import MediaFile
from shotline.notifications.models import Notification
from shotline.production.models import (
    Asset,
    AssetLink,
    CustomFieldDefinition,
    Department,
    Episode,
    Project,
    ProjectMember,
    Sequence,
    Shot,
)
from shotline.review.models import Approval, Note, NoteVisibility, Version
from shotline.tasks.models import Task, TaskStatus, TaskTemplate, TaskType
from shotline.webhooks.models import WebhookSubscription

STAFF_MANAGERS = frozenset({Role.ADMIN, Role.PRODUCER})
INTERNAL_ROLES = frozenset({Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR, Role.ARTIST})
PRODUCTION_EDITORS = frozenset({Role.ADMIN, Role.PRODUCER, Role.SUPERVISOR})

# Rows that belong to one project: visibility and rights come from the actor's role there.
PROJECT_SCOPED: tuple[type[Any], ...] = (
    Episode,
    Sequence,
    Shot,
    Asset,
    AssetLink,
    Task,
    TaskStatus,
    TaskTemplate,
    ProjectMember,
    CustomFieldDefinition,
    Version,
    Note,
    Approval,
    ReviewSession,
)
# What clients reach at all (shared versions and their client-visible notes).
CLIENT_SHARED: tuple[type[Any], ...] = (Version, Note)
# Organization-wide catalogues every internal account reads.
ORG_CATALOGUES: tuple[type[Any], ...] = (Department, TaskType)


def visible(actor: Actor, model: type[Any]) -> ColumnElement[bool]:
    """SQL filter: the rows of `model` this actor may see."""
    if model is Account:
        org = Account.organization_id == actor.organization_id
        if actor.is_system or actor.role in INTERNAL_ROLES:
            return org
        return and_(org, Account.id == actor.account_id)
    if model is Organization:
        return Organization.id == actor.organization_id
    if model is Project:
        org = Project.organization_id == actor.organization_id
        if actor.is_system or actor.role in STAFF_MANAGERS:
            return org
        ids = member_project_ids(actor)
        return and_(org, Project.id.in_(ids)) if ids else false()
    if model in CLIENT_SHARED and client_project_ids(actor) and not actor.is_system:
        ids = member_project_ids(actor)
        internal = model.project_id.in_(ids) if ids else false()
        return or_(internal, _client_rows(actor, model))
    if model in PROJECT_SCOPED:
        if actor.is_system or actor.role in STAFF_MANAGERS:
            org_projects = select(Project.id).where(
                Project.organization_id == actor.organization_id
            )
            return model.project_id.in_(org_projects)  # type: ignore[no-any-return]
        ids = member_project_ids(actor)
        return model.project_id.in_(ids) if ids else false()
    if model in ORG_CATALOGUES:
        if actor.is_system or actor.role in INTERNAL_ROLES:
            return model.organization_id == actor.organization_id  # type: ignore[no-any-return]
        return false()
    if model is MediaFile:
        # Media of a project: the accounts who read that project (admins and producers all
        # of the organization); media without a project: every internal account. Clients
        # see media only through versions shared with them (later), never directly.
        live = and_(
            MediaFile.organization_id == actor.organization_id,
            MediaFile.archived_at.is_(None),
        )
        if actor.is_system or actor.role in STAFF_MANAGERS:
            return live
        if actor.role in INTERNAL_ROLES:
            ids = member_project_ids(actor)
            if not ids:
                return and_(live, MediaFile.project_id.is_(None))
            return and_(live, or_(MediaFile.project_id.is_(None), MediaFile.project_id.in_(ids)))
        return false()
    if model is JobRun:
        if actor.is_system or actor.role == Role.ADMIN:
            return JobRun.organization_id == actor.organization_id
        return false()
    if model is Event:
        return _visible_events(actor)
    if model is Notification:
        own = and_(
            Notification.organization_id == actor.organization_id,
            Notification.recipient_id == actor.account_id,
        )
        if actor.role == Role.CLIENT:
            return and_(own, _client_subject(actor))
        return own
    if model is WebhookSubscription:
        if actor.is_system or actor.role in STAFF_MANAGERS:
            return and_(
                WebhookSubscription.organization_id == actor.organization_id,
                WebhookSubscription.archived_at.is_(None),
            )
        return false()
    return false()


def _visible_events(actor: Actor) -> ColumnElement[bool]:
    """Events of the activity feed and the live stream: the rows the entities' rules show.

    Admins and producers see every event of their organization; other internal accounts
    the events of the projects they are members of (events without a project, such as
    logins and account changes, are for admins and producers only); clients only events
    about what was shared with them (`client_events`).
    """
    org = Event.organization_id == actor.organization_id
    if actor.is_system or actor.role in STAFF_MANAGERS:
        return org
    if actor.role == Role.CLIENT:
        return and_(org, client_events(actor))
    ids = member_project_ids(actor)
    return and_(org, Event.project_id.in_(ids)) if ids else false()


def client_events(actor: Actor) -> ColumnElement[bool]:
    """Events about what was shared with the client: a version being shared, client-stage
    decisions on a shared version, and client-visible notes on one. Never task moves,
    uploads, internal decisions or internal notes."""
    if not client_project_ids(actor):
        return false()
    versions = select(Version.id).where(_client_rows(actor, Version))
    notes = select(Note.id).where(_client_rows(actor, Note))
    decision = and_(
        Event.verb.in_(("version.approved", "version.changes_requested")),
        Event.data["stage"].as_string() == "client",
    )
    about_version = and_(
        Event.entity_type == "version",
        Event.entity_id.in_(versions),
        or_(Event.verb == "version.shared", decision),
    )
    about_note = and_(
        Event.entity_type == "note", Event.verb == "note.created", Event.entity_id.in_(notes)
    )
    return or_(about_version, about_note)


def _client_subject(actor: Actor) -> ColumnElement[bool]:
    """A client's notification stays only while what it is about is still shared with them
    (an unshared or archived version, and its notes, drop out of the inbox)."""
    if not client_project_ids(actor):
        return false()
    versions = select(Version.id).where(_client_rows(actor, Version))
    notes = select(Note.id).where(_client_rows(actor, Note))
    return or_(
        and_(Notification.entity_type == "version", Notification.entity_id.in_(versions)),
        and_(Notification.entity_type == "note", Notification.entity_id.in_(notes)),
    )


# Activity links (parts of a sentence that point at a row) a client follows: the shared
# version or client note the event is about, and people. Others (a note's task) keep their
# label and lose the link.
CLIENT_LINKS = frozenset({"version", "note", "account"})


def may_follow_link(actor: Actor, entity_type: str | None) -> bool:
    if actor.is_system or actor.role in INTERNAL_ROLES:
        return True
    return entity_type in CLIENT_LINKS


def member_project_ids(actor: Actor) -> list[int]:
    """Projects whose production data the actor sees through a membership (sorted)."""
    return sorted(p for p, role in actor.project_roles.items() if role in INTERNAL_ROLES)


def client_project_ids(actor: Actor) -> list[int]:
    """Projects where the actor is a client (a client account's memberships; a guest's one
    project)."""
    return sorted(p for p, role in actor.project_roles.items() if role == Role.CLIENT)


def client_sees(obj: Any) -> bool:
    """A shared, live version; a live client-visible note on one. (For a guest the version
    must also be in their link: the SQL filter `visible` adds that.)"""
    if obj.archived_at is not None:
        return False
    if isinstance(obj, Version):
        return obj.is_client_visible
    if isinstance(obj, Note):
        version = obj.version
        return (
            obj.visibility == NoteVisibility.CLIENT and version is not None and client_sees(version)
        )
    return False


def _client_rows(actor: Actor, model: type[Any]) -> ColumnElement[bool]:
    ids = client_project_ids(actor)
    shared = and_(
        Version.project_id.in_(ids),
        Version.is_client_visible.is_(True),
        Version.archived_at.is_(None),
    )
    if actor.review_session_id is not None:
        in_link = select(ReviewSessionVersion.version_id).where(
            ReviewSessionVersion.review_session_id == actor.review_session_id
        )
        shared = and_(shared, Version.id.in_(in_link))
    if model is Version:
        return shared
    return and_(
        Note.project_id.in_(ids),
        Note.visibility == NoteVisibility.CLIENT,
        Note.archived_at.is_(None),
        Note.version_id.in_(select(Version.id).where(shared)),
    )


def sees_whole_organization(actor: Actor) -> bool:
    """Whether `visible(actor, Model)` is "every row of the organization" for every
    searchable type (admins, producers, the system), so a caller may skip it there."""
    return actor.is_system or actor.role in STAFF_MANAGERS


def project_scope(actor: Actor) -> list[int] | None:
    """For internal accounts below producer who are no project's client: the projects
    whose rows they see, where `visible` of `Project` and of every `PROJECT_SCOPED` model is
    exactly "the row's project is one of these" (and accounts: the organization). None when
    that does not hold (admins, producers, the system, clients, guests), so a caller that
    knows a row's project may filter on it instead of joining the row's table."""
    if actor.is_system or actor.role not in INTERNAL_ROLES or actor.role in STAFF_MANAGERS:
        return None
    if client_project_ids(actor):
        return None
    return member_project_ids(actor)


def searchable(actor: Actor, model: type[Any]) -> bool:
    """Whether search looks at this type for the actor (its rows still pass `visible`)."""
    if actor.is_system or actor.role in INTERNAL_ROLES:
        return True
    return model in CLIENT_SHARED
