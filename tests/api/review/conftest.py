"""Review fixtures: a shot task assigned to the artist, and media rows made without
processing (a `ready` movie with proxy and filmstrip renditions, as the job would leave)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from shotline.auth.models import Account, Role
from shotline.media.models import MediaFile, MediaRendition, MediaState, RenditionKind
from shotline.production.models import Project
from shotline.tasks.models import Task
from tests import factories


def make_media(
    session: Session,
    project: Project | None,
    *,
    org_id: int | None = None,
    state: MediaState = MediaState.READY,
    fps: str = "24",
    frame_count: int = 48,
) -> MediaFile:
    technical: dict[str, Any] = (
        {
            "kind": "movie",
            "mime": "video/mp4",
            "width": 1920,
            "height": 1080,
            "fps": fps,
            "frame_count": frame_count,
            "timecode": "01:00:00:00",
        }
        if state == MediaState.READY
        else {}
    )
    media = MediaFile(
        organization_id=org_id or (project.organization_id if project else 0),
        project_id=project.id if project else None,
        sha256="0" * 64,
        size=1000,
        mime="video/mp4",
        original_name="comp_v001.mov",
        storage_key="blobs/00/00/" + "0" * 64,
        state=state,
        technical=technical,
    )
    if state == MediaState.READY:
        media.renditions = [
            MediaRendition(
                kind=RenditionKind.PROXY,
                storage_key="renditions/p.mp4",
                mime="video/mp4",
                width=1920,
                height=1080,
                size=10,
                frame_count=frame_count,
                fps=fps,
            ),
            MediaRendition(
                kind=RenditionKind.FILMSTRIP,
                storage_key="renditions/f.jpg",
                mime="image/jpeg",
                width=160 * 20,
                height=90,
                size=10,
                frame_count=frame_count,
            ),
        ]
    session.add(media)
    session.flush()
    return media


@pytest.fixture
def task(session: Session, project: Project, people: dict[Role, Account]) -> Task:
    shot = factories.make_shot(session, project, code="SH010", frame_in=1001, frame_out=1048)
    return factories.make_task(session, shot=shot, assignees=[people[Role.ARTIST]])


@pytest.fixture
def media(session: Session, project: Project) -> MediaFile:
    return make_media(session, project)
