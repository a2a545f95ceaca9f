"""Reading and changing actions, areas and their updates: the window's and the exports'
way into the data.

Reads return plain frozen rows built in a handful of queries (never a query per row).
Each change is one transaction and returns what it replaced, so the window's undo can
put it back through the same functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import Session

from tracker import domain
from tracker.collector import collector_paused
from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionLead,
    Area,
    AreaLead,
    Person,
    Plan,
    Update,
    Workstream,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes
from tracker.services.people import ensure_people, person_key


class ValidationError(TrackerError):
    """A value the user entered that the tracker cannot accept (says which and why)."""


@dataclass(frozen=True, slots=True)
class WorkstreamInfo:
    id: int
    plan_id: int
    plan_name: str
    tab: str
    title: str
    position: int


@dataclass(frozen=True, slots=True)
class AreaRow:
    id: int
    workstream_id: int
    ref: str
    title: str
    lead_in: str
    lead_text: str
    deadline_text: str
    what_has_changed: str
    plans_in_place: str
    leads: tuple[str, ...]
    position: int


# Not frozen: a frozen dataclass's __init__ goes through object.__setattr__ per field,
# which doubles the time to build 50,000 rows. Treat rows as read-only all the same.
@dataclass(slots=True)
class ActionRow:
    id: int
    area_id: int
    workstream_id: int
    area_ref: str
    label: str
    text: str
    leads: tuple[str, ...]
    deadline_text: str
    lead_text: str
    start: date | None
    due: date | None
    revised_due: date | None
    status: str
    rag: str | None
    percent: int
    needs_review: bool
    review_reason: str | None
    last_update: date | None
    latest_narrative: str
    position: int
    # When the action last changed: part of a status return's fingerprint.
    updated_at: datetime | None = None

    @property
    def ref(self) -> str:
        return f"{self.area_ref} {self.label}".strip()

    @property
    def effective_due(self) -> date | None:
        return domain.effective_due(self.due, self.revised_due)

    def is_overdue(self, today: date) -> bool:
        return domain.is_overdue(self.due, self.revised_due, self.status, today)

    def is_due_within(self, today: date, days: int) -> bool:
        return domain.is_due_within(self.due, self.revised_due, self.status, today, days)

    @property
    def is_slipped(self) -> bool:
        return domain.is_slipped(self.due, self.revised_due)


@dataclass(frozen=True, slots=True)
class UpdateRow:
    id: int
    action_id: int
    date: date
    author: str
    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None
    revision_reason: str | None
    source: str
    recorded_at: datetime | None = None


@dataclass
class PlanSnapshot:
    """Everything the window's tabs show, read in one consistent transaction."""

    workstreams: list[WorkstreamInfo] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)

    def workstreams_for_tab(self, tab: str) -> list[WorkstreamInfo]:
        return [w for w in self.workstreams if w.tab == tab]


@dataclass(frozen=True)
class UpdateInput:
    date: date
    author: str
    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None = None
    revision_reason: str | None = None
    source: str = "window"


@dataclass(frozen=True)
class ActionState:
    """The part of an action an update changes: saved so undo can restore it."""

    status: str
    rag: str | None
    percent: int
    revised_due: date | None


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


def load_snapshot(database: Database) -> PlanSnapshot:
    with collector_paused(), database.read() as session:
        return _snapshot(session)


def _snapshot(session: Session) -> PlanSnapshot:
    snapshot = PlanSnapshot()
    for ws, plan_name in session.execute(
        select(Workstream, Plan.name)
        .join(Plan, Plan.id == Workstream.plan_id)
        .order_by(Workstream.plan_id, Workstream.position)
    ):
        snapshot.workstreams.append(
            WorkstreamInfo(ws.id, ws.plan_id, plan_name, ws.tab, ws.title, ws.position)
        )
    area_leads: dict[int, list[str]] = defaultdict(list)
    for area_id, name in session.execute(
        select(AreaLead.area_id, Person.name)
        .join(Person, Person.id == AreaLead.person_id)
        .order_by(AreaLead.area_id, AreaLead.position)
    ):
        area_leads[area_id].append(name)
    area_columns = (
        Area.id, Area.workstream_id, Area.ref, Area.title, Area.lead_in, Area.lead_text,
        Area.deadline_text, Area.what_has_changed, Area.plans_in_place, Area.position,
    )  # fmt: skip
    area_of: dict[int, tuple[int, str]] = {}
    for (area_id, ws_id, ref, title, lead_in, lead_text, deadline_text, changed, plans,
         position) in session.execute(
        select(*area_columns).order_by(Area.workstream_id, Area.position)
    ):  # fmt: skip
        area_of[area_id] = (ws_id, ref)
        snapshot.areas.append(
            AreaRow(
                area_id,
                ws_id,
                ref,
                title,
                lead_in,
                lead_text,
                deadline_text,
                changed,
                plans,
                tuple(area_leads.get(area_id, ())),
                position,
            )
        )
    # Actions of an area usually share their leads: one tuple per distinct list.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    action_leads: dict[int, tuple[str, ...]] = {}
    current_id, names = None, []
    for action_id, name in session.execute(
        select(ActionLead.action_id, Person.name)
        .join(Person, Person.id == ActionLead.person_id)
        .order_by(ActionLead.action_id, ActionLead.position)
    ):
        if action_id != current_id:
            if current_id is not None:
                action_leads[current_id] = shared.setdefault(tuple(names), tuple(names))
            current_id, names = action_id, []
        names.append(name)
    if current_id is not None:
        action_leads[current_id] = shared.setdefault(tuple(names), tuple(names))
    latest = _latest_updates(session)
    action_columns = (
        Action.id, Action.area_id, Action.label, Action.text, Action.deadline_text,
        Action.lead_text, Action.start_date, Action.due_date, Action.revised_due_date,
        Action.status, Action.rag, Action.percent, Action.needs_review, Action.review_reason,
        Action.position, Action.updated_at,
    )  # fmt: skip
    no_update: tuple[date | None, str] = (None, "")
    for (action_id, area_id, label, text, deadline_text, lead_text, start, due, revised,
         status, rag, percent, needs_review, reason, position, updated_at) in session.execute(
        select(*action_columns).order_by(Action.area_id, Action.position)
    ):  # fmt: skip
        ws_id, ref = area_of[area_id]
        last_date, narrative = latest.get(action_id, no_update)
        snapshot.actions.append(
            ActionRow(action_id, area_id, ws_id, ref, label, text,
                      action_leads.get(action_id, ()), deadline_text, lead_text, start, due,
                      revised, status, rag, percent, needs_review, reason, last_date,
                      narrative, position, updated_at)
        )  # fmt: skip
    return snapshot


def _latest_updates(session: Session) -> dict[int, tuple[date, str]]:
    newest = (
        select(Update.action_id, func.max(Update.id).label("update_id"))
        .group_by(Update.action_id)
        .subquery()
    )
    rows = session.execute(
        select(Update.action_id, Update.date, Update.narrative).join(
            newest, newest.c.update_id == Update.id
        )
    )
    return {action_id: (when, narrative) for action_id, when, narrative in rows}


def load_action(database: Database, action_id: int) -> ActionRow:
    snapshot_rows = [r for r in load_snapshot_for_actions(database, [action_id])]
    if not snapshot_rows:
        raise TrackerError(f"Action {action_id} no longer exists; it may have been deleted.")
    return snapshot_rows[0]


def load_snapshot_for_actions(database: Database, ids: Iterable[int]) -> list[ActionRow]:
    wanted = set(ids)
    return [row for row in load_snapshot(database).actions if row.id in wanted]


def list_updates(database: Database, action_id: int) -> list[UpdateRow]:
    """An action's updates, newest first."""
    with database.read() as session:
        rows = session.execute(
            select(Update)
            .where(Update.action_id == action_id)
            .order_by(Update.date.desc(), Update.id.desc())
        ).scalars()
        return [update_row(u) for u in rows]


def update_row(u: Update) -> UpdateRow:
    """The read-only row for an Update record."""
    return UpdateRow(
        u.id,
        u.action_id,
        u.date,
        u.author,
        u.status,
        u.rag,
        u.percent,
        u.narrative,
        u.revised_due_date,
        u.revision_reason,
        u.source,
        u.recorded_at,
    )


def actions_led_by(database: Database, name: str) -> list[ActionRow]:
    """Every action this person leads, across all plans."""
    with database.read() as session:
        ids = set(
            session.execute(
                select(ActionLead.action_id)
                .join(Person, Person.id == ActionLead.person_id)
                .where(Person.name_key == person_key(name))
            ).scalars()
        )
    return load_snapshot_for_actions(database, ids)


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


def set_action_field(
    database: Database, action_id: int, name: str, value: Any, *, cause: str = "edit"
) -> Any:
    """Change one field of an action; returns the value it replaced."""
    try:
        value = _validate_action_value(name, value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    with database.write() as session:
        action = _get(session, Action, action_id, "Action")
        old = getattr(action, name)
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
        _get(session, Action, action_id, "Action")
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
    database: Database, area_id: int, name: str, value: str, *, cause: str = "edit"
) -> str:
    """Change one text field of an area; returns the value it replaced."""
    if name not in AREA_EDITABLE:
        raise ValidationError(f"The area's {name} cannot be edited.")
    if not isinstance(value, str):
        raise ValidationError(f"{value!r} is not text.")
    with database.write() as session:
        area = _get(session, Area, area_id, "Area")
        old = getattr(area, name)
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
        action = _get(session, Action, action_id, "Action")
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


def validate_update(
    entry: UpdateInput, current_revised_due: date | None, original_due: date | None
) -> UpdateInput:
    """Check an update as a person entered it; returns it tidied, or raises why not."""
    if not entry.author.strip():
        raise ValidationError("An update needs an author: set your name in Preferences.")
    try:
        status = domain.parse_status(entry.status).value
        rag = domain.parse_rag(entry.rag).value if entry.rag else None
        percent = domain.check_percent(int(entry.percent))
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    moved = entry.revised_due is not None and entry.revised_due != (
        current_revised_due or original_due
    )
    reason = (entry.revision_reason or "").strip() or None
    if moved and not reason:
        raise ValidationError(
            "The revised due date moves the deadline: give a reason for the change."
        )
    if status == domain.Status.COMPLETE.value and percent != 100:
        percent = 100 if percent == 0 else percent
    return replace(
        entry,
        author=entry.author.strip(),
        status=status,
        rag=rag,
        percent=percent,
        narrative=entry.narrative.strip(),
        revision_reason=reason if moved else entry.revision_reason,
    )


def add_update(
    database: Database, action_id: int, entry: UpdateInput, *, cause: str = "edit"
) -> tuple[int, ActionState]:
    """Record a progress update and make it the action's current state.

    Returns the new update's id and the action's state before it, for undo.
    """
    with database.write() as session:
        action = _get(session, Action, action_id, "Action")
        return add_update_in(session, action, entry, actor=database.actor, cause=cause)


def add_update_in(
    session: Session, action: Action, entry: UpdateInput, *, actor: str, cause: str
) -> tuple[int, ActionState]:
    """:func:`add_update` inside the caller's transaction (a status return applies many
    updates all or nothing)."""
    entry = validate_update(entry, action.revised_due_date, action.due_date)
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
                "source": entry.source,
                "recorded_at": now,
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
            *_state_changes(action.id, before, after),
        ],
    )
    return update_id, before


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
        row = _get(session, Update, update_id, "Update")
        action = _get(session, Action, row.action_id, "Action")
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
        ),
        cause=cause,
    )
    return update_id


def _get(session: Session, model: type, row_id: int, what: str) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise TrackerError(f"{what} {row_id} no longer exists; it may have been deleted.")
    return row
