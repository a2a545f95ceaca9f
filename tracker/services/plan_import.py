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
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, text, true
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, SQLModel

from tracker.collector import collector_paused
from tracker.db.backup import backup_database
from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionLead,
    Area,
    AreaLead,
    Plan,
    Workstream,
    utc_now,
)
from tracker.domain import Status
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
    with collector_paused():
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
    with collector_paused(), database.write() as session:
        existing = find_duplicate(session, draft)
        if existing is not None and not as_new:
            raise DuplicatePlanError(
                f"{draft.source_file} was already imported as the plan '{existing.name}' "
                f"on {existing.imported_at:%d %b %Y}. Nothing was changed. To import it "
                "again as a separate plan, use --as-new (or 'Import as a new plan')."
            )
        _check(progress, 0, total)
        connection = session.connection()
        deferred = drop_indexes_if_bulk(connection, total)
        now = utc_now()
        plan_id = connection.execute(
            insert(Plan).returning(Plan.id),
            {
                "name": draft.name,
                "source_file": draft.source_file,
                "source_sha256": draft.source_sha256,
                "imported_at": now,
            },
        ).scalar_one()
        people = ensure_people(
            session,
            [p.name for a in draft.areas for p in a.leads]
            + [n for x in draft.actions for n in x.leads],
        )
        resolve_leads = _LeadResolver(people)
        workstream_id = inserted_ids(
            connection,
            Workstream,
            (Workstream.position,),
            [
                {"plan_id": plan_id, "tab": ws.tab, "title": ws.title, "position": i}
                for i, ws in enumerate(draft.workstreams)
            ],
        )
        areas = [
            (workstream_id[i,], area) for i, ws in enumerate(draft.workstreams) for area in ws.areas
        ]
        area_id = inserted_ids(
            connection,
            Area,
            (Area.position,),
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
                }
                for i, (ws_id, a) in enumerate(areas)
            ],
        )
        area_ids = [area_id[i,] for i in range(len(areas))]
        area_lead_ids = {
            area_id: resolve_leads([(p.name, p.role) for p in area.leads])
            for area_id, (_ws, area) in zip(area_ids, areas, strict=True)
        }
        area_lead_rows = [
            {"area_id": area_id, "person_id": person_id, "role": role, "position": position}
            for area_id, leads in area_lead_ids.items()
            for position, (person_id, role) in enumerate(leads)
        ]
        if area_lead_rows:
            connection.execute(insert(AreaLead), area_lead_rows)
        area_person_ids = {
            area_id: tuple(person_id for person_id, _role in leads)
            for area_id, leads in area_lead_ids.items()
        }
        actions = [
            (area_id, position, action)
            for area_id, (_ws, area) in zip(area_ids, areas, strict=True)
            for position, action in enumerate(area.actions)
        ]
        not_started = Status.NOT_STARTED.value
        done = 0
        for start in range(0, len(actions), _BATCH):
            batch = actions[start : start + _BATCH]
            action_id = inserted_ids(
                connection,
                Action,
                (Action.area_id, Action.position),
                [
                    {
                        "area_id": area_id,
                        "position": position,
                        "label": x.label,
                        "text": x.text,
                        "deadline_text": x.deadline_text,
                        "lead_text": x.lead_text,
                        "start_date": x.start,
                        "due_date": x.due,
                        "status": not_started,
                        "percent": 0,
                        "needs_review": bool(x.review_reasons),
                        "review_reason": "; ".join(x.review_reasons) or None,
                        "updated_at": now,
                    }
                    for area_id, position, x in batch
                ],
            )
            # Most actions take their area's leads: those rows are copied from area_lead
            # inside SQLite, a run of consecutive actions at a time; the rest are sent.
            own_leads: list[dict[str, int | bool]] = []
            inheriting = _IdRuns()
            for area_id, position, x in batch:
                new_id = action_id[area_id, position]
                person_ids = resolve_leads.names(x.leads)
                if x.leads_inherited and person_ids == area_person_ids[area_id]:
                    inheriting.add(new_id)
                else:
                    own_leads += [
                        {
                            "action_id": new_id,
                            "person_id": person_id,
                            "position": lead_position,
                            "inherited": x.leads_inherited,
                        }
                        for lead_position, person_id in enumerate(person_ids)
                    ]
            if own_leads:
                connection.execute(insert(ActionLead), own_leads)
            if inheriting.runs:
                connection.execute(
                    _COPY_AREA_LEADS,
                    [{"first": first, "last": last} for first, last in inheriting.runs],
                )
            done += len(batch)
            _check(progress, done, total)
        rebuild_indexes(connection, deferred)
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


_BATCH = 5000  # actions per insert: progress (and cancel) is checked between batches
# Below this, rebuilding indexes saves less than a blink; row-by-row upkeep is simpler.
_BULK_INDEX_MIN_ACTIONS = 1000

# Gives each action whose id is in [first, last] its area's leads, in the same order, as
# inherited.
_COPY_AREA_LEADS = insert(ActionLead).from_select(
    ["action_id", "person_id", "position", "inherited"],
    select(Action.id, AreaLead.person_id, AreaLead.position, true())
    .join(AreaLead, AreaLead.area_id == Action.area_id)
    .where(Action.id.between(bindparam("first"), bindparam("last"))),
)


def inserted_ids(
    connection: Connection,
    model: type[SQLModel],
    key: tuple[InstrumentedAttribute[Any], ...],
    rows: list[dict[str, Any]],
) -> dict[tuple[Any, ...], int]:
    """Insert the rows in one executemany; returns the id the database gave each, found
    by ``key``, columns whose values are unique among the rows.

    RETURNING gives each new id with its row's key: SQLite does not promise the order of
    the returned rows, and asking SQLAlchemy to sort them back into the order of the rows
    sent (``sort_by_parameter_order``) would make it send them one statement per row.
    """
    if not rows:
        return {}
    result = connection.execute(insert(model).returning(*key, model.id), rows)  # type: ignore[attr-defined]
    return {tuple(row_key): row_id for *row_key, row_id in result}


def drop_indexes_if_bulk(connection: Connection, incoming_actions: int) -> list[str]:
    """Drop the secondary indexes of the tables an import fills, when it brings at least
    as many actions as the database holds; returns their definitions.

    Building an index once over all rows (a sort) is faster than keeping it up to date row
    by row, but rebuilding also reads the rows already there, so it pays only for a big
    import into a small database. The drop happens inside the import's transaction: if
    the import fails or is cancelled, the rollback brings the indexes back with
    everything else.
    """
    held = connection.execute(select(func.count()).select_from(Action)).scalar_one()
    if incoming_actions < max(held, _BULK_INDEX_MIN_ACTIONS):
        return []
    # The indexes as the file has them (the schema's and any a migration made), read
    # from SQLite's catalogue so each comes back exactly as it was.
    indexes = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('action', 'action_lead', 'area', 'area_lead') ORDER BY name"
        )
    ).all()
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in indexes]


def rebuild_indexes(connection: Connection, definitions: list[str]) -> None:
    for sql in definitions:
        connection.exec_driver_sql(sql)


class _LeadResolver:
    """Person ids for a list of lead names, in order, each once (a name can appear twice
    in a lead cell). The actions of an area share their leads, so each distinct list is
    resolved once per import."""

    def __init__(self, people: dict[str, int]) -> None:
        self.people = people
        self.resolved: dict[tuple[tuple[str, str], ...], tuple[tuple[int, str], ...]] = {}
        self.resolved_names: dict[tuple[str, ...], tuple[int, ...]] = {}

    def __call__(self, names_and_roles: list[tuple[str, str]]) -> tuple[tuple[int, str], ...]:
        key = tuple(names_and_roles)
        found = self.resolved.get(key)
        if found is None:
            seen: set[int] = set()
            ids = []
            for name, role in key:
                person_id = self.people[person_key(name)]
                if person_id not in seen:
                    seen.add(person_id)
                    ids.append((person_id, role))
            found = self.resolved[key] = tuple(ids)
        return found

    def names(self, names: list[str]) -> tuple[int, ...]:
        """Just the ids, for action leads, which have no role."""
        key = tuple(names)
        found = self.resolved_names.get(key)
        if found is None:
            found = self.resolved_names[key] = tuple(
                person_id for person_id, _role in self([(name, "") for name in key])
            )
        return found


class _IdRuns:
    """Ids added in increasing order, kept as runs of consecutive ids: (first, last)."""

    def __init__(self) -> None:
        self.runs: list[tuple[int, int]] = []

    def add(self, row_id: int) -> None:
        if self.runs and self.runs[-1][1] == row_id - 1:
            self.runs[-1] = (self.runs[-1][0], row_id)
        else:
            self.runs.append((row_id, row_id))


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


def _check(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError("Import cancelled: nothing was changed.")
