"""Routes: notes on tasks, versions, shots and assets; edit and archive a note.

`GET`/`POST /api/v1/{tasks|versions|shots|assets}/{id}/notes` are made for each target by
`_add_target_routes`, with operationIds `list_<target>_notes` / `create_<target>_note`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.lifecycle_routes import with_etag
from shotline.production.api import CREATED
from shotline.review import notes
from shotline.review.schemas import NoteCreate, NoteRead, NoteUpdate, thread_notes
from shotline.types import FrameNumber

router = APIRouter(prefix="/api/v1", tags=["review"])


def _list_route(target: str) -> Callable[..., list[NoteRead]]:
    def list_notes(
        target_id: int,
        actor: CurrentActor,
        session: DbSession,
        frame: Annotated[FrameNumber | None, Query()] = None,
        include_archived: bool = False,
    ) -> list[NoteRead]:
        rows = notes.list_notes(
            session,
            actor,
            target_type=target,
            target_id=target_id,
            frame=frame,
            include_archived=include_archived,
        )
        return thread_notes([NoteRead.model_validate(n) for n in rows])

    list_notes.__doc__ = (
        f"The {target}'s notes as threads, oldest first at every level (replies in "
        "`replies`)."
        + (
            " With `frame`, only threads whose first note covers that frame."
            if target == "version"
            else ""
        )
    )
    return list_notes


def _create_route(target: str) -> Callable[..., NoteRead]:
    def create_note(
        target_id: int, body: NoteCreate, actor: CurrentActor, session: DbSession
    ) -> NoteRead:
        fields: dict[str, Any] = body.model_dump(exclude={"annotation"})
        if body.annotation is not None:
            fields["annotation"] = body.annotation.model_dump(mode="json")
        note = notes.create_note(session, actor, target_type=target, target_id=target_id, **fields)
        return NoteRead.model_validate(note)

    create_note.__doc__ = (
        f"Comment on the {target}. Mention with `@[Name](account:ID)`; reply with `parent_id`."
        + (
            " `frame_in`/`frame_out` and `annotation` (source-frame pixels) place the note on"
            " the picture."
            if target == "version"
            else ""
        )
    )
    return create_note


def _add_target_routes(target: str, plural: str) -> None:
    path = f"/{plural}/{{target_id}}/notes"
    router.add_api_route(
        path,
        _list_route(target),
        methods=["GET"],
        name=f"list_{target}_notes",
        summary=f"List notes on a {target}",
    )
    router.add_api_route(
        path,
        _create_route(target),
        methods=["POST"],
        status_code=CREATED,
        name=f"create_{target}_note",
        summary=f"Write a note on a {target}",
    )


for _target, _plural in (
    ("task", "tasks"),
    ("version", "versions"),
    ("shot", "shots"),
    ("asset", "assets"),
):
    _add_target_routes(_target, _plural)


@router.get("/notes/{note_id}", summary="Get a note")
def get_note(note_id: int, response: Response, actor: CurrentActor, session: DbSession) -> NoteRead:
    """One note (without its replies) and its `ETag`."""
    return NoteRead.model_validate(with_etag(response, notes.get_note(session, actor, note_id)))


@router.patch("/notes/{note_id}", summary="Edit a note")
def update_note(
    note_id: int,
    body: NoteUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> NoteRead:
    """Change your own note's text, visibility or drawing; a stale `If-Match` answers 412."""
    updates = body.model_dump(exclude_unset=True, exclude={"annotation"})
    if "annotation" in body.model_fields_set:
        updates["annotation"] = (
            body.annotation.model_dump(mode="json") if body.annotation is not None else None
        )
    note = notes.update_note(session, actor, note_id, updates=updates, expected_version=if_match)
    return NoteRead.model_validate(with_etag(response, note))


@router.post("/notes/{note_id}/archive", summary="Archive a note")
def archive_note(note_id: int, actor: CurrentActor, session: DbSession) -> NoteRead:
    """Hide a note (your own, or any as a supervisor and up); nothing is deleted."""
    return NoteRead.model_validate(notes.archive_note(session, actor, note_id))
