"""`GET /api/v1/health`: is the database reachable and at the latest migration?"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from shotline.db import migrate
from shotline.db.runtime import Database

router = APIRouter(prefix="/api/v1", tags=["system"])


class HealthRead(BaseModel):
    status: str
    database: str
    migrations: str


@router.get(
    "/health",
    summary="Health check",
    response_model=HealthRead,
    responses={503: {"model": HealthRead}},
)
def get_health(request: Request) -> HealthRead | JSONResponse:
    """200 when the database answers and its schema is at the latest migration, else 503."""
    db: Database = request.app.state.db
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        at_head = migrate.is_at_head(db.engine)
    except Exception:  # any database failure is "unavailable", never a 500 with details
        body = HealthRead(status="unavailable", database="unreachable", migrations="unknown")
        return JSONResponse(body.model_dump(), status_code=503)
    if not at_head:
        body = HealthRead(status="unavailable", database="ok", migrations="behind")
        return JSONResponse(body.model_dump(), status_code=503)
    return HealthRead(status="ok", database="ok", migrations="head")
