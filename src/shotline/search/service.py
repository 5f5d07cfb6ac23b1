"""Global search over projects, sequences, shots, assets, tasks, versions, notes and accounts.

Invariants:
- only what the actor may open: every hit passes `policy.visible(actor, Model)` of its
  type (an EXISTS on the candidate rows), except for those who see the whole organization
  (`policy.sees_whole_organization`), for whom the document's organization is the rule;
  client accounts search only versions and notes (`policy.searchable`), which `visible`
  narrows to the versions shared with them and their client-visible notes; link guests
  may not search (`search` rule);
- a note opens where it was written: its version's review page, its task, shot or asset
  (one extra statement for the notes among the hits);
- ranking: exact code (or title) first, then code/title prefix, then any other match;
  ties by fuzzy score (PostgreSQL), then the shortest code, then the label;
- matches are counted per type first (one statement); close (misspelt) matches are tried
  only when nothing matches as typed, and the page is read only when something matched;
- the documents are maintained by `search.index` in the writing transaction, so a rename
  or an archive is reflected by the next request.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from shotline.auth import policy
from shotline.auth.actor import Actor
from shotline.auth.visibility import PROJECT_SCOPED
from shotline.db.dialect import in_ids
from shotline.errors import ValidationFailed
from shotline.production.models import Project
from shotline.review.models import Note
from shotline.search import backend
from shotline.search.models import SearchDocument
from shotline.search.sources import TYPES

MAX_QUERY = 100
MAX_LIMIT = 100


@dataclass(frozen=True)
class SearchHit:
    type: str
    id: int
    code: str
    title: str
    context: str
    project_id: int | None
    path: str


@dataclass(frozen=True)
class SearchResult:
    query: str
    items: list[SearchHit]
    counts: dict[str, int]


def web_path(entity_type: str, entity_id: int, project_id: int | None) -> str:
    if entity_type == "project":
        return f"/projects/{entity_id}"
    if entity_type == "task":
        return f"/tasks/{entity_id}"
    if entity_type == "version":
        return f"/review/{entity_id}"
    if entity_type == "account":
        return f"/accounts/{entity_id}"
    return f"/projects/{project_id}/{entity_type}s/{entity_id}"


def _note_paths(session: Session, ids: list[int]) -> dict[int, str]:
    """Where each note opens: the review page of its version, else its task, shot or asset."""
    if not ids:
        return {}
    targets = ("version", "task", "shot", "asset")
    rows = session.execute(
        select(Note.id, Note.project_id, *(getattr(Note, f"{t}_id") for t in targets)).where(
            Note.id.in_(ids)
        )
    )
    out: dict[int, str] = {}
    for note_id, project_id, *target_ids in rows:
        # Exactly one target is set (the note's `one_target` CHECK).
        target, target_id = next((t, i) for t, i in zip(targets, target_ids, strict=True) if i)
        out[note_id] = web_path(target, target_id, project_id)
    return out


def _visible(actor: Actor, types: list[str]) -> ColumnElement[bool]:
    if policy.sees_whole_organization(actor):
        # Documents carry their organization (filtered by the caller); skip the row checks.
        return true()
    parts = []
    scope = policy.project_scope(actor)
    if scope is not None:
        # Internal members: the document's project is the rule (no join to each table).
        by_project = [t for t in types if TYPES[t] is Project or TYPES[t] in PROJECT_SCOPED]
        if by_project:
            parts.append(
                and_(
                    SearchDocument.entity_type.in_(by_project),
                    in_ids(SearchDocument.project_id, scope) if scope else false(),
                )
            )
        if "account" in types:
            parts.append(SearchDocument.entity_type == "account")  # the organization's
        types = [t for t in types if t not in by_project and t != "account"]
    for name in types:
        model = TYPES[name]
        row = select(model.id).where(
            model.id == SearchDocument.entity_id, policy.visible(actor, model)
        )
        parts.append(and_(SearchDocument.entity_type == name, exists(row)))
    return or_(*parts)


def _counts(session: Session, where: list[ColumnElement[bool]]) -> dict[str, int]:
    """Matches per type (types with none are left out)."""
    stmt = (
        select(SearchDocument.entity_type, func.count())
        .where(*where)
        .group_by(SearchDocument.entity_type)
    )
    return {str(kind): int(n) for kind, n in session.execute(stmt).all()}


def search(
    session: Session,
    actor: Actor,
    *,
    q: str,
    types: list[str] | None = None,
    project_id: int | None = None,
    limit: int = 20,
) -> SearchResult:
    policy.require(actor, "search", None)
    query = " ".join(q.split())
    problems: dict[str, str] = {}
    if not query:
        problems["q"] = "type something to search for"
    elif len(query) > MAX_QUERY:
        problems["q"] = f"at most {MAX_QUERY} characters"
    wanted = types or list(TYPES)
    unknown = [t for t in wanted if t not in TYPES]
    if unknown:
        problems["types"] = "one or more of " + ", ".join(TYPES)
    if not 1 <= limit <= MAX_LIMIT:
        problems["limit"] = f"between 1 and {MAX_LIMIT}"
    if problems:
        raise ValidationFailed(fields=problems)
    counts = dict.fromkeys(wanted, 0)
    allowed = [t for t in wanted if policy.searchable(actor, TYPES[t])]
    if not allowed:
        return SearchResult(query=query, items=[], counts=counts)
    scope = [
        SearchDocument.organization_id == actor.organization_id,
        SearchDocument.entity_type.in_(allowed),
        _visible(actor, allowed),
    ]
    if project_id is not None:
        scope.append(SearchDocument.project_id == project_id)
    matched, score = backend.match(session, query)
    found = _counts(session, [*scope, matched])
    if not found and backend.can_widen(session, query):
        # Nothing matches as typed: try close matches (typos), which cost more.
        matched, score = backend.match(session, query, fuzzy=True)
        found = _counts(session, [*scope, matched])
    counts.update(found)
    if not found:
        return SearchResult(query=query, items=[], counts=counts)
    low = query.lower()
    code, title = func.lower(SearchDocument.code), func.lower(SearchDocument.title)
    rank = case(
        (or_(code == low, title == low), 0),
        (or_(code.startswith(low, autoescape=True), title.startswith(low, autoescape=True)), 1),
        else_=2,
    )
    stmt = (
        select(SearchDocument)
        .where(*scope, matched)
        .order_by(
            rank,
            score.desc(),
            func.length(SearchDocument.code),
            code,
            title,
            SearchDocument.entity_id,
        )
        .limit(limit)
    )
    docs = list(session.scalars(stmt))
    notes = _note_paths(session, [d.entity_id for d in docs if d.entity_type == "note"])
    items = [
        SearchHit(
            type=d.entity_type,
            id=d.entity_id,
            code=d.code,
            title=d.title,
            context=d.context,
            project_id=d.project_id,
            path=notes.get(d.entity_id, "")
            if d.entity_type == "note"
            else web_path(d.entity_type, d.entity_id, d.project_id),
        )
        for d in docs
    ]
    return SearchResult(query=query, items=items, counts=counts)
