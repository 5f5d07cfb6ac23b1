"""FastAPI dependencies shared by every router: the unit of work and the current actor.

The unit of work commits when the route returns and before the response is sent
(`scope="function"`), rolls back when it raises, except for errors that say
`keep_writes` (a failed-login counter must survive its own 401).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from shotline.auth import service as auth_service
from shotline.auth import throttle
from shotline.auth.actor import Actor
from shotline.config import get_settings
from shotline.db.base import bind_actor
from shotline.db.runtime import Database
from shotline.errors import NotAuthenticated, PreconditionFailed, RateLimited, ShotlineError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_KEY_FAILURES_PER_MINUTE = 30


class InvalidApiKey(NotAuthenticated):
    code = "invalid_api_key"
    default_message = "This API key is not valid or was revoked."
    keep_writes = True


def get_db(request: Request) -> Iterator[Session]:
    db: Database = request.app.state.db
    yield from _unit_of_work((db.read if request.method in SAFE_METHODS else db.write)())


def get_write_db(request: Request) -> Iterator[Session]:
    """A write transaction even for a GET: for reads that log (a share link's access log).
    On SQLite a read transaction that starts writing cannot wait for the lock."""
    db: Database = request.app.state.db
    yield from _unit_of_work(db.write())


def _unit_of_work(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except ShotlineError as exc:
        if exc.keep_writes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_db, scope="function")]
DbWriteSession = Annotated[Session, Depends(get_write_db, scope="function")]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def get_actor(request: Request, session: DbSession) -> Actor:
    actor = resolve_actor(request, session)
    bind_actor(session, actor.account_id)
    return actor


def resolve_actor(request: Request, session: Session) -> Actor:
    """The actor from `Authorization: Bearer <api key>` or the session cookie."""
    authorization = request.headers.get("authorization")
    actor: Actor | None
    if authorization:
        scheme, _, credential = authorization.partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            raise NotAuthenticated("Send 'Authorization: Bearer <api key>'.")
        actor = auth_service.resolve_api_key(session, credential.strip())
        if actor is None:
            # Only failures are counted and limited: a valid key costs no extra query.
            key = f"apikey:ip:{client_ip(request)}"
            wait = throttle.retry_after(session, key, API_KEY_FAILURES_PER_MINUTE)
            if wait is not None:
                raise RateLimited(wait)
            throttle.hit(session, key, 60)
            raise InvalidApiKey()
    else:
        token = request.cookies.get(get_settings().session_cookie_name)
        actor = auth_service.resolve_session(session, token) if token else None
        if actor is None:
            raise NotAuthenticated()
    request.state.actor = actor
    return actor


def short_lived_actor(request: Request) -> Actor:
    """Resolve the actor in its own short transaction, for long streaming requests (tus
    PATCH) that must not hold a database transaction while bytes arrive."""
    db: Database = request.app.state.db
    session = db.write()
    try:
        actor = resolve_actor(request, session)
        session.commit()
        return actor
    except ShotlineError as exc:
        if exc.keep_writes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


CurrentActor = Annotated[Actor, Depends(get_actor)]


def if_match_version(if_match: Annotated[str | None, Header()] = None) -> int | None:
    """Parse `If-Match: "<row_version>"` (or W/"..."); None when absent."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionFailed('If-Match must be the ETag you read, like "3".')
    return int(value)


IfMatch = Annotated[int | None, Depends(if_match_version)]


def etag(row_version: int) -> str:
    return f'"{row_version}"'
