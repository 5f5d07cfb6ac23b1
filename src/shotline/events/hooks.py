"""After-commit notice of new events: the ids written by a transaction, once it commits.

Invariants:
- `events.record` / `record_many` note what they write on the session; when the session
  commits, every registered listener gets the ids (sorted); a rollback forgets them, so a
  rolled-back change wakes nobody;
- listeners only *wake* consumers (the realtime broadcaster, the job kicker): consumers
  always read the events from the table, which stays the source of truth;
- listeners are held weakly (an app that is garbage-collected stops listening) and must not
  raise or block: they are called inside `Session.commit()`;
- the same after-commit path carries "these people's inboxes changed" (`note_inbox`: the
  notifier wrote notifications, someone marked some read) to listeners that have an
  `inbox_changed` method (the realtime broadcaster): it is not an event, only a wake-up, and
  the stream reads the count itself.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger("shotline.events")

PENDING_KEY = "shotline.new_events"
INBOX_KEY = "shotline.inbox_changed"


class CommitListener(Protocol):
    def events_committed(self, event_ids: list[int]) -> None: ...


_listeners: weakref.WeakSet[Any] = weakref.WeakSet()


def add_listener(listener: CommitListener) -> None:
    _listeners.add(listener)


def remove_listener(listener: CommitListener) -> None:
    _listeners.discard(listener)


def note(session: Session, items: list[Any]) -> None:
    """Remember Event objects (ids known after flush) or ids written in this transaction."""
    _pending(session, PENDING_KEY).extend(items)


def note_inbox(session: Session, account_ids: set[int]) -> None:
    """These people's notifications changed in this transaction (new rows, marked read)."""
    _pending(session, INBOX_KEY).extend(account_ids)


def _pending(session: Session, key: str) -> list[Any]:
    pending: list[Any] | None = session.info.get(key)
    if pending is None:
        pending = []
        session.info[key] = pending
        if not event.contains(session, "after_commit", _after_commit):
            event.listen(session, "after_commit", _after_commit)
            event.listen(session, "after_soft_rollback", _after_rollback)
    return pending


def _after_commit(session: Session) -> None:
    pending: list[Any] = session.info.pop(PENDING_KEY, None) or []
    ids = sorted({i if isinstance(i, int) else i.__dict__.get("id") for i in pending} - {None})
    inbox: set[int] = set(session.info.pop(INBOX_KEY, None) or [])
    if ids:
        _tell("events_committed", ids)
    if inbox:
        _tell("inbox_changed", inbox)


def _tell(method: str, payload: Any) -> None:
    for listener in list(_listeners):
        call = getattr(listener, method, None)
        if call is None:
            continue
        try:
            call(payload)
        except Exception:  # a listener must never break a commit that already happened
            log.exception("commit listener failed (%s)", method)


def _after_rollback(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING_KEY, None)
        session.info.pop(INBOX_KEY, None)
