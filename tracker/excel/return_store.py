"""Recording a status return's updates: every chosen action in one transaction.

Each update goes through :func:`tracker.services.action_updates.add_update_in` (an Update row
added, the action's state moved on, the audit log extended), all inside one transaction,
because a return applies all or nothing. Before writing, each action's fingerprint is checked
against the one the user reviewed: if anything changed in between, nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import Action, Update
from tracker.errors import TrackerError
from tracker.excel.signing import fingerprint
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update_in

_CHUNK = 500  # SQLite's limit on bound parameters, with room to spare


@dataclass(frozen=True)
class StoredUpdate:
    action_id: int
    entry: UpdateInput
    fingerprint_now: str
    ref: str


@dataclass(frozen=True)
class StoreResult:
    applied: int
    skipped: int


def store_updates(
    database: Database, updates: Sequence[StoredUpdate], *, source: str, cause: str
) -> StoreResult:
    """Add these updates, skipping actions that already have one from ``source``."""
    if not updates:
        return StoreResult(0, 0)
    ids = [u.action_id for u in updates]
    applied = skipped = 0
    actor = getattr(database, "actor", None)
    with database.write() as session:
        actions: dict[int, Action] = {}
        done: set[int] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            actions.update(
                (a.id, a)
                for a in session.execute(select(Action).where(Action.id.in_(chunk))).scalars()
            )
            done.update(
                session.execute(
                    select(Update.action_id).where(
                        Update.source == source, Update.action_id.in_(chunk)
                    )
                ).scalars()
            )
        for item in updates:
            if item.action_id in done:
                skipped += 1
                continue
            action = actions.get(item.action_id)
            if action is None:
                raise TrackerError(
                    f"Action {item.ref} was deleted after the return was reviewed; nothing "
                    "was applied. Import the return again to review it afresh."
                )
            now = fingerprint(
                action.status,
                action.rag,
                action.percent,
                action.revised_due_date,
                action.updated_at,
            )
            if now != item.fingerprint_now:
                raise TrackerError(
                    f"Action {item.ref} changed in the tracker after the return was reviewed; "
                    "nothing was applied. Import the return again to review it afresh."
                )
            add_update_in(
                session, action, item.entry, actor=actor or item.entry.author, cause=cause
            )
            done.add(item.action_id)
            applied += 1
    return StoreResult(applied, skipped)
