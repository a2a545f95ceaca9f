"""Applying a reviewed status return: every chosen change in one transaction.

Each change becomes a new Update row through :func:`tracker.services.action_updates.add_update_in`
(the action's state moved on, the audit log extended; history is never overwritten), all
inside one transaction, because a return applies all or nothing. Before writing, each
action's fingerprint is checked against the one the user reviewed: if anything changed in
between, nothing is written. A second import of the same return applies nothing; a
corrected re-send applies what differs from what the earlier import applied.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select

from tracker.db.backup import backup_before_change
from tracker.db.database import Database
from tracker.db.models import Action, Update
from tracker.errors import TrackerError
from tracker.excel.signing import fingerprint
from tracker.services.action_updates import add_update_in
from tracker.services.return_changes import ActionChange, ReturnReview
from tracker.services.returns_chasing import mark_back_in
from tracker.wording import count_noun

_CHUNK = 500  # SQLite's limit on bound parameters, with room to spare


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    conflicts_applied: int
    conflicts_left: int
    skipped_already: int


def apply_return(
    database: Database,
    review: ReturnReview,
    *,
    apply_conflicts: Collection[int] = (),
    accept_rejections: bool = False,
    author: str | None = None,
) -> ApplyResult:
    """Record the review's changes, and the conflicts chosen by action id, in one go.

    With rejected rows nothing is applied unless ``accept_rejections`` (the user confirmed
    applying the rest). If any chosen action changed since the review, nothing is applied.
    ``author`` (chosen in the window) replaces the review's author of the updates.
    """
    if review.rejections and not accept_rejections:
        raise TrackerError(
            f"{count_noun(len(review.rejections), 'row')} of {review.path.name} rejected; "
            "nothing was applied. Confirm to apply the rest, or fix the return and import it again."
        )
    chosen_conflicts = [c for c in review.conflicts if c.action_id in apply_conflicts]
    changes = [*review.changes, *chosen_conflicts]
    name = " ".join((author or review.author).split())
    if changes and not name:
        raise TrackerError(
            f"Nobody is named as having sent {review.path.name} ('Returned by' is blank); "
            "nothing was applied. Say who sent it (--author NAME, or choose in the window)."
        )
    if name != review.author:
        changes = [replace(c, entry=replace(c.entry, author=name)) for c in changes]
    if changes:  # a return can change hundreds of actions
        backup_before_change(database, f"before status return {review.path.name}")
    applied, skipped = _record(database, changes, review.source, review.return_id)
    return ApplyResult(
        applied=applied,
        conflicts_applied=len(chosen_conflicts),
        conflicts_left=len(review.conflicts) - len(chosen_conflicts),
        skipped_already=skipped,
    )


def _record(
    database: Database, changes: Sequence[ActionChange], source: str, return_id: str
) -> tuple[int, int]:
    """Add the changes' updates, skipping actions that got an update from ``source`` after
    the review (the same review applied twice), and mark the return back; how many were
    added and how many skipped."""
    ids = [c.action_id for c in changes]
    applied = skipped = 0
    actor = getattr(database, "actor", None)
    with database.write() as session:
        actions: dict[int, Action] = {}
        latest: dict[int, int] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            actions.update(
                (a.id, a)
                for a in session.execute(select(Action).where(Action.id.in_(chunk))).scalars()
            )
            for action_id, update_id in session.execute(
                select(Update.action_id, func.max(Update.id))
                .where(Update.source == source, Update.action_id.in_(chunk))
                .group_by(Update.action_id)
            ):
                latest[action_id] = update_id
        for change in changes:
            if latest.get(change.action_id) != change.applied_update_id:
                skipped += 1
                continue
            action = actions.get(change.action_id)
            if action is None:
                raise TrackerError(
                    f"Action {change.ref} was deleted after the return was reviewed; nothing "
                    "was applied. Import the return again to review it afresh."
                )
            now = fingerprint(
                action.status,
                action.rag,
                action.percent,
                action.revised_due_date,
                action.updated_at,
            )
            if now != change.fingerprint_now:
                raise TrackerError(
                    f"Action {change.ref} changed in the tracker after the return was reviewed; "
                    "nothing was applied. Import the return again to review it afresh."
                )
            update_id, _ = add_update_in(
                session, action, change.entry, actor=actor or change.entry.author, cause=source
            )
            latest[change.action_id] = update_id
            applied += 1
        mark_back_in(session, return_id, date.today(), actor=actor or "status return")
    return applied, skipped
