"""Permission rules: the yes/no verbs (`may`, `require`, the `_RULES` table).

`may(actor, verb, obj)` answers yes/no, `require` raises; `visible(actor, Model)`, the SQL
filter every list adds, lives in `visibility.py` and is re-exported here. Order of checks:
organization, then project membership, then role. An object in another organization is
reported as missing (`NotFound`), never as forbidden, so nothing leaks about what exists.
Imports models only, never services.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import true

from shotline.auth.actor import Actor
from shotline.auth.models import Account, AccountStatus, ApiKey, Role
from shotline.auth.visibility import (
    CLIENT_SHARED,
    INTERNAL_ROLES,
    ORG_CATALOGUES,
    PRODUCTION_EDITORS,
    PROJECT_SCOPED,
    STAFF_MANAGERS,
    client_sees,
)
from shotline.auth.visibility import client_project_ids as client_project_ids
from shotline.auth.visibility import may_follow_link as may_follow_link
from shotline.auth.visibility import member_project_ids as member_project_ids
from shotline.auth.visibility import project_scope as project_scope
from shotline.auth.visibility import searchable as searchable
from shotline.auth.visibility import sees_whole_organization as sees_whole_organization
from shotline.auth.visibility import visible as visible
from shotline.errors import NotFound, PermissionDenied
from shotline.jobs.models import JobRun
from shotline.media.models import MediaFile
from shotline.notifications.models import Notification
from shotline.production.models import Project
from shotline.review.models import Note, Version
from shotline.tasks.models import Task
from shotline.webhooks.models import WebhookSubscription


def same_org(actor: Actor, obj: Any) -> bool:
    return getattr(obj, "organization_id", None) == actor.organization_id


def may(actor: Actor, verb: str, obj: Any) -> bool:
    if obj is not None and hasattr(obj, "organization_id") and not same_org(actor, obj):
        return False
    if actor.is_system:
        return True
    rule = _RULES.get(verb)
    if rule is None:
        return False
    return bool(rule(actor, obj))


def require(actor: Actor, verb: str, obj: Any) -> None:
    """Raise `NotFound` for what the actor may not see, `PermissionDenied` otherwise."""
    if may(actor, verb, obj):
        return
    if obj is not None and not can_see(actor, obj):
        raise NotFound()
    raise PermissionDenied()


def project_of(obj: Any) -> Project | None:
    """The project a row belongs to (a loaded many-to-one: no query once the project is)."""
    if isinstance(obj, Project):
        return obj
    if isinstance(obj, PROJECT_SCOPED):
        project: Project = obj.project
        return project
    return None


def role_in_project(actor: Actor, project: Project) -> Role | None:
    """The actor's effective role in a project; None when it is not theirs to see."""
    if project.organization_id != actor.organization_id:
        return None
    return actor.role_in(project.id)


def can_see(actor: Actor, obj: Any) -> bool:
    if hasattr(obj, "organization_id") and not same_org(actor, obj):
        return False
    project = project_of(obj)
    if project is not None:
        role = role_in_project(actor, project)
        if role == Role.CLIENT and isinstance(obj, CLIENT_SHARED):
            return client_sees(obj)
        return role in INTERNAL_ROLES
    if isinstance(obj, ORG_CATALOGUES):
        return actor.is_system or actor.role in INTERNAL_ROLES
    if isinstance(obj, Account):
        return may(actor, "read_account", obj)
    if isinstance(obj, ApiKey):
        return obj.account_id == actor.account_id or actor.role == Role.ADMIN
    if isinstance(obj, MediaFile):
        return may(actor, "read_media", obj)
    if isinstance(obj, JobRun):
        return may(actor, "list_jobs", obj)
    if isinstance(obj, Notification):
        return obj.recipient_id == actor.account_id
    if isinstance(obj, WebhookSubscription):
        return may(actor, "manage_webhooks", obj)
    return True


# --- rules, one condition per line -------------------------------------------------


def _read_account(actor: Actor, obj: Account) -> bool:
    if actor.role in INTERNAL_ROLES:
        return True
    return obj.id == actor.account_id


def _admin_only(actor: Actor, _obj: Any) -> bool:
    return actor.role == Role.ADMIN


def _staff_manager(actor: Actor, _obj: Any) -> bool:
    return actor.role in STAFF_MANAGERS


def _update_account(actor: Actor, obj: Account) -> bool:
    # Admins change anyone; everyone may change their own display name (the service
    # restricts which fields a non-admin may touch).
    if actor.role == Role.ADMIN:
        return True
    return obj.id == actor.account_id


def _own_api_keys(actor: Actor, _obj: Any) -> bool:
    # Scripts act through API keys of internal accounts; clients review through the portal.
    return actor.role in INTERNAL_ROLES


def _revoke_api_key(actor: Actor, obj: ApiKey) -> bool:
    if obj.account_id == actor.account_id:
        return True
    return actor.role == Role.ADMIN


def _any_active(_actor: Actor, _obj: Any) -> bool:
    return True


def _internal(actor: Actor, _obj: Any) -> bool:
    return actor.role in INTERNAL_ROLES


def _project_role(actor: Actor, obj: Any) -> Role | None:
    project = project_of(obj)
    if project is None:
        return None
    return role_in_project(actor, project)


def _read_production(actor: Actor, obj: Any) -> bool:
    return _project_role(actor, obj) in INTERNAL_ROLES


def _edit_production(actor: Actor, obj: Any) -> bool:
    # Supervisors have full control of shots, assets and tasks of their projects.
    return _project_role(actor, obj) in PRODUCTION_EDITORS


def _manage_project(actor: Actor, obj: Any) -> bool:
    # Project settings, crew, statuses, custom fields; delete forever.
    return _project_role(actor, obj) in STAFF_MANAGERS


def _update_task_status(actor: Actor, task: Task) -> bool:
    if _edit_production(actor, task):
        return True
    if _project_role(actor, task) != Role.ARTIST:
        return False
    return actor.account_id is not None and actor.account_id in task.assignee_ids


def _upload_version(actor: Actor, task: Task) -> bool:
    # Supervisors and up upload anywhere in their projects; artists on tasks assigned to them.
    if _edit_production(actor, task):
        return True
    if _project_role(actor, task) != Role.ARTIST:
        return False
    return actor.account_id is not None and actor.account_id in task.assignee_ids


def _edit_version(actor: Actor, version: Version) -> bool:
    if _edit_production(actor, version):
        return True
    if _project_role(actor, version) != Role.ARTIST:
        return False
    return actor.account_id is not None and version.uploaded_by == actor.account_id


def _comment(actor: Actor, obj: Any) -> bool:
    # Everyone internal who sees the target may write a note on it (clients: later, through
    # shared versions only).
    return _project_role(actor, obj) in INTERNAL_ROLES


def _edit_note(actor: Actor, note: Note) -> bool:
    if _project_role(actor, note) not in INTERNAL_ROLES:
        return False
    return actor.account_id is not None and note.author_id == actor.account_id


def _archive_note(actor: Actor, note: Note) -> bool:
    if _edit_note(actor, note):
        return True
    return _project_role(actor, note) in PRODUCTION_EDITORS


def _approve_version(actor: Actor, version: Version) -> bool:
    # Internal approval: supervisors of the project, producers and admins; never artists.
    return _project_role(actor, version) in PRODUCTION_EDITORS


def _share(actor: Actor, obj: Any) -> bool:
    # Share With Client and review links: supervisors of the project, producers, admins.
    return _project_role(actor, obj) in PRODUCTION_EDITORS


def _client_read(actor: Actor, obj: Any) -> bool:
    # The client side (portal and links): client accounts and guests only.
    return _project_role(actor, obj) == Role.CLIENT


def _client_comment(actor: Actor, obj: Any) -> bool:
    if _project_role(actor, obj) != Role.CLIENT:
        return False
    return not actor.is_guest or "comment" in actor.grants


def _client_approve(actor: Actor, obj: Any) -> bool:
    if _project_role(actor, obj) != Role.CLIENT:
        return False
    return not actor.is_guest or "approve" in actor.grants


def _client_download(actor: Actor, obj: Any) -> bool:
    # Downloads only through a link that allows them (client accounts: not yet).
    if _project_role(actor, obj) != Role.CLIENT:
        return False
    return actor.is_guest and "download" in actor.grants


def _search(actor: Actor, _obj: Any) -> bool:
    # Internal accounts search everything they may open; client accounts the versions shared
    # with them and their client-visible notes (`searchable`); link guests never.
    if actor.role in INTERNAL_ROLES:
        return True
    return actor.role == Role.CLIENT and not actor.is_guest


def _read_media(actor: Actor, obj: MediaFile | None) -> bool:
    if obj is not None and obj.archived_at is not None:
        return False
    if actor.role not in INTERNAL_ROLES:
        return False
    if obj is None or obj.project_id is None:
        return True  # org-internal media
    return actor.role_in(obj.project_id) in INTERNAL_ROLES


def _upload_to_project(actor: Actor, project: Project) -> bool:
    # Members of the project with an internal role (artists upload versions of their tasks),
    # and admins and producers everywhere in the organization.
    return _project_role(actor, project) in INTERNAL_ROLES


def _own_inbox(actor: Actor, obj: Notification | None) -> bool:
    # Every person has an inbox; scripts (API keys) read their account's.
    if actor.account_id is None:
        return False
    if obj is None:
        return True
    return obj.recipient_id == actor.account_id


_RULES: dict[str, Any] = {
    "read_account": _read_account,
    "list_accounts": _any_active,
    "create_account": _admin_only,
    "update_account": _update_account,
    "change_role": _admin_only,
    "change_status": _admin_only,
    "read_events": _staff_manager,
    "manage_own_api_keys": _own_api_keys,
    "revoke_api_key": _revoke_api_key,
    # production: `obj` is the project, or a row of it
    "create_project": _staff_manager,
    "read_catalogue": _internal,
    "manage_catalogue": _staff_manager,
    "read_production": _read_production,
    "edit_production": _edit_production,
    "manage_project": _manage_project,
    "delete_forever": _manage_project,
    "update_task_status": _update_task_status,
    # data in and out (io): imports write like editing; purging archived rows is admin-only
    "import_data": _edit_production,
    "search": _search,
    "purge_archived": _admin_only,
    "manage_organization": _admin_only,
    "upload_media": _internal,
    "upload_media_to_project": _upload_to_project,  # `obj` is the project
    # review: `obj` is the task (upload), the version, the note or the note's target
    "upload_version": _upload_version,
    "edit_version": _edit_version,
    "archive_version": _edit_production,
    "comment": _comment,
    "edit_note": _edit_note,
    "archive_note": _archive_note,
    "approve_version": _approve_version,
    "read_media": _read_media,
    # client review: `obj` is the project, a review session or a version
    "manage_review_sessions": _share,
    "share_version": _share,
    "send_review_email": _share,
    "read_share_settings": _internal,
    "manage_share_settings": _admin_only,
    "client_read": _client_read,
    "client_comment": _client_comment,
    "client_approve": _client_approve,
    "client_download": _client_download,
    "list_tasks": _internal,
    "list_jobs": _admin_only,
    "retry_job": _admin_only,
    # activity, notifications, webhooks, integrations
    "read_activity": _any_active,  # rows are filtered by `visible(actor, Event)`
    "read_own_notifications": _own_inbox,
    "scan_overdue": _staff_manager,
    "manage_webhooks": _staff_manager,
    "manage_slack": _edit_production,  # admins, producers and supervisors of the project
    "read_stream": _any_active,  # rows are filtered by `visible(actor, Event)`
}


def is_active(account: Account) -> bool:
    return account.status == AccountStatus.ACTIVE and account.archived_at is None


__all__ = ["can_see", "may", "require", "searchable", "true", "visible"]
