"""What a status return tells its lead: whom it is for, when it is due back and to whom,
where to sign it, and an Instructions sheet that prints; read back cell by cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_edits import set_action_leads
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

from .return_helpers import columns, fill_return, row_of


@pytest.fixture
def returns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    return folder


def test_the_for_line_names_each_actions_own_leads(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    # An action led by someone who leads no area of the workstream.
    set_action_leads(database, small_plan["Board terms of reference"], ["Ash Khan"])
    files = export_status_returns(database, returns_dir)
    governance = next(f for f in files if f.scope.label == "Governance and Leadership")
    assert governance.for_whom == "Pip Mayo, Sam Lee, Ash Khan"
    sheet = openpyxl.load_workbook(governance.path)[layout.RETURN_SHEET]
    assert sheet["A2"].value.startswith("For Pip Mayo, Sam Lee, Ash Khan · ")
    row = row_of(sheet, small_plan["Board terms of reference"])
    assert sheet.cell(row, columns(sheet)[layout.LEADS]).value == "Ash Khan"


def test_due_back_and_contact_are_on_the_return_and_its_instructions(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(
        database,
        returns_dir,
        due_back=date(2019, 4, 12),
        contact="Jo Bloggs, programme office (jo.bloggs@example.nhs.uk)",
        today=date(2019, 3, 20),
    )
    workbook = openpyxl.load_workbook(files[0].path)
    sheet = workbook[layout.RETURN_SHEET]
    assert sheet["A3"].value == (
        "Please send it back by 12 April 2019 to Jo Bloggs, programme office "
        "(jo.bloggs@example.nhs.uk)."
    )
    instructions = [r[0] for r in workbook[layout.INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
    assert "Due back by: 12 April 2019" in instructions
    assert "Send it back to: Jo Bloggs, programme office (jo.bloggs@example.nhs.uk)" in (
        instructions
    )
    review = review_return(database, files[0].path)
    assert review.due_back == date(2019, 4, 12)
    assert "Sent out due back by 12 Apr 2019 to Jo Bloggs" in review.describe()


def test_without_a_due_date_the_return_still_says_where_it_goes(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    sheet = openpyxl.load_workbook(files[0].path)[layout.RETURN_SHEET]
    assert sheet["A3"].value == "Please send it back to the programme office."


def test_returned_by_is_an_unlocked_validated_cell_the_import_reads(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    path = next(f.path for f in files if f.scope.label == "Governance and Leadership")
    sheet = openpyxl.load_workbook(path)[layout.RETURN_SHEET]
    label, cell = sheet.cell(layout.RETURNED_BY_ROW, 1), sheet.cell(layout.RETURNED_BY_ROW, 2)
    assert label.value == "Returned by:" and label.protection.locked
    assert cell.value is None and not cell.protection.locked
    assert cell.fill.fgColor.rgb.endswith("FFF2CC")  # yellow, like the other cells to fill
    rule = next(r for r in sheet.data_validations.dataValidation if str(r.sqref) == cell.coordinate)
    assert (rule.type, rule.formula1, rule.formula2) == ("textLength", "2", "80")
    fill_return(
        path,
        # Amber is greener than the calculated Red: the return says why.
        {small_plan["Set up the board"]: {layout.RAG: "A", layout.REASON: "Board set up"}},
        returned_by="  Sam   Lee ",
    )
    review = review_return(database, path)
    assert review.author == "Sam Lee"
    assert review.changes[0].entry.author == "Sam Lee"


def test_the_instructions_sheet_prints_within_the_page(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    sheet = openpyxl.load_workbook(files[0].path)[layout.INSTRUCTIONS_SHEET]
    assert sheet.page_setup.orientation == "portrait"
    # One page wide (an absent fitToWidth is the file format's default of 1), any pages tall.
    assert sheet.page_setup.fitToWidth is None
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["A"].width <= 91
    texts = [(row[0].row, row[0].value) for row in sheet.iter_rows() if row[0].value]
    for number, text in texts:
        if len(text) > 90:  # wraps: its row is tall enough for every line
            assert sheet.cell(number, 1).alignment.wrap_text, text
            height = sheet.row_dimensions[number].height
            assert height is not None and height >= 12.75 * (len(text) // 90 + 1), text
    words = " ".join(t for _, t in texts)
    assert "sort" not in words.casefold()  # Excel cannot sort locked cells on a protected sheet
    assert "filter the rows" in words
    assert "Returned by" in words and "Complete means 100" in words


def test_a_formula_in_the_narrative_is_refused_at_entry(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    sheet = openpyxl.load_workbook(files[0].path)[layout.RETURN_SHEET]
    letter = openpyxl.utils.get_column_letter(columns(sheet)[layout.NARRATIVE])
    first = f"{letter}{layout.FIRST_DATA_ROW}"
    rule = next(r for r in sheet.data_validations.dataValidation if str(r.sqref).startswith(first))
    # Excel 2013 functions are stored with the file format's "_xlfn." prefix.
    assert (rule.type, rule.formula1) == ("custom", f"NOT(_xlfn.ISFORMULA({first}))")
    assert "not a formula" in rule.error
    assert sheet[first].number_format == "@"  # typed "=..." stays text


def test_the_instructions_count_agrees_with_its_noun(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir, by="lead")
    counts = {}
    for file in files:
        workbook = openpyxl.load_workbook(file.path)
        lines = [r[0] for r in workbook[layout.INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
        counts[file.scope.label] = next(t for t in lines if t and t.startswith("This return: "))
    assert counts["Ash Khan"] == "This return: Ash Khan (1 action)"
    assert counts["Pip Mayo"] == "This return: Pip Mayo (3 actions)"
