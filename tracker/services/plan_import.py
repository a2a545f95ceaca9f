"""Importing an action-plan workbook: read, recognise, build a draft, save it whole.

Reading and saving are separate steps so the CLI's ``--dry-run`` and the window's
preview show exactly what would be written. Saving is one transaction: a failure or a
cancel at any point leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import Session

from tracker.collector import collector_paused
from tracker.db.backup import backup_before_change
from tracker.db.database import Database
from tracker.db.models import (
    Plan,
    utc_now,
)
from tracker.errors import DuplicatePlanError, ImportCancelledError
from tracker.importing.plan_builder import build_plan_draft
from tracker.importing.plan_draft import PlanDraft
from tracker.importing.plan_layout import Layout, find_layout
from tracker.importing.section_names import is_generic_sheet_name
from tracker.importing.workbook_dates import workbook_saved_date
from tracker.importing.workbook_file import WorkbookLimits, read_cell_fills, read_workbook
from tracker.services.audit import Change, record_changes
from tracker.services.findings import apply_bundled_mapping_in
from tracker.services.people import ensure_people
from tracker.services.plan_writer import (
    LeadResolver,
    PlanWriter,
    drop_indexes_if_bulk,
    rebuild_indexes,
)

# The end of the duplicate-import refusal on the command line.
CLI_IMPORT_AGAIN = "use --as-new"

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


# Lines above a table that are notes, not its title.
_NOT_A_TITLE = re.compile(
    r"^(notes?|instructions?|how to|please|key|legend|read ?me|guidance|last updated|"
    r"updated|version|date|prepared by|owner|status)\b",
    re.IGNORECASE,
)
_TITLE_LENGTH = 120


def plan_title(layout: Layout, path: Path) -> str:
    """The plan's name: the table's title, else its sheet's name, else the file's."""
    lines = [
        line
        for line in layout.title_lines
        if line
        and len(line) <= _TITLE_LENGTH
        and not _NOT_A_TITLE.match(line)
        and sum(ch.isalpha() for ch in line) >= 3
    ]
    if lines:
        return ": ".join(lines[:2])
    sheet = layout.sheets_used[0] if len(layout.sheets_used) == 1 else ""
    if sheet and not is_generic_sheet_name(sheet):
        return sheet
    return path.stem


def read_plan(
    path: Path,
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    limits: WorkbookLimits | None = None,
    sheet: str | None = None,
    as_at: date | None = None,
) -> PlanDraft:
    """Read and interpret a workbook without touching any database.

    ``sheet`` chooses the table (by its sheet) instead of the best-scoring one. A
    hand-kept copy's Status, RAG, % complete and Comments become first updates dated
    ``as_at`` if given, else the day the workbook was last saved, else today.
    """
    with collector_paused():
        workbook_limits = limits or WorkbookLimits()
        sheets = read_workbook(path, workbook_limits)
        layout = find_layout(sheets, path.name, mapping, sheet=sheet)
        fills = _rag_fills(path, layout, workbook_limits)
        draft = build_plan_draft(
            layout,
            name=name or plan_title(layout, path),
            source_file=path.name,
            source_sha256=file_sha256(path),
            fills=fills,
        )
        if draft.progress_count:
            saved = workbook_saved_date(path) if as_at is None else None
            if as_at is not None:
                draft.position_date, draft.position_date_source = as_at, "given at import"
            elif saved is not None:
                draft.position_date = saved
                draft.position_date_source = "the day the workbook was last saved"
            else:
                draft.position_date, draft.position_date_source = date.today(), "today"
        return draft


def _rag_fills(path: Path, layout: Layout, limits: WorkbookLimits) -> dict[tuple[str, int], str]:
    """RAG ratings carried only by the fill colour of empty RAG cells."""
    from tracker.importing.progress_cells import rag_from_fill

    if layout.rag_column is None or not layout.empty_rag_cells:
        return {}
    found: dict[tuple[str, int], str] = {}
    for sheet_name in dict.fromkeys(s for s, _row in layout.empty_rag_cells):
        rows = [row for s, row in layout.empty_rag_cells if s == sheet_name]
        colours = read_cell_fills(path, sheet_name, layout.rag_column, rows, limits)
        for row, colour in colours.items():
            rag = rag_from_fill(colour)
            if rag is not None:
                found[sheet_name, row] = rag
    return found


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
    how_to_import_again: str = CLI_IMPORT_AGAIN,
) -> int:
    """Write the draft as a new plan in one transaction; returns the plan's id.

    A file imported before is refused unless ``as_new``; the refusal ends with
    ``how_to_import_again``, worded for where the person is (the CLI or the window).
    """
    total = len(draft.actions)
    if has_plans(database):
        backup_before_change(database, "before-import")
    with collector_paused(), database.write() as session:
        existing = find_duplicate(session, draft)
        if existing is not None and not as_new:
            raise DuplicatePlanError(
                f"{draft.source_file} was already imported as the plan '{existing.name}' "
                f"on {existing.imported_at:%d %b %Y}. Nothing was changed. To import it "
                f"again as a separate plan, {how_to_import_again}."
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
        writer = PlanWriter(
            connection,
            LeadResolver(people),
            now,
            author=database.actor,
            update_source=f"import {draft.source_file}",
            update_date=draft.position_date,
        )
        actions = writer.write_areas(plan_id, draft.workstreams)
        for start in range(0, len(actions), _BATCH):
            batch = actions[start : start + _BATCH]
            writer.write_actions(batch)
            _check(progress, start + len(batch), total)
        rebuild_indexes(connection, deferred)
        findings_note = apply_bundled_mapping_in(session, plan_id)
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
                    f"{total} actions, {len(draft.flagged())} flagged for review{findings_note}"
                    + (
                        f", {draft.progress_count} first updates from its status columns"
                        if draft.progress_count
                        else ""
                    ),
                )
            ],
        )
    return plan_id


_BATCH = 5000  # actions per insert: progress (and cancel) is checked between batches


def import_plan(
    database: Database,
    path: Path,
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    as_new: bool = False,
    progress: Progress | None = None,
    sheet: str | None = None,
    as_at: date | None = None,
) -> ImportResult:
    draft = read_plan(path, name=name, mapping=mapping, sheet=sheet, as_at=as_at)
    plan_id = save_plan(database, draft, as_new=as_new, progress=progress)
    return ImportResult(plan_id, draft)


def _check(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError("Import cancelled: nothing was changed.")
