"""Changing actions and areas in place: one field, an action's leads, its review flag.

Each change is one transaction, recorded in the audit log, and returns what it replaced,
so the window's undo can put it back through the same function.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Action, ActionLead, Area, Person, utc_now
from tracker.errors import TrackerError
from tracker.rag_rule import calculated_rag, is_greener
from tracker.services.audit import Change, record_changes
from tracker.services.edit_conflicts import UNSEEN, check_not_changed
from tracker.services.people import ensure_people, person_key
from tracker.services.plan_rule_reading import action_plan_rule_in


class ValidationError(TrackerError):
    """A value the user entered that the tracker cannot accept (says which and why)."""


# Fields of an action a person may edit in place, with their Python types.
ACTION_EDITABLE: dict[str, type | tuple[type, ...]] = {
    "label": str,
    "text": str,
    "start_date": (date, type(None)),
    "due_date": (date, type(None)),
    "revised_due_date": (date, type(None)),
    "status": str,
    "rag": (str, type(None)),
    "percent": int,
}
AREA_EDITABLE = ("ref", "title", "what_has_changed", "plans_in_place", "lead_in")


def existing(session: Session, model: type, row_id: int, what: str) -> Any:
    """The row with this id, or a message that it has gone (another window deleted it)."""
    row = session.get(model, row_id)
    if row is None:
        raise TrackerError(f"{what} {row_id} no longer exists; it may have been deleted.")
    return row


COMPLETE_MEANS_100 = (
    "Status is Complete but % complete is {percent}: Complete means 100. Set % complete "
    "to 100, or choose another status such as In progress."
)


def complete_problem(status: str, percent: int) -> str | None:
    """Why a status and percent contradict each other (Complete means 100), or None.

    The one place this rule lives: updates, status returns and in-place edits all ask it.
    """
    if status == domain.Status.COMPLETE.value and percent != 100:
        return COMPLETE_MEANS_100.format(percent=percent)
    return None


def _validate_action_value(name: str, value: Any) -> Any:
    if name not in ACTION_EDITABLE:
        raise ValidationError(f"The action's {name} cannot be edited.")
    if not isinstance(value, ACTION_EDITABLE[name]):
        raise ValidationError(f"{value!r} is not a valid {name.replace('_', ' ')}.")
    if name == "status":
        return domain.parse_status(value).value if value else domain.Status.NOT_STARTED.value
    if name == "rag":
        return domain.parse_rag(value).value if value else None
    if name == "percent":
        try:
            return domain.check_percent(value)
        except ValueError as exc:
            raise ValidationError(str(exc).capitalize() + ".") from exc
    if name in ("text", "label"):
        return value.strip()
    return value


def greener_rag_problem(session: Session, action: Action, rag: str | None) -> str | None:
    """Why a RAG set straight on the action cannot be taken: greener than the calculated
    one, it needs a reason, which only an update (Add update, a status return) records."""
    if not rag:
        return None
    calculated, why = calculated_rag(
        action.start_date,
        action.due_date,
        action.revised_due_date,
        action.status,
        action.percent,
        date.today(),
        action_plan_rule_in(session, action.id),
    )
    if not is_greener(rag, calculated):
        return None
    return (
        f"{domain.parse_rag(rag).label} is greener than the calculated "
        f"{domain.parse_rag(calculated or '').label} ({why}): record it with Add update "
        "(Ctrl+U), which asks for the reason."
    )


def set_action_field(
    database: Database,
    action_id: int,
    name: str,
    value: Any,
    *,
    cause: str = "edit",
    seen: Any = UNSEEN,
    read_version: int | None = None,
) -> Any:
    """Change one field of an action; returns the value it replaced.

    ``seen`` (the value the person saw) and ``read_version`` (the action's version they
    read) make an edit over someone else's unseen change an :class:`EditConflictError`.
    """
    try:
        value = _validate_action_value(name, value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        old = getattr(action, name)
        check_not_changed(
            session,
            record_type="action",
            record_id=action_id,
            field=name,
            label=name.replace("_", " "),
            current=old,
            version=action.version,
            mine=value,
            seen=seen,
            read_version=read_version,
        )
        # Undo puts back a state the action was in, even one stored before this rule.
        if name in ("status", "percent") and old != value and cause != "undo":
            status = value if name == "status" else action.status
            percent = value if name == "percent" else action.percent
            problem = complete_problem(status, percent)
            if problem:
                raise ValidationError(problem)
            if name == "status" and domain.leaves_verified_completion(
                action.closure_state, old, value
            ):
                raise ValidationError(
                    f"This action is {action.closure_state} complete with its evidence: "
                    "use Reopen… to take it back, with a reason."
                )
        if name == "rag" and old != value and cause != "undo":
            problem = greener_rag_problem(session, action, value)
            if problem:
                raise ValidationError(problem)
        if old != value:
            session.execute(
                update(Action)
                .where(Action.id == action_id)
                .values({name: value, "updated_at": utc_now()})
            )
            record_changes(
                session,
                user=database.actor,
                cause=cause,
                changes=[Change("action", action_id, name, old, value)],
            )
    return old


def set_action_leads(
    database: Database, action_id: int, names: Sequence[str], *, cause: str = "edit"
) -> list[str]:
    """Replace an action's leads with these people; returns the previous names."""
    with database.write() as session:
        existing(session, Action, action_id, "Action")
        old = list(
            session.execute(
                select(Person.name)
                .join(ActionLead, ActionLead.person_id == Person.id)
                .where(ActionLead.action_id == action_id)
                .order_by(ActionLead.position)
            ).scalars()
        )
        ids = ensure_people(session, names)
        session.execute(delete(ActionLead).where(ActionLead.action_id == action_id))
        rows, seen = [], set()
        for position, name in enumerate(names):
            person_id = ids.get(person_key(name))
            if person_id is not None and person_id not in seen:
                seen.add(person_id)
                rows.append(
                    {
                        "action_id": action_id,
                        "person_id": person_id,
                        "position": position,
                        "inherited": False,
                    }
                )
        if rows:
            session.execute(insert(ActionLead), rows)
        session.execute(update(Action).where(Action.id == action_id).values(updated_at=utc_now()))
        record_changes(
            session,
            user=database.actor,
            cause=cause,
            changes=[Change("action", action_id, "leads", old, list(names))],
        )
    return old


def set_area_field(
    database: Database,
    area_id: int,
    name: str,
    value: str,
    *,
    cause: str = "edit",
    seen: Any = UNSEEN,
    read_version: int | None = None,
) -> str:
    """Change one text field of an area; returns the value it replaced (``seen`` and
    ``read_version`` as for :func:`set_action_field`)."""
    if name not in AREA_EDITABLE:
        raise ValidationError(f"The area's {name} cannot be edited.")
    if not isinstance(value, str):
        raise ValidationError(f"{value!r} is not text.")
    with database.write() as session:
        area = existing(session, Area, area_id, "Area")
        old = getattr(area, name)
        check_not_changed(
            session,
            record_type="area",
            record_id=area_id,
            field=name,
            label=name.replace("_", " "),
            current=old,
            version=area.version,
            mine=value,
            seen=seen,
            read_version=read_version,
        )
        if old != value:
            session.execute(update(Area).where(Area.id == area_id).values({name: value}))
            record_changes(
                session,
                user=database.actor,
                cause=cause,
                changes=[Change("area", area_id, name, old, value)],
            )
    return old


def set_review(
    database: Database,
    action_id: int,
    needs_review: bool,
    reason: str | None,
    *,
    cause: str = "edit",
) -> tuple[bool, str | None]:
    """Mark an action reviewed (or flag it again); returns the previous flag and reason."""
    with database.write() as session:
        action = existing(session, Action, action_id, "Action")
        old = (action.needs_review, action.review_reason)
        session.execute(
            update(Action)
            .where(Action.id == action_id)
            .values(needs_review=needs_review, review_reason=reason, updated_at=utc_now())
        )
        record_changes(
            session,
            user=database.actor,
            cause=cause,
            changes=[
                Change("action", action_id, "needs_review", old[0], needs_review),
                Change("action", action_id, "review_reason", old[1], reason),
            ],
        )
    return old
