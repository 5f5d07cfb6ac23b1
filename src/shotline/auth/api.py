"""Routes: login/logout, the current account, accounts, personal API keys."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from shotline.auth import accounts, api_keys
from shotline.auth import service as auth_service
from shotline.auth.schemas import (
    AccountCreate,
    AccountRead,
    AccountUpdate,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    LoginRequest,
    MeUpdate,
    PasswordChange,
)
from shotline.config import get_settings
from shotline.deps import CurrentActor, DbSession, IfMatch, client_ip, etag
from shotline.registry import QuerySpec
from shotline.registry.http import LIST_RESPONSES, rows_response, spec_from_request

router = APIRouter(prefix="/api/v1", tags=["auth"])

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def cookie_secure(request: Request) -> bool:
    setting = get_settings().cookie_secure
    if setting != "auto":
        return setting == "true"
    return request.url.scheme == "https" or request.url.hostname not in LOOPBACK_HOSTS


@router.post("/auth/login", summary="Log in with e-mail and password")
def login(
    body: LoginRequest, request: Request, response: Response, session: DbSession
) -> AccountRead:
    """Check the credentials and set the HTTP-only session cookie used by the web app.

    A wrong password and an unknown e-mail answer the same 401; repeated failures for one
    e-mail or one address answer 429 with `Retry-After`.
    """
    settings = get_settings()
    account, token = auth_service.login(
        session,
        email=body.email,
        password=body.password,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    response.set_cookie(
        settings.session_cookie_name,
        token,
        max_age=settings.session_absolute_hours * 3600,
        httponly=True,
        secure=cookie_secure(request),
        samesite="lax",
        path="/",
    )
    return AccountRead.model_validate(account)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, summary="Log out")
def logout(request: Request, response: Response, session: DbSession) -> None:
    """End the current browser session (idempotent) and clear the cookie."""
    settings = get_settings()
    token = request.cookies.get(settings.session_cookie_name)
    if token:
        auth_service.logout(session, token)
    response.delete_cookie(
        settings.session_cookie_name, path="/", secure=cookie_secure(request), httponly=True
    )


@router.get("/me", summary="The current account")
def get_me(actor: CurrentActor, session: DbSession) -> AccountRead:
    """Who is logged in (by cookie or API key)."""
    return AccountRead.model_validate(accounts.get_account(session, actor, actor.account_id or 0))


@router.patch("/me", summary="Change my display name")
def update_me(body: MeUpdate, actor: CurrentActor, session: DbSession) -> AccountRead:
    """Change the display name of the current account."""
    account = accounts.update_account(
        session, actor, actor.account_id or 0, updates=body.model_dump(exclude_unset=True)
    )
    return AccountRead.model_validate(account)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT, summary="Change my password")
def change_my_password(
    body: PasswordChange, request: Request, actor: CurrentActor, session: DbSession
) -> None:
    """Change the current account's password; every other session of the account ends."""
    accounts.change_password(
        session,
        actor,
        current_password=body.current_password,
        new_password=body.new_password,
        keep_token=request.cookies.get(get_settings().session_cookie_name),
    )


@router.get("/me/api-keys", summary="My API keys")
def list_my_api_keys(actor: CurrentActor, session: DbSession) -> list[ApiKeyRead]:
    """The current account's API keys, newest first (the keys themselves are never shown)."""
    return [ApiKeyRead.model_validate(k) for k in api_keys.list_api_keys(session, actor)]


@router.post("/me/api-keys", status_code=status.HTTP_201_CREATED, summary="Create an API key")
def create_my_api_key(body: ApiKeyCreate, actor: CurrentActor, session: DbSession) -> ApiKeyCreated:
    """Create a named key for scripts. The response holds the key once; store it then."""
    key, full_key = api_keys.create_api_key(session, actor, name=body.name)
    return ApiKeyCreated.model_validate(
        {**ApiKeyRead.model_validate(key).model_dump(), "key": full_key}
    )


@router.delete("/me/api-keys/{key_id}", summary="Revoke an API key")
def revoke_api_key(key_id: int, actor: CurrentActor, session: DbSession) -> ApiKeyRead:
    """Revoke a key at once: its next request answers 401. Admins may revoke anyone's key."""
    return ApiKeyRead.model_validate(api_keys.revoke_api_key(session, actor, key_id))


@router.get("/accounts", tags=["accounts"], summary="List accounts", responses=LIST_RESPONSES)
def list_accounts(request: Request, actor: CurrentActor, session: DbSession) -> Response:
    """Accounts of the organization (default sort: name). Clients see only themselves.

    Filter, sort, select fields and page like every list: `?role=artist&sort=-last_login_at`.
    """
    return rows_response(accounts.query_accounts(session, actor, spec_from_request(request)))


@router.post(
    "/accounts/query", tags=["accounts"], summary="Query accounts", responses=LIST_RESPONSES
)
def query_accounts(body: QuerySpec, actor: CurrentActor, session: DbSession) -> Response:
    """The same list with the full query form in the body (and/or groups)."""
    return rows_response(accounts.query_accounts(session, actor, body))


@router.post(
    "/accounts",
    tags=["accounts"],
    status_code=status.HTTP_201_CREATED,
    summary="Create an account",
)
def create_account(body: AccountCreate, actor: CurrentActor, session: DbSession) -> AccountRead:
    """Admins create people (with a first password) and script accounts (API keys only)."""
    account = accounts.create_account(session, actor, **body.model_dump())
    return AccountRead.model_validate(account)


@router.get("/accounts/{account_id}", tags=["accounts"], summary="Get an account")
def get_account(
    account_id: int, response: Response, actor: CurrentActor, session: DbSession
) -> AccountRead:
    """One account; the `ETag` header carries its version for `If-Match` on PATCH."""
    account = accounts.get_account(session, actor, account_id)
    response.headers["ETag"] = etag(account.row_version)
    return AccountRead.model_validate(account)


@router.patch("/accounts/{account_id}", tags=["accounts"], summary="Update an account")
def update_account(
    account_id: int,
    body: AccountUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> AccountRead:
    """Change name, role or status. Changing the role or disabling ends the account's sessions.

    Send `If-Match` with the `ETag` you read; a stale one answers 412.
    """
    account = accounts.update_account(
        session,
        actor,
        account_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    response.headers["ETag"] = etag(account.row_version)
    return AccountRead.model_validate(account)
