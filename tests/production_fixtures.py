"""Fixtures shared by the production and task API tests: a project whose crew is the
`people` fixture (supervisor, artist and client are members), a second project of the same
organization nobody is a member of, and a project of another organization."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Organization, Role
from shotline.production.models import Project
from tests import factories


@pytest.fixture
def project(session: Session, org: Organization, people: dict[Role, Account]) -> Project:
    p = factories.make_project(session, org, code="NWD", name="Northwind")
    for role in (Role.SUPERVISOR, Role.ARTIST, Role.CLIENT):
        factories.add_member(session, p, people[role])
    session.flush()
    return p


@pytest.fixture
def other_project(session: Session, org: Organization) -> Project:
    return factories.make_project(session, org, code="OTHER")


@pytest.fixture
def foreign_project(session: Session, foreign_org: Organization) -> Project:
    return factories.make_project(session, foreign_org, code="NWD")
