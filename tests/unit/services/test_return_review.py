"""Importing filled-in returns: changes, conflicts, rejections, repeats, formula text."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from tracker.db import Database
from tracker.db.models import Action, Update
from tracker.errors import TrackerError
from tracker.excel import return_layout as layout
from tracker.services.action_edits import set_action_leads
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import ReturnFile, export_status_returns

from ..excel.return_helpers import columns, fill_return, row_of

TODAY = date(2019, 3, 20)


@pytest.fixture
def returns(database: Database, small_plan: dict[str, int], tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "returns"
    folder.mkdir()
    files: list[ReturnFile] = export_status_returns(database, folder)
    return {f.scope.label: f.path for f in files}


@pytest.fixture
def governance(returns: dict[str, Path]) -> Path:
    """The Governance return with its lead's name in "Returned by", as leads send it."""
    return fill_return(returns["Governance and Leadership"], {}, returned_by="Pip Mayo")


def _updates(database: Database) -> list[Update]:
    with database.read() as session:
        return list(session.execute(select(Update).order_by(Update.id)).scalars())


def _action(database: Database, action_id: int) -> Action:
    with database.read() as session:
        return session.get(Action, action_id)


def test_a_filled_return_is_reviewed_then_applied(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    fill_return(
        governance,
        {
            vision: {
                layout.STATUS: "Complete",
                layout.PERCENT: 100,
                layout.NARRATIVE: "Vision agreed at the March board.",
            },
            board: {layout.RAG: "A"},
        },
    )
    review = review_return(database, governance, today=TODAY)
    assert not review.conflicts and not review.rejections
    assert review.unchanged == 2
    assert review.author == "Pip Mayo"
    assert review.author_source == "from 'Returned by' on the return"
    by_action = {c.action_id: c for c in review.changes}
    assert {f.name for f in by_action[vision].fields} == {"status", "percent", "narrative"}
    status = next(f for f in by_action[vision].fields if f.name == "status")
    assert (status.now, status.returned) == ("In progress", "Complete")
    assert [(f.name, f.now, f.returned) for f in by_action[board].fields] == [("rag", "G", "A")]
    text = review.describe(dry_run=True)
    assert "Status: In progress -> Complete" in text and "nothing was written" in text
    assert _updates(database) == []  # reviewing wrote nothing

    result = apply_return(database, review)
    assert result.applied == 2
    updates = _updates(database)
    assert {u.action_id for u in updates} == {vision, board}
    first = next(u for u in updates if u.action_id == vision)
    assert (first.status, first.percent, first.narrative) == (
        "Complete",
        100,
        "Vision agreed at the March board.",
    )
    assert first.author == "Pip Mayo"
    assert first.source == f"status return {review.return_id}"
    assert first.date == TODAY
    assert _action(database, vision).status == "Complete"
    assert _action(database, board).rag == "A"


def test_returned_by_is_the_author_and_the_name_given_is_the_fallback(
    database: Database, small_plan: dict[str, int], returns: dict[str, Path]
) -> None:
    path = returns["Governance and Leadership"]
    fill_return(path, {small_plan["Set up the board"]: {layout.PERCENT: 45}})
    blank = review_return(database, path)
    assert blank.author == ""  # two leads, nobody named: it must be chosen
    assert "went to 2 leads" in blank.author_source
    assert blank.author_choices == ("Pip Mayo", "Sam Lee")
    assert "Author of the updates: not known" in blank.describe()
    with pytest.raises(TrackerError, match="Nobody is named"):
        apply_return(database, blank)
    review = review_return(database, path, author="Programme Office")
    assert review.author_source == "given when importing"
    apply_return(database, review)
    assert [u.author for u in _updates(database)] == ["Programme Office"]


def test_a_name_chosen_in_the_window_is_recorded(
    database: Database, small_plan: dict[str, int], returns: dict[str, Path]
) -> None:
    path = returns["Governance and Leadership"]
    fill_return(path, {small_plan["Set up the board"]: {layout.PERCENT: 45}})
    apply_return(database, review_return(database, path), author="Sam Lee")
    assert [u.author for u in _updates(database)] == ["Sam Lee"]


def test_returned_by_that_is_not_a_name_falls_back_saying_so(
    database: Database, small_plan: dict[str, int], returns: dict[str, Path]
) -> None:
    path = returns["Governance and Leadership"]
    fill_return(path, {small_plan["Set up the board"]: {layout.PERCENT: 45}}, returned_by="42")
    review = review_return(database, path, author="Programme Office")
    assert review.author == "Programme Office"
    assert "'Returned by' holds '42', which is not one person's name" in review.describe()


def test_importing_the_same_return_twice_applies_nothing_the_second_time(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    fill_return(governance, {small_plan["Set up the board"]: {layout.PERCENT: 45}})
    apply_return(database, review_return(database, governance))
    again = review_return(database, governance)
    assert not again.changes and not again.conflicts
    assert again.already_imported
    assert "already been imported" in again.describe()
    assert apply_return(database, again).applied == 0
    assert len(_updates(database)) == 1


def test_applying_a_stale_review_twice_adds_nothing(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    fill_return(governance, {small_plan["Set up the board"]: {layout.PERCENT: 45}})
    review = review_return(database, governance)
    apply_return(database, review)
    result = apply_return(database, review)
    assert result.applied == 0 and result.skipped_already == 1
    assert len(_updates(database)) == 1


def test_rows_match_back_after_the_lead_sorts_them(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    workbook = openpyxl.load_workbook(governance)
    sheet = workbook[layout.RETURN_SHEET]
    first, last = layout.FIRST_DATA_ROW, sheet.max_row
    rows = [[c.value for c in sheet[r]] for r in range(first, last + 1)]
    for offset, values in enumerate(reversed(rows)):
        for column, value in enumerate(values, start=1):
            sheet.cell(first + offset, column).value = value
    workbook.save(governance)
    vision = small_plan["Agree the vision"]
    fill_return(governance, {vision: {layout.STATUS: "On hold"}})
    assert row_of(openpyxl.load_workbook(governance)[layout.RETURN_SHEET], vision) == last
    review = review_return(database, governance)
    assert [(c.action_id, c.row) for c in review.changes] == [(vision, last)]
    assert not review.rejections


def test_a_conflict_is_shown_and_left_alone_unless_chosen(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    # After the return went out, someone recorded progress in the window.
    add_update(
        database,
        vision,
        UpdateInput(
            date(2019, 3, 1),
            "Office",
            "In progress",
            "A",
            60,
            "Draft circulated",
            rag_reason="Recovery plan agreed",
        ),
    )
    fill_return(
        governance,
        {
            vision: {layout.PERCENT: 80, layout.NARRATIVE: "Nearly there"},
            board: {layout.PERCENT: 35},
        },
    )
    review = review_return(database, governance)
    assert [c.action_id for c in review.conflicts] == [vision]
    assert [c.action_id for c in review.changes] == [board]
    conflict = review.conflicts[0]
    percent = next(f for f in conflict.fields if f.name == "percent")
    assert (percent.sent, percent.now, percent.returned) == ("20", "60", "80")
    rag = next(f for f in conflict.fields if f.name == "rag")
    assert (rag.sent, rag.now, rag.returned) == ("R", "A", "R")
    assert "sent 20 | now 60 | returned 80" in review.describe()

    result = apply_return(database, review)
    assert (result.applied, result.conflicts_left) == (1, 1)
    assert _action(database, vision).percent == 60  # left alone

    # Choosing "apply returned" applies the lead's changes on top of the current state.
    review = review_return(database, governance)
    assert [c.action_id for c in review.conflicts] == [vision]
    result = apply_return(database, review, apply_conflicts={vision})
    assert result.conflicts_applied == 1
    action = _action(database, vision)
    assert (action.percent, action.rag) == (80, "A")  # the lead did not touch RAG
    assert list_updates(database, vision)[0].narrative == "Nearly there"


def test_an_unchanged_row_is_no_conflict_even_if_the_action_moved_on(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision = small_plan["Agree the vision"]
    add_update(
        database, vision, UpdateInput(date(2019, 3, 1), "Office", "Complete", "G", 100, "Done")
    )
    review = review_return(database, governance)
    assert not review.conflicts and not review.changes and review.unchanged == 4


def test_a_row_copied_from_another_return_is_rejected(
    database: Database, small_plan: dict[str, int], returns: dict[str, Path]
) -> None:
    governance, prevention = returns["Governance and Leadership"], returns["Prevention"]
    source = openpyxl.load_workbook(prevention)[layout.RETURN_SHEET]
    copied = [c.value for c in source[layout.FIRST_DATA_ROW]]
    workbook = openpyxl.load_workbook(governance)
    sheet = workbook[layout.RETURN_SHEET]
    target = sheet.max_row + 1
    for column, value in enumerate(copied, start=1):
        sheet.cell(target, column).value = value
    sheet.cell(target, columns(sheet)[layout.STATUS]).value = "Complete"
    workbook.save(governance)
    fill_return(
        governance, {small_plan["Set up the board"]: {layout.PERCENT: 90}}, returned_by="Sam Lee"
    )

    review = review_return(database, governance)
    assert [r.row for r in review.rejections] == [target]
    assert "another return" in review.rejections[0].reason
    assert [c.action_id for c in review.changes] == [small_plan["Set up the board"]]
    with pytest.raises(TrackerError, match="rejected; nothing was applied"):
        apply_return(database, review)
    assert _updates(database) == []
    assert apply_return(database, review, accept_rejections=True).applied == 1
    assert _action(database, small_plan["Falls service"]).status == "In progress"


def test_an_action_no_longer_in_scope_is_rejected(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    folder = tmp_path / "by-lead"
    folder.mkdir()
    files = {f.scope.label: f.path for f in export_status_returns(database, folder, by="lead")}
    shared = small_plan["Shared with Pip"]
    set_action_leads(database, shared, ["Ash Khan"])
    fill_return(files["Pip Mayo"], {shared: {layout.PERCENT: 70}})
    review = review_return(database, files["Pip Mayo"])
    assert len(review.rejections) == 1
    assert "no longer part of 'Pip Mayo'" in review.rejections[0].reason
    assert not review.changes


def test_a_tampered_id_is_rejected(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    workbook = openpyxl.load_workbook(governance)
    sheet = workbook[layout.RETURN_SHEET]
    cols = columns(sheet)
    row = row_of(sheet, small_plan["Agree the vision"])
    sheet.cell(row, cols[layout.ACTION_ID]).value = small_plan["Falls service"]
    sheet.cell(row, cols[layout.STATUS]).value = "Complete"
    blank = row_of(sheet, small_plan["Set up the board"])
    sheet.cell(blank, cols[layout.ACTION_ID]).value = None
    workbook.save(governance)
    review = review_return(database, governance)
    reasons = {r.row: r.reason for r in review.rejections}
    assert "altered" in reasons[row]
    assert "no action id" in reasons[blank]
    assert not review.changes


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (layout.STATUS, "Done", "not a status"),
        (layout.STATUS, "", "Status is blank"),
        (layout.RAG, "Purple", "not a RAG rating"),
        (layout.PERCENT, 150, "not a whole number from 0 to 100"),
        (layout.PERCENT, 12.5, "not a whole number from 0 to 100"),
        (layout.PERCENT, "lots", "not a whole number from 0 to 100"),
        (layout.REVISED_DUE, "next spring", "not a date"),
        (layout.REVISED_DUE, datetime(2019, 12, 31), "give a reason"),
    ],
)
def test_values_outside_validation_are_rejected_with_the_reason(
    database: Database,
    small_plan: dict[str, int],
    governance: Path,
    column: str,
    value: object,
    reason: str,
) -> None:
    fill_return(governance, {small_plan["Agree the vision"]: {column: value}})
    review = review_return(database, governance)
    assert len(review.rejections) == 1
    assert reason in review.rejections[0].reason
    assert review.rejections[0].row == layout.FIRST_DATA_ROW
    assert review.rejections[0].ref == "1.1 i."


def test_a_revised_date_with_a_reason_is_applied(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision = small_plan["Agree the vision"]
    fill_return(
        governance,
        {vision: {layout.REVISED_DUE: "31/12/2019", layout.REASON: "Waiting for the new board"}},
    )
    review = review_return(database, governance)
    assert [f.name for f in review.changes[0].fields] == ["revised_due"]
    apply_return(database, review)
    assert _action(database, vision).revised_due_date == date(2019, 12, 31)
    update = list_updates(database, vision)[0]
    assert update.revision_reason == "Waiting for the new board"


def test_formula_like_text_survives_the_round_trip_as_text(
    database: Database, small_plan: dict[str, int], governance: Path, tmp_path: Path
) -> None:
    vision = small_plan["Agree the vision"]
    evil = '=HYPERLINK("http://evil.example","click me")'
    fill_return(governance, {vision: {layout.NARRATIVE: evil}})
    apply_return(database, review_return(database, governance))
    assert list_updates(database, vision)[0].narrative == evil
    # And it goes out again as text, in the next return and the board report.
    folder = tmp_path / "again"
    folder.mkdir()
    files = export_status_returns(database, folder)
    sheet = openpyxl.load_workbook(files[0].path)[layout.RETURN_SHEET]
    cell = sheet.cell(row_of(sheet, vision), columns(sheet)[layout.NARRATIVE])
    assert (cell.value, cell.data_type, cell.quotePrefix) == (evil, "s", True)
    from tracker.services.board_report_export import export_board_report

    report = tmp_path / "board.xlsx"
    export_board_report(database, report)
    narratives = [
        c
        for row in openpyxl.load_workbook(report)["Governance and Leadership"].iter_rows()
        for c in row
        if c.value == evil
    ]
    assert narratives and all(c.data_type == "s" and c.quotePrefix for c in narratives)


def test_a_return_from_another_database_is_refused(
    small_plan: dict[str, int], governance: Path, tmp_path: Path
) -> None:
    from tracker.db import open_database

    from ..conftest import build_small_plan

    other = open_database(tmp_path / "other.sqlite3")
    try:
        build_small_plan(other)
        with pytest.raises(TrackerError, match="another tracker database"):
            review_return(other, governance)
    finally:
        other.close()


def test_altered_return_details_are_refused(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    workbook = openpyxl.load_workbook(governance)
    meta = workbook[layout.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "scope":
            row[1].value = f"workstream:{small_plan['ws_prevention']}"
    workbook.save(governance)
    with pytest.raises(TrackerError, match="do not match their signature"):
        review_return(database, governance)


def test_a_workbook_that_is_not_a_return_is_refused(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Hello"
    workbook.save(path)
    with pytest.raises(TrackerError, match="not be imported as a status return"):
        review_return(database, path)


def test_a_copy_of_the_file_is_the_same_return(
    database: Database, small_plan: dict[str, int], governance: Path, tmp_path: Path
) -> None:
    fill_return(governance, {small_plan["Set up the board"]: {layout.PERCENT: 45}})
    copy = tmp_path / "renamed by email.xlsx"
    shutil.copyfile(governance, copy)
    apply_return(database, review_return(database, governance))
    assert review_return(database, copy).already_imported
