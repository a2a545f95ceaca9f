"""The board report's RAG check and Coverage sheets, read back cell by cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from tracker.db import Database
from tracker.excel.assurance_sheets import (
    COVERAGE_HEADERS,
    COVERAGE_SHEET,
    FIRST_DATA_ROW,
    HEADER_ROW,
    NO_EVIDENCE_FILL,
    RAG_CHECK_HEADERS,
    RAG_CHECK_SHEET,
    UNCOVERED_FILL,
)
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.board_report_export import export_board_report
from tracker.services.closure import propose_completion, verify_completion
from tracker.services.evidence import add_link
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.programme_office import set_programme_office
from tracker.services.quality_statements import link_action, set_score

AS_AT = date(2018, 8, 15)


def _action_id(database: Database, ref: str) -> int:
    return next(r.id for r in load_snapshot(database).actions if r.ref == ref)


def _rows(sheet) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        tuple(c.value for c in row)
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)
        if any(c.value is not None for c in row)
    ]


def test_rag_check_sets_declared_beside_calculated_and_says_why(
    imported: Database, tmp_path: Path
) -> None:
    first = _action_id(imported, "1.1 i")  # due 30 Jun 2018: 46 days late on 15 Aug
    add_update(
        imported,
        first,
        UpdateInput(
            date(2018, 8, 1), "Pip Mayo", "In progress", "G", 90, "Nearly there",
            rag_reason="Boards set up; terms of reference at the next meeting",
        ),
    )  # fmt: skip
    out = tmp_path / "report.xlsx"
    export_board_report(imported, out, as_at=AS_AT)
    book = openpyxl.load_workbook(out)
    sheet = book[RAG_CHECK_SHEET]
    assert sheet.cell(1, 1).value == "Declared and calculated RAG as at 15 August 2018"
    assert sheet.cell(2, 1).value.startswith("1 action of 63 rated differently")
    assert tuple(c.value for c in sheet[HEADER_ROW]) == RAG_CHECK_HEADERS
    rows = {row[1]: row for row in _rows(sheet) if row[2] != "Workstream roll-up"}
    assert rows["1.1 i"] == (
        "Governance and Leadership",
        "1.1 i",
        "BSoI Ageing Well and Later Life Portfolio Board",
        "G",
        "R",
        "Differs",
        "46 days past its due 30 Jun 2018 (red after 30)",
        "Boards set up; terms of reference at the next meeting",
    )
    assert rows["1.2 ii"][3:] == (None, None, None, "no due date", None)
    roll_ups = [row for row in _rows(sheet) if row[2] == "Workstream roll-up"]
    assert roll_ups[0][:5] == ("Governance and Leadership", None, "Workstream roll-up", "G", "R")
    notes = [c.value for c in sheet["A"] if c.value and str(c.value).startswith("Calculated RAG")]
    assert notes == [
        "Calculated RAG (sheet 'RAG check'): Red: more than 30 days past the (revised) due "
        "date, or more than 25 points behind the progress expected by now (a straight line "
        "from start to due)."
    ]
    summary_notes = [c.value for c in book["Summary"]["A"] if c.value]
    assert "A workstream rolls up as the worst of its actions." in summary_notes


def test_coverage_lists_findings_and_statements_with_their_actions(
    imported: Database, tmp_path: Path
) -> None:
    served = _action_id(imported, "2.1 2")
    link_action(imported, served, "LA1.2")
    plan_id = load_snapshot(imported).workstreams[0].plan_id
    set_score(imported, plan_id, "LA2.1", 3)
    out = tmp_path / "report.xlsx"
    export_board_report(imported, out, as_at=AS_AT)
    sheet = openpyxl.load_workbook(out)[COVERAGE_SHEET]
    assert tuple(c.value for c in sheet[HEADER_ROW]) == COVERAGE_HEADERS
    assert sheet.cell(2, 1).value.startswith(
        "17 findings, 0 with no action; 26 quality statements, 25 with no action; "
        "18 answered with no evidence yet."
    )
    rows = _rows(sheet)
    first = rows[0]
    assert first[:2] == ("Finding", "AFI-01")
    assert first[2].startswith("System leaders should develop and drive forward")
    assert first[4:8] == ("1.3 i", "Development of BSoL Strategic Statement for Ageing Well "
                          "and Later Life", None, "G")  # fmt: skip
    # The finding's text is printed once, on its first action's row.
    assert rows[1][:3] == ("Finding", "AFI-01", None)
    assert rows[1][4] == "1.3 ii"
    findings = [r for r in rows if r[0] == "Finding"]
    assert len(findings) == 63
    statements = {
        r[1]: (r, i) for i, r in enumerate(rows, start=FIRST_DATA_ROW) if r[0] != "Finding"
    }
    linked, _ = statements["LA1.2"]
    assert (
        linked[2]
        == "Local authority: Working with people: Supporting people to live healthier lives"
    )
    assert linked[4:6] == ("2.1 2", "Review national best practice")
    unanswered, row_number = statements["LA1.1"]
    assert unanswered[4:6] == (None, "No action answers it")
    assert sheet.cell(row_number, 3).fill.fgColor.rgb.endswith(UNCOVERED_FILL)
    scored, row_number = statements["LA2.1"]
    assert scored[3] == 3
    assert not sheet.cell(FIRST_DATA_ROW, 3).fill.fgColor.rgb.endswith(UNCOVERED_FILL)
    # Answered, but no action holds evidence yet: yellow, and 0 in the Evidence column.
    assert first[8] == 0
    assert sheet.cell(FIRST_DATA_ROW, 3).fill.fgColor.rgb.endswith(NO_EVIDENCE_FILL)
    assert unanswered[8] is None


def test_coverage_shows_blue_and_evidence_and_stops_flagging_what_is_evidenced(
    imported: Database, tmp_path: Path
) -> None:
    served = _action_id(imported, "2.1 2")
    link_action(imported, served, "LA1.2")
    add_link(imported, served, "https://example.org/board-minutes", "Board minutes")
    set_programme_office(imported, ["Pat Lee"])
    imported.actor = "Sam Lee"
    propose_completion(imported, served, today=date.today())
    imported.actor = "Pat Lee"
    verify_completion(imported, served)
    out = tmp_path / "report.xlsx"
    export_board_report(imported, out, as_at=date.today())
    sheet = openpyxl.load_workbook(out)[COVERAGE_SHEET]
    rows = {(r[0], r[1], r[4]): (r, i) for i, r in enumerate(_rows(sheet), start=FIRST_DATA_ROW)}
    (statement, row_number) = rows[("Quality statement", "LA1.2", "2.1 2")]
    assert (statement[6], statement[8]) == ("B", 1)  # Blue: verified, with its evidence
    assert not sheet.cell(row_number, 3).fill.fgColor.rgb.endswith(NO_EVIDENCE_FILL)
    # Its area's finding holds evidence through this action; one without any stays yellow.
    finding_rows = [(r, i) for (kind, _, _), (r, i) in rows.items() if kind == "Finding"]
    evidenced = {r[1] for r, _ in finding_rows if r[8]}
    assert evidenced == {r[1] for r, _ in finding_rows if r[4] == "2.1 2"}
    for r, i in finding_rows:
        shaded = sheet.cell(i, 3).fill.fgColor.rgb.endswith(NO_EVIDENCE_FILL)
        assert shaded == (r[1] not in evidenced), r[:5]
