"""Reviewing a filled-in status return: what importing it would change. Nothing is written.

The file is read and its signatures verified by :mod:`tracker.excel.return_reading`; here
each row is compared with the tracker in three states per action: what was *sent*, what is
in the database *now*, and what came *back*. Only the fields the lead changed count. The
result is a :class:`~tracker.services.return_changes.ReturnReview`, applied (or not) by
:func:`tracker.services.return_apply.apply_return`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import Update
from tracker.errors import ReturnForOtherPlanError, TrackerError
from tracker.excel import return_layout as layout
from tracker.excel.return_reading import (
    RefusedRow,
    ReturnedRow,
    open_return,
    read_details,
    read_rows,
)
from tracker.excel.return_values import State, returned_state, tidy
from tracker.excel.signing import fingerprint
from tracker.excel.status_returns import in_scope
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.services.action_updates import validate_update
from tracker.services.database_settings import return_secret
from tracker.services.export_data import plan_only
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.return_changes import ActionChange, FieldChange, Rejection, ReturnReview

FIELD_LABELS = {
    "status": layout.STATUS,
    "rag": layout.RAG,
    "percent": layout.PERCENT,
    "revised_due": layout.REVISED_DUE,
    "narrative": layout.NARRATIVE,
}


@dataclass(frozen=True)
class _Context:
    """What every row of one review is compared against."""

    review: ReturnReview
    scope: str
    actions: dict[int, ActionRow]
    applied_before: set[int]
    today: date


def review_return(
    database: Database,
    path: Path,
    *,
    author: str | None = None,
    today: date | None = None,
    plan_id: int | None = None,
) -> ReturnReview:
    """Read a returned workbook and work out what importing it would change.

    With ``plan_id`` (the plan the person is working on), a return exported from another
    plan is refused before anything else is read.
    """
    sheets = open_return(path)
    secret = return_secret(database)
    details = read_details(path, sheets, secret)
    if plan_id is not None and details.plan_id != plan_id:
        raise ReturnForOtherPlanError(
            f"{path.name} is a return for the plan {details.plan_name!r} (number "
            f"{details.plan_id}), not for plan {plan_id}. Nothing was imported.",
            file_name=path.name,
            plan_id=details.plan_id,
            plan_name=details.plan_name,
        )
    snapshot = load_snapshot(database)
    if details.plan_id not in {w.plan_id for w in snapshot.workstreams}:
        raise TrackerError(
            f"{path.name} is a return for the plan {details.plan_name!r}, which is not in this "
            "database. Nothing was imported."
        )
    review = ReturnReview(
        path=path,
        return_id=details.return_id,
        scope=details.scope,
        scope_label=details.scope_label,
        for_whom=details.for_whom,
        plan_name=details.plan_name,
        exported_at=details.exported_at,
        author=(author or "").strip() or details.for_whom,
    )
    context = _Context(
        review,
        details.scope,
        {x.id: x for x in plan_only(snapshot, details.plan_id).actions},
        _actions_with_source(database, review.source),
        today or date.today(),
    )
    returned = read_rows(path, sheets, details, secret)
    for row in returned.rows:
        if isinstance(row, RefusedRow):
            review.rejections.append(Rejection(row.row, row.ref, row.reason))
        else:
            _review_row(context, row)
    review.missing = returned.missing
    return review


def _review_row(context: _Context, row: ReturnedRow) -> None:
    review = context.review
    current = context.actions.get(row.action_id)
    if current is None:
        reason = f"action {row.action_id} no longer exists in the tracker"
        review.rejections.append(Rejection(row.row, row.ref, reason))
        return
    if not in_scope(context.scope, current):
        reason = (
            f"action {row.action_id} is no longer part of {review.scope_label!r} (it was moved "
            "or its lead changed since the return was sent)"
        )
        review.rejections.append(Rejection(row.row, current.ref, reason))
        return
    sent = row.sent.state
    try:
        returned, reason = returned_state(row.cells, sent)
    except ValueError as exc:
        review.rejections.append(Rejection(row.row, current.ref, str(exc)))
        return
    now = _now_state(current)
    edited = [name for name in FIELD_LABELS if getattr(returned, name) != getattr(sent, name)]
    if not edited:
        review.unchanged += 1
        return
    if current.id in context.applied_before or all(
        getattr(returned, name) == getattr(now, name) for name in edited
    ):
        # Applied by an earlier import, or the tracker already holds what the lead sent back.
        review.already_applied += 1
        return
    merged = replace(now, **{name: getattr(returned, name) for name in edited})
    entry = UpdateInput(
        date=context.today,
        author=review.author,
        status=merged.status,
        rag=merged.rag,
        percent=merged.percent,
        narrative=merged.narrative,
        revised_due=merged.revised_due if "revised_due" in edited else None,
        revision_reason=reason,
        source=review.source,
    )
    try:
        entry = validate_update(entry, current.revised_due, current.due)
    except ValidationError as exc:
        review.rejections.append(Rejection(row.row, current.ref, str(exc)))
        return
    now_fp = _fingerprint_of(current)
    conflict = now_fp != row.sent.fingerprint
    shown = edited
    if conflict:
        states = (sent, now, returned)
        shown = [n for n in FIELD_LABELS if len({getattr(s, n) for s in states}) > 1]
    fields = tuple(
        FieldChange(n, FIELD_LABELS[n], sent.shown(n), now.shown(n), returned.shown(n))
        for n in shown
    )
    change = ActionChange(
        row.row,
        current.id,
        current.ref,
        current.text,
        sent,
        now,
        returned,
        fields,
        entry,
        conflict,
        now_fp,
        reason,
    )
    (review.conflicts if conflict else review.changes).append(change)


def _fingerprint_of(action: ActionRow) -> str:
    return fingerprint(
        action.status, action.rag, action.percent, action.revised_due, action.updated_at
    )


def _now_state(action: ActionRow) -> State:
    return State(
        action.status,
        action.rag,
        action.percent,
        action.revised_due,
        tidy(action.latest_narrative),
    )


def _actions_with_source(database: Database, source: str) -> set[int]:
    with database.read() as session:
        return set(
            session.execute(select(Update.action_id).where(Update.source == source)).scalars()
        )
