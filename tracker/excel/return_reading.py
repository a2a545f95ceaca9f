"""Reading a returned status return into rows, and checking its signatures.

:func:`read_details` reads the return's signed details sheet (its id, scope, plan and what
was sent) and :func:`read_rows` the rows of its Return sheet, each matched back by its
hidden action id and verified against its signature. Nothing here touches the database:
the caller passes the database's signing secret and compares the rows with the tracker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.excel import return_layout as layout
from tracker.excel.return_values import State, as_action_id, cell_text, is_blank, tidy
from tracker.excel.signing import row_signature_ok, table_signature_ok
from tracker.importing.workbook_file import SheetData, read_workbook

# The header row is looked for among the first rows only (a lead may add a line or two).
_HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class SentAction:
    """An action as the return was sent out: its state, fingerprint and ref."""

    state: State
    fingerprint: str
    ref: str


@dataclass(frozen=True)
class ReturnDetails:
    """The return's signed details: whose return it is, for which plan, what was sent."""

    return_id: str
    scope: str
    scope_label: str
    for_whom: str
    plan_id: int
    plan_name: str
    exported_at: str
    sent: Mapping[int, SentAction]
    leads: tuple[str, ...] = ()  # whom the return was for (older returns: none listed)
    due_back: date | None = None
    contact: str = ""


@dataclass(frozen=True)
class ReturnedRow:
    """A row whose signature holds and whose action the details list."""

    row: int
    ref: str
    action_id: int
    sent: SentAction
    cells: Mapping[str, Any]  # the row's values by column header


@dataclass(frozen=True)
class RefusedRow:
    """A row that cannot be matched back to an action sent in this return, and why."""

    row: int
    ref: str
    reason: str


@dataclass(frozen=True)
class ReturnedRows:
    rows: list[ReturnedRow | RefusedRow]  # in sheet order
    missing: list[str]  # refs of the actions sent that no row brought back
    returned_by: str = ""  # the name the lead typed in "Returned by", as typed


def not_a_return(path: Path, why: str) -> TrackerError:
    return TrackerError(
        f"{path.name} cannot be imported as a status return: {why}. Nothing was imported; "
        "import the file the tracker exported (Excel or LibreOffice may re-save it)."
    )


def open_return(path: Path) -> dict[str, SheetData]:
    """The workbook's sheets by name, read through the safe workbook reader."""
    return {sheet.name: sheet for sheet in read_workbook(path)}


def read_details(path: Path, sheets: Mapping[str, SheetData], secret: bytes) -> ReturnDetails:
    """The signed details sheet, refused unless it is ours, whole and unaltered."""
    sheet = sheets.get(layout.META_SHEET)
    if sheet is None:
        raise not_a_return(
            path,
            "it has no return details sheet (was it exported as a status return by the tracker?)",
        )
    rows = [r for r in (_canonical(row) for row in sheet.rows) if r]
    if not rows or rows[-1][0] != layout.SIGNATURE_KEY or len(rows[-1]) < 2:
        raise not_a_return(path, "its return details are incomplete")
    body, signature = rows[:-1], rows[-1][1]
    values = {r[0]: (r[1] if len(r) > 1 else "") for r in body if r[0] != layout.SENT}
    if values.get("format") != layout.FORMAT_NAME:
        raise not_a_return(path, "it is not a status return")
    if values.get("version") != layout.FORMAT_VERSION:
        raise not_a_return(
            path,
            f"it was written by another version of the tracker (format "
            f"{values.get('version')!r}); export the returns again",
        )
    if not table_signature_ok(secret, body, signature):
        raise not_a_return(
            path,
            "its return details do not match their signature: it was altered, or it "
            "was exported from another tracker database",
        )
    try:
        plan_id = int(values.get("plan_id", ""))
    except ValueError:
        raise not_a_return(path, "its return details name no plan") from None
    return ReturnDetails(
        values.get("return_id", ""),
        values.get("scope", ""),
        values.get("scope_label", ""),
        values.get("for", ""),
        plan_id,
        values.get("plan_name", ""),
        values.get("exported_at", ""),
        _sent_actions(body),
        tuple(n for n in values.get("leads", "").split("; ") if n),
        _iso_date(values.get("due_back", "")),
        values.get("contact", ""),
    )


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _sent_actions(body: Sequence[list[str]]) -> dict[int, SentAction]:
    sent: dict[int, SentAction] = {}
    rows = [r for r in body if r[0] == layout.SENT][1:]  # the first is their header
    for r in rows:
        padded = [*r[1:], *[""] * len(layout.SENT_FIELDS)]
        record = dict(zip(layout.SENT_FIELDS, padded, strict=False))
        state = State(
            record["status"],
            record["rag"] or None,
            int(record["percent"] or 0),
            date.fromisoformat(record["revised_due"]) if record["revised_due"] else None,
            tidy(record["narrative"]),
        )
        sent[int(record["action_id"])] = SentAction(state, record["fingerprint"], record["ref"])
    return sent


def read_rows(
    path: Path, sheets: Mapping[str, SheetData], details: ReturnDetails, secret: bytes
) -> ReturnedRows:
    """The Return sheet's rows, each matched back to its action or refused with a reason."""
    sheet = _return_sheet(path, sheets)
    columns, header_index = _header(path, sheet)
    result: list[ReturnedRow | RefusedRow] = []
    seen: dict[int, int] = {}
    for index in range(header_index + 1, len(sheet.rows)):
        row_number, values = index + 1, sheet.rows[index]
        if all(is_blank(v) for v in values):
            continue
        cells = {name: values[at] for name, at in columns.items() if at < len(values)}
        ref = cell_text(cells.get(layout.REF))
        action_id = as_action_id(cells.get(layout.ACTION_ID))
        fp = cell_text(cells.get(layout.FINGERPRINT))
        signature = cell_text(cells.get(layout.SIGNATURE))
        if action_id is None:
            why = (
                "it has no action id in its hidden columns (rows cannot be added to a "
                "return); the row was ignored"
            )
        elif not row_signature_ok(
            secret, details.return_id, details.scope, action_id, fp, signature
        ):
            why = (
                "its hidden action id or fingerprint has been altered, or the row was "
                "copied in from another return; it does not match this return's signature"
            )
        elif action_id in seen:
            why = f"it repeats the action already in row {seen[action_id]}"
        else:
            seen[action_id] = row_number
            sent = details.sent.get(action_id)
            if sent is not None and sent.fingerprint == fp:
                result.append(ReturnedRow(row_number, ref, action_id, sent, cells))
                continue
            why = "the return's details do not list this row's action"
        result.append(RefusedRow(row_number, ref, why))
    missing = [sent.ref for action_id, sent in details.sent.items() if action_id not in seen]
    return ReturnedRows(result, missing, _returned_by(sheet, header_index))


def _returned_by(sheet: SheetData, header_index: int) -> str:
    """What the lead typed after "Returned by:" above the header row (blank if nothing)."""
    label = layout.RETURNED_BY.rstrip(":").casefold()
    for row in sheet.rows[:header_index]:
        texts = [cell_text(v) for v in row]
        for at, text in enumerate(texts):
            if text.rstrip(":").strip().casefold() == label:
                return texts[at + 1] if at + 1 < len(texts) else ""
    return ""


def _canonical(row: Sequence[Any]) -> list[str]:
    values = [cell_text(v, strip=False) for v in row]
    while values and values[-1] == "":
        values.pop()
    return values


def _return_sheet(path: Path, sheets: Mapping[str, SheetData]) -> SheetData:
    if layout.RETURN_SHEET in sheets:
        return sheets[layout.RETURN_SHEET]
    for sheet in sheets.values():
        rows = sheet.rows[:_HEADER_SEARCH_ROWS]
        if any(layout.ACTION_ID in [cell_text(v) for v in row] for row in rows):
            return sheet
    raise not_a_return(path, f"its {layout.RETURN_SHEET!r} sheet is missing")


def _header(path: Path, sheet: SheetData) -> tuple[dict[str, int], int]:
    for index, row in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS]):
        texts = [cell_text(v) for v in row]
        if layout.ACTION_ID in texts and layout.STATUS in texts:
            columns = {name: texts.index(name) for name in layout.COLUMNS if name in texts}
            missing = [
                name
                for name in (*layout.UPDATE_COLUMNS, *layout.HIDDEN_COLUMNS)
                if name not in columns
            ]
            if missing:
                raise not_a_return(path, f"its columns {', '.join(missing)} are missing")
            return columns, index
    raise not_a_return(path, "its header row (with the hidden Action id column) is missing")
