"""Reading a returned status return into rows and checking its signatures, with no database:
the sheets are built here as the reader would hand them back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.excel import return_layout as layout
from tracker.excel.return_reading import (
    RefusedRow,
    ReturnedRow,
    read_details,
    read_rows,
)
from tracker.excel.return_values import State
from tracker.excel.signing import sign_row, sign_table
from tracker.importing.workbook_file import SheetData

SECRET = bytes(range(32))
PATH = Path("Status return - Prevention.xlsx")
SCOPE = "workstream:2"
SENT = {7: ("1.1 i.", "fp-seven"), 8: ("1.1 ii.", "fp-eight"), 9: ("1.2 i.", "fp-nine")}


def _details_sheet(secret: bytes = SECRET, scope: str = SCOPE) -> SheetData:
    body = [
        ["format", layout.FORMAT_NAME],
        ["version", layout.FORMAT_VERSION],
        ["return_id", "R1"],
        ["scope", scope],
        ["scope_label", "Prevention"],
        ["for", "Pip Mayo"],
        ["plan_id", "1"],
        ["plan_name", "Test plan"],
        ["exported_at", "2019-03-01T10:00:00+00:00"],
        [layout.SENT, *layout.SENT_FIELDS],
        *(
            [layout.SENT, str(aid), ref, "In progress", "A", "20", "2019-06-30", "Started", "", fp]
            for aid, (ref, fp) in SENT.items()
        ),
    ]
    rows = [tuple(r) for r in body] + [(layout.SIGNATURE_KEY, sign_table(secret, body))]
    return SheetData(layout.META_SHEET, rows)


def _row(aid: object, fp: str, status: str = "In progress", signed_as: int | None = None):
    signature = sign_row(SECRET, "R1", SCOPE, signed_as or aid, fp)  # type: ignore[arg-type]
    values = {layout.REF: "x", layout.STATUS: status, layout.ACTION_ID: aid}
    values |= {layout.FINGERPRINT: fp, layout.SIGNATURE: signature}
    return tuple(values.get(name) for name in layout.COLUMNS)


def _sheets(*rows: tuple[object, ...]) -> dict[str, SheetData]:
    title = [("Status return",), (), ()]
    sheet = SheetData(layout.RETURN_SHEET, [*title, tuple(layout.COLUMNS), *rows])
    return {layout.META_SHEET: _details_sheet(), layout.RETURN_SHEET: sheet}


def test_the_details_say_whose_return_it_is_and_what_was_sent() -> None:
    details = read_details(PATH, {layout.META_SHEET: _details_sheet()}, SECRET)
    assert (details.return_id, details.scope, details.plan_id) == ("R1", SCOPE, 1)
    assert details.sent[7].state.percent == 20
    assert details.sent[8].fingerprint == "fp-eight"
    assert details.sent[9].ref == "1.2 i."


def test_details_signed_with_another_secret_are_refused() -> None:
    sheets = {layout.META_SHEET: _details_sheet(secret=b"another database")}
    with pytest.raises(TrackerError, match="another tracker database"):
        read_details(PATH, sheets, SECRET)


def test_rows_are_matched_back_or_refused_in_sheet_order() -> None:
    sheets = _sheets(
        _row(7, "fp-seven", status="Complete"),
        _row(None, "fp-eight"),
        _row(8, "fp-eight", signed_as=9),  # the id was edited after signing
        _row(7, "fp-seven"),
        (),
        _row(9, "fp-stale"),  # signed, but not what the details list
    )
    details = read_details(PATH, sheets, SECRET)
    returned = read_rows(PATH, sheets, details, SECRET)
    first, *refused = returned.rows
    assert isinstance(first, ReturnedRow)
    assert (first.row, first.action_id, first.cells[layout.STATUS]) == (5, 7, "Complete")
    assert first.sent.state == State("In progress", "A", 20, date(2019, 6, 30), "Started")
    assert all(isinstance(r, RefusedRow) for r in refused)
    reasons = {r.row: r.reason for r in refused}
    assert list(reasons) == [6, 7, 8, 10]
    assert "no action id" in reasons[6]
    assert "altered" in reasons[7]
    assert "repeats the action already in row 5" in reasons[8]
    assert "do not list this row's action" in reasons[10]
    assert returned.missing == ["1.1 ii."]


def test_a_return_without_its_hidden_columns_is_refused() -> None:
    sheets = _sheets()
    header = tuple(c for c in layout.COLUMNS if c != layout.SIGNATURE)
    sheets[layout.RETURN_SHEET] = SheetData(layout.RETURN_SHEET, [header])
    details = read_details(PATH, sheets, SECRET)
    with pytest.raises(TrackerError, match="its columns Signature are missing"):
        read_rows(PATH, sheets, details, SECRET)
