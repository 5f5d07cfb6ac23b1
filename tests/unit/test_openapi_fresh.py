"""The web app's generated client is made from `web/openapi.json`; it must be current."""

from __future__ import annotations

import json
from pathlib import Path

from shotline.app import create_app
from shotline.db.runtime import Database

WEB_SCHEMA = Path(__file__).resolve().parents[2] / "web" / "openapi.json"


def test_web_openapi_json_matches_the_server() -> None:
    db = Database.from_url("sqlite://")
    try:
        current = create_app(db=db).openapi()
    finally:
        db.dispose()
    committed = json.loads(WEB_SCHEMA.read_text())
    assert committed == current, (
        "web/openapi.json is stale: run `make openapi` and `npm run api:generate`"
    )
