"""Routes: episodes, sequences, shots (single and bulk), assets and asset links.

Filtered, paged collections of shots, assets and sequences are served by the registry's
query engine, not here.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.lifecycle_routes import Lifecycle, add_lifecycle_routes, with_etag
from shotline.production import assets, shots
from shotline.production.api import CREATED, NO_CONTENT
from shotline.production.schemas import (
    AssetCreate,
    AssetLinkCreate,
    AssetLinkRead,
    AssetLinkUpdate,
    AssetRead,
    AssetUpdate,
    BulkCreated,
    EpisodeCreate,
    EpisodeRead,
    EpisodeUpdate,
    SequenceCreate,
    SequenceRead,
    SequenceUpdate,
    ShotBulkCreate,
    ShotCreate,
    ShotRead,
    ShotUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["production"])


# --- episodes ------------------------------------------------------------------------


@router.get("/projects/{project_id}/episodes", summary="List episodes")
def list_episodes(project_id: int, actor: CurrentActor, session: DbSession) -> list[EpisodeRead]:
    """The project's live episodes, in order."""
    return [EpisodeRead.model_validate(e) for e in shots.list_episodes(session, actor, project_id)]


@router.post("/projects/{project_id}/episodes", status_code=CREATED, summary="Create an episode")
def create_episode(
    project_id: int, body: EpisodeCreate, actor: CurrentActor, session: DbSession
) -> EpisodeRead:
    """Add an episode (code unique in the project). Supervisors and up."""
    episode = shots.create_episode(session, actor, project_id, **body.model_dump())
    return EpisodeRead.model_validate(episode)


add_lifecycle_routes(
    router,
    Lifecycle(
        noun="episode",
        label="an episode",
        path="/episodes/{episode_id}",
        read=EpisodeRead,
        update_body=EpisodeUpdate,
        service=shots,
        docs={
            "delete": "Delete an archived episode without sequences forever; `confirm` is its code."
        },
    ),
)


# --- sequences -----------------------------------------------------------------------


@router.post("/projects/{project_id}/sequences", status_code=CREATED, summary="Create a sequence")
def create_sequence(
    project_id: int, body: SequenceCreate, actor: CurrentActor, session: DbSession
) -> SequenceRead:
    """Add a sequence, optionally in an episode of the same project. Supervisors and up."""
    sequence = shots.create_sequence(session, actor, project_id, **body.model_dump())
    return SequenceRead.model_validate(sequence)


add_lifecycle_routes(
    router,
    Lifecycle(
        noun="sequence",
        label="a sequence",
        path="/sequences/{sequence_id}",
        read=SequenceRead,
        update_body=SequenceUpdate,
        service=shots,
        docs={
            "archive": "Hide the sequence from lists (its shots stay as they are).",
            "delete": "Delete an archived sequence without shots forever; `confirm` is its code.",
        },
    ),
)


# --- shots ---------------------------------------------------------------------------


@router.post("/projects/{project_id}/shots", status_code=CREATED, summary="Create a shot")
def create_shot(
    project_id: int, body: ShotCreate, actor: CurrentActor, session: DbSession
) -> ShotRead:
    """Add a shot (code unique in the project; 409 when taken). Supervisors and up."""
    return ShotRead.model_validate(
        shots.create_shot(session, actor, project_id, **body.model_dump())
    )


@router.post("/projects/{project_id}/shots/bulk", status_code=CREATED, summary="Create many shots")
def create_shots_bulk(
    project_id: int, body: ShotBulkCreate, actor: CurrentActor, session: DbSession
) -> BulkCreated:
    """Create up to 10,000 shots in one transaction: all or nothing. Codes already taken (or
    repeated in the request) answer 409 naming every one of them."""
    batch_id, ids = shots.create_shots(
        session, actor, project_id, shots=[s.model_dump() for s in body.shots]
    )
    return BulkCreated(batch_id=batch_id, count=len(ids), ids=ids)


add_lifecycle_routes(
    router,
    Lifecycle(
        noun="shot",
        label="a shot",
        path="/shots/{shot_id}",
        read=ShotRead,
        update_body=ShotUpdate,
        service=shots,
        docs={
            "get": "One shot, with `working_duration` and its `ETag`.",
            "update": "Change the fields sent (`custom` keys are merged); a stale `If-Match` "
            "answers 412.",
            "delete": "Delete an archived shot, its tasks and links forever; `confirm` is its "
            "code. Admins and producers.",
        },
    ),
)


# --- assets --------------------------------------------------------------------------


@router.post("/projects/{project_id}/assets", status_code=CREATED, summary="Create an asset")
def create_asset(
    project_id: int, body: AssetCreate, actor: CurrentActor, session: DbSession
) -> AssetRead:
    """Add an asset (code unique in the project). Supervisors and up."""
    return AssetRead.model_validate(
        assets.create_asset(session, actor, project_id, **body.model_dump())
    )


add_lifecycle_routes(
    router,
    Lifecycle(
        noun="asset",
        label="an asset",
        path="/assets/{asset_id}",
        read=AssetRead,
        update_body=AssetUpdate,
        service=assets,
        docs={
            "update": "Change the fields sent (`custom` keys are merged); a stale `If-Match` "
            "answers 412.",
            "delete": "Delete an archived asset, its tasks and links forever; `confirm` is its "
            "code.",
        },
    ),
)


# --- asset links ---------------------------------------------------------------------


@router.get("/shots/{shot_id}/asset-links", summary="Assets a shot uses")
def list_shot_asset_links(
    shot_id: int, actor: CurrentActor, session: DbSession
) -> list[AssetLinkRead]:
    """The shot's breakdown: which assets it uses, how many times."""
    rows = assets.list_links_of_shot(session, actor, shot_id)
    return [AssetLinkRead.model_validate(link) for link in rows]


@router.post("/shots/{shot_id}/asset-links", status_code=CREATED, summary="Link an asset to a shot")
def create_shot_asset_link(
    shot_id: int, body: AssetLinkCreate, actor: CurrentActor, session: DbSession
) -> AssetLinkRead:
    """The shot uses the asset `count` times (one link per pair; 409 when it exists)."""
    link = assets.link_asset(
        session, actor, shot_id=shot_id, asset_id=body.asset_id, count=body.count
    )
    return AssetLinkRead.model_validate(link)


@router.get("/assets/{asset_id}/asset-links", summary="Links of an asset")
def list_asset_asset_links(
    asset_id: int, actor: CurrentActor, session: DbSession
) -> list[AssetLinkRead]:
    """Links where the asset uses another asset (`parent_asset_id`) or is used (`asset_id`)."""
    rows = assets.list_links_of_asset(session, actor, asset_id)
    return [AssetLinkRead.model_validate(link) for link in rows]


@router.post(
    "/assets/{asset_id}/asset-links", status_code=CREATED, summary="Link an asset to an asset"
)
def create_asset_asset_link(
    asset_id: int, body: AssetLinkCreate, actor: CurrentActor, session: DbSession
) -> AssetLinkRead:
    """The asset in the path uses `asset_id` `count` times."""
    link = assets.link_asset(
        session, actor, parent_asset_id=asset_id, asset_id=body.asset_id, count=body.count
    )
    return AssetLinkRead.model_validate(link)


@router.patch("/asset-links/{link_id}", summary="Change a link's count")
def update_asset_link(
    link_id: int,
    body: AssetLinkUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> AssetLinkRead:
    """Change how many times the asset is used."""
    link = assets.update_link(
        session,
        actor,
        link_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return AssetLinkRead.model_validate(with_etag(response, link))


@router.delete("/asset-links/{link_id}", status_code=NO_CONTENT, summary="Remove a link")
def delete_asset_link(link_id: int, actor: CurrentActor, session: DbSession) -> None:
    """Remove the link (the event log keeps its values)."""
    assets.unlink_asset(session, actor, link_id)
