"""The board report's period sheets: what moved since the last period closed, the returns
chased and the RAG trend across periods.

Sheets: Completed this period, New exceptions, Slipped this period (with the reasons
given), Look-ahead (90 days), Returns, and Trend (RAG by workstream across the last
periods, as a table and a chart). The rows arrive gathered and worked out (see
:mod:`tracker.services.board_report_export`); the direction-of-travel arrows for the
Summary and workstream sheets are :class:`TravelLine`\\ s the main writer places.
:mod:`tracker.excel.board_report` hands in how to start and finish a sheet, so every sheet
prints alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.dates import long_date, short_date
from tracker.excel import styles
from tracker.excel.row_shapes import ActionShape
from tracker.excel.safe_cells import CellMaker
from tracker.excel.sheet_setup import FittedRows
from tracker.excel.streaming import RowSheet, StreamingWorkbook
from tracker.wording import count_noun

COMPLETED_SHEET = "Completed this period"
NEW_EXCEPTIONS_SHEET = "New exceptions"
SLIPPED_SHEET = "Slipped this period"
LOOK_AHEAD_SHEET = "Look-ahead (90 days)"
RETURNS_SHEET = "Returns"
TREND_SHEET = "Trend"
TREND_KEYS = (
    ("R", "Red"),
    ("A", "Amber"),
    ("G", "Green"),
    ("Complete", "Complete"),
    ("None", "No RAG"),
)
TREND_COLOURS = {
    "R": "C00000",
    "A": "FFC000",
    "G": "00B050",
    "Complete": "1F3864",
    "None": "A6A6A6",
}

ACTION_HEADERS = (
    "Workstream",
    "Ref",
    "Action",
    "Leads",
    "Due",
    "Status",
    "RAG",
    "% complete",
    "Latest narrative",
)
ACTION_WIDTHS = (16, 9, 40, 18, 11, 11, 5, 8, 44)
SLIPPED_HEADERS = (
    "Workstream",
    "Ref",
    "Action",
    "Leads",
    "Was due",
    "Now due",
    "Reason given",
    "Latest narrative",
)
SLIPPED_WIDTHS = (16, 9, 36, 16, 11, 11, 30, 36)
RETURN_HEADERS = ("Sent to", "Actions", "Sent on", "Due back", "Back on", "State", "File")
RETURN_WIDTHS = (28, 8, 11, 11, 11, 12, 34)
TREND_HEADERS = ("Workstream", "Closed on", "Period", *(label for _, label in TREND_KEYS))
TREND_WIDTHS = (28, 12, 24, 8, 8, 8, 10, 8)
_FIRST_COUNT = 3  # the column of the first count, from 0


@dataclass(frozen=True)
class TravelLine:
    """A direction of travel as the report shows it: an arrow and why."""

    arrow: str  # ▲ better, ▼ worse, ► unchanged, • nothing to compare with
    words: str  # "Better: completed", "Worse: newly overdue"

    @property
    def text(self) -> str:
        return f"{self.arrow} {self.words}"


@dataclass(frozen=True)
class SlipLine:
    action: ActionShape
    was_due: date | None
    now_due: date | None
    reason: str


@dataclass(frozen=True)
class ReturnLine:
    for_whom: str
    actions: int
    sent_on: date
    due_back: date | None
    back_on: date | None
    overdue: bool
    file_name: str


@dataclass(frozen=True)
class TrendPoint:
    label: str
    on: date
    by_workstream: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class PeriodSheets:
    """What moved since ``previous_label`` (None: no period closed before this report)."""

    previous_label: str | None
    action_travel: Mapping[int, TravelLine] = field(default_factory=dict)
    workstream_travel: Mapping[int, TravelLine] = field(default_factory=dict)
    completed: Sequence[ActionShape] = ()
    new_exceptions: Sequence[ActionShape] = ()
    slipped: Sequence[SlipLine] = ()
    look_ahead: Sequence[ActionShape] = ()
    returns: Sequence[ReturnLine] = ()
    trend: Sequence[TrendPoint] = ()


# How the main writer starts a sheet (title, widths, headers, texts to fit) and finishes it.
StartSheet = Callable[
    [str, Sequence[float], Sequence[str], Iterable[Sequence[str | None]]],
    tuple[RowSheet, CellMaker, list[float]],
]
Titles = Callable[[RowSheet, CellMaker, str, str, Sequence[str]], None]
Finish = Callable[[FittedRows, int], None]


@dataclass(frozen=True)
class SheetTools:
    start: StartSheet
    titles: Titles
    finish: Finish
    first_data_row: int
    workstream_titles: Mapping[int, str]


def _leads(action: ActionShape) -> str:
    return "; ".join(action.leads) or action.lead_text


NOTHING_TO_COMPARE = (
    "No period was closed before this report's date, so there is nothing to compare with: "
    "close one with tracker close-period."
)


def _compared(period: PeriodSheets, counted: str) -> str:
    """``3 actions completed since Board, Sept 2018 (2018-09-30)``, or why there are none."""
    if period.previous_label is None:
        return NOTHING_TO_COMPARE
    return f"{counted} since {period.previous_label}"


def write_period_sheets(
    workbook: StreamingWorkbook, tools: SheetTools, period: PeriodSheets, as_at: date
) -> None:
    _action_sheet(
        tools,
        COMPLETED_SHEET,
        _compared(period, f"{count_noun(len(period.completed), 'action')} completed"),
        period.completed,
        as_at,
    )
    _action_sheet(
        tools,
        NEW_EXCEPTIONS_SHEET,
        _compared(
            period, f"{count_noun(len(period.new_exceptions), 'action')} newly red or overdue"
        ),
        period.new_exceptions,
        as_at,
    )
    _slipped_sheet(tools, period)
    _action_sheet(
        tools,
        LOOK_AHEAD_SHEET,
        f"{count_noun(len(period.look_ahead), 'action')} due in the 90 days after "
        f"{long_date(as_at)}, soonest first",
        period.look_ahead,
        as_at,
    )
    _returns_sheet(tools, period.returns, as_at)
    _trend_sheet(workbook, tools, period.trend)


def _action_sheet(
    tools: SheetTools,
    title: str,
    subtitle: str,
    actions: Sequence[ActionShape],
    as_at: date,
) -> None:
    names = tools.workstream_titles
    texts = [(names[x.workstream_id], x.ref, None, _leads(x)) for x in actions]
    sheet, cells, widths = tools.start(title, ACTION_WIDTHS, ACTION_HEADERS, texts)
    tools.titles(sheet, cells, title, subtitle, ACTION_HEADERS)
    rows = FittedRows(sheet, widths, tools.first_data_row)
    wrap, body = styles.WRAP, styles.BODY
    for x in actions:
        rows.append(
            [
                cells.text(names[x.workstream_id], wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text(_leads(x), wrap),
                cells.date(
                    x.revised_due or x.due,
                    styles.OVERDUE_DATE if x.is_overdue(as_at) else styles.DATE,
                ),
                cells.text(x.status, body),
                cells.text(x.rag, styles.rag_look(x.rag)),
                cells.number(x.percent, styles.NUMBER),
                cells.text(x.latest_narrative, wrap),
            ]
        )
    tools.finish(rows, len(ACTION_HEADERS))


def _slipped_sheet(tools: SheetTools, period: PeriodSheets) -> None:
    names = tools.workstream_titles
    lines = period.slipped
    texts = [(names[s.action.workstream_id], s.action.ref, None, _leads(s.action)) for s in lines]
    sheet, cells, widths = tools.start(SLIPPED_SHEET, SLIPPED_WIDTHS, SLIPPED_HEADERS, texts)
    tools.titles(
        sheet,
        cells,
        SLIPPED_SHEET,
        _compared(
            period, f"{count_noun(len(lines), 'action')} expected later, with the reasons given,"
        ),
        SLIPPED_HEADERS,
    )
    rows = FittedRows(sheet, widths, tools.first_data_row)
    wrap, body = styles.WRAP, styles.BODY
    for s in lines:
        x = s.action
        rows.append(
            [
                cells.text(names[x.workstream_id], wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text(_leads(x), wrap),
                cells.date(s.was_due, styles.DATE),
                cells.date(s.now_due, styles.OVERDUE_DATE),
                cells.text(s.reason or "No reason given", wrap),
                cells.text(x.latest_narrative, wrap),
            ]
        )
    tools.finish(rows, len(SLIPPED_HEADERS))


def return_state(line: ReturnLine) -> str:
    if line.back_on is not None:
        return "Back"
    return "Overdue" if line.overdue else "Outstanding"


def _returns_sheet(tools: SheetTools, returns: Sequence[ReturnLine], as_at: date) -> None:
    texts = [(r.for_whom, None, None, None, None, None, r.file_name) for r in returns]
    sheet, cells, widths = tools.start(RETURNS_SHEET, RETURN_WIDTHS, RETURN_HEADERS, texts)
    back = sum(r.back_on is not None for r in returns)
    overdue = sum(r.overdue for r in returns)
    tools.titles(
        sheet,
        cells,
        "Status returns chased",
        f"{count_noun(len(returns), 'return')} sent: {back} back, "
        f"{len(returns) - back} outstanding, {overdue} overdue as at {short_date(as_at)}",
        RETURN_HEADERS,
    )
    rows = FittedRows(sheet, widths, tools.first_data_row)
    for r in returns:
        state = return_state(r)
        rows.append(
            [
                cells.text(r.for_whom, styles.WRAP),
                cells.number(r.actions, styles.NUMBER),
                cells.date(r.sent_on, styles.DATE),
                cells.date(r.due_back, styles.OVERDUE_DATE if r.overdue else styles.DATE),
                cells.date(r.back_on, styles.DATE),
                cells.text(state, styles.rag_look("R") if r.overdue else styles.BODY),
                cells.text(r.file_name, styles.WRAP),
            ]
        )
    tools.finish(rows, len(RETURN_HEADERS))


def _trend_sheet(
    workbook: StreamingWorkbook, tools: SheetTools, trend: Sequence[TrendPoint]
) -> None:
    workstreams: list[str] = []
    for point in trend:
        for name in point.by_workstream:
            if name not in workstreams:
                workstreams.append(name)
    lines = [(ws, point) for ws in workstreams for point in trend]
    texts = [(ws, None, point.label) for ws, point in lines]
    sheet, cells, widths = tools.start(TREND_SHEET, TREND_WIDTHS, TREND_HEADERS, texts)
    tools.titles(
        sheet,
        cells,
        "RAG by workstream across the last periods",
        f"{count_noun(len(trend), 'period')} closed, oldest first; complete actions counted "
        "as Complete whatever their RAG",
        TREND_HEADERS,
    )
    rows = FittedRows(sheet, widths, tools.first_data_row)
    for ws, point in lines:
        counts = point.by_workstream.get(ws, {})
        rows.append(
            [
                cells.text(ws, styles.WRAP),
                # As text: the chart's categories read it as the period's name.
                cells.text(short_date(point.on), styles.BODY),
                cells.text(point.label, styles.WRAP),
                *(cells.number(counts.get(key, 0), styles.NUMBER) for key, _ in TREND_KEYS),
            ]
        )
    tools.finish(rows, len(TREND_HEADERS))
    if lines:
        _trend_chart(workbook, sheet, tools.first_data_row, len(lines), rows.last_row + 2)


def _trend_chart(
    workbook: StreamingWorkbook, sheet: RowSheet, first_row: int, count: int, below: int
) -> None:
    """Stacked columns per workstream and period (categories in two levels: the
    workstream, and the date each period closed)."""
    chart = workbook.workbook.add_chart({"type": "column", "subtype": "stacked"})
    first, last = first_row - 1, first_row + count - 2
    header = first_row - 2
    for offset, (key, _label) in enumerate(TREND_KEYS):
        column = _FIRST_COUNT + offset
        colour = f"#{TREND_COLOURS[key]}"
        chart.add_series(
            {
                "name": [sheet.name, header, column],
                "categories": [sheet.name, first, 0, last, 1],
                "values": [sheet.name, first, column, last, column],
                "fill": {"color": colour},
                "border": {"color": colour},
                "overlap": 100,
                "gap": 60,
            }
        )
    chart.set_title({"name": "RAG by workstream, period by period"})
    chart.set_y_axis({"name": "Actions", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 960, "height": 460})
    sheet.worksheet.insert_chart(below, 0, chart)
