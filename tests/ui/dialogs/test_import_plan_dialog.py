"""Importing an action plan through the window: choose, (map), preview, confirm.

The import runs through the same services as ``tracker import-plan``; these tests check
what the person sees and that a cancelled, refused or failed import changes nothing.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from tests.unit.importing.plan_kinds import lookup_before_plan
from tracker.db import Database
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.plans import list_plans
from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog
from tracker.ui.main_window import MainWindow
from tracker.ui.settings import Settings
from tracker.ui.workers import InlineTaskRunner, ProgressRelay, TaskRunner


def counts(database: Database) -> tuple[int, int]:
    snapshot = load_snapshot(database)
    return len(snapshot.areas), len(snapshot.actions)


@pytest.fixture
def odd_headers(tmp_path: Path) -> Path:
    """A plan whose headers the importer does not know: the user must map them."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Prevention"
    sheet.append(["Topic", "What we will do", "Owner", "When"])
    sheet.append(["1. Falls", "Run falls clinics in every locality", "Pip Mayo", "July 2018"])
    sheet.append([None, "Train care home staff", "June Marshall", "Sept 2018"])
    sheet.append(["2. Isolation", "Map befriending services", "Louise Collett", "End August 2018"])
    path = tmp_path / "odd-headers.xlsx"
    book.save(path)
    return path


def make_dialog(
    qtbot, database: Database, settings: Settings, runner: TaskRunner | None = None
) -> ImportPlanDialog:
    dialog = ImportPlanDialog(database, runner or InlineTaskRunner(), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_main_window_imports_through_the_dialog(
    main_window: MainWindow, qtbot, plan_file, monkeypatch, tmp_path
) -> None:
    copy = tmp_path / "again.xlsx"
    copy.write_bytes(plan_file.read_bytes())
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda *args, **kwargs: (str(copy), "Excel workbooks (*.xlsx)"),
    )
    dialog = main_window.file_actions.import_plan()
    dialog.findChild(type(dialog.next), "browseButton").click()
    assert dialog.path.text() == str(copy)
    dialog.next.click()
    summary = dialog.summary.toPlainText()
    assert "17 areas, 63 actions, 9 flagged for review" in summary
    assert "Flagged for review:" in summary and "Dry run: nothing was written." in summary
    assert len(main_window.state.actions) == 63  # nothing written by the preview
    # The same file again: it gets a name of its own, and the refusal points at the
    # dialog's own choice, not at the command line's --as-new.
    first = main_window.session.plan
    assert f'"{first.name} (2)"' in summary
    note = dialog.findChild(QLabel, "planNameNote")
    assert note.isVisible() and f"'{first.name} (2)'" in note.text()
    dialog.confirm.click()
    assert "was already imported" in dialog.error.text()
    assert "tick 'Import as a new plan' below" in dialog.error.text()
    assert "--as-new" not in dialog.error.text()
    assert dialog.isVisible()
    dialog.as_new.setChecked(True)
    dialog.confirm.click()
    assert not dialog.isVisible()
    # The window shows the new plan, on its own.
    assert len(main_window.state.actions) == 63
    assert main_window.state.plan_count == 1
    assert [p.name for p in main_window.session.plans] == [first.name, f"{first.name} (2)"]
    assert main_window.session.plan_id == dialog.plan_id != first.id
    assert "Imported" in main_window.statusBar().currentMessage()


def test_unrecognised_headers_are_mapped_then_imported(
    database, settings, qtbot, odd_headers
) -> None:
    dialog = make_dialog(qtbot, database, settings)
    dialog.path.setText(str(odd_headers))
    dialog.next.click()
    assert dialog.pages.currentWidget() is dialog.mapping
    assert "no header row was recognised" in dialog.mapping.message.text()
    assert not dialog.next.isEnabled()  # the action column must be chosen
    fields = dialog.mapping.fields
    for name, header in (
        ("area", "Topic"),
        ("action", "What we will do"),
        ("lead", "Owner"),
        ("deadline", "When"),
    ):
        fields[name].setCurrentIndex(fields[name].findData(header))
    assert dialog.next.isEnabled()
    dialog.next.click()
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert "2 areas, 3 actions" in dialog.summary.toPlainText()
    with qtbot.waitSignal(dialog.imported) as imported:
        dialog.confirm.click()
    assert imported.args[0].startswith("Imported")
    assert counts(database) == (2, 3)


def test_a_cancelled_import_changes_nothing(
    database, settings, qtbot, plan_file, monkeypatch
) -> None:
    class CancelAtOnce(ProgressRelay):
        def __call__(self, done: int, total: int) -> bool:
            self.cancel()
            return super().__call__(done, total)

    monkeypatch.setattr("tracker.ui.dialogs.import_plan_dialog.ProgressRelay", CancelAtOnce)
    dialog = make_dialog(qtbot, database, settings)
    dialog.path.setText(str(plan_file))
    dialog.next.click()
    dialog.confirm.click()
    assert dialog.error.text() == "Import cancelled: nothing was changed."
    assert dialog.isVisible() and dialog.progress is None
    assert counts(database) == (0, 0)


def test_a_failed_import_reads_as_the_cli_error(database, settings, qtbot, tmp_path) -> None:
    not_a_workbook = tmp_path / "plan.xlsx"
    not_a_workbook.write_text("this is not a spreadsheet")
    dialog = make_dialog(qtbot, database, settings)
    dialog.path.setText(str(not_a_workbook))
    dialog.next.click()
    assert dialog.error.isVisible()
    assert "plan.xlsx" in dialog.error.text()
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert counts(database) == (0, 0)


def test_the_import_runs_on_a_worker_thread(
    database, settings, qtbot, plan_file, monkeypatch
) -> None:
    # Which thread reads the workbook and which saves the plan, as the dialog calls them.
    threads: dict[str, int] = {}

    def on_thread(step: str, service):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            threads[step] = threading.get_ident()
            return service(*args, **kwargs)

        return run

    module = "tracker.ui.dialogs.import_plan_dialog"
    monkeypatch.setattr(f"{module}.read_plan", on_thread("read", read_plan))
    monkeypatch.setattr(f"{module}.save_plan", on_thread("save", save_plan))
    runner = TaskRunner()
    dialog = make_dialog(qtbot, database, settings, runner)
    dialog.path.setText(str(plan_file))
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=20000)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.confirm.click()
        assert not dialog.confirm.isEnabled()  # busy while the worker saves
    assert counts(database) == (17, 63)
    runner.wait()
    assert set(threads) == {"read", "save"}
    assert threading.main_thread().ident not in threads.values()


def test_the_preview_names_the_table_and_another_can_be_chosen(
    database, settings, qtbot, tmp_path
) -> None:
    path = lookup_before_plan(tmp_path / "tracker.xlsx")
    dialog = make_dialog(qtbot, database, settings)
    dialog.path.setText(str(path))
    qtbot.keyClicks(dialog.as_at, "31/01/2025")
    dialog.as_at.finish()
    assert dialog.as_at.value() == date(2025, 1, 31)
    dialog.next.click()
    summary = dialog.summary.toPlainText()
    assert "Read from sheet 'Tracker', header in row 1, rows 2-3" in summary
    assert "first updates dated 31 Jan 2025 (given at import)" in summary
    assert dialog.table_choice.currentText().startswith("Sheet 'Tracker'")
    assert dialog.table_choice.count() == 2
    # The person picks the other table with the keyboard: the workbook is read again.
    dialog.table_choice.setFocus()
    qtbot.keyClick(dialog.table_choice, Qt.Key.Key_Down)
    assert "Read from sheet 'Reason codes'" in dialog.summary.toPlainText()
    qtbot.keyClick(dialog.table_choice, Qt.Key.Key_Up)
    assert "Read from sheet 'Tracker'" in dialog.summary.toPlainText()
    # And names the plan in the preview.
    dialog.preview_name.clear()
    qtbot.keyClicks(dialog.preview_name, "Market shaping tracker")
    with qtbot.waitSignal(dialog.imported):
        dialog.confirm.click()
    assert [p.name for p in list_plans(database)] == ["Market shaping tracker"]
    assert counts(database) == (1, 2)
