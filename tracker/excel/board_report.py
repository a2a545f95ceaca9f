"""The board report: a workbook the programme office can take to the board as it is.

Sheets: Summary (figures per workstream and in total, the same figures the Overview tab
shows, and a chart of RAG by workstream, its R/A/G columns in their colours), one sheet per
workstream (areas and their actions, overdue dates highlighted), Exceptions (red, overdue,
slipped and undated actions, most severe first) and Changes (updates recorded since the
last report sent to the board). Every sheet is ready to print:
landscape A4, fitted to the width, header rows repeated, the as-at date and page numbers in
the footer, columns wide enough that no word breaks.

The figures, exceptions and changes are gathered and worked out before the workbook is
written (see :func:`write_board_report`); this module only lays them out. The workbook is
streamed (XlsxWriter's constant-memory mode) with styles made once, and written atomically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from xlsxwriter.chart import Chart

from tracker import domain
from tracker.dates import long_date, numeric_date, numeric_date_time
from tracker.excel import styles
from tracker.excel.assurance_sheets import AssuranceData, rule_notes, write_assurance_sheets
from tracker.excel.atomic import atomic_path
from tracker.excel.board_cycle import PeriodSheets, SheetTools, TravelLine, write_period_sheets
from tracker.excel.row_shapes import (
    ActionShape,
    AreaShape,
    SummaryShape,
    UpdateShape,
    WorkstreamShape,
)
from tracker.excel.safe_cells import CellMaker
from tracker.excel.sheet_setup import (
    FittedRows,
    describe_workbook,
    print_ready,
    set_widths,
    sheet_name,
    widths_for_words,
)
from tracker.excel.streaming import RowSheet, SheetCell, StreamingWorkbook, streaming_workbook
from tracker.excel.styles import Look, StyleBook
from tracker.wording import count_noun

SUMMARY_SHEET = "Summary"
EXCEPTIONS_SHEET = "Exceptions"
CHANGES_SHEET = "Changes"

AWAITING_VERIFICATION = "Complete, awaiting verification"
SUMMARY_HEADERS = (
    "Workstream",
    "Actions",
    *domain.STATUSES,
    "Red",
    "Amber",
    "Green",
    "Blue",
    "No RAG",
    "Overdue",
    f"Due in next {domain.DUE_SOON_DAYS} days",
    "Slipped",
    "Flagged for review",
    AWAITING_VERIFICATION,
    "Since last period",  # the direction of travel: last, as the text it is
)
# Blue (complete and verified) is counted apart from Green: BRAG.
RAG_COLUMNS = (
    ("R", "Red"),
    ("A", "Amber"),
    ("G", "Green"),
    (domain.BLUE, "Blue"),
    (None, "No RAG"),
)

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
    "Recorded late on",
    "Since last period",
)
WORKSTREAM_WIDTHS = (9, 52, 20, 11, 11, 11, 5, 8, 50, 11, 11, 18)

EXCEPTION_HEADERS = (
    "Why listed",
    "Workstream",
    "Ref",
    "Action",
    "Leads",
    "Original due",
    "Revised due",
    "Status",
    "RAG",
    "Reason given for the revised date",
    "Latest narrative",
    "Cause",
    "Mitigation",
    "Recovery date",
    "Decision asked of the board",
)
EXCEPTION_WIDTHS = (18, 16, 9, 40, 16, 11, 11, 11, 5, 30, 40, 24, 24, 11, 28)

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
class ExceptionLine:
    """One action on the Exceptions sheet: why it is listed, in words, and the action."""

    why: str
    action: ActionShape


@dataclass(frozen=True)
class ExceptionCounts:
    """How many actions are listed under each reason, for the sheet's subtitle."""

    red: int = 0
    overdue: int = 0
    slipped: int = 0
    undated: int = 0


@dataclass(frozen=True)
class ExceptionDetail:
    """What the board needs to know and do about an exception, from the update that
    raised it."""

    cause: str | None = None
    mitigation: str | None = None
    recovery_date: date | None = None
    decision_asked: str | None = None


@dataclass(frozen=True)
class BoardReportData:
    """Everything the board report shows, already gathered and worked out."""

    plan_name: str
    as_at: date
    workstreams: Sequence[WorkstreamShape]
    areas: Sequence[AreaShape]
    actions: Sequence[ActionShape]
    summaries: Sequence[SummaryShape]
    total: SummaryShape
    exceptions: Sequence[ExceptionLine]  # most severe first
    exception_counts: ExceptionCounts
    # The latest reason given for each action's revised date, by action id.
    reasons: Mapping[int, tuple[str, date]]
    changes: Sequence[UpdateShape]
    since_at: datetime | None
    since_label: str
    author: str
    final: bool = False  # marked as the report sent to the board
    # Compared with the previous closed period: None leaves those sheets out.
    period: PeriodSheets | None = None
    # By action id: the exception fields of its latest update that gave them.
    exception_details: Mapping[int, ExceptionDetail] = field(default_factory=dict)
    # Calculated RAG and coverage: the "RAG check" and "Coverage" sheets, and a note.
    assurance: AssuranceData | None = None


@dataclass
class _Context:
    plan_name: str
    as_at: date
    book: StyleBook
    used_names: set[str]

    @property
    def footer(self) -> str:
        return f"{self.plan_name} · as at {long_date(self.as_at)}"


def write_board_report(out: Path, data: BoardReportData) -> int:
    """Write the board report to ``out`` (atomically); return how many exceptions it lists."""
    areas_by_ws: dict[int, list[AreaShape]] = defaultdict(list)
    for area in data.areas:
        areas_by_ws[area.workstream_id].append(area)
    actions_by_area: dict[int, list[ActionShape]] = defaultdict(list)
    for action in data.actions:
        actions_by_area[action.area_id].append(action)

    with atomic_path(out) as temporary, streaming_workbook(temporary) as workbook:
        context = _Context(data.plan_name, data.as_at, StyleBook(workbook), set())
        describe_workbook(
            workbook,
            title=f"{data.plan_name}: board report as at {long_date(data.as_at)}",
            subject=data.plan_name,
            author=data.author,
            status="Sent to the board" if data.final else "Draft",
        )
        period = data.period or PeriodSheets(None)
        notes = rule_notes(data.assurance) if data.assurance is not None else []
        _summary_sheet(
            workbook,
            context,
            data.summaries,
            data.total,
            data.since_at,
            period.workstream_travel,
            notes,
        )
        for ws in data.workstreams:
            _workstream_sheet(
                workbook,
                context,
                ws.title,
                areas_by_ws[ws.id],
                actions_by_area,
                period.action_travel,
            )
        _exceptions_sheet(workbook, context, data)
        _changes_sheet(workbook, context, data)
        if data.period is not None:
            tools = SheetTools(
                start=partial(_new_sheet, workbook, context),
                titles=_titles,
                finish=_finish,
                first_data_row=FIRST_DATA_ROW,
                workstream_titles={w.id: w.title for w in data.workstreams},
            )
            write_period_sheets(workbook, tools, data.period, data.as_at)
        if data.assurance is not None:
            write_assurance_sheets(
                workbook,
                context.book,
                context.used_names,
                data.plan_name,
                data.as_at,
                data.assurance,
            )
    return len(data.exceptions)


def _titles(
    sheet: RowSheet,
    cells: CellMaker,
    title: str,
    subtitle: str,
    headers: Sequence[str],
    header_looks: dict[str, Look] | None = None,
) -> None:
    looks = header_looks or {}
    sheet.append([cells.text(title, styles.TITLE)])
    sheet.append([cells.text(subtitle, styles.SUBTITLE)])
    sheet.append([cells.text(h, looks.get(h, styles.HEADER)) for h in headers])


def _new_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    title: str,
    widths: Sequence[float],
    headers: Sequence[str],
    texts: Iterable[Sequence[str | None]] = (),
    *,
    table: bool = True,
) -> tuple[RowSheet, CellMaker, list[float]]:
    """A streaming sheet with everything that must precede its first row already set, and
    its column widths: ``widths`` widened to hold every word of the headers and of
    ``texts`` (the rows' texts by column, None where a column's text needs no fitting),
    so no word prints broken across lines."""
    sheet = workbook.add_sheet(sheet_name(title, context.used_names))
    fitted = widths_for_words(widths, [headers, *texts])
    set_widths(sheet, fitted)
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
    return sheet, CellMaker(sheet, context.book), fitted


def _finish(rows: FittedRows, columns: int) -> None:
    last_row = max(rows.last_row, HEADER_ROW)
    rows.sheet.worksheet.autofilter(HEADER_ROW - 1, 0, last_row - 1, columns - 1)


def _summary_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    summaries: Sequence[SummaryShape],
    total: SummaryShape,
    since: datetime | None,
    travel: Mapping[int, TravelLine],
    more_notes: Sequence[str] = (),
) -> None:
    sheet, cells, _ = _new_sheet(
        workbook,
        context,
        SUMMARY_SHEET,
        (30, 9, *([11] * (len(SUMMARY_HEADERS) - 2))),
        SUMMARY_HEADERS,
        [
            [summary.title, *([None] * (len(SUMMARY_HEADERS) - 2)), _travel_text(travel, summary)]
            for summary in summaries
        ],
        table=False,
    )
    changes = (
        f"changes since {long_date(since.astimezone().date())}" if since else "all changes recorded"
    )
    _titles(
        sheet,
        cells,
        f"{context.plan_name} — board report as at {long_date(context.as_at)}",
        f"{count_noun(total.actions, 'action')} in "
        f"{count_noun(len(summaries), 'workstream')}; {changes}. "
        f"Exported {numeric_date_time(datetime.now())}.",
        SUMMARY_HEADERS,
        # The R/A/G columns' headers carry their colours.
        {label: styles.rag_header_look(rag) for rag, label in RAG_COLUMNS if rag},
    )
    for summary in [*summaries, total]:
        is_total = summary.workstream_id is None
        look = styles.TOTAL if is_total else styles.NUMBER
        name_look = styles.TOTAL if is_total else styles.WRAP
        rag_cells = [
            cells.number(
                summary.by_brag.get(rag, 0),
                styles.rag_count_look(rag, total=is_total) if rag else look,
            )
            for rag, _ in RAG_COLUMNS
        ]
        figures = [
            summary.overdue,
            summary.due_soon,
            summary.slipped,
            summary.needs_review,
            summary.awaiting_verification,
        ]
        sheet.append(
            [
                cells.text(summary.title, name_look),
                cells.number(summary.actions, look),
                *(cells.number(summary.by_status.get(s, 0), look) for s in domain.STATUSES),
                *rag_cells,
                *(cells.number(f, look) for f in figures),
                cells.text(_travel_text(travel, summary), name_look),
            ]
        )
    last_row = HEADER_ROW + len(summaries) + 1
    notes = [
        f"Overdue: past its due date (the revised one if there is one) and not complete. "
        f"Due in next {domain.DUE_SOON_DAYS} days: due between the as-at date and "
        f"{domain.DUE_SOON_DAYS} days after it, not complete.",
        "Slipped: the revised due date is later than the original. "
        "Flagged for review: the import could not read a deadline or lead with certainty.",
        *more_notes,
        "Blue: complete, with its evidence verified by the programme office (counted apart "
        f"from Green). {AWAITING_VERIFICATION}: proposed complete by its lead, with "
        "evidence, not yet verified.",
    ]
    sheet.append([])
    for note in notes:
        sheet.append([cells.text(note, styles.SUBTITLE)])
    if summaries:
        chart_row = last_row + len(notes) + 3
        chart = _rag_chart(workbook, sheet.name, len(summaries))
        sheet.worksheet.insert_chart(chart_row - 1, 0, chart)


def _travel_text(travel: Mapping[int, TravelLine], summary: SummaryShape) -> str:
    line = travel.get(summary.workstream_id) if summary.workstream_id is not None else None
    return line.text if line else ""


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


def _leads(action: ActionShape) -> str:
    return "; ".join(action.leads) or action.lead_text


def _deadline_text(action: ActionShape) -> str | None:
    """The deadline as written when it is not a date (such as "TBC"), else None."""
    return action.deadline_text if action.due is None and action.deadline_text else None


def _due_cells(cells: CellMaker, action: ActionShape, today: date) -> list[SheetCell]:
    """The original and revised due dates; the one the action is overdue against is
    highlighted, and an original deadline that is not a date shows as written."""
    overdue = action.is_overdue(today)
    revised_look = styles.OVERDUE_DATE if overdue and action.revised_due else styles.DATE
    due_look = styles.OVERDUE_DATE if overdue and not action.revised_due else styles.DATE
    deadline_text = _deadline_text(action)
    if deadline_text:
        original = cells.text(deadline_text, styles.WRAP)
    else:
        original = cells.date(action.due, due_look)
    return [original, cells.date(action.revised_due, revised_look)]


def _workstream_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    title: str,
    areas: list[AreaShape],
    actions_by_area: dict[int, list[ActionShape]],
    travel: Mapping[int, TravelLine],
) -> None:
    texts = [
        (x.ref, None, _leads(x), _deadline_text(x), *([None] * 7), _line_text(travel, x.id))
        for area in areas
        for x in actions_by_area[area.id]
    ]
    sheet, cells, widths = _new_sheet(
        workbook, context, title, WORKSTREAM_WIDTHS, WORKSTREAM_HEADERS, texts
    )
    count = len(texts)
    areas_text = count_noun(len(areas), "area for improvement", "areas for improvement")
    _titles(
        sheet,
        cells,
        title,
        f"{areas_text}, {count_noun(count, 'action')} · as at {long_date(context.as_at)}; "
        "overdue dates are shaded red",
        WORKSTREAM_HEADERS,
    )
    banner, banner_blank = styles.BANNER, cells.blank(styles.BANNER)
    wrap, date_look, body = styles.WRAP, styles.DATE, styles.BODY
    number = styles.NUMBER
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, domain.BLUE, None)}
    rows = FittedRows(sheet, widths, FIRST_DATA_ROW)
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
                    cells.text(_leads(x), wrap),
                    *_due_cells(cells, x, context.as_at),
                    cells.text(x.status, body),
                    cells.text(x.brag, rags.get(x.brag, styles.CENTRE)),
                    cells.number(x.percent, number),
                    cells.text(x.latest_narrative, wrap),
                    cells.date(x.last_update, date_look),
                    cells.date(_recorded_late(x, context.as_at), date_look),
                    cells.text(_line_text(travel, x.id), wrap),
                ]
            )
    _finish(rows, len(WORKSTREAM_HEADERS))


def _line_text(travel: Mapping[int, TravelLine], key: int) -> str:
    line = travel.get(key)
    return line.text if line else ""


def _recorded_late(action: ActionShape, as_at: date) -> date | None:
    """When the latest update was recorded, if after the report's date (it counts from
    its own date, but the board should know it was not known then)."""
    recorded = action.last_recorded_at
    if recorded is None:
        return None
    day = recorded.astimezone().date()
    return day if day > as_at else None


def _exceptions_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    data: BoardReportData,
) -> None:
    listed = data.exceptions
    reasons = data.reasons
    details = data.exception_details
    titles = {w.id: w.title for w in data.workstreams}
    why = [exception.why for exception in listed]
    texts = [
        (
            reasons,
            titles[x.action.workstream_id],
            x.action.ref,
            None,  # Action
            _leads(x.action),
            _deadline_text(x.action),
        )
        for reasons, x in zip(why, listed, strict=True)
    ]
    sheet, cells, widths = _new_sheet(
        workbook, context, EXCEPTIONS_SHEET, EXCEPTION_WIDTHS, EXCEPTION_HEADERS, texts
    )
    _titles(
        sheet,
        cells,
        f"Exceptions as at {long_date(context.as_at)}",
        _exceptions_subtitle(len(listed), data.exception_counts),
        EXCEPTION_HEADERS,
    )
    wrap, body = styles.WRAP, styles.BODY
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    rows = FittedRows(sheet, widths, FIRST_DATA_ROW)
    for exception, reasons_text in zip(listed, why, strict=True):
        x = exception.action
        reason = reasons.get(x.id)
        rows.append(
            [
                cells.text(reasons_text, wrap),
                cells.text(titles[x.workstream_id], wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text(_leads(x), wrap),
                *_due_cells(cells, x, context.as_at),
                cells.text(x.status, body),
                cells.text(x.rag, rags.get(x.rag, styles.CENTRE)),
                cells.text(f"{reason[0]} ({numeric_date(reason[1])})" if reason else "", wrap),
                cells.text(x.latest_narrative, wrap),
                *_detail_cells(cells, details.get(x.id)),
            ]
        )
    _finish(rows, len(EXCEPTION_HEADERS))


def _detail_cells(cells: CellMaker, detail: ExceptionDetail | None) -> list[SheetCell]:
    """Cause, mitigation, recovery date and decision asked; the decision in red, for the
    board to see first."""
    detail = detail or ExceptionDetail()
    decision_look = styles.rag_look("R").but(wrap=True) if detail.decision_asked else styles.WRAP
    return [
        cells.text(detail.cause, styles.WRAP),
        cells.text(detail.mitigation, styles.WRAP),
        cells.date(detail.recovery_date, styles.DATE),
        cells.text(detail.decision_asked, decision_look),
    ]


def _exceptions_subtitle(listed: int, counts: ExceptionCounts) -> str:
    kinds = (
        f"{counts.red} red, {counts.overdue} overdue, "
        f"{counts.slipped} slipped, "
        f"{counts.undated} with no due date"
    )
    return (
        f"{count_noun(listed, 'action')} need attention ({kinds}), most severe first: "
        "red, then overdue (longest first), slipped, and actions with no due date."
    )


def _changes_sheet(
    workbook: StreamingWorkbook,
    context: _Context,
    data: BoardReportData,
) -> None:
    changes, since, since_label = data.changes, data.since_at, data.since_label
    actions = {x.id: x for x in data.actions}
    titles = {w.id: w.title for w in data.workstreams}
    # Texts by column, for the widths: the narrow columns whose words vary.
    texts = [
        (
            *(None, None),  # Recorded, Update date
            titles[actions[u.action_id].workstream_id],
            actions[u.action_id].ref,
            None,  # Action
            u.author,
            *(None, None, None, None, None),  # Status, RAG, % complete, Narrative, Revised due
            u.revision_reason,
            u.source,
        )
        for u in changes
    ]
    sheet, cells, widths = _new_sheet(
        workbook, context, CHANGES_SHEET, CHANGE_WIDTHS, CHANGE_HEADERS, texts
    )
    period = (
        f"since {numeric_date_time(since.astimezone())} ({since_label})"
        if since
        else "since the plan was imported"
    )
    _titles(
        sheet,
        cells,
        f"Changes {period}",
        f"{count_noun(len(changes), 'update')} recorded · as at {long_date(context.as_at)}",
        CHANGE_HEADERS,
    )
    wrap, date_look, body = styles.WRAP, styles.DATE, styles.BODY
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    rows = FittedRows(sheet, widths, FIRST_DATA_ROW)
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
    _finish(rows, len(CHANGE_HEADERS))
