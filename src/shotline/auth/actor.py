"""Who is acting: passed explicitly to every service function."""

from __future__ import annotations

from dataclasses import dataclass

from shotline.auth.models import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated account, or the system (CLI, jobs) acting inside one organization."""

    organization_id: int
    account_id: int | None
    role: Role
    kind: str = "account"  # "account" | "api_key" | "system"
    api_key_id: int | None = None

    @classmethod
    def system(cls, organization_id: int) -> Actor:
        return cls(organization_id=organization_id, account_id=None, role=Role.ADMIN, kind="system")

    @property
    def is_system(self) -> bool:
        return self.kind == "system"
