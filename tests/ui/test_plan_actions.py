"""Two plans in one database, driven as a person would: the plan selector, the Plan
menu's rename, archive and delete, and the exports and return imports acting on the plan
in view."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton

from tests.ui.answers import answer_returns_export
from tracker.db import Database
from tracker.db.backup import list_backups
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plans import distinct_plan_name, list_plans
from tracker.ui.main_actions import MainAction

NAME = "Care Quality Commission - Local System Review: Action Plan"
SECOND = f"{NAME} (2)"
XLSX = "Excel workbooks (*.xlsx)"


@pytest.fixture
def second_plan(imported: Database, plan_file: Path) -> int:
    """The same workbook imported again as a new plan, named apart as the import does."""
    draft = read_plan(plan_file)
    draft.name = distinct_plan_name(imported, draft.name)
    return save_plan(imported, draft, as_new=True)


@pytest.fixture
def window(open_window, imported: Database, second_plan: int):  # type: ignore[no-untyped-def]
    return open_window(imported.path)


def _selector_items(window) -> list[str]:  # type: ignore[no-untyped-def]
    return window.plan_actions.selector.labels()


def _governance_groups(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.title for w in window.state.workstreams_for_tab("Governance")]


def _choose_in_selector(window, qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    combo = window.plan_actions.selector.combo
    combo.setFocus()
    qtbot.keyClick(combo, key)


def test_the_selector_shows_both_plans_and_the_tabs_one(window, qtbot, second_plan) -> None:
    assert _selector_items(window) == [NAME, SECOND]
    # Cut in the middle if need be: the two stay told apart.
    combo = window.plan_actions.selector.combo
    assert combo.itemText(1).endswith("(2)") and combo.itemText(0) != combo.itemText(1)
    assert window.plan_actions.selector.current_plan_id() == window.session.plan_id
    assert window.windowTitle().startswith(f"{NAME} – ")
    assert len(window.state.actions) == 63
    assert _governance_groups(window) == ["Governance and Leadership"]

    _choose_in_selector(window, qtbot, Qt.Key.Key_Down)
    assert window.session.plan_id == second_plan
    assert window.windowTitle().startswith(f"{SECOND} – ")
    assert {w.plan_id for w in window.state.workstreams} == {second_plan}
    assert len(window.state.actions) == 63
    assert _governance_groups(window) == ["Governance and Leadership"]
    assert window.statusBar().currentMessage() == f"Showing the plan '{SECOND}'."
    # Remembered for this database: the next window opens on it.
    assert window.settings.plan_in_view(window.database.path) == second_plan


def test_the_plan_in_view_is_remembered_per_database(
    open_window, imported: Database, second_plan: int, settings
) -> None:
    settings.set_plan_in_view(imported.path, second_plan)
    window = open_window(imported.path)
    assert window.session.plan_id == second_plan
    assert window.windowTitle().startswith(f"{SECOND} – ")


def test_the_plan_menu_lists_the_plans_to_show(window, second_plan) -> None:
    menu = window.plan_actions.choose_menu
    menu.aboutToShow.emit()
    entries = menu.actions()
    assert [a.text() for a in entries] == [f"&1 {NAME}", f"&2 {SECOND}"]
    assert [a.isChecked() for a in entries] == [True, False]
    entries[1].trigger()
    assert window.session.plan_id == second_plan


def test_rename_through_the_dialog(window, qtbot) -> None:
    dialog = window.plan_actions.rename_plan()
    assert isinstance(dialog, QInputDialog) and dialog.objectName() == "renamePlanDialog"
    assert dialog.textValue() == NAME
    field = dialog.findChild(QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, "Action plan 2018")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.windowTitle().startswith("Action plan 2018 – ")
    assert _selector_items(window) == ["Action plan 2018", SECOND]
    assert [p.name for p in list_plans(window.database)] == ["Action plan 2018", SECOND]
    assert "Renamed the plan" in window.statusBar().currentMessage()


def test_archive_hides_the_plan_from_the_tabs_and_the_board_report(
    window, qtbot, second_plan, tmp_path: Path, monkeypatch
) -> None:
    first = window.session.plan_id
    window.main_actions[MainAction.ARCHIVE_PLAN].trigger()
    assert window.session.plan_id == second_plan
    assert {w.plan_id for w in window.state.workstreams} == {second_plan}
    assert _selector_items(window) == [SECOND]
    assert "Archived the plan" in window.statusBar().currentMessage()

    out = tmp_path / "board.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX))
    )
    monkeypatch.setattr(
        "tracker.ui.excel_actions.ExcelActions._ask_sent_to_board", lambda self: False
    )
    window.main_actions[MainAction.EXPORT_BOARD_REPORT].trigger()
    assert _summary_title(out).startswith(f"{SECOND} — board report")
    # The command line's default choice leaves it out too.
    from tracker.services.board_report_export import export_board_report

    assert export_board_report(window.database, tmp_path / "cli.xlsx").plan_name == SECOND

    # Kept: Show archived plans lists it, and it can be shown and brought back.
    window.main_actions[MainAction.SHOW_ARCHIVED_PLANS].trigger()
    assert _selector_items(window) == [f"{NAME} – archived", SECOND]
    _choose_in_selector(window, qtbot, Qt.Key.Key_Up)
    assert window.session.plan_id == first
    assert window.windowTitle().startswith(f"{NAME} (archived) – ")
    archive = window.main_actions[MainAction.ARCHIVE_PLAN]
    assert archive.text() == "Un&archive plan"
    archive.trigger()
    assert [p.archived for p in list_plans(window.database)] == [False, False]
    assert archive.text() == "&Archive plan"


def _summary_title(path: Path) -> str:
    sheet = openpyxl.load_workbook(path)["Summary"]
    texts = [c.value for row in sheet.iter_rows(max_row=3) for c in row if c.value]
    return str(texts[0])


def test_delete_asks_takes_a_backup_and_removes_only_that_plan(window, qtbot, second_plan) -> None:
    database = window.database
    before = len(list_backups(database.path))
    box = window.plan_actions.delete_plan()
    assert box.objectName() == "confirmDeletePlan" and box.isVisible()
    assert box.text() == f"Delete the plan '{NAME}' and everything in it: 63 actions and 0 updates?"
    assert "backup" in box.informativeText()
    # Escape is Cancel: nothing goes.
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert len(list_plans(database)) == 2
    assert len(list_backups(database.path)) == before

    box = window.plan_actions.delete_plan()
    delete = box.findChild(QPushButton, "deletePlanButton")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert [p.id for p in list_plans(database)] == [second_plan]
    backups = list_backups(database.path)
    assert len(backups) == before + 1 and backups[0].reason == "before delete plan"
    assert window.session.plan_id == second_plan
    assert _selector_items(window) == [SECOND]
    assert window.windowTitle().startswith(f"{SECOND} – ")
    assert "Deleted the plan" in window.statusBar().currentMessage()


def test_exports_and_returns_act_on_the_plan_in_view(
    window, qtbot, second_plan, tmp_path: Path, monkeypatch
) -> None:
    first = window.session.plan_id
    errors: list[str] = []
    monkeypatch.setattr(
        "tracker.ui.excel_actions.show_error", lambda parent, error: errors.append(str(error))
    )
    monkeypatch.setattr(
        "tracker.ui.excel_actions.show_message", lambda parent, text, **k: errors.append(text)
    )
    monkeypatch.setattr(
        "tracker.ui.excel_actions.ExcelActions._ask_sent_to_board", lambda self: False
    )
    # The board report, of each plan in turn.
    for plan_name, key in ((NAME, None), (SECOND, Qt.Key.Key_Down)):
        if key is not None:
            _choose_in_selector(window, qtbot, key)
        out = tmp_path / f"board {window.session.plan_id}.xlsx"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, out=out, **k: (str(out), XLSX))
        )
        window.main_actions[MainAction.EXPORT_BOARD_REPORT].trigger()
        assert _summary_title(out).startswith(f"{plan_name} — board report")
    # Status returns of the second plan.
    folder = tmp_path / "returns"
    folder.mkdir()
    answer_returns_export(monkeypatch, folder)
    window.main_actions[MainAction.EXPORT_RETURNS].trigger()
    assert errors == [f"8 status returns written to {folder}."]
    returns = sorted(folder.glob("*.xlsx"))
    assert {_return_plan(f) for f in returns} == {str(second_plan)}
    # Brought back while the first plan is in view: said plainly, nothing imported.
    errors.clear()
    _choose_in_selector(window, qtbot, Qt.Key.Key_Up)
    assert window.session.plan_id == first
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(returns[0])], XLSX))
    )
    window.main_actions[MainAction.IMPORT_RETURNS].trigger()
    (message,) = errors
    assert message.startswith(f"{returns[0].name} is a status return for the plan '{SECOND}'")
    assert f"but the tabs show '{NAME}'. Nothing was imported." in message
    assert f"Show '{SECOND}' with the Plan selector" in message


def _return_plan(path: Path) -> str:
    """The plan number a status return records in its hidden details."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == "plan_id":
                return str(row[1])
    raise AssertionError(f"{path.name} records no plan")


def test_with_every_plan_archived_the_window_says_so(window) -> None:
    window.main_actions[MainAction.ARCHIVE_PLAN].trigger()
    window.main_actions[MainAction.ARCHIVE_PLAN].trigger()  # the second plan: now none live
    assert window.session.plan_id is None
    assert window.state.is_empty
    assert window.windowTitle().startswith(window.database.path.name)
    assert "Every plan in this database is archived" in window.overview.heading.text()
    assert [b for b in window.findChildren(QMessageBox) if b.isVisible()] == []
