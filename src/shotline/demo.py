"""`shotline demo`: a demo organization and crew (idempotent).

Running it again keeps every row and gives the demo accounts fresh passwords, which it
prints, so the README's first command always ends with logins that work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from shotline.auth import accounts, tokens
from shotline.auth.actor import Actor
from shotline.auth.models import Account, Role
from shotline.db.runtime import Database
from shotline.production.demo import load_demo_production

DEMO_ORG = "Demo Studio"
DEMO_CREW: tuple[tuple[str, str, Role], ...] = (
    ("admin@example.com", "Sam Rivera", Role.ADMIN),
    ("producer@example.com", "Priya Patel", Role.PRODUCER),
    ("supervisor@example.com", "Marco Rossi", Role.SUPERVISOR),
    ("artist@example.com", "Maya Chen", Role.ARTIST),
    ("client@example.com", "Jordan Lee (Northlight Pictures)", Role.CLIENT),
)


@dataclass
class DemoLogin:
    email: str
    name: str
    role: Role
    password: str


def load_demo(db: Database) -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    with db.unit_of_work() as session:
        org = accounts.find_organization(session, name=DEMO_ORG) or accounts.create_organization(
            session, name=DEMO_ORG
        )
        system = Actor.system(org.id)
        crew: dict[str, Account] = {}
        for email, name, role in DEMO_CREW:
            password = tokens.new_password()
            existing = accounts.find_account_by_email(session, email)
            if existing is None:
                existing = accounts.create_account(
                    session, system, email=email, name=name, role=role, password=password
                )
            else:
                accounts.set_password(session, system, existing.id, password=password)
            crew[role.value] = existing
            logins.append(DemoLogin(email, name, role, password))
        _load_domains(session, system, crew)
    return logins


def _load_domains(session: Session, actor: Actor, crew: dict[str, Account]) -> None:
    """Each domain that has demo data adds it here (projects, shots, tasks, …)."""
    load_demo_production(session, actor, crew)
