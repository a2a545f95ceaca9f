"""Importing an action-plan workbook: read, recognise, build a draft, save it whole.

Reading and saving are separate steps so the CLI's ``--dry-run`` and the window's
preview show exactly what would be written. Saving is one transaction: a failure or a
cancel at any point leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from tracker.collector import collector_paused
from tracker.db.backup import backup_database
from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionLead,
    Area,
    AreaLead,
    Plan,
    UTCDateTime,
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
        writer = _BulkWriter(session)
        deferred = writer.defer_indexes_if_bulk(total)
        now = _timestamp(utc_now())
        (plan_id,) = writer.insert(
            Plan,
            ("name", "source_file", "source_sha256", "imported_at"),
            [(draft.name, draft.source_file, draft.source_sha256, now)],
        )
        people = ensure_people(
            session,
            [p.name for a in draft.areas for p in a.leads]
            + [n for x in draft.actions for n in x.leads],
        )
        resolve_leads = _LeadResolver(people)
        workstream_ids = writer.insert(
            Workstream,
            ("plan_id", "tab", "title", "position"),
            [(plan_id, ws.tab, ws.title, i) for i, ws in enumerate(draft.workstreams)],
        )
        areas = [
            (ws_id, area)
            for ws_id, ws in zip(workstream_ids, draft.workstreams, strict=True)
            for area in ws.areas
        ]
        area_ids = writer.insert(
            Area,
            (
                "workstream_id",
                "ref",
                "title",
                "what_has_changed",
                "plans_in_place",
                "lead_in",
                "lead_text",
                "deadline_text",
                "position",
            ),
            [
                (
                    ws_id,
                    a.ref,
                    a.title,
                    a.what_has_changed,
                    a.plans_in_place,
                    a.lead_in,
                    a.lead_text,
                    a.deadline_text,
                    i,
                )
                for i, (ws_id, a) in enumerate(areas)
            ],
        )
        area_lead_ids = {
            area_id: resolve_leads([(p.name, p.role) for p in area.leads])
            for area_id, (_ws, area) in zip(area_ids, areas, strict=True)
        }
        writer.insert_rows(
            AreaLead,
            ("area_id", "person_id", "role", "position"),
            [
                (area_id, person_id, role, position)
                for area_id, leads in area_lead_ids.items()
                for position, (person_id, role) in enumerate(leads)
            ],
        )
        area_person_ids = {
            area_id: tuple(person_id for person_id, _role in leads)
            for area_id, leads in area_lead_ids.items()
        }
        actions = [
            (area_id, position, action)
            for area_id, (_ws, area) in zip(area_ids, areas, strict=True)
            for position, action in enumerate(area.actions)
        ]
        stored_date = _StoredDates()
        not_started = Status.NOT_STARTED.value
        done = 0
        for start in range(0, len(actions), _BATCH):
            batch = actions[start : start + _BATCH]
            action_ids = writer.reserve_ids(Action, len(batch))
            writer.insert_rows(
                Action,
                (
                    "id",
                    "area_id",
                    "position",
                    "label",
                    "text",
                    "deadline_text",
                    "lead_text",
                    "start_date",
                    "due_date",
                    "revised_due_date",
                    "status",
                    "rag",
                    "percent",
                    "needs_review",
                    "review_reason",
                    "updated_at",
                ),
                [
                    (
                        action_id,
                        area_id,
                        position,
                        x.label,
                        x.text,
                        x.deadline_text,
                        x.lead_text,
                        stored_date[x.start],
                        stored_date[x.due],
                        None,
                        not_started,
                        None,
                        0,
                        1 if x.review_reasons else 0,
                        "; ".join(x.review_reasons) if x.review_reasons else None,
                        now,
                    )
                    for action_id, (area_id, position, x) in zip(action_ids, batch, strict=True)
                ],
            )
            # Most actions take their area's leads: those rows are copied from area_lead
            # inside SQLite, a run of consecutive actions at a time; the rest are sent.
            own_leads: list[tuple[int, int, int, int]] = []
            inheriting = _IdRuns()
            for action_id, (area_id, _pos, x) in zip(action_ids, batch, strict=True):
                person_ids = resolve_leads.names(x.leads)
                if x.leads_inherited and person_ids == area_person_ids[area_id]:
                    inheriting.add(action_id)
                else:
                    inherited = 1 if x.leads_inherited else 0
                    own_leads += [
                        (action_id, person_id, position, inherited)
                        for position, person_id in enumerate(person_ids)
                    ]
            writer.insert_rows(
                ActionLead, ("action_id", "person_id", "position", "inherited"), own_leads
            )
            writer.copy_area_leads(inheriting.runs)
            done += len(batch)
            _check(progress, done, total)
        writer.rebuild_indexes(deferred)
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


def _timestamp(value: datetime) -> str:
    return UTCDateTime().process_bind_param(value, None)  # type: ignore[arg-type]


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


class _StoredDates(dict[date | None, str | None]):
    """Dates in their stored form (ISO text, as SQLAlchemy's SQLite Date type keeps them),
    looked up as ``stored[day]``; ``stored[None]`` is None.

    A plan has a few dozen distinct deadlines across thousands of actions, so each is
    formatted once, and a dict lookup is the cheapest way to ask."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, value: date) -> str:
        text = self[value] = value.isoformat()
        return text


class _IdRuns:
    """Ids added in increasing order, kept as runs of consecutive ids: (first, last)."""

    def __init__(self) -> None:
        self.runs: list[tuple[int, int]] = []

    def add(self, row_id: int) -> None:
        if self.runs and self.runs[-1][1] == row_id - 1:
            self.runs[-1] = (self.runs[-1][0], row_id)
        else:
            self.runs.append((row_id, row_id))


class _BulkWriter:
    """Plain ``executemany`` inserts for an import's many rows.

    The import holds SQLite's write lock (BEGIN IMMEDIATE) from its first statement, so no
    one else can take ids in between and they are assigned here; values arrive already in
    their stored form (ISO dates, 0/1 booleans). This is an order of magnitude faster than
    the ORM's INSERT ... RETURNING with its results sorted back into order.
    """

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self.next_ids: dict[str, int] = {}

    def defer_indexes_if_bulk(self, incoming_actions: int) -> list[str]:
        """Drop the secondary indexes of the tables an import fills, when it brings at
        least as many actions as the database holds; returns their definitions.

        Building an index once over all rows (a sort) is faster than keeping it up to date
        row by row, but rebuilding also reads the rows already there, so it pays only for
        a big import into a small database. The drop happens inside the import's
        transaction: if the import fails or is cancelled, the rollback brings the indexes
        back with everything else.
        """
        held = self.connection.exec_driver_sql("SELECT count(*) FROM action").scalar() or 0
        if incoming_actions < max(held, _BULK_INDEX_MIN_ACTIONS):
            return []
        indexes = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('action', 'action_lead', 'area', 'area_lead') ORDER BY name"
        ).all()
        for name, _sql in indexes:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
        return [sql for _name, sql in indexes]

    def rebuild_indexes(self, definitions: list[str]) -> None:
        for sql in definitions:
            self.connection.exec_driver_sql(sql)

    def reserve_ids(self, model: type, count: int) -> range:
        """The next ``count`` ids of the model's table, for rows about to be inserted."""
        table = model.__table__.name
        if table not in self.next_ids:
            last = self.connection.exec_driver_sql(f'SELECT max(id) FROM "{table}"').scalar()
            self.next_ids[table] = (last or 0) + 1
        first = self.next_ids[table]
        self.next_ids[table] = first + count
        return range(first, first + count)

    def insert(self, model: type, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
        """Insert rows that have no id yet; returns the ids given to them, in order."""
        ids = self.reserve_ids(model, len(rows))
        self.insert_rows(
            model,
            ("id", *columns),
            [(row_id, *row) for row_id, row in zip(ids, rows, strict=True)],
        )
        return list(ids)

    def copy_area_leads(self, action_id_runs: list[tuple[int, int]]) -> None:
        """Give each action in the runs its area's leads, in the same order, as inherited."""
        if action_id_runs:
            self.connection.exec_driver_sql(
                "INSERT INTO action_lead (action_id, person_id, position, inherited) "
                "SELECT action.id, area_lead.person_id, area_lead.position, 1 "
                "FROM action JOIN area_lead ON area_lead.area_id = action.area_id "
                "WHERE action.id BETWEEN ? AND ?",
                action_id_runs,
            )

    def insert_rows(self, model: type, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert rows exactly as given: any id among them comes from ``reserve_ids``."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        self.connection.exec_driver_sql(
            f'INSERT INTO "{model.__table__.name}" ({names}) VALUES ({marks})', rows
        )


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
