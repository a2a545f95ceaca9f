"""A status return's import as one undoable step.

:func:`apply_return_undoable` applies a reviewed return (through
:func:`tracker.services.return_apply.apply_return`, which backs the file up first) and
says which updates it added and what each action's state was before. Undo withdraws all
of those updates in one transaction and puts the actions back as they were; redo records
the same updates again. The audit log keeps the import, the withdrawal and the redo.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import Action, Update, utc_now
from tracker.services.action_edits import existing
from tracker.services.action_rows import ActionState, UpdateInput, UpdateRow, update_row
from tracker.services.action_updates import add_update_in
from tracker.services.audit import Change, record_changes
from tracker.services.return_apply import ApplyResult, apply_return
from tracker.services.return_changes import ReturnReview

_CHUNK = 500  # SQLite's limit on bound parameters, with room to spare


@dataclass(frozen=True)
class AppliedReturn:
    """The updates one import of a return added, and the actions' states before it."""

    source: str
    updates: tuple[UpdateRow, ...]  # oldest first
    before: Mapping[int, ActionState]  # by action id, for the actions those updates touch

    def after(self, action_id: int) -> ActionState | None:
        """The action's state once the return is applied (its newest update's)."""
        newest = next((u for u in reversed(self.updates) if u.action_id == action_id), None)
        if newest is None:
            return None
        before = self.before[action_id]
        return ActionState(
            newest.status, newest.rag, newest.percent, newest.revised_due or before.revised_due
        )


def apply_return_undoable(
    database: Database,
    review: ReturnReview,
    *,
    apply_conflicts: Collection[int] = (),
    accept_rejections: bool = False,
    author: str | None = None,
) -> tuple[ApplyResult, AppliedReturn]:
    """:func:`apply_return`, also returning what undoing it needs."""
    chosen = {c.action_id for c in review.conflicts if c.action_id in apply_conflicts}
    action_ids = {c.action_id for c in review.changes} | chosen
    with database.read() as session:
        newest_before = session.execute(select(func.max(Update.id))).scalar_one() or 0
        before = _states(session, action_ids)
    result = apply_return(
        database,
        review,
        apply_conflicts=apply_conflicts,
        accept_rejections=accept_rejections,
        author=author,
    )
    with database.read() as session:
        added = tuple(
            update_row(u)
            for u in session.execute(
                select(Update)
                .where(Update.id > newest_before, Update.source == review.source)
                .order_by(Update.id)
            ).scalars()
        )
    touched = {u.action_id for u in added}
    return result, AppliedReturn(
        review.source, added, {i: s for i, s in before.items() if i in touched}
    )


def _states(session: Session, action_ids: Iterable[int]) -> dict[int, ActionState]:
    ids = sorted(action_ids)
    states = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(
                Action.id, Action.status, Action.rag, Action.percent, Action.revised_due_date
            ).where(Action.id.in_(ids[start : start + _CHUNK]))
        )
        for action_id, status, rag, percent, revised_due in rows:
            states[action_id] = ActionState(status, rag, percent, revised_due)
    return states


def withdraw_return(database: Database, applied: AppliedReturn, *, cause: str = "undo") -> None:
    """Undo: remove the return's updates and restore the actions' states, all or nothing."""
    with database.write() as session:
        changes: list[Change] = []
        for row in reversed(applied.updates):
            existing(session, Update, row.id, "Update")
            session.execute(delete(Update).where(Update.id == row.id))
            changes.append(Change("update", row.id, "withdrawn", _narrative(row), None))
        now = utc_now()
        for action_id, restore in applied.before.items():
            action = existing(session, Action, action_id, "Action")
            current = ActionState(
                action.status, action.rag, action.percent, action.revised_due_date
            )
            session.execute(
                update(Action)
                .where(Action.id == action_id)
                .values(
                    status=restore.status,
                    rag=restore.rag,
                    percent=restore.percent,
                    revised_due_date=restore.revised_due,
                    updated_at=now,
                )
            )
            changes.extend(_state_changes(action_id, current, restore))
        record_changes(session, user=database.actor, cause=cause, changes=changes)


def restore_return(
    database: Database, applied: AppliedReturn, *, cause: str = "redo"
) -> AppliedReturn:
    """Redo: record the withdrawn updates again, all or nothing; returns them as stored
    now (with their new ids), for the next undo."""
    restored = []
    with database.write() as session:
        for row in applied.updates:
            action = existing(session, Action, row.action_id, "Action")
            entry = UpdateInput(
                row.date,
                row.author,
                row.status,
                row.rag,
                row.percent,
                row.narrative,
                row.revised_due,
                row.revision_reason,
                row.source,
                row.rag_reason,
            )
            update_id, _ = add_update_in(session, action, entry, actor=database.actor, cause=cause)
            session.flush()
            restored.append(update_row(existing(session, Update, update_id, "Update")))
    return AppliedReturn(applied.source, tuple(restored), applied.before)


def _narrative(row: UpdateRow) -> str:
    # As action_updates writes an update into the audit log.
    return f"{row.date.isoformat()} by {row.author}: {row.narrative}"


def _state_changes(action_id: int, before: ActionState, after: ActionState) -> list[Change]:
    return [
        Change("action", action_id, "status", before.status, after.status),
        Change("action", action_id, "rag", before.rag, after.rag),
        Change("action", action_id, "percent", before.percent, after.percent),
        Change("action", action_id, "revised_due_date", before.revised_due, after.revised_due),
    ]
