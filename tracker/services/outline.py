"""The whole database as nested data: what ``tracker show`` prints, as JSON or text."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Action, ActionLead, Area, AreaLead, Person, Plan, Update, Workstream
from tracker.services.evidence import EvidenceRow, evidence_by_action


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def evidence_json(row: EvidenceRow) -> dict[str, Any]:
    """A piece of evidence as ``tracker show --json`` prints it (a file's bytes stay out)."""
    return {
        "kind": row.kind,
        "description": row.description,
        "name": row.name,
        "url": row.url,
        "media_type": row.media_type,
        "sha256": row.sha256,
        "size": row.size,
        "added_by": row.added_by,
        "added_at": row.added_at.isoformat(),
    }


def area_json(area: Any, leads: list[str], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """An area of ``tracker show --json`` (an ``Area`` or an ``AreaRow``), today or as at."""
    return {
        "id": area.id,
        "ref": area.ref,
        "title": area.title,
        "lead_in": area.lead_in,
        "lead_text": area.lead_text,
        "deadline_text": area.deadline_text,
        "what_has_changed": area.what_has_changed,
        "plans_in_place": area.plans_in_place,
        "leads": leads,
        "actions": actions,
    }


def database_outline(database: Database) -> dict[str, Any]:
    """``{"plans": [...]}`` in the documented shape (see the README), dates ISO or null."""
    with database.read() as session:
        plans = session.execute(select(Plan).order_by(Plan.id)).scalars().all()
        workstreams = (
            session.execute(select(Workstream).order_by(Workstream.plan_id, Workstream.position))
            .scalars()
            .all()
        )
        areas = session.execute(select(Area).order_by(Area.position)).scalars().all()
        actions = session.execute(select(Action).order_by(Action.position)).scalars().all()
        action_leads = session.execute(
            select(ActionLead.action_id, Person.name)
            .join(Person, Person.id == ActionLead.person_id)
            .order_by(ActionLead.action_id, ActionLead.position)
        ).all()
        area_leads = session.execute(
            select(AreaLead.area_id, Person.name, AreaLead.role)
            .join(Person, Person.id == AreaLead.person_id)
            .order_by(AreaLead.area_id, AreaLead.position)
        ).all()
        updates = (
            session.execute(select(Update).order_by(Update.action_id, Update.date, Update.id))
            .scalars()
            .all()
        )
        evidence = evidence_by_action(session)

    leads_by_action: dict[int, list[str]] = defaultdict(list)
    for action_id, name in action_leads:
        leads_by_action[action_id].append(name)
    leads_by_area: dict[int, list[dict[str, str]]] = defaultdict(list)
    for area_id, name, role in area_leads:
        leads_by_area[area_id].append({"name": name, "role": role})
    updates_by_action: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for u in updates:
        updates_by_action[u.action_id].append(
            {
                "date": iso_date(u.date),
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
    for x in actions:
        actions_by_area[x.area_id].append(
            {
                "id": x.id,
                "label": x.label,
                "text": x.text,
                "leads": leads_by_action.get(x.id, []),
                "deadline_text": x.deadline_text,
                "start": iso_date(x.start_date),
                "due": iso_date(x.due_date),
                "revised_due": iso_date(x.revised_due_date),
                "status": x.status,
                "rag": x.rag,
                "percent": x.percent,
                "needs_review": x.needs_review,
                "review_reason": x.review_reason,
                "updates": updates_by_action.get(x.id, []),
                # Dropped by a revised plan: kept with its updates, hidden from the tabs.
                "archived": bool(x.archived),
                "brag": domain.brag(x.status, x.rag, x.closure_state),
                "closure_state": x.closure_state,
                "evidence": [evidence_json(e) for e in evidence.get(x.id, [])],
            }
        )
    areas_by_ws: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in areas:
        areas_by_ws[a.workstream_id].append(
            area_json(a, leads_by_area.get(a.id, []), actions_by_area.get(a.id, []))
        )
    ws_by_plan: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for w in workstreams:
        ws_by_plan[w.plan_id].append(
            {"tab": w.tab, "title": w.title, "areas": areas_by_ws.get(w.id, [])}
        )
    return {
        "plans": [
            {
                "id": p.id,
                "name": p.name,
                "source_file": p.source_file,
                "imported_at": p.imported_at.isoformat(),
                "workstreams": ws_by_plan.get(p.id, []),
            }
            for p in plans
        ]
    }


def format_outline(outline: dict[str, Any]) -> str:
    """A readable outline: plans, workstreams, areas and actions with due dates and flags."""
    lines: list[str] = []
    if not outline["plans"]:
        return "The database holds no plans yet. Import one with: tracker import-plan FILE"
    for plan in outline["plans"]:
        lines.append(f"{plan['name']}  (from {plan['source_file']})")
        for ws in plan["workstreams"]:
            title = ws["title"] if ws["title"] == ws["tab"] else f"{ws['tab']}: {ws['title']}"
            lines.append(f"  {title}")
            for area in ws["areas"]:
                lines.append(f"    {area['ref'] or '(no ref)'}  {_first_line(area['title'])}")
                for x in area["actions"]:
                    due = x["revised_due"] or x["due"] or "no date"
                    flag = f"  [review: {x['review_reason']}]" if x["needs_review"] else ""
                    if x["archived"]:
                        flag += "  [archived]"
                    leads = ", ".join(x["leads"]) or "no lead"
                    lines.append(
                        f"      {x['label']:>5}. {_first_line(x['text'])}  "
                        f"| due {due} | {x['status']} | {leads}{flag}"
                    )
    return "\n".join(lines)


def _first_line(text: str, width: int = 70) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"
