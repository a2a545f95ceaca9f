"""What people trip over in returns: corrected re-sends, Complete at 60%, "50%" cells and
every problem in a row named at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from tracker.db import Database
from tracker.db.models import Update
from tracker.excel import return_layout as layout
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

from ..excel.return_helpers import columns, fill_return, row_of

TODAY = date(2019, 3, 20)


@pytest.fixture
def governance(database: Database, small_plan: dict[str, int], tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    files = export_status_returns(database, folder)
    path = next(f.path for f in files if f.scope.label == "Governance and Leadership")
    return fill_return(path, {}, returned_by="Sam Lee")


def _updates(database: Database) -> list[Update]:
    with database.read() as session:
        return list(session.execute(select(Update).order_by(Update.id)).scalars())


def test_a_corrected_resend_applies_only_what_changed_since_the_first_import(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    fill_return(
        governance,
        {
            vision: {layout.PERCENT: 40, layout.NARRATIVE: "Draft vision out"},
            board: {layout.RAG: "A"},
        },
    )
    assert apply_return(database, review_return(database, governance, today=TODAY)).applied == 2
    # The lead spots a mistake, corrects one cell and sends the same return again.
    fill_return(governance, {vision: {layout.PERCENT: 60}})
    again = review_return(database, governance, today=TODAY)
    assert not again.already_imported
    assert [c.action_id for c in again.changes] == [vision]
    change = again.changes[0]
    assert change.resent and not again.conflicts
    assert [(f.name, f.now, f.returned) for f in change.fields] == [("percent", "40", "60")]
    assert again.already_applied == 1  # the board row, unchanged since the first import
    assert "corrected since this return was last imported" in again.describe()
    assert apply_return(database, again).applied == 1
    history = list_updates(database, vision)
    assert [u.percent for u in history] == [60, 40]
    assert history[0].narrative == "Draft vision out"
    # The same corrected file a third time: nothing new.
    third = review_return(database, governance, today=TODAY)
    assert third.already_imported and not third.changes
    assert len(_updates(database)) == 3


def test_a_resend_after_the_tracker_moved_on_is_a_conflict_not_lost(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision = small_plan["Agree the vision"]
    fill_return(governance, {vision: {layout.PERCENT: 40}})
    apply_return(database, review_return(database, governance, today=TODAY))
    add_update(database, vision, UpdateInput(TODAY, "Office", "In progress", "R", 50, "Checked"))
    fill_return(governance, {vision: {layout.PERCENT: 70}})
    again = review_return(database, governance, today=TODAY)
    assert not again.changes
    assert [c.action_id for c in again.conflicts] == [vision]
    percent = next(f for f in again.conflicts[0].fields if f.name == "percent")
    assert (percent.sent, percent.now, percent.returned) == ("40", "50", "70")
    assert "imported before 40 | now 50 | returned 70" in again.describe()
    apply_return(database, again, apply_conflicts={vision})
    assert list_updates(database, vision)[0].percent == 70


def test_complete_with_less_than_100_is_rejected_saying_why(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    fill_return(
        governance,
        {
            vision: {layout.STATUS: "Complete", layout.PERCENT: 60},
            board: {layout.STATUS: "Complete", layout.PERCENT: 100},
        },
    )
    review = review_return(database, governance, today=TODAY)
    assert [r.ref for r in review.rejections] == ["1.1 i."]
    assert "Status is Complete but % complete is 60: Complete means 100" in (
        review.rejections[0].reason
    )
    assert [c.action_id for c in review.changes] == [board]


def test_every_problem_in_a_row_is_reported(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    fill_return(
        governance,
        {
            small_plan["Agree the vision"]: {
                layout.STATUS: "Done",
                layout.RAG: "Purple",
                layout.PERCENT: "lots",
                layout.REVISED_DUE: "next spring",
            },
            small_plan["Set up the board"]: {
                layout.STATUS: "Complete",
                layout.PERCENT: 60,
                layout.REVISED_DUE: "31/12/2019",
            },
        },
    )
    review = review_return(database, governance, today=TODAY)
    reasons = {r.ref: r.reason for r in review.rejections}
    assert set(reasons) == {"1.1 i.", "1.2 i."}
    first = reasons["1.1 i."]
    for part in ("'Done' is not a status", "'Purple' is not a RAG", "'lots' is not a whole"):
        assert part in first
    assert "Revised due date" in first
    second = reasons["1.2 i."]
    assert "Complete means 100" in second
    assert "give a reason for the change" in second


def test_a_cell_showing_50_percent_is_read_as_50(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    terms = small_plan["Board terms of reference"]
    workbook = openpyxl.load_workbook(governance)
    sheet = workbook[layout.RETURN_SHEET]
    column = columns(sheet)[layout.PERCENT]
    # What Excel stores when a lead types "50%" (and "100%" next to Complete).
    for action_id, value, status in ((vision, 0.5, None), (board, 1, "Complete")):
        cell = sheet.cell(row_of(sheet, action_id), column)
        cell.value, cell.number_format = value, "0%"
        if status:
            sheet.cell(row_of(sheet, action_id), columns(sheet)[layout.STATUS]).value = status
    text = sheet.cell(row_of(sheet, terms), column)
    text.value, text.data_type = "35%", "s"
    workbook.save(governance)
    review = review_return(database, governance, today=TODAY)
    assert not review.rejections
    percents = {c.action_id: c.returned.percent for c in review.changes}
    assert percents == {vision: 50, board: 100, terms: 35}
