"""Exporting status returns: choose the plan, plan one return per workstream (or per lead),
and have :mod:`tracker.excel.status_returns` write them, signed with this database's key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.collector import collector_paused
from tracker.db.database import Database
from tracker.excel import return_layout as layout
from tracker.excel.safe_cells import clean_text
from tracker.excel.status_returns import (
    CONTACT_LIMIT,
    PlannedReturn,
    Sending,
    StatusReturnsData,
    write_status_returns,
)
from tracker.services.action_rows import ActionRow, PlanSnapshot
from tracker.services.database_settings import return_secret
from tracker.services.export_data import choose_plan, plan_only
from tracker.services.people import person_key
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.returns_chasing import SentReturn, record_returns_sent

BY_CHOICES = ("workstream", "lead")


@dataclass(frozen=True)
class ReturnFile:
    """One exported return, for the CLI and the window to list."""

    path: Path
    scope: layout.Scope
    for_whom: str
    actions: int
    return_id: str


@collector_paused()
def export_status_returns(
    database: Database,
    folder: Path,
    *,
    by: str = "workstream",
    plan: str | int | None = None,
    today: date | None = None,
    due_back: date | None = None,
    contact: str = "",
) -> list[ReturnFile]:
    """Write one return per workstream (or lead) into ``folder``; all appear or none.

    ``due_back`` and ``contact`` (when it is due back, to whom) are shown on each return.
    """
    today = today or date.today()
    sending = Sending(due_back, clean_text(" ".join(contact.split()))[:CONTACT_LIMIT])
    whole = load_snapshot(database)
    chosen = choose_plan(whole, plan)
    snapshot = plan_only(whole, chosen.id)
    planned, _orphans = plan_returns(snapshot, by)
    data = StatusReturnsData(
        plan_id=chosen.id,
        plan_name=chosen.name,
        planned=planned,
        secret=return_secret(database),
        author=database.actor,
        today=today,
        sending=sending,
    )
    files = [
        ReturnFile(
            written.path,
            written.planned.scope,
            written.planned.for_whom,
            len(written.planned.actions),
            written.return_id,
        )
        for written in write_status_returns(folder, data)
    ]
    # What went to whom and when it is due back, so the returns can be chased.
    record_returns_sent(
        database,
        chosen.id,
        [SentReturn(f.return_id, f.scope.text, _sent_to(f), f.path.name, f.actions) for f in files],
        sent_on=today,
        due_back=due_back,
        contact=sending.contact,
    )
    return files


def _sent_to(item: ReturnFile) -> str:
    """Whom a return went to, as the Returns view lists it: the lead, or the workstream
    and its leads."""
    if item.scope.kind == "lead" or item.for_whom == item.scope.label:
        return item.for_whom
    return f"{item.scope.label} ({item.for_whom})"


def unassigned_actions(database: Database, plan: str | int | None = None) -> list[ActionRow]:
    """Actions with no lead: in no return when returns go out by lead."""
    whole = load_snapshot(database)
    snapshot = plan_only(whole, choose_plan(whole, plan).id)
    return plan_returns(snapshot, "lead")[1]


def plan_returns(snapshot: PlanSnapshot, by: str) -> tuple[list[PlannedReturn], list[ActionRow]]:
    """The returns to send (scope, for whom, actions) and the actions in none of them."""
    if by not in BY_CHOICES:
        raise ValueError(f"by must be one of {BY_CHOICES}, not {by!r}")
    planned: list[PlannedReturn] = []
    if by == "workstream":
        by_ws: dict[int, list[ActionRow]] = defaultdict(list)
        for x in snapshot.actions:
            by_ws[x.workstream_id].append(x)
        area_leads = {area.id: area.leads for area in snapshot.areas}
        for ws in snapshot.workstreams:
            if by_ws[ws.id]:
                scope = layout.Scope("workstream", str(ws.id), ws.title)
                leads = _leads_of(by_ws[ws.id], area_leads)
                for_whom = ", ".join(leads) if leads else f"{ws.title} workstream"
                planned.append(PlannedReturn(scope, for_whom, by_ws[ws.id], leads))
        return planned, []
    by_lead: dict[str, list[ActionRow]] = defaultdict(list)
    names: dict[str, str] = {}
    orphans = []
    for x in snapshot.actions:
        keys = {person_key(n): n for n in x.leads if n.strip()}
        if not keys:
            orphans.append(x)
        for key, name in keys.items():
            names.setdefault(key, name)
            by_lead[key].append(x)
    for key in sorted(by_lead, key=lambda k: names[k].casefold()):
        scope = layout.Scope("lead", key, names[key])
        planned.append(PlannedReturn(scope, names[key], by_lead[key], (names[key],)))
    return planned, orphans


def _leads_of(actions: list[ActionRow], area_leads: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """Everyone who leads one of these actions, once each, in the actions' order."""
    seen: dict[str, str] = {}
    for x in actions:
        for name in x.leads or area_leads.get(x.area_id, ()):
            if name.strip():
                seen.setdefault(person_key(name), name)
    return tuple(seen.values())


def in_scope(scope_text: str, action: ActionRow) -> bool:
    """Is this action (as it is now) inside the scope a return was exported for?"""
    kind, _, key = scope_text.partition(":")
    if kind == "workstream":
        return str(action.workstream_id) == key
    if kind == "lead":
        return any(person_key(name) == key for name in action.leads)
    return False
