"""The plan as ``tracker show --json --as-at DATE`` prints it: the documented outline's
shape, with every figure as it stood at the end of that date.

Actions and areas carry their fields as they stood then; an action's updates are those
dated on or before the date (each says when it was recorded, so an update recorded late
is visible as such); each plan carries its figures (by status, by RAG, overdue) so two
reports can be compared figure by figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import AreaLead, Person, Plan, Update
from tracker.services.action_rows import ActionRow
from tracker.services.outline import area_json, iso_date
from tracker.services.plan_snapshot import load_snapshot


def outline_as_at(database: Database, as_at: date) -> dict[str, Any]:
    """``{"as_at": ..., "plans": [...]}``: the database as it stood at the end of ``as_at``."""
    snapshot = load_snapshot(database, as_at=as_at)
    with database.read() as session:
        plans = session.execute(select(Plan).order_by(Plan.id)).scalars().all()
        area_leads = session.execute(
            select(AreaLead.area_id, Person.name, AreaLead.role)
            .join(Person, Person.id == AreaLead.person_id)
            .order_by(AreaLead.area_id, AreaLead.position)
        ).all()
        updates = (
            session.execute(
                select(Update)
                .where(Update.date <= as_at)
                .order_by(Update.action_id, Update.date, Update.id)
            )
            .scalars()
            .all()
        )
    leads_by_area: dict[int, list[dict[str, str]]] = defaultdict(list)
    for area_id, name, role in area_leads:
        leads_by_area[area_id].append({"name": name, "role": role})
    updates_by_action: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for u in updates:
        updates_by_action[u.action_id].append(
            {
                "date": iso_date(u.date),
                "recorded_at": u.recorded_at.isoformat(),
                "author": u.author,
                "status": u.status,
                "rag": u.rag,
                "percent": u.percent,
                "narrative": u.narrative,
                "revised_due": iso_date(u.revised_due_date),
                "revision_reason": u.revision_reason,
            }
        )
    actions_by_area: dict[int, list[dict[str, Any]]] = defaultdict(list)
    figures_by_ws: dict[int, Counter[str]] = defaultdict(Counter)
    for x in snapshot.actions:
        actions_by_area[x.area_id].append(_action(x, as_at, updates_by_action.get(x.id, [])))
        _count(figures_by_ws[x.workstream_id], x, as_at)
    areas_by_ws: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in snapshot.areas:
        areas_by_ws[a.workstream_id].append(
            area_json(a, leads_by_area.get(a.id, []), actions_by_area.get(a.id, []))
        )
    ws_by_plan: dict[int, list[dict[str, Any]]] = defaultdict(list)
    totals: dict[int, Counter[str]] = defaultdict(Counter)
    for w in snapshot.workstreams:
        figures = figures_by_ws.get(w.id, Counter())
        totals[w.plan_id].update(figures)
        ws_by_plan[w.plan_id].append(
            {
                "tab": w.tab,
                "title": w.title,
                "figures": dict(sorted(figures.items())),
                "areas": areas_by_ws.get(w.id, []),
            }
        )
    return {
        "as_at": as_at.isoformat(),
        "plans": [
            {
                "id": p.id,
                "name": p.name,
                "source_file": p.source_file,
                "imported_at": p.imported_at.isoformat(),
                "figures": dict(sorted(totals.get(p.id, Counter()).items())),
                "workstreams": ws_by_plan.get(p.id, []),
            }
            for p in plans
        ],
    }


def _count(figures: Counter[str], x: ActionRow, as_at: date) -> None:
    figures["actions"] += 1
    figures[f"status: {x.status}"] += 1
    figures[f"rag: {x.rag or 'none'}"] += 1
    figures["overdue"] += x.is_overdue(as_at)
    figures["slipped"] += x.is_slipped


def _action(x: ActionRow, as_at: date, updates: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": x.id,
        "ref": x.ref,
        "label": x.label,
        "text": x.text,
        "leads": list(x.leads),
        "deadline_text": x.deadline_text,
        "start": iso_date(x.start),
        "due": iso_date(x.due),
        "revised_due": iso_date(x.revised_due),
        "status": x.status,
        "rag": x.rag,
        "percent": x.percent,
        "overdue": x.is_overdue(as_at),
        "needs_review": x.needs_review,
        "review_reason": x.review_reason,
        "last_update": iso_date(x.last_update),
        "latest_narrative": x.latest_narrative,
        "last_recorded_at": x.last_recorded_at.isoformat() if x.last_recorded_at else None,
        "updates": updates,
    }
