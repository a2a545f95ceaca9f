"""Importing an action-plan workbook: read, recognise, build a draft, save it whole.

Reading and saving are separate steps so the CLI's ``--dry-run`` and the window's
preview show exactly what would be written. Saving is one transaction: a failure or a
cancel at any point leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import Session

from tracker.db.backup import backup_database
from tracker.db.database import Database
from tracker.db.models import Action, ActionLead, Area, AreaLead, Plan, Workstream, utc_now
from tracker.errors import DuplicatePlanError, ImportCancelledError
from tracker.importing.plan_builder import build_plan_draft
from tracker.importing.plan_draft import PlanDraft
from tracker.importing.plan_layout import find_layout
from tracker.importing.workbook_file import WorkbookLimits, read_workbook
from tracker.services.audit import Change, record_changes
from tracker.services.people import ensure_people, person_key

# progress(done, total) -> False to cancel. Called from whatever thread runs the import.
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class ImportResult:
    plan_id: int
    draft: PlanDraft


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_plan(
    path: Path,
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    limits: WorkbookLimits | None = None,
) -> PlanDraft:
    """Read and interpret a workbook without touching any database."""
    sheets = read_workbook(path, limits) if limits else read_workbook(path)
    layout = find_layout(sheets, path.name, mapping)
    title = ": ".join(line for line in layout.title_lines[:2] if line)
    return build_plan_draft(
        layout,
        name=name or title or path.stem,
        source_file=path.name,
        source_sha256=file_sha256(path),
    )


def has_plans(database: Database) -> bool:
    with database.read() as session:
        return session.execute(select(Plan.id).limit(1)).first() is not None


def find_duplicate(session: Session, draft: PlanDraft) -> Plan | None:
    return (
        session.exec(  # type: ignore[call-overload]
            select(Plan).where(Plan.source_sha256 == draft.source_sha256)
        )
        .scalars()
        .first()
    )


def save_plan(
    database: Database,
    draft: PlanDraft,
    *,
    as_new: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the draft as a new plan in one transaction; returns the plan's id."""
    total = len(draft.actions)
    if has_plans(database):
        backup_database(database.path, "before-import")
    with database.write() as session:
        existing = find_duplicate(session, draft)
        if existing is not None and not as_new:
            raise DuplicatePlanError(
                f"{draft.source_file} was already imported as the plan '{existing.name}' "
                f"on {existing.imported_at:%d %b %Y}. Nothing was changed. To import it "
                "again as a separate plan, use --as-new (or 'Import as a new plan')."
            )
        _check(progress, 0, total)
        plan_id = session.execute(
            insert(Plan).returning(Plan.id),
            [
                {
                    "name": draft.name,
                    "source_file": draft.source_file,
                    "source_sha256": draft.source_sha256,
                    "imported_at": utc_now(),
                }
            ],
        ).scalar_one()
        people = ensure_people(
            session,
            [p.name for a in draft.areas for p in a.leads]
            + [n for x in draft.actions for n in x.leads],
        )
        workstream_ids = _insert_returning_ids(
            session,
            Workstream,
            [
                {"plan_id": plan_id, "tab": ws.tab, "title": ws.title, "position": i}
                for i, ws in enumerate(draft.workstreams)
            ],
        )
        areas = [
            (ws_id, a)
            for ws_id, ws in zip(workstream_ids, draft.workstreams, strict=True)
            for a in ws.areas
        ]
        area_ids = _insert_returning_ids(
            session,
            Area,
            [
                {
                    "workstream_id": ws_id,
                    "ref": a.ref,
                    "title": a.title,
                    "what_has_changed": a.what_has_changed,
                    "plans_in_place": a.plans_in_place,
                    "lead_in": a.lead_in,
                    "lead_text": a.lead_text,
                    "deadline_text": a.deadline_text,
                    "position": i,
                    "source_row": None,
                }
                for i, (ws_id, a) in enumerate(areas)
            ],
        )
        area_leads = []
        for area_id, (_ws, area) in zip(area_ids, areas, strict=True):
            seen: set[int] = set()
            for position, lead in enumerate(area.leads):
                person_id = people[person_key(lead.name)]
                if person_id not in seen:
                    seen.add(person_id)
                    area_leads.append(
                        {
                            "area_id": area_id,
                            "person_id": person_id,
                            "role": lead.role,
                            "position": position,
                        }
                    )
        if area_leads:
            session.execute(insert(AreaLead), area_leads)
        _check(progress, 0, total)
        actions = [
            (area_id, x)
            for area_id, (_ws, a) in zip(area_ids, areas, strict=True)
            for x in a.actions
        ]
        now = utc_now()
        done = 0
        for start in range(0, len(actions), 5000):
            batch = actions[start : start + 5000]
            action_ids = _insert_returning_ids(
                session,
                Action,
                [
                    {
                        "area_id": area_id,
                        "position": i,
                        "label": x.label,
                        "text": x.text,
                        "deadline_text": x.deadline_text,
                        "lead_text": x.lead_text,
                        "start_date": x.start,
                        "due_date": x.due,
                        "revised_due_date": None,
                        "status": "Not started",
                        "rag": None,
                        "percent": 0,
                        "needs_review": x.needs_review,
                        "review_reason": x.review_reason,
                        "updated_at": now,
                    }
                    for i, (area_id, x) in enumerate(batch, start=start)
                ],
            )
            links = []
            for action_id, (_area_id, action) in zip(action_ids, batch, strict=True):
                seen = set()
                for position, name in enumerate(action.leads):
                    person_id = people[person_key(name)]
                    if person_id not in seen:
                        seen.add(person_id)
                        links.append(
                            {
                                "action_id": action_id,
                                "person_id": person_id,
                                "position": position,
                                "inherited": action.leads_inherited,
                            }
                        )
            if links:
                session.execute(insert(ActionLead), links)
            done += len(batch)
            _check(progress, done, total)
        # One record for the whole import: it names the file and its content hash, which
        # pins down every row it created.
        record_changes(
            session,
            user=database.actor,
            cause="import",
            changes=[
                Change(
                    "plan",
                    plan_id,
                    "imported",
                    None,
                    f"{draft.name} from {draft.source_file} (sha256 {draft.source_sha256}): "
                    f"{len(draft.workstreams)} workstreams, {len(draft.areas)} areas, "
                    f"{total} actions, {len(draft.flagged())} flagged for review",
                )
            ],
        )
    return plan_id


def import_plan(
    database: Database,
    path: Path,
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    as_new: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    draft = read_plan(path, name=name, mapping=mapping)
    plan_id = save_plan(database, draft, as_new=as_new, progress=progress)
    return ImportResult(plan_id, draft)


def _insert_returning_ids(session: Session, model: type, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
    return list(result.scalars())


def _check(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError("Import cancelled: nothing was changed.")
