"""Reading plans whole: the snapshot the window's tabs and the exports show, and the
same rows for one person's actions.

Rows are built in a handful of queries (never a query per row), in one transaction, so
what is shown is one consistent moment of the file.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Select, func, select
from sqlmodel import Session

from tracker.collector import collector_paused
from tracker.db.database import Database
from tracker.db.models import Action, ActionLead, Area, AreaLead, Person, Plan, Update, Workstream
from tracker.services.action_rows import ActionRow, AreaRow, PlanSnapshot, WorkstreamInfo
from tracker.services.people import person_key
from tracker.services.plan_history import apply_history

# Where an action sits, by area id: the area's workstream id and reference.
AreaPlaces = dict[int, tuple[int, str]]


def load_snapshot(
    database: Database, plan_id: int | None = None, *, as_at: date | None = None
) -> PlanSnapshot:
    """Every plan in the file, or only the plan numbered ``plan_id``; as it stood at the
    end of ``as_at`` when given (see :mod:`tracker.services.plan_history`)."""
    with collector_paused(), database.read() as session:
        return snapshot_in(session, plan_id, as_at=as_at)


def snapshot_in(
    session: Session, plan_id: int | None = None, *, as_at: date | None = None
) -> PlanSnapshot:
    """:func:`load_snapshot` inside the caller's transaction (closing a period reads and
    writes in one)."""
    snapshot = _snapshot(session, plan_id)
    if as_at is not None:
        apply_history(session, snapshot, as_at, plan_action_ids(plan_id))
    return snapshot


def plan_action_ids(plan_id: int | None) -> Select[tuple[int]] | None:
    """A subquery of the plan's action ids (None: every plan's)."""
    if plan_id is None:
        return None
    plan_workstreams = select(Workstream.id).where(Workstream.plan_id == plan_id)
    plan_areas = select(Area.id).where(Area.workstream_id.in_(plan_workstreams))
    return select(Action.id).where(Action.area_id.in_(plan_areas))


def actions_led_by(database: Database, name: str) -> list[ActionRow]:
    """Every action this person leads, across all plans, in the snapshot's order."""
    led = (
        select(ActionLead.action_id)
        .join(Person, Person.id == ActionLead.person_id)
        .where(Person.name_key == person_key(name))
    )
    with database.read() as session:
        places: AreaPlaces = {
            area_id: (ws_id, ref)
            for area_id, ws_id, ref in session.execute(
                select(Area.id, Area.workstream_id, Area.ref).where(
                    Area.id.in_(select(Action.area_id).where(Action.id.in_(led)))
                )
            )
        }
        return _action_rows(session, places, led)


def _snapshot(session: Session, plan_id: int | None = None) -> PlanSnapshot:
    archived = select(Plan.id).where(Plan.archived.is_(True))  # type: ignore[attr-defined]
    snapshot = PlanSnapshot(archived_plans=frozenset(session.execute(archived).scalars()))
    workstreams = (
        select(Workstream, Plan.name)
        .join(Plan, Plan.id == Workstream.plan_id)
        .order_by(Workstream.plan_id, Workstream.position)
    )
    area_leads_query = (
        select(AreaLead.area_id, Person.name)
        .join(Person, Person.id == AreaLead.person_id)
        .order_by(AreaLead.area_id, AreaLead.position)
    )
    area_columns = (
        Area.id, Area.workstream_id, Area.ref, Area.title, Area.lead_in, Area.lead_text,
        Area.deadline_text, Area.what_has_changed, Area.plans_in_place, Area.position,
    )  # fmt: skip
    areas_query = select(*area_columns).order_by(Area.workstream_id, Area.position)
    only_actions: Select[tuple[int]] | None = None
    if plan_id is not None:
        plan_workstreams = select(Workstream.id).where(Workstream.plan_id == plan_id)
        plan_areas = select(Area.id).where(Area.workstream_id.in_(plan_workstreams))
        workstreams = workstreams.where(Workstream.plan_id == plan_id)
        area_leads_query = area_leads_query.where(AreaLead.area_id.in_(plan_areas))
        areas_query = areas_query.where(Area.workstream_id.in_(plan_workstreams))
        only_actions = select(Action.id).where(Action.area_id.in_(plan_areas))
    for ws, plan_name in session.execute(workstreams):
        snapshot.workstreams.append(
            WorkstreamInfo(ws.id, ws.plan_id, plan_name, ws.tab, ws.title, ws.position)
        )
    area_leads: dict[int, list[str]] = defaultdict(list)
    for area_id, name in session.execute(area_leads_query):
        area_leads[area_id].append(name)
    places: AreaPlaces = {}
    for (area_id, ws_id, ref, title, lead_in, lead_text, deadline_text, changed, plans,
         position) in session.execute(areas_query):  # fmt: skip
        places[area_id] = (ws_id, ref)
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
    snapshot.actions = _action_rows(session, places, only_actions)
    return snapshot


def _action_rows(
    session: Session, places: AreaPlaces, only: Select[tuple[int]] | None = None
) -> list[ActionRow]:
    """The actions (only those whose ids ``only`` selects, if given), by area and
    position, with their leads and latest update."""
    leads_query = (
        select(ActionLead.action_id, Person.name)
        .join(Person, Person.id == ActionLead.person_id)
        .order_by(ActionLead.action_id, ActionLead.position)
    )
    action_columns = (
        Action.id, Action.area_id, Action.label, Action.text, Action.deadline_text,
        Action.lead_text, Action.start_date, Action.due_date, Action.revised_due_date,
        Action.status, Action.rag, Action.percent, Action.needs_review, Action.review_reason,
        Action.position, Action.updated_at, Action.closure_state,
    )  # fmt: skip
    # Archived actions (dropped by a revised plan) are kept, but not shown or reported.
    actions_query = (
        select(*action_columns)
        .where(Action.archived.is_(False))  # type: ignore[attr-defined]
        .order_by(Action.area_id, Action.position)
    )
    if only is not None:
        leads_query = leads_query.where(ActionLead.action_id.in_(only))
        actions_query = actions_query.where(Action.id.in_(only))
    # Actions of an area usually share their leads: one tuple per distinct list.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    action_leads: dict[int, tuple[str, ...]] = {}
    current_id, names = None, []
    for action_id, name in session.execute(leads_query):
        if action_id != current_id:
            if current_id is not None:
                action_leads[current_id] = shared.setdefault(tuple(names), tuple(names))
            current_id, names = action_id, []
        names.append(name)
    if current_id is not None:
        action_leads[current_id] = shared.setdefault(tuple(names), tuple(names))
    latest = _latest_updates(session, only)
    no_update: tuple[date | None, str] = (None, "")
    rows = []
    for (action_id, area_id, label, text, deadline_text, lead_text, start, due, revised,
         status, rag, percent, needs_review, reason, position, updated_at,
         closure_state) in session.execute(
        actions_query
    ):  # fmt: skip
        ws_id, ref = places[area_id]
        last_date, narrative = latest.get(action_id, no_update)
        rows.append(
            ActionRow(action_id, area_id, ws_id, ref, label, text,
                      action_leads.get(action_id, ()), deadline_text, lead_text, start, due,
                      revised, status, rag, percent, needs_review, reason, last_date,
                      narrative, position, updated_at, closure_state=closure_state)
        )  # fmt: skip
    return rows


def _latest_updates(
    session: Session, only: Select[tuple[int]] | None = None
) -> dict[int, tuple[date, str]]:
    newest = select(Update.action_id, func.max(Update.id).label("update_id")).group_by(
        Update.action_id
    )
    if only is not None:
        newest = newest.where(Update.action_id.in_(only))
    latest = newest.subquery()
    rows = session.execute(
        select(Update.action_id, Update.date, Update.narrative).join(
            latest, latest.c.update_id == Update.id
        )
    )
    return {action_id: (when, narrative) for action_id, when, narrative in rows}
