"""Progress updates on an action: reading its history, recording an update (which
becomes the action's current state), withdrawing it for undo and restoring it for redo.

Updates are history: a row is added, never changed; undo removes it, and the audit log
keeps both its addition and its withdrawal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Action, Update, utc_now
from tracker.rag_rule import calculated_rag, is_greener
from tracker.services.action_edits import (
    ValidationError,
    complete_problem,
    existing,
)
from tracker.services.action_rows import ActionState, UpdateInput, UpdateRow, update_row
from tracker.services.audit import Change, record_changes
from tracker.services.rag_rules import action_plan_rule_in

if TYPE_CHECKING:
    from tracker.rag_rule import RagRule


def list_updates(database: Database, action_id: int) -> list[UpdateRow]:
    """An action's updates, newest first."""
    with database.read() as session:
        rows = session.execute(
            select(Update)
            .where(Update.action_id == action_id)
            .order_by(Update.date.desc(), Update.id.desc())
        ).scalars()
        return [update_row(u) for u in rows]


def reason_problem(
    revised_due: date | None,
    reason: str | None,
    current_revised_due: date | None,
    original_due: date | None,
) -> str | None:
    """Why a revised due date cannot be taken as it is (a moved deadline needs a reason)."""
    moved = revised_due is not None and revised_due != (current_revised_due or original_due)
    if moved and not (reason or "").strip():
        return "The revised due date moves the deadline: give a reason for the change."
    return None


def recovery_problem(entry: UpdateInput) -> str | None:
    """Why an exception's recovery date cannot be taken (it must not precede the update)."""
    if entry.recovery_date is not None and entry.recovery_date < entry.date:
        return (
            "The recovery date is before the update's date: give the date you expect "
            "the action to be back on track."
        )
    return None


RAG_REASON_ASK = "give a reason for the rating"


def rag_reason_problem(
    entry: UpdateInput,
    start: date | None,
    original_due: date | None,
    current_revised_due: date | None,
    rule: RagRule,
    current_rag: str | None = None,
) -> str | None:
    """Why a declared RAG greener than the calculated one cannot be taken as it is (it
    needs a reason). The calculated RAG is worked out as at the update's date, from the
    status, percent and due date the update leaves the action with. A rating the action
    already holds (``current_rag``) is carried over, not declared anew: no reason needed."""
    if not entry.rag or (entry.rag_reason or "").strip():
        return None
    try:
        declared = domain.parse_rag(entry.rag).value
        if declared == current_rag:
            return None
        status = domain.parse_status(entry.status).value
        percent = domain.check_percent(int(entry.percent))
    except ValueError:
        return None  # reported on its own
    revised = entry.revised_due or current_revised_due
    calculated, why = calculated_rag(
        start, original_due, revised, status, percent, entry.date, rule
    )
    if not is_greener(declared, calculated):
        return None
    return (
        f"The RAG given, {domain.parse_rag(declared).label}, is greener than the calculated "
        f"{domain.parse_rag(calculated or '').label} ({why}): {RAG_REASON_ASK}."
    )


def update_problems(
    entry: UpdateInput,
    current_revised_due: date | None,
    original_due: date | None,
    *,
    start: date | None = None,
    rule: RagRule | None = None,
    current_rag: str | None = None,
) -> list[str]:
    """Every reason an update as a person entered it cannot be recorded (none: it can).

    With the plan's ``rule``, a RAG greener than the calculated one needs a reason, unless
    it is the action's ``current_rag`` carried over.
    """
    problems: list[str] = []
    if not entry.author.strip():
        problems.append("An update needs an author: set your name in Preferences.")
    status: str | None = None
    percent: int | None = None
    try:
        status = domain.parse_status(entry.status).value
    except ValueError as exc:
        problems.append(str(exc))
    try:
        if entry.rag:
            domain.parse_rag(entry.rag)
    except ValueError as exc:
        problems.append(str(exc))
    try:
        percent = domain.check_percent(int(entry.percent))
    except ValueError as exc:
        problems.append(str(exc))
    if status is not None and percent is not None:
        problems.append(complete_problem(status, percent) or "")
    problems.append(
        reason_problem(entry.revised_due, entry.revision_reason, current_revised_due, original_due)
        or ""
    )
    problems.append(recovery_problem(entry) or "")
    if rule is not None:
        problems.append(
            rag_reason_problem(entry, start, original_due, current_revised_due, rule, current_rag)
            or ""
        )
    return [p for p in problems if p]


def validate_update(
    entry: UpdateInput,
    current_revised_due: date | None,
    original_due: date | None,
    *,
    start: date | None = None,
    rule: RagRule | None = None,
    current_rag: str | None = None,
) -> UpdateInput:
    """Check an update as a person entered it; returns it tidied, or raises every reason
    it cannot be recorded (one sentence each)."""
    problems = update_problems(
        entry, current_revised_due, original_due, start=start, rule=rule, current_rag=current_rag
    )
    if problems:
        raise ValidationError(" ".join(_sentence(p) for p in problems))
    moved = entry.revised_due is not None and entry.revised_due != (
        current_revised_due or original_due
    )
    reason = (entry.revision_reason or "").strip() or None
    return replace(
        entry,
        author=entry.author.strip(),
        status=domain.parse_status(entry.status).value,
        rag=domain.parse_rag(entry.rag).value if entry.rag else None,
        percent=int(entry.percent),
        narrative=entry.narrative.strip(),
        revision_reason=reason if moved else entry.revision_reason,
        cause=_optional_text(entry.cause),
        mitigation=_optional_text(entry.mitigation),
        decision_asked=_optional_text(entry.decision_asked),
        rag_reason=(entry.rag_reason or "").strip() or None,
    )


def _optional_text(text: str | None) -> str | None:
    return (text or "").strip() or None


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def add_update(
    database: Database, action_id: int, entry: UpdateInput, *, cause: str = "edit"
) -> tuple[int, ActionState]:
    """Record a progress update and make it the action's current state.

    Returns the new update's id and the action's state before it, for undo.
    """
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        return add_update_in(session, action, entry, actor=database.actor, cause=cause)


def add_update_in(
    session: Session, action: Action, entry: UpdateInput, *, actor: str, cause: str
) -> tuple[int, ActionState]:
    """:func:`add_update` inside the caller's transaction (a status return applies many
    updates all or nothing)."""
    rule = action_plan_rule_in(session, action.id)
    entry = validate_update(
        entry,
        action.revised_due_date,
        action.due_date,
        start=action.start_date,
        rule=rule,
        current_rag=action.rag,
    )
    before = ActionState(action.status, action.rag, action.percent, action.revised_due_date)
    now = utc_now()
    update_id = session.execute(
        insert(Update).returning(Update.id),
        [
            {
                "action_id": action.id,
                "date": entry.date,
                "author": entry.author,
                "status": entry.status,
                "rag": entry.rag,
                "percent": entry.percent,
                "narrative": entry.narrative,
                "revised_due_date": entry.revised_due,
                "revision_reason": entry.revision_reason,
                "rag_reason": entry.rag_reason,
                "source": entry.source,
                "recorded_at": now,
                "cause": entry.cause,
                "mitigation": entry.mitigation,
                "recovery_date": entry.recovery_date,
                "decision_asked": entry.decision_asked,
            }
        ],
    ).scalar_one()
    after = ActionState(
        entry.status, entry.rag, entry.percent, entry.revised_due or action.revised_due_date
    )
    session.execute(
        update(Action)
        .where(Action.id == action.id)
        .values(
            status=after.status,
            rag=after.rag,
            percent=after.percent,
            revised_due_date=after.revised_due,
            updated_at=now,
        )
    )
    narrative = f"{entry.date.isoformat()} by {entry.author}: {entry.narrative}"
    record_changes(
        session,
        user=actor,
        cause=cause,
        changes=[
            Change("update", update_id, "added", None, narrative),
            *(
                [Change("update", update_id, "rag_reason", None, entry.rag_reason)]
                if entry.rag_reason
                else []
            ),
            *_state_changes(action.id, before, after),
            *_closure_lapse(session, action, entry.status),
        ],
    )
    return update_id, before


def _closure_lapse(session: Session, action: Action, status: str) -> list[Change]:
    """A proposed or verified completion lapses when an update takes the action out of
    Complete (see :func:`tracker.domain.closure_after_status`)."""
    before = action.closure_state
    state = domain.closure_after_status(before, status)
    if state == before:
        return []
    session.execute(update(Action).where(Action.id == action.id).values(closure_state=state))
    return [Change("action", action.id, "closure", before, "lapsed")]


def _state_changes(action_id: int, before: ActionState, after: ActionState) -> list[Change]:
    return [
        Change("action", action_id, "status", before.status, after.status),
        Change("action", action_id, "rag", before.rag, after.rag),
        Change("action", action_id, "percent", before.percent, after.percent),
        Change("action", action_id, "revised_due_date", before.revised_due, after.revised_due),
    ]


def withdraw_update(
    database: Database, update_id: int, restore: ActionState, *, cause: str = "undo"
) -> None:
    """Undo of :func:`add_update`: remove the update and restore the action's state.

    The update row goes, but the audit log keeps both its addition and its withdrawal.
    """
    with database.write() as session:
        row = existing(session, Update, update_id, "Update")
        action = existing(session, Action, row.action_id, "Action")
        current = ActionState(action.status, action.rag, action.percent, action.revised_due_date)
        session.execute(delete(Update).where(Update.id == update_id))
        session.execute(
            update(Action)
            .where(Action.id == row.action_id)
            .values(
                status=restore.status,
                rag=restore.rag,
                percent=restore.percent,
                revised_due_date=restore.revised_due,
                updated_at=utc_now(),
            )
        )
        narrative = f"{row.date.isoformat()} by {row.author}: {row.narrative}"
        record_changes(
            session,
            user=database.actor,
            cause=cause,
            changes=[
                Change("update", update_id, "withdrawn", narrative, None),
                *_state_changes(row.action_id, current, restore),
            ],
        )


def restore_update(database: Database, update: UpdateRow, *, cause: str = "redo") -> int:
    """Redo of an update that undo withdrew."""
    update_id, _ = add_update(
        database,
        update.action_id,
        UpdateInput(
            update.date,
            update.author,
            update.status,
            update.rag,
            update.percent,
            update.narrative,
            update.revised_due,
            update.revision_reason,
            update.source,
            update.cause,
            update.mitigation,
            update.recovery_date,
            update.decision_asked,
            update.rag_reason,
        ),
        cause=cause,
    )
    return update_id
