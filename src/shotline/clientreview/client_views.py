"""What guests (link holders) and client accounts receive, built the same way for both
routers (`share_api`, `portal_api`, `download_api`): client schemas only, and how a guest's
request is read (the link token, then the guest token of that link) and logged."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

from fastapi import Cookie, Header, Request
from sqlalchemy.orm import Session

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.clientreview import client, downloads, guest, sharing
from shotline.clientreview.models import AccessKind, ReviewGuest, ReviewSession
from shotline.clientreview.schemas import (
    ClientDecisionCreate,
    ClientDecisionRead,
    ClientDecisionResult,
    ClientNoteCreate,
    ClientPlayerData,
    ClientVersionItem,
)
from shotline.config import Settings
from shotline.deps import client_ip
from shotline.media import service as media_service
from shotline.media.models import MediaState, RenditionKind
from shotline.review import timecode, versions
from shotline.review.api import media_summary
from shotline.review.models import Decision
from shotline.review.schemas import FrameRate, NoteClientRead

GUEST_COOKIE = "shotline_guest"

GuestCookie = Annotated[str | None, Cookie(alias=GUEST_COOKIE)]
GuestHeader = Annotated[str | None, Header(alias="X-Guest-Token")]


# --- what clients receive ----------------------------------------------------------------


def item(request: Request, session: Session, row: client.Labelled) -> ClientVersionItem:
    body = ClientVersionItem.model_validate(
        {
            **{k: getattr(row.version, k) for k in ("id", "number", "description", "frame_in")},
            "frame_out": row.version.frame_out,
            "fps": row.version.fps,
            "shared_at": row.version.shared_at,
            "label": row.label,
            "entity_code": row.entity_code,
            "step": row.step,
            "latest": row.latest,
        }
    )
    body.media = media_summary(request, session, row.version)
    return body


def threads(rows: list[NoteClientRead]) -> list[NoteClientRead]:
    by_id = {n.id: n for n in rows}
    roots: list[NoteClientRead] = []
    for note in rows:
        parent = by_id.get(note.parent_id) if note.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(note)
    return roots


def decision_read(session: Session, approval: Any) -> ClientDecisionRead:
    return ClientDecisionRead(
        id=approval.id,
        decision=approval.decision,
        by=client.decision_author(session, approval),
        created_at=approval.created_at,
    )


def player(
    request: Request, session: Session, actor: Actor, row: client.Labelled, viewer: str
) -> ClientPlayerData:
    settings: Settings = request.app.state.settings
    version = row.version
    pairs = versions.version_media(session, version)
    media = pairs[0][1] if pairs else None
    ready = media is not None and media.state == MediaState.READY
    tech: dict[str, Any] = media.technical if ready and media is not None else {}
    proxy = None
    if media is not None and media_service.rendition_of(media, RenditionKind.PROXY) is not None:
        proxy = media_service.signed_url(
            settings, request.app.state.storage, media, RenditionKind.PROXY.value, inline=True
        )
    rate: Fraction | None = None
    for value in (tech.get("fps"), version.fps, version.project.fps):
        if value:
            rate = timecode.parse_rate(value)
            break
    frame_count = tech.get("frame_count")
    first = version.frame_in if version.frame_in is not None else 1
    last = version.frame_out
    if last is None and frame_count:
        last = first + int(frame_count) - 1
    notes = [NoteClientRead.model_validate(n) for n in client.list_notes(session, actor, version)]
    return ClientPlayerData(
        version=item(request, session, row),
        media_id=media.id if media is not None else 0,
        proxy_url=proxy[0] if proxy else None,
        urls_expire_at=proxy[1] if proxy else None,
        rate=None
        if rate is None
        else FrameRate(
            numerator=rate.numerator,
            denominator=rate.denominator,
            fps=float(rate),
            drop_frame=timecode.is_drop_frame(rate),
        ),
        frame_count=frame_count,
        first_frame=first,
        last_frame=last,
        width=tech.get("width"),
        height=tech.get("height"),
        first_frame_timecode=timecode.frame_to_timecode(first, rate)
        if rate is not None and first >= 0
        else None,
        notes=threads(notes),
        decisions=[decision_read(session, a) for a in client.list_decisions(session, version)],
        watermark=downloads.watermark_text(viewer),
        can_comment=policy.may(actor, "client_comment", version),
        can_approve=policy.may(actor, "client_approve", version),
        can_download=policy.may(actor, "client_download", version),
        download_watermarked=downloads.burn_required(version.project),
    )


def write_note(
    session: Session, actor: Actor, row: client.Labelled, body: ClientNoteCreate
) -> NoteClientRead:
    fields = body.model_dump(exclude={"annotation"})
    if body.annotation is not None:
        fields["annotation"] = body.annotation.model_dump(mode="json")
    note = client.create_note(session, actor, row.version, **fields)
    return NoteClientRead.model_validate(note)


def decide(
    request: Request,
    session: Session,
    actor: Actor,
    row: client.Labelled,
    decision: Decision,
    body: ClientDecisionCreate,
) -> ClientDecisionResult:
    policy.require(actor, "client_approve", row.version)
    note_id = None
    if body.note:
        note_id = client.create_note(session, actor, row.version, body=body.note).id
    approval, _task = sharing.client_decide(
        session, actor, row.version, decision=decision, note_id=note_id
    )
    return ClientDecisionResult(
        decision=decision_read(session, approval), version=item(request, session, row)
    )


# --- guest requests ------------------------------------------------------------------------


def user_agent(request: Request) -> str | None:
    return request.headers.get("user-agent")


def guest_context(
    session: Session, token: str, cookie: str | None, header: str | None
) -> tuple[ReviewSession, ReviewGuest, Actor]:
    return guest.resolve_guest(session, token, header or cookie)


def log(
    request: Request,
    session: Session,
    link: ReviewSession,
    someone: ReviewGuest,
    kind: AccessKind,
    version_id: int | None = None,
) -> None:
    guest.log_access(
        session,
        link,
        kind,
        ip=client_ip(request),
        user_agent=user_agent(request),
        guest=someone,
        version_id=version_id,
    )
