"""Status returns: one workbook per workstream (or per lead) for the lead to fill in offline.

Each workbook holds only its scope's actions, pre-filled with their current state. The
update columns (Status, RAG, % complete, Narrative, Revised due date, Reason for change)
are unlocked and validated; everything else is protected. Each row's hidden columns hold
the action's id, a fingerprint of its state and a signature (see
:mod:`tracker.excel.signing`), so the return matches back exactly however the lead sorts
or filters it. A very hidden, signed metadata sheet holds the return's id, its scope and
what was sent, which the import shows beside what came back. The return says when it is
due back and to whom (when the export was told), and has a "Returned by" cell the lead
fills in, so the updates are recorded as by the person who sent them.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from tracker import domain
from tracker.dates import long_date
from tracker.excel import return_layout as layout
from tracker.excel import styles
from tracker.excel.atomic import atomic_paths
from tracker.excel.return_layout import FIRST_DATE_SERIAL, LAST_DATE_SERIAL
from tracker.excel.row_shapes import ActionShape
from tracker.excel.safe_cells import CellMaker, clean_text
from tracker.excel.sheet_setup import FittedRows, describe_workbook, print_ready, set_widths
from tracker.excel.signing import fingerprint, sign_row, sign_table
from tracker.excel.streaming import RowSheet, StreamingWorkbook, streaming_workbook
from tracker.excel.styles import Look, StyleBook
from tracker.wording import count_noun

INPUT = Look(fill=styles.INPUT_FILL, locked=False)
INPUT_TEXT = INPUT.but(wrap=True, number_format=styles.TEXT_FORMAT)
INPUT_DATE = INPUT.but(number_format=styles.BRITISH_DATE, horizontal="left")
INPUT_NUMBER = INPUT.but(number_format=styles.INTEGER, horizontal="right")
INPUT_CENTRE = INPUT.but(horizontal="center")
HIDDEN = Look(border=False, size=8, color="808080")


@dataclass(frozen=True)
class PlannedReturn:
    """One return to write: its scope, who it is for and the actions in it."""

    scope: layout.Scope
    for_whom: str
    actions: Sequence[ActionShape]
    # The people the return is for: each action's own leads (its area's when it has none).
    leads: tuple[str, ...] = ()
    # A return made already filled in (from a working copy): the values recorded offline
    # by action id, and who recorded them. The rows are still signed with what was sent.
    filled: Mapping[int, FilledValues] | None = None
    returned_by: str = ""


@dataclass(frozen=True)
class FilledValues:
    """What a return's update columns hold for one action when it is made filled in."""

    status: str
    rag: str | None
    percent: int
    narrative: str
    revised_due: date | None
    reason: str = ""


@dataclass(frozen=True)
class Sending:
    """When the return is due back and to whom, as the export was told (both optional)."""

    due_back: date | None = None
    contact: str = ""

    def line(self) -> str:
        """``Please send it back by 31 March 2019 to Jo Bloggs.`` (or the part given)."""
        when = f" by {long_date(self.due_back)}" if self.due_back else ""
        to = f" to {self.contact}" if self.contact else ""
        return f"Please send it back{when}{to}." if when or to else DEFAULT_SENDING


DEFAULT_SENDING = "Please send it back to the programme office."
CONTACT_LIMIT = 200  # characters: a name and an email address or telephone number


def safe_file_name(text: str, limit: int = 80) -> str:
    """A file name a person recognises, valid on Windows, macOS and Linux."""
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", " ".join(text.split()))
    return text[:limit].strip(" .-") or "return"


@dataclass(frozen=True)
class StatusReturnsData:
    """Everything the returns show, already gathered: the plan, the returns to write, the
    key the rows are signed with, who exports them and the sending note."""

    plan_id: int
    plan_name: str
    planned: Sequence[PlannedReturn]
    secret: bytes
    author: str
    today: date
    sending: Sending = Sending()  # frozen, so one shared default is safe


@dataclass(frozen=True)
class WrittenReturn:
    """One return written: where it is, what it holds and the id it was given."""

    path: Path
    planned: PlannedReturn
    return_id: str


def write_status_returns(folder: Path, data: StatusReturnsData) -> list[WrittenReturn]:
    """Write one workbook per planned return into ``folder``; all appear or none."""
    names = _file_names(folder, data.planned, data.plan_name, data.today)
    results = []
    with atomic_paths(names) as temporaries:
        for item, temporary, final in zip(data.planned, temporaries, names, strict=True):
            return_id = secrets.token_hex(6)
            with streaming_workbook(temporary) as workbook:
                describe_workbook(
                    workbook,
                    title=f"Status return: {item.scope.label}",
                    subject=data.plan_name,
                    author=data.author,
                )
                _build(
                    workbook,
                    item,
                    return_id,
                    data.plan_id,
                    data.plan_name,
                    data.secret,
                    data.today,
                    data.sending,
                )
            results.append(WrittenReturn(final, item, return_id))
    return results


def _file_names(
    folder: Path, planned: Sequence[PlannedReturn], plan_name: str, today: date
) -> list[Path]:
    used: set[str] = set()
    names = []
    for item in planned:
        base = safe_file_name(f"Status return - {item.scope.label} - {today:%Y-%m-%d}")
        name, n = base, 2
        while name.casefold() in used:
            name = f"{base} ({n})"
            n += 1
        used.add(name.casefold())
        names.append(folder / f"{name}.xlsx")
    return names


def _build(
    workbook: StreamingWorkbook,
    item: PlannedReturn,
    return_id: str,
    plan_id: int,
    plan_name: str,
    secret: bytes,
    today: date,
    sending: Sending,
) -> None:
    book = StyleBook(workbook)
    sent_rows = _return_sheet(workbook, book, item, return_id, plan_name, secret, today, sending)
    _instructions_sheet(workbook, book, item, plan_name, today, sending)
    _meta_sheet(workbook, book, item, return_id, plan_id, plan_name, secret, sent_rows, sending)
    # The workbook's structure is not locked (XlsxWriter has no public way to): the
    # metadata sheet is very hidden and signed, and the import finds the return's sheet by
    # its columns if a lead renames it.


def _return_sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    item: PlannedReturn,
    return_id: str,
    plan_name: str,
    secret: bytes,
    today: date,
    sending: Sending,
) -> list[list[str]]:
    sheet = workbook.add_sheet(layout.RETURN_SHEET)
    cells = CellMaker(sheet, book)
    hidden_from = len(layout.COLUMNS) - len(layout.HIDDEN_COLUMNS) + 1
    set_widths(sheet, layout.WIDTHS, hidden=range(hidden_from, len(layout.COLUMNS) + 1))
    sheet.worksheet.freeze_panes(layout.FIRST_DATA_ROW - 1, 2)
    sheet.set_height(layout.HEADER_ROW, 30)
    print_ready(
        sheet,
        footer_left=f"Status return · {item.scope.label} · {long_date(today)}",
        header_centre=plan_name,
        title_rows=(layout.HEADER_ROW, layout.HEADER_ROW),
    )
    sheet.append([cells.text(f"Status return: {item.scope.label}", styles.TITLE)])
    sheet.append(
        [
            cells.text(
                f"For {item.for_whom} · {plan_name} · exported {long_date(today)}", styles.SUBTITLE
            )
        ]
    )
    sheet.append([cells.text(sending.line(), styles.SUBTITLE.but(bold=True, italic=False))])
    # The lead's name: the updates are recorded as by the person who sent the return.
    sheet.append(
        [
            cells.text(layout.RETURNED_BY, styles.PLAIN.but(bold=True)),
            cells.text(item.returned_by, INPUT_TEXT.but(wrap=False))
            if item.returned_by
            else cells.blank(INPUT_TEXT.but(wrap=False)),
            cells.text("Your name: the updates are recorded as yours.", styles.SUBTITLE),
        ]
    )
    sheet.append(
        [
            cells.text(
                "Fill in the yellow cells only; the Instructions sheet says how. "
                "Save the file and send it back as it is.",
                styles.SUBTITLE.but(bold=True),
            )
        ]
    )
    header = styles.HEADER
    sheet.append(
        [
            cells.text(h, header.but(fill="7F6000") if h in layout.UPDATE_COLUMNS else header)
            for h in layout.COLUMNS
        ]
    )
    rags = {r: styles.rag_look(r).but(locked=False) for r in domain.RAGS}
    sent_rows: list[list[str]] = []
    rows = FittedRows(sheet, layout.WIDTHS[: -len(layout.HIDDEN_COLUMNS)], layout.FIRST_DATA_ROW)
    for x in item.actions:
        updated_at = x.updated_at
        fp = fingerprint(x.status, x.rag, x.percent, x.revised_due, updated_at)
        signature = sign_row(secret, return_id, item.scope.text, x.id, fp)
        narrative = clean_text(x.latest_narrative)
        shown = (item.filled or {}).get(x.id) or FilledValues(
            x.status, x.rag, x.percent, narrative, x.revised_due
        )
        rows.append(
            [
                cells.text(x.ref, styles.BODY),
                cells.text(x.text, styles.WRAP),
                cells.text("; ".join(x.leads) or x.lead_text, styles.WRAP),
                cells.date(x.due, styles.DATE)
                if x.due or not x.deadline_text
                else cells.text(x.deadline_text, styles.WRAP),
                cells.date(x.last_update, styles.DATE),
                cells.text(shown.status, INPUT),
                cells.text(shown.rag, rags.get(shown.rag or "", INPUT_CENTRE)),
                cells.number(shown.percent, INPUT_NUMBER),
                cells.text(clean_text(shown.narrative), INPUT_TEXT),
                cells.date(shown.revised_due, INPUT_DATE),
                cells.text(shown.reason, INPUT_TEXT) if shown.reason else cells.blank(INPUT_TEXT),
                cells.number(x.id, HIDDEN),
                cells.text(fp, HIDDEN),
                cells.text(signature, HIDDEN),
            ]
        )
        sent_rows.append(
            [
                layout.SENT,
                str(x.id),
                clean_text(x.ref),
                x.status,
                x.rag or "",
                str(x.percent),
                x.revised_due.isoformat() if x.revised_due else "",
                narrative,
                updated_at.isoformat() if updated_at else "",
                fp,
            ]
        )
    last = layout.HEADER_ROW + len(item.actions)
    worksheet = sheet.worksheet
    _validations(sheet, last)
    _returned_by_validation(sheet)
    worksheet.autofilter(layout.HEADER_ROW - 1, 0, last - 1, len(layout.COLUMNS) - 1)
    # Leads may still filter, sort, resize and select; everything locked stays put.
    worksheet.protect(
        "", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True}
    )
    worksheet.print_area(0, 0, last - 1, hidden_from - 2)
    return sent_rows


def _validations(sheet: RowSheet, last: int) -> None:
    if last < layout.FIRST_DATA_ROW:
        return

    def add(name: str, rule: dict[str, object], title: str, message: str) -> None:
        column = layout.COLUMNS.index(name)
        sheet.worksheet.data_validation(
            layout.FIRST_DATA_ROW - 1,
            column,
            last - 1,
            column,
            {
                **rule,
                "show_input": True,
                "show_error": True,
                "input_title": title,
                "input_message": message,
                "error_title": title,
                "error_message": message,
            },
        )

    add(
        layout.STATUS,
        {"validate": "list", "source": list(domain.STATUSES), "ignore_blank": False},
        "Status",
        "Choose one: " + ", ".join(domain.STATUSES) + ".",
    )
    add(
        layout.RAG,
        {"validate": "list", "source": list(domain.RAGS), "ignore_blank": True},
        "RAG",
        "R (red), A (amber) or G (green).",
    )
    add(
        layout.PERCENT,
        {
            # Decimal, not whole: typing "45%" stores 0.45, which the import reads as 45.
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "ignore_blank": False,
        },
        "% complete",
        "A whole number from 0 to 100, such as 45 or 45%. Complete means 100.",
    )
    # The column is formatted as text, so "=..." typed in stays text; a formula that gets
    # in anyway is refused at entry, since only its result, not its text, comes back.
    narrative = xl_rowcol_to_cell(layout.FIRST_DATA_ROW - 1, layout.COLUMNS.index(layout.NARRATIVE))
    add(
        layout.NARRATIVE,
        {"validate": "custom", "value": f"=NOT(ISFORMULA({narrative}))", "ignore_blank": True},
        "Narrative",
        "Type the narrative as plain text, not a formula: only a formula's result would be "
        "kept. To start it with =, type an apostrophe (') first.",
    )
    add(
        layout.REVISED_DUE,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": FIRST_DATE_SERIAL,
            "maximum": LAST_DATE_SERIAL,
            "ignore_blank": True,
        },
        "Revised due date",
        "A date such as 30/09/2019; give a reason for the change.",
    )


def _returned_by_validation(sheet: RowSheet) -> None:
    message = (
        "Your name, as the updates are to be recorded "
        f"(up to {count_noun(layout.RETURNED_BY_LIMIT, 'letter')})."
    )
    sheet.worksheet.data_validation(
        layout.RETURNED_BY_ROW - 1,
        1,
        layout.RETURNED_BY_ROW - 1,
        1,
        {
            "validate": "length",
            "criteria": "between",
            "minimum": 2,
            "maximum": layout.RETURNED_BY_LIMIT,
            "ignore_blank": True,
            "input_title": "Returned by",
            "input_message": message,
            "error_title": "Returned by",
            "error_message": message,
        },
    )


INSTRUCTIONS = (
    ("How to fill in this status return", styles.TITLE),
    ("", styles.PLAIN),
    (
        "Returned by: type your name in the yellow cell at the top of the Return sheet. The "
        "updates are recorded as yours.",
        styles.PLAIN_WRAP,
    ),
    (
        "Change only the yellow columns: Status, RAG, % complete, Narrative, Revised due date "
        "and Reason for change. The other columns are protected.",
        styles.PLAIN_WRAP,
    ),
    (
        "Status: choose Not started, In progress, Complete or On hold from the drop-down.",
        styles.PLAIN_WRAP,
    ),
    (
        "RAG: R (red: will not be delivered as planned without help), A (amber: at risk), "
        "G (green: on track). Leave it blank if the action is not rated.",
        styles.PLAIN_WRAP,
    ),
    (
        "% complete: a whole number from 0 to 100, such as 45 or 45%. Complete means 100: "
        "a row marked Complete with less than 100 is not accepted.",
        styles.PLAIN_WRAP,
    ),
    (
        "Narrative: what has happened since the last update, as plain text. The column starts "
        "with the latest narrative; replace it with yours, or leave it if there is nothing "
        "new. Do not paste in formulas: a formula's text is not kept, only what it shows.",
        styles.PLAIN_WRAP,
    ),
    (
        "Revised due date: only when the deadline has moved; type a date such as 30/09/2019 "
        "and say why in Reason for change. A moved date without a reason is not accepted.",
        styles.PLAIN_WRAP,
    ),
    (
        "You may filter the rows with the arrows in the header row, to see only some actions. "
        "Do not add rows, or copy rows in from another return: each row is matched to its "
        "action by hidden columns, and rows from anywhere else are rejected.",
        styles.PLAIN_WRAP,
    ),
    (
        "Save the workbook as .xlsx (Excel or LibreOffice) and email it back to the programme "
        "office. The office sees every change before it is recorded; if an action changed in "
        "the tracker after this return was sent, the office chooses which to keep. If you "
        "find a mistake after sending it, correct this same file and send it again: only "
        "what you corrected is recorded.",
        styles.PLAIN_WRAP,
    ),
)
INSTRUCTIONS_WIDTH = 90  # characters: the column prints within an A4 portrait page


def _instructions_sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    item: PlannedReturn,
    plan_name: str,
    today: date,
    sending: Sending,
) -> None:
    sheet = workbook.add_sheet(layout.INSTRUCTIONS_SHEET)
    cells = CellMaker(sheet, book)
    set_widths(sheet, (INSTRUCTIONS_WIDTH,))
    print_ready(sheet, footer_left=f"Status return · {item.scope.label}", portrait=True)
    # Rows are given the height their wrapped text needs: spreadsheets do not re-measure
    # rows when they open a file, and unmeasured rows print over each other.
    rows = FittedRows(sheet, (INSTRUCTIONS_WIDTH,), 1)
    for text, look in INSTRUCTIONS:
        rows.append([cells.text(text, look)])
    rows.append([])
    details = [
        f"This return: {item.scope.label} ({count_noun(len(item.actions), 'action')})",
        f"For: {item.for_whom}",
        f"Plan: {plan_name}",
        f"Exported: {long_date(today)}",
    ]
    if sending.due_back:
        details.append(f"Due back by: {long_date(sending.due_back)}")
    if sending.contact:
        details.append(f"Send it back to: {sending.contact}")
    for text in details:
        rows.append([cells.text(text, styles.PLAIN_WRAP)])
    sheet.worksheet.print_area(0, 0, rows.last_row - 1, 0)
    sheet.worksheet.protect()


def meta_rows(
    item: PlannedReturn,
    return_id: str,
    plan_id: int,
    plan_name: str,
    sent_rows: list[list[str]],
    sending: Sending = Sending(),  # frozen, so one shared default is safe
) -> list[list[str]]:
    """The metadata sheet's rows before the signature, all text."""
    rows = [
        ["format", layout.FORMAT_NAME],
        ["version", layout.FORMAT_VERSION],
        ["return_id", return_id],
        ["scope", item.scope.text],
        ["scope_label", clean_text(item.scope.label)],
        ["for", clean_text(item.for_whom)],
        ["plan_id", str(plan_id)],
        ["plan_name", clean_text(plan_name)],
        ["exported_at", datetime.now(UTC).isoformat(timespec="seconds")],
        ["leads", clean_text("; ".join(item.leads))],
        ["due_back", sending.due_back.isoformat() if sending.due_back else ""],
        ["contact", sending.contact],
        ["rows", str(len(sent_rows))],
        [layout.SENT, *layout.SENT_FIELDS],
        *sent_rows,
    ]
    return [canonical_row(r) for r in rows]


def canonical_row(row: list[object]) -> list[str]:
    """A row as text with trailing blanks dropped: how it is signed and checked."""
    values = ["" if v is None else str(v) for v in row]
    while values and values[-1] == "":
        values.pop()
    return values


def _meta_sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    item: PlannedReturn,
    return_id: str,
    plan_id: int,
    plan_name: str,
    secret: bytes,
    sent_rows: list[list[str]],
    sending: Sending,
) -> None:
    sheet = workbook.add_sheet(layout.META_SHEET)
    cells = CellMaker(sheet, book)
    rows = meta_rows(item, return_id, plan_id, plan_name, sent_rows, sending)
    for row in rows:
        sheet.append([cells.text(v, styles.PLAIN) for v in row])
    sheet.append(
        [
            cells.text(layout.SIGNATURE_KEY, styles.PLAIN),
            cells.text(sign_table(secret, rows), styles.PLAIN),
        ]
    )
    sheet.worksheet.protect()
    sheet.worksheet.very_hidden()
