"""Search results."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SearchHitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    type: str = Field(description="project, sequence, shot, asset, task, version, note or account")
    id: int
    code: str = Field(
        description=(
            "The code (a version's label `SH010 COMP v004`, an account's e-mail); "
            "empty for tasks and notes."
        )
    )
    title: str = Field(
        description="The name or title (a version's description, the start of a note)."
    )
    context: str = Field(description="Where it lives, e.g. `PRJ / SQ010` for a shot.")
    project_id: int | None
    path: str = Field(
        description=(
            "Where the web app shows it, e.g. `/projects/3/shots/41`, `/review/7` for a "
            "version and for a note on one."
        )
    )


class SearchResultRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    query: str
    items: list[SearchHitRead]
    counts: dict[str, int] = Field(description="Matches per type (for the type tabs).")
