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

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Update
from tracker.errors import ReturnForOtherPlanError, TrackerError
from tracker.excel import return_layout as layout
from tracker.excel.return_reading import (
    RefusedRow,
    ReturnDetails,
    ReturnedRow,
    open_return,
    read_details,
    read_rows,
)
from tracker.excel.return_values import (
    State,
    is_blank,
    parse_returned_date,
    parse_returned_name,
    parse_returned_percent,
    parse_returned_status,
    read_returned,
    tidy,
)
from tracker.excel.signing import fingerprint
from tracker.rag_rule import DEFAULT_RULE, RagRule
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.services.action_updates import (
    RAG_REASON_ASK,
    complete_problem,
    rag_reason_problem,
    reason_problem,
    update_problems,
    validate_update,
)
from tracker.services.database_settings import return_secret
from tracker.services.export_data import plan_only
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.rag_rules import plan_rule
from tracker.services.return_changes import ActionChange, FieldChange, Rejection, ReturnReview
from tracker.services.status_returns_export import in_scope

# Where a return gives the reason for a RAG greener than the calculated one.
RETURN_RAG_REASON_ASK = f"give the reason for the rating in '{layout.REASON}'"

FIELD_LABELS = {
    "status": layout.STATUS,
    "rag": layout.RAG,
    "percent": layout.PERCENT,
    "revised_due": layout.REVISED_DUE,
    "narrative": layout.NARRATIVE,
}


@dataclass(frozen=True)
class _Applied:
    """The latest update an earlier import of this return recorded on an action."""

    update_id: int
    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None


@dataclass(frozen=True)
class _Context:
    """What every row of one review is compared against."""

    review: ReturnReview
    scope: str
    actions: dict[int, ActionRow]
    # What this return applied last time, per action: a re-sent return is compared with it.
    applied_before: dict[int, _Applied]
    today: date
    # The plan's calculated-RAG rule: a RAG greener than it needs a reason.
    rule: RagRule = DEFAULT_RULE


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
    returned = read_rows(path, sheets, details, secret)
    recorded_as, source = _author(returned.returned_by, author, details)
    review = ReturnReview(
        path=path,
        return_id=details.return_id,
        scope=details.scope,
        scope_label=details.scope_label,
        for_whom=details.for_whom,
        plan_name=details.plan_name,
        exported_at=details.exported_at,
        author=recorded_as,
        author_source=source,
        author_choices=_choices(returned.returned_by, details),
        due_back=details.due_back,
        contact=details.contact,
    )
    context = _Context(
        review,
        details.scope,
        {x.id: x for x in plan_only(snapshot, details.plan_id).actions},
        _applied_by(database, review.source),
        today or date.today(),
        plan_rule(database, details.plan_id),
    )
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
    read = read_returned(row.cells, sent)
    returned = read.state
    if returned is None:
        problems = list(read.problems)
        # What can still be checked across the values that were read: every problem at once.
        status, percent = _readable_status_and_percent(row, sent)
        if status is not None and percent is not None:
            problems.append(complete_problem(status, percent) or "")
        problems.append(
            reason_problem(_readable_date(row), read.reason, current.revised_due, current.due) or ""
        )
        review.rejections.append(Rejection(row.row, current.ref, _join(problems)))
        return
    reason = read.reason
    now = _now_state(current)
    applied = context.applied_before.get(current.id)
    # The state the lead's values are compared with: what was sent, or, for a return
    # imported before (a corrected re-send), what that import applied.
    base = sent if applied is None else _applied_state(applied, sent)
    edited = [name for name in FIELD_LABELS if getattr(returned, name) != getattr(base, name)]
    if not edited:
        if applied is None:
            review.unchanged += 1
        else:
            review.already_applied += 1
        return
    if all(getattr(returned, name) == getattr(now, name) for name in edited):
        # The tracker already holds what the lead sent back.
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
    # The author may still be chosen (in the window or with --author): checked on apply.
    checked = replace(entry, author=entry.author or "?")
    # A RAG set greener than the calculated one takes its reason from "Reason for change",
    # and is rejected without one (a rating carried over needs none).
    rules = {"start": current.start, "rule": context.rule, "current_rag": current.rag}
    if rag_reason_problem(checked, current.start, current.due, current.revised_due, **_rule(rules)):
        checked = replace(checked, rag_reason=reason)
    problems = update_problems(checked, current.revised_due, current.due, **rules)
    if problems:
        problems = [p.replace(RAG_REASON_ASK, RETURN_RAG_REASON_ASK) for p in problems]
        review.rejections.append(Rejection(row.row, current.ref, _join(problems)))
        return
    entry = replace(
        validate_update(checked, current.revised_due, current.due, **rules), author=entry.author
    )
    now_fp = _fingerprint_of(current)
    if applied is None:
        conflict = now_fp != row.sent.fingerprint
    else:
        # Re-sent: a conflict when the tracker moved on from what the earlier import applied.
        conflict = any(getattr(now, n) != getattr(base, n) for n in FIELD_LABELS)
    shown = edited
    if conflict:
        states = (base, now, returned)
        shown = [n for n in FIELD_LABELS if len({getattr(s, n) for s in states}) > 1]
    fields = tuple(
        FieldChange(n, FIELD_LABELS[n], base.shown(n), now.shown(n), returned.shown(n))
        for n in shown
    )
    change = ActionChange(
        row.row,
        current.id,
        current.ref,
        current.text,
        base,
        now,
        returned,
        fields,
        entry,
        conflict,
        now_fp,
        reason,
        resent=applied is not None,
        applied_update_id=applied.update_id if applied else None,
    )
    (review.conflicts if conflict else review.changes).append(change)


def _rule(rules: dict) -> dict:
    return {"rule": rules["rule"], "current_rag": rules["current_rag"]}


def _author(returned_by: str, given: str | None, details: ReturnDetails) -> tuple[str, str]:
    """Who the updates are recorded as by, and where that came from: the return's
    "Returned by", else the name given when importing, else the return's one lead."""
    note = ""
    if returned_by.strip():
        try:
            return parse_returned_name(returned_by), "from 'Returned by' on the return"
        except ValueError as exc:
            note = f"{exc}; "
    if (given or "").strip():
        return " ".join((given or "").split()), note + "given when importing"
    leads = _leads(details)
    if len(leads) == 1:
        return leads[0], note + "the lead the return was sent to; 'Returned by' was blank"
    return "", note + (
        f"'Returned by' was blank and the return went to {len(leads)} leads"
        if leads
        else "'Returned by' was blank"
    )


def _leads(details: ReturnDetails) -> tuple[str, ...]:
    if details.leads:
        return details.leads
    if details.scope.startswith("lead:"):
        return (details.for_whom,)  # returns exported before leads were listed
    return ()


def _choices(returned_by: str, details: ReturnDetails) -> tuple[str, ...]:
    names = list(_leads(details))
    try:
        typed = parse_returned_name(returned_by)
    except ValueError:
        typed = ""
    if typed and typed not in names:
        names.insert(0, typed)
    return tuple(names)


def _join(problems: list[str]) -> str:
    return "; ".join(p.rstrip(".") for p in problems if p)


def _readable_status_and_percent(row: ReturnedRow, sent: State) -> tuple[str | None, int | None]:
    """The row's status and percent where each reads on its own (for the cross-checks)."""
    try:
        status: str | None = parse_returned_status(row.cells.get(layout.STATUS))
    except ValueError:
        status = None
    cell = row.cells.get(layout.PERCENT)
    try:
        percent: int | None = (
            sent.percent
            if is_blank(cell)
            else parse_returned_percent(cell, complete=status == domain.Status.COMPLETE.value)
        )
    except ValueError:
        percent = None
    return status, percent


def _readable_date(row: ReturnedRow) -> date | None:
    try:
        return parse_returned_date(row.cells.get(layout.REVISED_DUE))
    except ValueError:
        return None


def _applied_state(applied: _Applied, sent: State) -> State:
    return State(
        applied.status,
        applied.rag,
        applied.percent,
        # An update that did not move the date leaves the one the return was sent with.
        applied.revised_due or sent.revised_due,
        tidy(applied.narrative),
    )


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


def _applied_by(database: Database, source: str) -> dict[int, _Applied]:
    """The latest update each action has from ``source`` (an earlier import of the return)."""
    with database.read() as session:
        rows = session.execute(
            select(
                Update.action_id,
                Update.id,
                Update.status,
                Update.rag,
                Update.percent,
                Update.narrative,
                Update.revised_due_date,
            )
            .where(Update.source == source)
            .order_by(Update.id)
        ).all()
    return {r[0]: _Applied(*r[1:]) for r in rows}
