"""Who is acting: passed explicitly to every service function."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shotline.auth.models import Role

# Organization roles that act on every project of their organization, member or not.
ORG_WIDE_ROLES = frozenset({Role.ADMIN, Role.PRODUCER})


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated account, or the system (CLI, jobs) acting inside one organization.

    `project_roles` maps each project the account is a member of to its role there; it is
    loaded once per request. Admins and producers act on every project of their
    organization with their organization role; for everyone else the project role replaces
    the organization role inside that project (an artist who supervises one show), and a
    project they are not a member of does not exist for them.
    """

    organization_id: int
    account_id: int | None
    role: Role
    kind: str = "account"  # "account" | "api_key" | "system" | "guest"
    api_key_id: int | None = None
    project_roles: Mapping[int, Role] = field(default_factory=dict, compare=False, hash=False)
    # A share-link guest (kind "guest", role client, no account): the one review session
    # the link opens, the name the guest gave, and what the link allows ("comment",
    # "approve", "download").
    review_session_id: int | None = None
    guest_name: str | None = None
    grants: frozenset[str] = frozenset()

    @classmethod
    def system(cls, organization_id: int) -> Actor:
        return cls(organization_id=organization_id, account_id=None, role=Role.ADMIN, kind="system")

    @classmethod
    def guest(
        cls,
        *,
        organization_id: int,
        project_id: int,
        review_session_id: int,
        name: str,
        grants: frozenset[str],
    ) -> Actor:
        return cls(
            organization_id=organization_id,
            account_id=None,
            role=Role.CLIENT,
            kind="guest",
            project_roles={project_id: Role.CLIENT},
            review_session_id=review_session_id,
            guest_name=name,
            grants=grants,
        )

    @property
    def is_system(self) -> bool:
        return self.kind == "system"

    @property
    def is_guest(self) -> bool:
        return self.kind == "guest"

    def role_in(self, project_id: int) -> Role | None:
        """The role that counts inside a project of the actor's organization, or None."""
        if self.is_system:
            return Role.ADMIN
        if self.role in ORG_WIDE_ROLES:
            return self.role
        return self.project_roles.get(project_id)
