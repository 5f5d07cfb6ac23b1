"""Registry descriptions of organizations and accounts."""

from __future__ import annotations

from shotline.auth.models import Account, AccountKind, AccountStatus, Organization, Role
from shotline.registry.entities import Entity, Field, FieldType, OneLink, fields_of, register


def _choices(enum_cls: type[Role] | type[AccountStatus] | type[AccountKind]) -> tuple[str, ...]:
    return tuple(m.value for m in enum_cls)


ORGANIZATION = register(
    Entity(
        name="organization",
        model=Organization,
        fields=fields_of([("id", FieldType.INT), ("name", FieldType.STR)]),
        default_fields=("name",),
        default_sort=("name",),
    )
)

ACCOUNT = register(
    Entity(
        name="account",
        model=Account,
        fields={
            **fields_of(
                [
                    ("id", FieldType.INT),
                    ("email", FieldType.STR),
                    ("name", FieldType.STR),
                    ("created_at", FieldType.DATETIME),
                    ("last_login_at", FieldType.DATETIME),
                    ("organization_id", FieldType.INT),
                ],
            ),
            "role": Field("role", FieldType.ENUM, lambda a: a.role, choices=_choices(Role)),
            "status": Field(
                "status", FieldType.ENUM, lambda a: a.status, choices=_choices(AccountStatus)
            ),
            "kind": Field("kind", FieldType.ENUM, lambda a: a.kind, choices=_choices(AccountKind)),
        },
        one_links={
            "organization": OneLink("organization", "organization", lambda a: a.organization_id)
        },
        default_fields=("email", "name", "role", "kind", "status", "created_at", "last_login_at"),
        default_sort=("name",),
    )
)
