"""The board report: a workbook the programme office can take to the board as it is.

Sheets: Summary (figures per workstream and in total, from the same
:func:`tracker.services.overview.summarise` the Overview tab uses, and a chart of RAG by
workstream), one sheet per workstream (areas and their actions), Exceptions (red, overdue
and slipped actions with the reasons given) and Changes (updates recorded since the last
report). Every sheet is ready to print: landscape A4, fitted to the width, header rows
repeated, the as-at date and page numbers in the footer.

The workbook is streamed (XlsxWriter's constant-memory mode) with styles made once, from
one snapshot and two more queries, and written atomically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from xlsxwriter.chart import Chart

from tracker import domain
from tracker.collector import collector_paused
from tracker.dates import long_date, numeric_date, numeric_date_time
from tracker.db.database import Database
from tracker.db.models import utc_now
from tracker.excel import styles
from tracker.excel.atomic import atomic_path
from tracker.excel.safe_cells import CellMaker
from tracker.excel.sheet_setup import FittedRows, print_ready, set_widths, sheet_name
from tracker.excel.streaming import RowSheet, StreamingWorkbook, streaming_workbook
from tracker.excel.styles import Look, StyleBook
from tracker.services.action_rows import ActionRow, AreaRow, PlanSnapshot, UpdateRow
from tracker.services.database_settings import last_report_exported_at, record_report_exported
from tracker.services.export_data import (
    choose_plan,
    latest_reasons,
    plan_only,
    updates_recorded,
)
from tracker.services.overview import Summary, summarise
from tracker.services.plan_snapshot import load_snapshot

SUMMARY_SHEET = "Summary"
EXCEPTIONS_SHEET = "Exceptions"
CHANGES_SHEET = "Changes"

SUMMARY_HEADERS = (
    "Workstream",
    "Actions",
    *domain.STATUSES,
    "Red",
    "Amber",
    "Green",
    "No RAG",
    "Overdue",
    f"Due in next {domain.DUE_SOON_DAYS} days",
    "Slipped",
    "Flagged for review",
)
RAG_COLUMNS = (("R", "Red"), ("A", "Amber"), ("G", "Green"), (None, "No RAG"))

WORKSTREAM_HEADERS = (
    "Ref",
    "Action",
    "Leads",
    "Original due",
    "Revised due",
    "Status",
    "RAG",
    "% complete",
    "Latest narrative",
    "Narrative date",
)
WORKSTREAM_WIDTHS = (9, 52, 20, 11, 11, 11, 5, 8, 50, 11)

EXCEPTION_HEADERS = (
    "Workstream",
    "Ref",
    "Action",
    "Leads",
    "Why listed",
    "Original due",
    "Revised due",
    "Status",
    "RAG",
    "Reason given for the revised date",
    "Latest narrative",
)
EXCEPTION_WIDTHS = (16, 9, 40, 16, 16, 11, 11, 11, 5, 30, 40)

CHANGE_HEADERS = (
    "Recorded",
    "Update date",
    "Workstream",
    "Ref",
    "Action",
    "Author",
    "Status",
    "RAG",
    "% complete",
    "Narrative",
    "Revised due",
    "Reason for change",
    "Source",
)
CHANGE_WIDTHS = (11, 11, 16, 9, 34, 14, 11, 5, 8, 42, 11, 24, 14)

HEADER_ROW = 3  # title, subtitle, then the column headers
FIRST_DATA_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class BoardReport:
    """What was exported, for the CLI and the window to report."""

    path: Path
    plan_name: str
    as_at: date
    since: datetime | None
    workstreams: int
    actions: int
    exceptions: int
    changes: int


@dataclass
class _Context:
    plan_name: str
    as_at: date
    book: StyleBook
    used_names: set[str]

    @property
    def footer(self) -> str:
        return f"{self.plan_name} · as at {long_date(self.as_at)}"


@collector_paused()
def export_board_report(
    database: Database,
    out: Path,
    *,
    as_at: date | None = None,
    since: datetime | date | None = None,
    plan: str | int | None = None,
) -> BoardReport:
    """Write the board report to ``out`` and remember when the report was exported.

    ``as_at`` (default today) dates the figures: what is overdue or due soon. The Changes
    sheet lists updates recorded after ``since`` (a date means from its start), by default
    after the last report exported from this database, and up to the end of ``as_at``
    when ``as_at`` is given.
    """
    exported_at = utc_now()
    today = as_at or date.today()
    whole = load_snapshot(database)
    chosen = choose_plan(whole, plan)
    snapshot = plan_only(whole, chosen.id)
    since_at = _since(database, since)
    since_label = "the last report" if since is None else "as asked"
    until = _end_of(as_at) if as_at is not None else None
    reasons = latest_reasons(database, chosen.id)
    changes = updates_recorded(database, chosen.id, since_at, until)

    summaries, total = summarise(snapshot, today)
    areas_by_ws: dict[int, list[AreaRow]] = defaultdict(list)
    for area in snapshot.areas:
        areas_by_ws[area.workstream_id].append(area)
    actions_by_area: dict[int, list[ActionRow]] = defaultdict(list)
    for action in snapshot.actions:
        actions_by_area[action.area_id].append(action)

    with atomic_path(out) as temporary, streaming_workbook(temporary) as workbook:
        context = _Context(chosen.name, today, StyleBook(workbook), set())
        _summary_sheet(workbook, context, summaries, total, since_at)
        for ws in snapshot.workstreams:
            _workstream_sheet(workbook, context, ws.title, areas_by_ws[ws.id], actions_by_area)
        exceptions = _exceptions_sheet(workbook, context, snapshot, reasons)
        _changes_sheet(workbook, context, snapshot, changes, since_at, since_label)
    record_report_exported(database, exported_at)
    return BoardReport(
        out,
        chosen.name,
        today,
        since_at,
        len(snapshot.workstreams),
        len(snapshot.actions),
        exceptions,
        len(changes),
    )


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max).astimezone()


def _since(database: Database, since: datetime | date | None) -> datetime | None:
    if since is None:
        return last_report_exported_at(database)
    if isinstance(since, datetime):
        return since if since.tzinfo else since.astimezone()
    # A date means from the start of that day, local time.
    return datetime.combine(since, time.min).astimezone()


def _titles(
    sheet: RowSheet,
    cells: CellMaker,
    title: str,
    subtitle: str,
    headers: Sequence[str],
) -> None:
    sheet.append([cells.text(title, styles.TITLE)])
    sheet.append([cells.text(subtitle, styles.SUBTITLE)])
    sheet.append([cells.text(h, styles.HEADER) for h in headers])


def _new_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    title: str,
    widths: Sequence[float],
    *,
    table: bool = True,
) -> tuple[RowSheet, CellMaker]:
    """A streaming sheet with everything that must precede its first row already set."""
    sheet = workbook.add_sheet(sheet_name(title, context.used_names))
    set_widths(sheet, widths)
    sheet.set_height(HEADER_ROW, 30)
    if table:
        sheet.worksheet.freeze_panes(FIRST_DATA_ROW - 1, 0)
    print_ready(
        sheet,
        footer_left=f"As at {long_date(context.as_at)}",
        header_centre=context.plan_name,
        title_rows=(1, HEADER_ROW) if table else None,
        one_page=not table,
    )
    return sheet, CellMaker(sheet, context.book)


def _finish(sheet: RowSheet, columns: int, last_row: int) -> None:
    sheet.worksheet.autofilter(HEADER_ROW - 1, 0, max(last_row, HEADER_ROW) - 1, columns - 1)


def _summary_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    summaries: list[Summary],
    total: Summary,
    since: datetime | None,
) -> None:
    sheet, cells = _new_sheet(
        workbook,
        context,
        SUMMARY_SHEET,
        (30, 9, *([11] * (len(SUMMARY_HEADERS) - 2))),
        table=False,
    )
    changes = (
        f"changes since {long_date(since.astimezone().date())}" if since else "all changes recorded"
    )
    _titles(
        sheet,
        cells,
        f"{context.plan_name} — board report as at {long_date(context.as_at)}",
        f"{total.actions} actions in {len(summaries)} workstreams; {changes}. "
        f"Exported {numeric_date_time(datetime.now())}.",
        SUMMARY_HEADERS,
    )
    for summary in [*summaries, total]:
        look = styles.TOTAL if summary.workstream_id is None else styles.NUMBER
        name_look = styles.TOTAL if summary.workstream_id is None else styles.WRAP
        figures = [
            summary.actions,
            *(summary.by_status.get(s, 0) for s in domain.STATUSES),
            *(summary.by_rag.get(r, 0) for r, _ in RAG_COLUMNS),
            summary.overdue,
            summary.due_soon,
            summary.slipped,
            summary.needs_review,
        ]
        sheet.append(
            [cells.text(summary.title, name_look), *(cells.number(f, look) for f in figures)]
        )
    last_row = HEADER_ROW + len(summaries) + 1
    notes = [
        f"Overdue: past its due date (the revised one if there is one) and not complete. "
        f"Due in next {domain.DUE_SOON_DAYS} days: due between the as-at date and "
        f"{domain.DUE_SOON_DAYS} days after it, not complete.",
        "Slipped: the revised due date is later than the original. "
        "Flagged for review: the import could not read a deadline or lead with certainty.",
    ]
    sheet.append([])
    for note in notes:
        sheet.append([cells.text(note, styles.SUBTITLE)])
    if summaries:
        chart_row = last_row + len(notes) + 3
        chart = _rag_chart(workbook, sheet.name, len(summaries))
        sheet.worksheet.insert_chart(chart_row - 1, 0, chart)


CHART_WIDTH_CM = 24
PIXELS_PER_CM = 96 / 2.54


def _rag_chart(workbook: StreamingWorkbook, sheet: str, workstreams: int) -> Chart:
    """A stacked bar per workstream, red, amber, green and unrated, first at the top."""
    chart = workbook.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    first_rag_col = 1 + len(domain.STATUSES) + 1  # from 0: after the name and the total
    first, last = FIRST_DATA_ROW - 1, FIRST_DATA_ROW + workstreams - 2
    for offset, (rag, _label) in enumerate(RAG_COLUMNS):
        column = first_rag_col + offset
        colour = f"#{styles.RAG_CHART_COLOURS[rag]}"
        chart.add_series(
            {
                "name": [sheet, HEADER_ROW - 1, column],
                "categories": [sheet, first, 0, last, 0],
                "values": [sheet, first, column, last, column],
                "fill": {"color": colour},
                "border": {"color": colour},
                "overlap": 100,
            }
        )
    chart.set_title({"name": "Actions by RAG rating, per workstream"})
    # In a bar chart XlsxWriter's x axis is the value axis, across the bottom.
    chart.set_x_axis({"name": "Actions", "major_gridlines": {"visible": False}})
    chart.set_y_axis({"reverse": True})  # first workstream at the top
    chart.set_legend({"position": "bottom"})
    height_cm = max(7.5, 1.1 * workstreams + 3)
    chart.set_size(
        {
            "width": round(CHART_WIDTH_CM * PIXELS_PER_CM),
            "height": round(height_cm * PIXELS_PER_CM),
        }
    )
    return chart


def _due_cell(cells: CellMaker, action: ActionRow, look: Look):  # type: ignore[no-untyped-def]
    if action.due is None and action.deadline_text:
        return cells.text(action.deadline_text, styles.WRAP)
    return cells.date(action.due, look)


def _workstream_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    title: str,
    areas: list[AreaRow],
    actions_by_area: dict[int, list[ActionRow]],
) -> None:
    sheet, cells = _new_sheet(workbook, context, title, WORKSTREAM_WIDTHS)
    count = sum(len(actions_by_area[a.id]) for a in areas)
    _titles(
        sheet,
        cells,
        title,
        f"{len(areas)} areas for improvement, {count} actions · as at {long_date(context.as_at)}",
        WORKSTREAM_HEADERS,
    )
    banner, banner_blank = styles.BANNER, cells.blank(styles.BANNER)
    wrap, date_look, body = styles.WRAP, styles.DATE, styles.BODY
    number = styles.NUMBER
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    rows = FittedRows(sheet, WORKSTREAM_WIDTHS, FIRST_DATA_ROW)
    for area in areas:
        rows.append(
            [
                cells.text(area.ref, banner),
                cells.text(area.title, banner),
                *([banner_blank] * (len(WORKSTREAM_HEADERS) - 2)),
            ]
        )
        for x in actions_by_area[area.id]:
            rows.append(
                [
                    cells.text(x.ref, body),
                    cells.text(x.text, wrap),
                    cells.text("; ".join(x.leads) or x.lead_text, wrap),
                    _due_cell(cells, x, date_look),
                    cells.date(x.revised_due, date_look),
                    cells.text(x.status, body),
                    cells.text(x.rag, rags.get(x.rag, styles.CENTRE)),
                    cells.number(x.percent, number),
                    cells.text(x.latest_narrative, wrap),
                    cells.date(x.last_update, date_look),
                ]
            )
    _finish(sheet, len(WORKSTREAM_HEADERS), rows.last_row)


def _why_listed(action: ActionRow, today: date) -> list[str]:
    reasons = []
    if action.rag == domain.Rag.RED.value:
        reasons.append("Red")
    if action.is_overdue(today):
        days = (today - action.effective_due).days  # type: ignore[operator]
        reasons.append(f"Overdue by {days} day{'s' if days != 1 else ''}")
    if action.is_slipped:
        days = (action.revised_due - action.due).days  # type: ignore[operator]
        reasons.append(f"Slipped {days} day{'s' if days != 1 else ''}")
    return reasons


def _exceptions_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    snapshot: PlanSnapshot,
    reasons: dict[int, tuple[str, date]],
) -> int:
    sheet, cells = _new_sheet(workbook, context, EXCEPTIONS_SHEET, EXCEPTION_WIDTHS)
    listed = [(x, why) for x in snapshot.actions if (why := _why_listed(x, context.as_at))]
    _titles(
        sheet,
        cells,
        f"Exceptions as at {long_date(context.as_at)}",
        f"{len(listed)} actions that are red, overdue or slipped, with the reasons given.",
        EXCEPTION_HEADERS,
    )
    titles = {w.id: w.title for w in snapshot.workstreams}
    wrap, date_look, body = styles.WRAP, styles.DATE, styles.BODY
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    rows = FittedRows(sheet, EXCEPTION_WIDTHS, FIRST_DATA_ROW)
    for x, why in listed:
        reason = reasons.get(x.id)
        rows.append(
            [
                cells.text(titles[x.workstream_id], wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text("; ".join(x.leads) or x.lead_text, wrap),
                cells.text("; ".join(why), wrap),
                _due_cell(cells, x, date_look),
                cells.date(x.revised_due, date_look),
                cells.text(x.status, body),
                cells.text(x.rag, rags.get(x.rag, styles.CENTRE)),
                cells.text(f"{reason[0]} ({numeric_date(reason[1])})" if reason else "", wrap),
                cells.text(x.latest_narrative, wrap),
            ]
        )
    _finish(sheet, len(EXCEPTION_HEADERS), HEADER_ROW + len(listed))
    return len(listed)


def _changes_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    snapshot: PlanSnapshot,
    changes: list[UpdateRow],
    since: datetime | None,
    since_label: str,
) -> None:
    sheet, cells = _new_sheet(workbook, context, CHANGES_SHEET, CHANGE_WIDTHS)
    period = (
        f"since {numeric_date_time(since.astimezone())} ({since_label})"
        if since
        else "since the plan was imported"
    )
    _titles(
        sheet,
        cells,
        f"Changes {period}",
        f"{len(changes)} updates recorded · as at {long_date(context.as_at)}",
        CHANGE_HEADERS,
    )
    actions = {x.id: x for x in snapshot.actions}
    titles = {w.id: w.title for w in snapshot.workstreams}
    wrap, date_look, body = styles.WRAP, styles.DATE, styles.BODY
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    rows = FittedRows(sheet, CHANGE_WIDTHS, FIRST_DATA_ROW)
    for u in changes:
        x = actions[u.action_id]
        rows.append(
            [
                cells.date(u.recorded_at, date_look),
                cells.date(u.date, date_look),
                cells.text(titles[x.workstream_id], wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text(u.author, wrap),
                cells.text(u.status, body),
                cells.text(u.rag, rags.get(u.rag, styles.CENTRE)),
                cells.number(u.percent, styles.NUMBER),
                cells.text(u.narrative, wrap),
                cells.date(u.revised_due, date_look),
                cells.text(u.revision_reason, wrap),
                cells.text(u.source, wrap),
            ]
        )
    _finish(sheet, len(CHANGE_HEADERS), HEADER_ROW + len(changes))
