"""The plan as it stood on a past date: what a report made that day would have said.

Progress comes from the updates *dated* on or before the day (an update recorded late but
dated earlier counts from its date; the row keeps when it was recorded). An action's own
fields (text, label, dates, leads, review flag) and an area's are replayed back from the
audit log: the first change recorded after the day's end holds, as its old value, what the
field was that day. Where no update dated by then says otherwise, status, RAG, % complete
and the revised due date are replayed the same way (the values the plan was imported
with, or edited to in place by then).

Areas and actions arrive with their plan's import, which brings in a plan as it already
stood, so they count from any date; only one added afterwards (an audit record ``added``
for it) is left out before the day it was added.

Everything is a few set queries over the whole plan (never one per action), so an as-at
report costs little more than today's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from sqlalchemy import Select, and_, func, select
from sqlmodel import Session

from tracker.db.models import AuditLog, Update
from tracker.domain import Closure
from tracker.services.action_rows import ActionRow, AreaRow, PlanSnapshot

# Fields the audit log records for actions and areas, replayed as they stood.
ACTION_FIELDS = (
    "label",
    "text",
    "start_date",
    "due_date",
    "revised_due_date",
    "status",
    "rag",
    "percent",
    "leads",
    "needs_review",
    "review_reason",
    "closure",  # completion proposed, verified (Blue) or sent back
)
AREA_FIELDS = ("ref", "title", "what_has_changed", "plans_in_place", "lead_in")
# Fields an update sets: from the latest update dated by then, when there is one.
_PROGRESS_FIELDS = frozenset({"status", "rag", "percent"})
_ADDED = ("added", "created")

# (record type, record id, field) -> the value the field had at the end of the day.
Replayed = dict[tuple[str, int, str], str | None]


def end_of_day(day: date) -> datetime:
    """The last instant of ``day`` on this machine's clock (as the board report counts)."""
    return datetime.combine(day, time.max).astimezone()


def apply_history(
    session: Session,
    snapshot: PlanSnapshot,
    as_at: date,
    only_actions: Select[tuple[int]] | None = None,
) -> PlanSnapshot:
    """Turn a present-day snapshot into the snapshot as at the end of ``as_at``."""
    replayed, added_later = _replay(session, end_of_day(as_at))
    latest = _latest_dated(session, as_at, only_actions)
    revised = _latest_revised(session, as_at, only_actions)
    snapshot.areas = [
        _area_then(area, replayed)
        for area in snapshot.areas
        if ("area", area.id) not in added_later
    ]
    kept_areas = {area.id for area in snapshot.areas}
    actions = []
    for row in snapshot.actions:
        if ("action", row.id) in added_later or row.area_id not in kept_areas:
            continue
        _action_then(row, replayed, latest.get(row.id), revised.get(row.id))
        actions.append(row)
    snapshot.actions = actions
    refs = {area.id: area.ref for area in snapshot.areas}
    for row in snapshot.actions:
        row.area_ref = refs[row.area_id]
    return snapshot


def _replay(session: Session, cutoff: datetime) -> tuple[Replayed, set[tuple[str, int]]]:
    """The old value of the first change recorded after ``cutoff`` to each field, and the
    areas and actions added after it."""
    fields = (*ACTION_FIELDS, *AREA_FIELDS, *_ADDED)
    after = and_(
        AuditLog.at > cutoff,
        AuditLog.record_type.in_(("action", "area")),
        AuditLog.field.in_(fields),
    )
    first = (
        select(func.min(AuditLog.id).label("first_id"))
        .where(after)
        .group_by(AuditLog.record_type, AuditLog.record_id, AuditLog.field)
        .subquery()
    )
    rows = session.execute(
        select(AuditLog.record_type, AuditLog.record_id, AuditLog.field, AuditLog.old_value).join(
            first, first.c.first_id == AuditLog.id
        )
    )
    replayed: Replayed = {}
    added_later: set[tuple[str, int]] = set()
    for record_type, record_id, field, old in rows:
        if field in _ADDED:
            added_later.add((record_type, record_id))
        else:
            replayed[(record_type, record_id, field)] = old
    return replayed, added_later


def _dated_by(as_at: date, only: Select[tuple[int]] | None) -> list:
    conditions = [Update.date <= as_at]
    if only is not None:
        conditions.append(Update.action_id.in_(only))
    return conditions


def _latest_dated(
    session: Session, as_at: date, only: Select[tuple[int]] | None
) -> dict[int, tuple[str, str | None, int, date, str, datetime | None]]:
    """Per action, its latest update dated on or before ``as_at`` (latest recorded first
    among updates of one date): status, RAG, %, date, narrative, when recorded."""
    rank = (
        func.row_number()
        .over(partition_by=Update.action_id, order_by=(Update.date.desc(), Update.id.desc()))
        .label("rank")
    )
    ranked = select(Update.id.label("update_id"), rank).where(*_dated_by(as_at, only)).subquery()
    query = select(
        Update.action_id,
        Update.status,
        Update.rag,
        Update.percent,
        Update.date,
        Update.narrative,
        Update.recorded_at,
    ).join(ranked, and_(ranked.c.update_id == Update.id, ranked.c.rank == 1))
    return {row[0]: tuple(row[1:]) for row in session.execute(query)}  # type: ignore[misc]


def _latest_revised(
    session: Session, as_at: date, only: Select[tuple[int]] | None
) -> dict[int, date]:
    """Per action, the revised due date set by its latest update dated by then that set one."""
    rank = (
        func.row_number()
        .over(partition_by=Update.action_id, order_by=(Update.date.desc(), Update.id.desc()))
        .label("rank")
    )
    ranked = (
        select(Update.action_id, Update.revised_due_date.label("revised"), rank)
        .where(*_dated_by(as_at, only), Update.revised_due_date.is_not(None))
        .subquery()
    )
    query = select(ranked.c.action_id, ranked.c.revised).where(ranked.c.rank == 1)
    return {
        action_id: _as_date(revised) if isinstance(revised, str) else revised
        for action_id, revised in session.execute(query)
    }


def _area_then(area: AreaRow, replayed: Replayed) -> AreaRow:
    then = {
        name: replayed[("area", area.id, name)] or ""
        for name in AREA_FIELDS
        if ("area", area.id, name) in replayed
    }
    return replace(area, **then) if then else area


def _action_then(
    row: ActionRow,
    replayed: Replayed,
    latest: tuple[str, str | None, int, date, str, datetime | None] | None,
    revised: date | None,
) -> None:
    for name in ACTION_FIELDS:
        key = ("action", row.id, name)
        if key not in replayed or (latest is not None and name in _PROGRESS_FIELDS):
            continue
        _set_from_text(row, name, replayed[key])
    if revised is not None:
        row.revised_due = revised
    if latest is None:
        row.last_update, row.latest_narrative, row.last_recorded_at = None, "", None
        return
    status, rag, percent, when, narrative, recorded = latest
    row.status, row.rag, row.percent = status, rag, percent
    row.last_update, row.latest_narrative, row.last_recorded_at = when, narrative, recorded


CLOSURE_STATES = frozenset(c.value for c in Closure)

# Row attribute for each audited field whose name differs.
_ROW_NAMES = {
    "start_date": "start",
    "due_date": "due",
    "revised_due_date": "revised_due",
    "closure": "closure_state",
}


def _set_from_text(row: ActionRow, name: str, text: str | None) -> None:
    """Put a value as the audit log wrote it (see ``audit.as_text``) back on the row."""
    value: object
    if name in ("start_date", "due_date", "revised_due_date"):
        value = _as_date(text) if text else None
    elif name == "percent":
        value = int(text) if text else 0
    elif name == "needs_review":
        value = text == "yes"
    elif name == "leads":
        value = _names(text)
    elif name in ("rag", "review_reason"):
        value = text or None
    elif name == "closure":
        # The log also says how a state ended ("reopened", "lapsed"): no state then.
        value = text if text in CLOSURE_STATES else None
    else:
        value = text or ""
    setattr(row, _ROW_NAMES.get(name, name), value)


def _as_date(text: str) -> date:
    return date.fromisoformat(text[:10])


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(name for name in (text or "").split(", ") if name)
