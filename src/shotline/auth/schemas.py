"""Request and response shapes for login, accounts and API keys."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shotline.auth.models import AccountKind, AccountStatus, Role
from shotline.types import Email, Name, Password


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class LoginRequest(Input):
    email: Email
    password: Password


class AccountRead(Output):
    id: int
    organization_id: int
    email: str
    name: str
    role: Role
    kind: AccountKind
    status: AccountStatus
    created_at: datetime
    last_login_at: datetime | None
    row_version: int


class AccountCreate(Input):
    email: Email
    name: Name
    role: Role
    kind: AccountKind = AccountKind.PERSON
    password: Password | None = Field(
        default=None, description="Required for people; script accounts use API keys only."
    )


class AccountUpdate(Input):
    name: Name | None = None
    role: Role | None = None
    status: AccountStatus | None = None


class MeUpdate(Input):
    name: Name


class PasswordChange(Input):
    current_password: Password
    new_password: Password


class ApiKeyCreate(Input):
    name: Name


class ApiKeyRead(Output):
    id: int
    account_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The key itself. Shown once; store it now.")
