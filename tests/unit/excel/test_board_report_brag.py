"""The board report with completion verified: Blue counted apart from Green, "complete,
awaiting verification" as its own figure, and the B on the workstream sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from tracker.db import Database
from tracker.excel import board_report, styles
from tracker.services import closure, evidence, programme_office
from tracker.services.board_report_export import export_board_report

AS_AT = date(2019, 3, 12)


def _header_map(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.value: c.column for c in sheet[board_report.HEADER_ROW] if c.value}


def _complete(database: Database, action_id: int, *, verify: bool) -> None:
    evidence.add_link(database, action_id, "https://example.org/minutes", "Minutes")
    database.actor = "Sam Lee"
    closure.propose_completion(database, action_id, today=AS_AT)
    if verify:
        database.actor = "Pat Lee"
        closure.verify_completion(database, action_id)


def test_blue_apart_from_green_and_awaiting_verification_as_its_own_figure(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    programme_office.set_programme_office(database, ["Pat Lee"])
    # Both Green, in Governance: one verified (Blue), one proposed; Falls service stays Green.
    _complete(database, small_plan["Set up the board"], verify=True)
    _complete(database, small_plan["Board terms of reference"], verify=False)
    out = tmp_path / "board.xlsx"
    export_board_report(database, out, as_at=date.today())
    book = openpyxl.load_workbook(out)

    summary = book["Summary"]
    columns = _header_map(summary)
    first = board_report.FIRST_DATA_ROW
    governance, prevention, total = first, first + 1, first + 2
    assert summary.cell(governance, 1).value == "Governance and Leadership"
    assert summary.cell(total, 1).value == "All workstreams"
    expected = {
        # (row, header): value
        (governance, "Red"): 1,
        (governance, "Amber"): 1,
        (governance, "Green"): 0,
        (governance, "Blue"): 1,
        (governance, "No RAG"): 1,
        (governance, "Complete"): 2,
        (governance, "Complete, awaiting verification"): 1,
        (prevention, "Green"): 1,
        (prevention, "Blue"): 0,
        (prevention, "Complete, awaiting verification"): 0,
        (total, "Green"): 1,
        (total, "Blue"): 1,
        (total, "No RAG"): 2,
        (total, "Complete, awaiting verification"): 1,
    }
    for (row, header), value in expected.items():
        assert summary.cell(row, columns[header]).value == value, (row, header)
    blue_header = summary.cell(board_report.HEADER_ROW, columns["Blue"])
    assert blue_header.fill.fgColor.rgb.endswith(styles.RAG_FILLS["B"])
    assert summary.cell(governance, columns["Blue"]).fill.fgColor.rgb.endswith(
        styles.RAG_TINTS["B"]
    )
    notes = [summary.cell(r, 1).value for r in range(total + 1, total + 12)]
    assert any(n and n.startswith("Blue: complete, with its evidence verified") for n in notes)

    sheet = book["Governance and Leadership"]
    ws_columns = _header_map(sheet)
    by_action = {
        row[ws_columns["Action"] - 1].value: row
        for row in sheet.iter_rows(min_row=board_report.FIRST_DATA_ROW)
    }
    board = by_action["Set up the board"]
    assert board[ws_columns["RAG"] - 1].value == "B"
    assert board[ws_columns["RAG"] - 1].fill.fgColor.rgb.endswith(styles.RAG_FILLS["B"])
    assert board[ws_columns["Status"] - 1].value == "Complete"
    terms = by_action["Board terms of reference"]
    assert terms[ws_columns["RAG"] - 1].value is None  # proposed, not rated: not Blue yet
    assert terms[ws_columns["Status"] - 1].value == "Complete"


def test_a_report_as_at_a_day_before_the_verification_was_recorded_shows_no_blue(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    programme_office.set_programme_office(database, ["Pat Lee"])
    _complete(database, small_plan["Set up the board"], verify=True)
    out = tmp_path / "then.xlsx"
    export_board_report(database, out, as_at=AS_AT)  # the verification is recorded today
    summary = openpyxl.load_workbook(out)["Summary"]
    columns = _header_map(summary)
    governance = board_report.FIRST_DATA_ROW
    assert summary.cell(governance, columns["Blue"]).value == 0
    assert summary.cell(governance, columns["Green"]).value == 1
