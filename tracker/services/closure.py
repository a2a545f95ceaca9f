"""Completion with evidence: a lead proposes an action complete (it must have evidence),
the programme office verifies it (Blue) or sends it back with a reason, and a complete
action can be reopened with a reason.

The state is kept on the action (``closure_state``, with who took the step, when, and
the reason given). Each step is one transaction, in the audit log under the acting user;
a step that changes the status is recorded as an update too, so the history and the
board report's changes show it. Who may verify is :mod:`tracker.services.programme_office`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlmodel import Session

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Action, Area, AuditLog, Update, utc_now
from tracker.domain import Closure, Status
from tracker.services.action_edits import ValidationError, existing
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update_in
from tracker.services.audit import Change, record_changes
from tracker.services.evidence import count_live_evidence
from tracker.services.programme_office import (
    in_programme_office,
    programme_office,
    stored_programme_office,
)

AWAITING_VERIFICATION = "awaiting verification"


@dataclass(frozen=True)
class ClosureInfo:
    """An action's state after a closure step: what the window puts back in its row."""

    action_id: int
    status: str
    rag: str | None
    percent: int
    closure_state: str | None
    closure_by: str | None
    closure_at: datetime | None
    closure_note: str | None
    last_update: date | None
    latest_narrative: str
    updated_at: datetime | None = None

    @property
    def brag(self) -> str | None:
        return domain.brag(self.status, self.rag, self.closure_state)


def closure_info(database: Database, action_id: int) -> ClosureInfo:
    with database.read() as session:
        return _info(session, action_id)


def _info(session: Session, action_id: int) -> ClosureInfo:
    action = existing(session, Action, action_id, "Action")
    session.refresh(action)
    latest = session.execute(
        select(Update.date, Update.narrative)
        .where(Update.action_id == action_id)
        .order_by(Update.id.desc())
        .limit(1)
    ).first()
    return ClosureInfo(
        action_id,
        action.status,
        action.rag,
        action.percent,
        action.closure_state,
        action.closure_by,
        action.closure_at,
        action.closure_note,
        latest[0] if latest else None,
        latest[1] if latest else "",
        action.updated_at,
    )


def _ref(session: Session, action: Action) -> str:
    area_ref = session.execute(select(Area.ref).where(Area.id == action.area_id)).scalar() or ""
    return f"{area_ref} {action.label}".strip()


def _reason(reason: str | None, what: str) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise ValidationError(f"Give a reason for {what}: it is recorded with the update.")
    return text


def _require_programme_office(session: Session, database: Database, what: str) -> None:
    names = stored_programme_office(session)
    user = database.actor
    if not names:
        raise ValidationError(
            f"No one is in the programme office yet, so no one can {what}: add names in "
            "Edit > Preferences (or with tracker programme-office add NAME)."
        )
    if not in_programme_office(names, user):
        raise ValidationError(
            f"Only the programme office can {what}, and {user} is not in it "
            f"(it lists {', '.join(names)}). Ask one of them, or have them add you in "
            "Edit > Preferences."
        )


def _set_state(
    session: Session,
    database: Database,
    action: Action,
    state: str | None,
    note: str | None,
    step: str,
) -> None:
    before = (action.closure_state, action.closure_note)
    now = utc_now()
    session.execute(
        update(Action)
        .where(Action.id == action.id)
        .values(
            closure_state=state,
            closure_by=database.actor,
            closure_at=now,
            closure_note=note,
            updated_at=now,
        )
    )
    record_changes(
        session,
        user=database.actor,
        cause=step,
        changes=[
            Change("action", action.id, "closure", before[0], state or "reopened"),
            Change("action", action.id, "closure reason", before[1], note),
        ],
    )
    # The update recorded next reads the action: let it see the state just written.
    session.refresh(action)


def _record_update(
    session: Session,
    database: Database,
    action: Action,
    status: Status,
    percent: int,
    narrative: str,
    today: date,
    source: str,
    cause: str,
) -> None:
    entry = UpdateInput(
        today, database.actor, status.value, action.rag, percent, narrative, source=source
    )
    add_update_in(session, action, entry, actor=database.actor, cause=cause)


def _percent_before_completion(session: Session, action: Action) -> int:
    """The % complete the action had before it was last made complete (from the audit
    log, which records every change): what a sent-back or reopened action goes back to.
    Never 100, which would read as done."""
    found = session.execute(
        select(AuditLog.old_value)
        .where(
            AuditLog.record_type == "action",
            AuditLog.record_id == action.id,
            AuditLog.field == "percent",
            AuditLog.new_value == "100",
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).scalar()
    percent = int(found) if found and found.isdigit() else 0
    return min(percent, 99)


def propose_completion(
    database: Database,
    action_id: int,
    *,
    note: str = "",
    today: date | None = None,
    source: str = "window",
) -> ClosureInfo:
    """A lead says the action is done: Complete, 100%, awaiting verification. Refused
    without evidence, and for an action already proposed or verified."""
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        ref = _ref(session, action)
        if action.closure_state == Closure.VERIFIED and domain.is_complete(action.status):
            raise ValidationError(
                f"Action {ref} is already verified complete; reopen it first to change it."
            )
        if action.closure_state == Closure.PROPOSED and domain.is_complete(action.status):
            raise ValidationError(
                f"Action {ref} is already proposed complete and awaiting verification."
            )
        evidence = count_live_evidence(session, action_id)
        if evidence == 0:
            raise ValidationError(
                f"Action {ref} has no evidence yet: add a file or a link that shows it was "
                "done, then propose it complete."
            )
        words = " ".join((note or "").split())
        narrative = (
            f"Proposed complete with {evidence} piece{'s' if evidence != 1 else ''} of "
            f"evidence; {AWAITING_VERIFICATION} by the programme office."
            + (f" {words}" if words else "")
        )
        _record_update(
            session, database, action, Status.COMPLETE, 100, narrative,
            today or date.today(), source, "closure",
        )  # fmt: skip
        _set_state(session, database, action, Closure.PROPOSED.value, None, "closure")
        return _info(session, action_id)


def verify_completion(database: Database, action_id: int) -> ClosureInfo:
    """The programme office confirms the evidence: the action is Blue."""
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        ref = _ref(session, action)
        _require_programme_office(session, database, "verify completion")
        if action.closure_state != Closure.PROPOSED or not domain.is_complete(action.status):
            state = (
                "already verified"
                if action.closure_state == Closure.VERIFIED
                else "not proposed complete"
            )
            raise ValidationError(
                f"Action {ref} is {state}: only an action its lead has proposed complete "
                "can be verified."
            )
        _set_state(session, database, action, Closure.VERIFIED.value, None, "closure")
        return _info(session, action_id)


def send_back(
    database: Database,
    action_id: int,
    reason: str,
    *,
    today: date | None = None,
    source: str = "window",
) -> ClosureInfo:
    """The programme office is not satisfied: the action goes back to In progress, with
    the reason recorded as an update."""
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        ref = _ref(session, action)
        _require_programme_office(session, database, "send a proposed completion back")
        why = _reason(reason, "sending it back")
        if action.closure_state != Closure.PROPOSED:
            raise ValidationError(
                f"Action {ref} is not awaiting verification: only a proposed completion can "
                "be sent back."
            )
        percent = _percent_before_completion(session, action)
        _set_state(session, database, action, Closure.SENT_BACK.value, why, "closure")
        _record_update(
            session, database, action, Status.IN_PROGRESS, percent,
            f"Sent back by the programme office: {why}", today or date.today(), source, "closure",
        )  # fmt: skip
        return _info(session, action_id)


def reopen(
    database: Database,
    action_id: int,
    reason: str,
    *,
    today: date | None = None,
    source: str = "window",
) -> ClosureInfo:
    """Reopen a complete (or verified) action: back to In progress, with the reason."""
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        ref = _ref(session, action)
        why = _reason(reason, "reopening it")
        if not domain.is_complete(action.status):
            raise ValidationError(
                f"Action {ref} is {action.status}, not complete: there is nothing to reopen."
            )
        percent = _percent_before_completion(session, action)
        _set_state(session, database, action, None, why, "closure")
        _record_update(
            session, database, action, Status.IN_PROGRESS, percent,
            f"Reopened: {why}", today or date.today(), source, "closure",
        )  # fmt: skip
        return _info(session, action_id)


def can_verify(database: Database) -> bool:
    """Whether the acting user is in the programme office."""
    return in_programme_office(programme_office(database), database.actor)
