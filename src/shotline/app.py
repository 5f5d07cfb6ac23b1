"""Builds the ASGI application: routers, error mapping, middleware, the web app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from shotline import __version__
from shotline.activity.api import router as activity_router
from shotline.auth.api import router as auth_router
from shotline.clientreview.api import router as clientreview_router
from shotline.clientreview.download_api import router as client_download_router
from shotline.clientreview.portal_api import router as portal_router
from shotline.clientreview.share_api import router as share_router
from shotline.config import Settings, get_settings
from shotline.db.runtime import Database
from shotline.errors import ERROR_RESPONSES, ShotlineError
from shotline.events import hooks as event_hooks
from shotline.events.api import router as events_router
from shotline.health import router as health_router
from shotline.history.api import router as history_router
from shotline.io.api import router as io_router
from shotline.io.imports import MAX_BYTES as MAX_IMPORT_BYTES
from shotline.io.imports_api import router as imports_router
from shotline.io.retention_api import router as organization_router
from shotline.jobs.api import router as jobs_router
from shotline.jobs.queue import JobQueue, make_huey
from shotline.jobs.registry import JobContext
from shotline.media.api import router as media_router
from shotline.media.storage import Storage, storage_from_url
from shotline.media.uploads import (
    UPLOAD_PREFIX,
    TusChecksumMiddleware,
    build_upload_router,
    tus_error_response,
)
from shotline.middleware import BodyLimitMiddleware, RequestContextMiddleware
from shotline.notifications.api import router as notifications_router
from shotline.production.api import router as production_router
from shotline.production.entities_api import router as entities_router
from shotline.production.lists_api import router as production_lists_router
from shotline.realtime.api import router as realtime_router
from shotline.realtime.fanout import make_broadcaster
from shotline.registry import catalog  # noqa: F401  (registers every entity type)
from shotline.review.api import router as review_router
from shotline.review.notes_api import router as review_notes_router
from shotline.search import index as search_index  # noqa: F401  (keeps the index in sync)
from shotline.search.api import router as search_router
from shotline.tasks.api import router as tasks_router
from shotline.tasks.lists_api import router as task_lists_router
from shotline.webhooks.api import router as webhooks_router

log = logging.getLogger("shotline")

ROUTERS = (
    health_router,
    io_router,
    imports_router,
    organization_router,
    history_router,
    auth_router,
    events_router,
    production_router,
    entities_router,
    tasks_router,
    production_lists_router,
    task_lists_router,
    jobs_router,
    media_router,
    review_router,
    review_notes_router,
    clientreview_router,
    share_router,
    client_download_router,
    portal_router,
    search_router,
    activity_router,
    notifications_router,
    webhooks_router,
    realtime_router,
)
MEDIA_FORM_PATH = "/api/v1/media"


def make_storage(settings: Settings) -> Storage:
    return storage_from_url(settings.resolved_storage_url, **settings.s3_options())


def create_app(
    settings: Settings | None = None,
    db: Database | None = None,
    *,
    storage: Storage | None = None,
    jobs: JobQueue | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    owns_db = db is None
    database = db or Database.from_url(settings.resolved_database_url)
    storage = storage or make_storage(settings)
    jobs = jobs or JobQueue(make_huey(settings), JobContext(database, storage, settings))
    broadcaster = make_broadcaster(
        settings, database.engine.url.render_as_string(hide_password=False)
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        consumer = None
        broadcaster.start()
        if settings.embedded_worker or settings.redis_url:
            # Someone consumes the queue: kick the event-log consumers after each commit.
            event_hooks.add_listener(jobs)
        if settings.embedded_worker and not settings.redis_url:
            consumer = jobs.consumer(settings.worker_threads)
            consumer.start()
            log.info("embedded job consumer started (%d threads)", settings.worker_threads)
        yield
        event_hooks.remove_listener(jobs)
        broadcaster.stop()
        if consumer is not None:
            consumer.stop()
        if owns_db:
            database.dispose()

    app = FastAPI(
        title="Shotline",
        version=__version__,
        summary="Production tracking, review and asset management for studios.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
        separate_input_output_schemas=False,
        generate_unique_id_function=lambda route: route.name,
        responses=ERROR_RESPONSES,
    )
    app.state.db = database
    app.state.settings = settings
    app.state.storage = storage
    app.state.jobs = jobs
    app.state.broadcaster = broadcaster
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(build_upload_router(settings))
    _install_error_handlers(app)
    app.add_middleware(
        TusChecksumMiddleware,
        spool_dir=settings.uploads_dir / ".checksum",
        max_body=settings.max_upload_bytes,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_json_body_bytes,
        exempt_prefixes=(UPLOAD_PREFIX,),
        overrides=(
            (MEDIA_FORM_PATH, settings.max_form_upload_bytes + 64 * 1024),
            ("/api/v1/projects/*/imports", MAX_IMPORT_BYTES + 64 * 1024),
            ("/api/v1/projects/*/editorial-imports", MAX_IMPORT_BYTES + 64 * 1024),
        ),
    )
    app.add_middleware(
        RequestContextMiddleware, share_frame_ancestors=settings.share_frame_ancestors
    )
    return app


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ShotlineError)
    async def _domain(_request: Request, exc: ShotlineError) -> Response:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.fields),
            status_code=exc.status,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> Response:
        fields: dict[str, str] = {}
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                return JSONResponse(
                    error_body("malformed_json", "The request body is not valid JSON."),
                    status_code=400,
                )
            loc = [str(p) for p in err.get("loc", ())]
            if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
                loc = loc[1:]
            key = ".".join(loc) or "body"
            message = str(err.get("msg", "invalid"))
            if err.get("type") == "extra_forbidden":
                message = "unknown field"
            fields.setdefault(key, message)
        return JSONResponse(
            error_body("validation_failed", "Some fields are not valid.", fields), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if (
            exc.status_code == 404
            and request.method in ("GET", "HEAD")
            and not (path == "/api" or path.startswith("/api/"))
        ):
            return web_response(request.app.state.settings.web_dist, path)
        if exc.status_code == 404:
            return JSONResponse(error_body("not_found", "Not found."), status_code=404)
        if path.startswith(UPLOAD_PREFIX):
            return tus_error_response(exc)
        if exc.status_code == 405:
            return JSONResponse(
                error_body("method_not_allowed", "This method is not allowed here."),
                status_code=405,
                headers=exc.headers,
            )
        code = "bad_request" if exc.status_code < 500 else "server_error"
        return JSONResponse(
            error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(_request: Request, _exc: IntegrityError) -> Response:
        return JSONResponse(
            error_body("conflict", "This conflicts with existing data."), status_code=409
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> Response:
        return JSONResponse(
            error_body("stale_version", "Someone else changed this first; reload and try again."),
            status_code=409,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        rid = request.scope.get("state", {}).get("request_id", "")
        log.exception("unhandled error (request %s)", rid, exc_info=exc)
        return JSONResponse(
            {
                "error": {
                    "code": "server_error",
                    "message": "Something went wrong on the server.",
                    "fields": {},
                    "request_id": rid,
                }
            },
            status_code=500,
        )


def web_response(root: Path, path: str) -> Response:
    """Serve the built web app: a real file, else index.html for client-side routes."""
    root = root.resolve()
    index = root / "index.html"
    if not index.is_file():
        return JSONResponse(
            error_body(
                "web_app_not_built",
                "The web app is not built; run `make setup` (or `npm run build` in web/).",
            ),
            status_code=404,
        )
    path = path.lstrip("/")
    candidate = (root / path).resolve()
    if path and candidate.is_file() and candidate.is_relative_to(root):
        cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
        return FileResponse(candidate, headers={"Cache-Control": cache})
    return FileResponse(index, headers={"Cache-Control": "no-cache"})
