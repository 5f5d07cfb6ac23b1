"""Routes: episodes, sequences, shots (single and bulk), assets and asset links.

Filtered, paged collections of shots, assets and sequences are served by the registry's
query engine, not here.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from shotline.deps import CurrentActor, DbSession, IfMatch
from shotline.production import assets, shots
from shotline.production.api import CREATED, NO_CONTENT, with_etag
from shotline.production.schemas import (
    AssetCreate,
    AssetLinkCreate,
    AssetLinkRead,
    AssetLinkUpdate,
    AssetRead,
    AssetUpdate,
    BulkCreated,
    DeleteConfirm,
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


@router.get("/episodes/{episode_id}", summary="Get an episode")
def get_episode(
    episode_id: int, response: Response, actor: CurrentActor, session: DbSession
) -> EpisodeRead:
    """One episode, with its `ETag`."""
    episode = shots.get_episode(session, actor, episode_id)
    return EpisodeRead.model_validate(with_etag(response, episode))


@router.patch("/episodes/{episode_id}", summary="Update an episode")
def update_episode(
    episode_id: int,
    body: EpisodeUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> EpisodeRead:
    """Change the fields sent; a stale `If-Match` answers 412."""
    episode = shots.update_episode(
        session,
        actor,
        episode_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return EpisodeRead.model_validate(with_etag(response, episode))


@router.post("/episodes/{episode_id}/archive", summary="Archive an episode")
def archive_episode(episode_id: int, actor: CurrentActor, session: DbSession) -> EpisodeRead:
    """Hide the episode from lists."""
    return EpisodeRead.model_validate(shots.archive_episode(session, actor, episode_id))


@router.post("/episodes/{episode_id}/restore", summary="Restore an episode")
def restore_episode(episode_id: int, actor: CurrentActor, session: DbSession) -> EpisodeRead:
    """Bring an archived episode back."""
    return EpisodeRead.model_validate(shots.restore_episode(session, actor, episode_id))


@router.delete("/episodes/{episode_id}", status_code=NO_CONTENT, summary="Delete an episode")
def delete_episode(
    episode_id: int, body: DeleteConfirm, actor: CurrentActor, session: DbSession
) -> None:
    """Delete an archived episode without sequences forever; `confirm` is its code."""
    shots.delete_episode(session, actor, episode_id, confirm=body.confirm)


# --- sequences -----------------------------------------------------------------------


@router.post("/projects/{project_id}/sequences", status_code=CREATED, summary="Create a sequence")
def create_sequence(
    project_id: int, body: SequenceCreate, actor: CurrentActor, session: DbSession
) -> SequenceRead:
    """Add a sequence, optionally in an episode of the same project. Supervisors and up."""
    sequence = shots.create_sequence(session, actor, project_id, **body.model_dump())
    return SequenceRead.model_validate(sequence)


@router.get("/sequences/{sequence_id}", summary="Get a sequence")
def get_sequence(
    sequence_id: int, response: Response, actor: CurrentActor, session: DbSession
) -> SequenceRead:
    """One sequence, with its `ETag`."""
    sequence = shots.get_sequence(session, actor, sequence_id)
    return SequenceRead.model_validate(with_etag(response, sequence))


@router.patch("/sequences/{sequence_id}", summary="Update a sequence")
def update_sequence(
    sequence_id: int,
    body: SequenceUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> SequenceRead:
    """Change the fields sent; a stale `If-Match` answers 412."""
    sequence = shots.update_sequence(
        session,
        actor,
        sequence_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return SequenceRead.model_validate(with_etag(response, sequence))


@router.post("/sequences/{sequence_id}/archive", summary="Archive a sequence")
def archive_sequence(sequence_id: int, actor: CurrentActor, session: DbSession) -> SequenceRead:
    """Hide the sequence from lists (its shots stay as they are)."""
    return SequenceRead.model_validate(shots.archive_sequence(session, actor, sequence_id))


@router.post("/sequences/{sequence_id}/restore", summary="Restore a sequence")
def restore_sequence(sequence_id: int, actor: CurrentActor, session: DbSession) -> SequenceRead:
    """Bring an archived sequence back."""
    return SequenceRead.model_validate(shots.restore_sequence(session, actor, sequence_id))


@router.delete("/sequences/{sequence_id}", status_code=NO_CONTENT, summary="Delete a sequence")
def delete_sequence(
    sequence_id: int, body: DeleteConfirm, actor: CurrentActor, session: DbSession
) -> None:
    """Delete an archived sequence without shots forever; `confirm` is its code."""
    shots.delete_sequence(session, actor, sequence_id, confirm=body.confirm)


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


@router.get("/shots/{shot_id}", summary="Get a shot")
def get_shot(shot_id: int, response: Response, actor: CurrentActor, session: DbSession) -> ShotRead:
    """One shot, with `working_duration` and its `ETag`."""
    return ShotRead.model_validate(with_etag(response, shots.get_shot(session, actor, shot_id)))


@router.patch("/shots/{shot_id}", summary="Update a shot")
def update_shot(
    shot_id: int,
    body: ShotUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> ShotRead:
    """Change the fields sent (`custom` keys are merged); a stale `If-Match` answers 412."""
    shot = shots.update_shot(
        session,
        actor,
        shot_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return ShotRead.model_validate(with_etag(response, shot))


@router.post("/shots/{shot_id}/archive", summary="Archive a shot")
def archive_shot(shot_id: int, actor: CurrentActor, session: DbSession) -> ShotRead:
    """Hide the shot from lists; nothing is deleted."""
    return ShotRead.model_validate(shots.archive_shot(session, actor, shot_id))


@router.post("/shots/{shot_id}/restore", summary="Restore a shot")
def restore_shot(shot_id: int, actor: CurrentActor, session: DbSession) -> ShotRead:
    """Bring an archived shot back."""
    return ShotRead.model_validate(shots.restore_shot(session, actor, shot_id))


@router.delete("/shots/{shot_id}", status_code=NO_CONTENT, summary="Delete a shot")
def delete_shot(shot_id: int, body: DeleteConfirm, actor: CurrentActor, session: DbSession) -> None:
    """Delete an archived shot, its tasks and links forever; `confirm` is its code.
    Admins and producers."""
    shots.delete_shot(session, actor, shot_id, confirm=body.confirm)


# --- assets --------------------------------------------------------------------------


@router.post("/projects/{project_id}/assets", status_code=CREATED, summary="Create an asset")
def create_asset(
    project_id: int, body: AssetCreate, actor: CurrentActor, session: DbSession
) -> AssetRead:
    """Add an asset (code unique in the project). Supervisors and up."""
    return AssetRead.model_validate(
        assets.create_asset(session, actor, project_id, **body.model_dump())
    )


@router.get("/assets/{asset_id}", summary="Get an asset")
def get_asset(
    asset_id: int, response: Response, actor: CurrentActor, session: DbSession
) -> AssetRead:
    """One asset, with its `ETag`."""
    return AssetRead.model_validate(with_etag(response, assets.get_asset(session, actor, asset_id)))


@router.patch("/assets/{asset_id}", summary="Update an asset")
def update_asset(
    asset_id: int,
    body: AssetUpdate,
    response: Response,
    actor: CurrentActor,
    session: DbSession,
    if_match: IfMatch,
) -> AssetRead:
    """Change the fields sent (`custom` keys are merged); a stale `If-Match` answers 412."""
    asset = assets.update_asset(
        session,
        actor,
        asset_id,
        updates=body.model_dump(exclude_unset=True),
        expected_version=if_match,
    )
    return AssetRead.model_validate(with_etag(response, asset))


@router.post("/assets/{asset_id}/archive", summary="Archive an asset")
def archive_asset(asset_id: int, actor: CurrentActor, session: DbSession) -> AssetRead:
    """Hide the asset from lists; nothing is deleted."""
    return AssetRead.model_validate(assets.archive_asset(session, actor, asset_id))


@router.post("/assets/{asset_id}/restore", summary="Restore an asset")
def restore_asset(asset_id: int, actor: CurrentActor, session: DbSession) -> AssetRead:
    """Bring an archived asset back."""
    return AssetRead.model_validate(assets.restore_asset(session, actor, asset_id))


@router.delete("/assets/{asset_id}", status_code=NO_CONTENT, summary="Delete an asset")
def delete_asset(
    asset_id: int, body: DeleteConfirm, actor: CurrentActor, session: DbSession
) -> None:
    """Delete an archived asset, its tasks and links forever; `confirm` is its code."""
    assets.delete_asset(session, actor, asset_id, confirm=body.confirm)


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
