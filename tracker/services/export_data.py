"""What the exports read beyond the plan snapshot: the plan to export, the latest reason
given for each revised date, and the updates recorded in a period.

Each is one query over the whole plan (never one per action).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select

from tracker.db.database import Database
from tracker.db.models import Action, Area, Update, Workstream
from tracker.errors import TrackerError
from tracker.services.action_rows import PlanSnapshot, UpdateRow, update_row


@dataclass(frozen=True)
class PlanChoice:
    id: int
    name: str


def choose_plan(snapshot: PlanSnapshot, wanted: str | int | None = None) -> PlanChoice:
    """The plan to export: the only live one, or the one named or numbered by ``wanted``.

    Archived plans are not counted when none is named, but can still be named.
    """
    plans: dict[int, str] = {}
    for ws in snapshot.workstreams:
        plans.setdefault(ws.plan_id, ws.plan_name)
    if not plans:
        raise TrackerError(
            "The database holds no plan yet: import one with `tracker import-plan FILE` first."
        )
    if wanted is None or wanted == "":
        live = {pid: name for pid, name in plans.items() if pid not in snapshot.archived_plans}
        if len(live) == 1:
            ((plan_id, name),) = live.items()
            return PlanChoice(plan_id, name)
        if not live:
            raise TrackerError(
                f"Every plan in the database is archived; choose one with --plan ID "
                f"({_listing(plans)})."
            )
        raise TrackerError(
            f"The database holds {len(live)} plans; choose one with --plan ID ({_listing(live)})."
        )
    text = str(wanted).strip()
    if text.isdigit() and int(text) in plans:
        return PlanChoice(int(text), plans[int(text)])
    matches = [(pid, name) for pid, name in plans.items() if name.casefold() == text.casefold()]
    if len(matches) == 1:
        return PlanChoice(*matches[0])
    if matches:
        raise TrackerError(
            f"{len(matches)} plans are called {text!r}; choose one by number with --plan ID "
            f"({_listing(dict(matches))})."
        )
    raise TrackerError(f"No plan is called or numbered {text!r}; the plans are: {_listing(plans)}.")


def _listing(plans: dict[int, str]) -> str:
    return "; ".join(f"{pid}: {name}" for pid, name in plans.items())


def plan_only(snapshot: PlanSnapshot, plan_id: int) -> PlanSnapshot:
    """The part of a snapshot that belongs to one plan."""
    ws_ids = {w.id for w in snapshot.workstreams if w.plan_id == plan_id}
    return PlanSnapshot(
        workstreams=[w for w in snapshot.workstreams if w.id in ws_ids],
        areas=[a for a in snapshot.areas if a.workstream_id in ws_ids],
        actions=[x for x in snapshot.actions if x.workstream_id in ws_ids],
    )


def latest_reasons(
    database: Database, plan_id: int, *, as_at: date | None = None
) -> dict[int, tuple[str, date]]:
    """For each action, the newest reason given for changing its due date, and its date
    (among updates dated by ``as_at``, when given)."""
    has_reason = and_(Update.revision_reason.is_not(None), Update.revision_reason != "")
    if as_at is not None:
        has_reason = and_(has_reason, Update.date <= as_at)
    newest = (
        select(Update.action_id, func.max(Update.id).label("update_id"))
        .join(Action, Action.id == Update.action_id)
        .join(Area, Area.id == Action.area_id)
        .join(Workstream, Workstream.id == Area.workstream_id)
        .where(Workstream.plan_id == plan_id, has_reason)
        .group_by(Update.action_id)
        .subquery()
    )
    query = select(Update.action_id, Update.revision_reason, Update.date).join(
        newest, newest.c.update_id == Update.id
    )
    with database.read() as session:
        return {aid: (reason, when) for aid, reason, when in session.execute(query)}


def updates_recorded(
    database: Database, plan_id: int, since: datetime | None, until: datetime | None
) -> list[UpdateRow]:
    """Updates to the plan's actions recorded after ``since`` and up to ``until``."""
    query = (
        select(Update)
        .join(Action, Action.id == Update.action_id)
        .join(Area, Area.id == Action.area_id)
        .join(Workstream, Workstream.id == Area.workstream_id)
        .where(Workstream.plan_id == plan_id, Action.archived.is_(False))  # type: ignore[attr-defined]
        .order_by(Update.recorded_at, Update.id)
    )
    # Timestamps are stored as UTC ISO text of one fixed width, so text order is time order.
    if since is not None:
        query = query.where(Update.recorded_at > since)
    if until is not None:
        query = query.where(Update.recorded_at <= until)
    with database.read() as session:
        rows = [update_row(u) for u in session.execute(query).scalars()]
    return rows
