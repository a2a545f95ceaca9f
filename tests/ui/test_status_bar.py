"""The status bar and the Overview's first words tell the truth: "Last saved" moves when an
import writes, a failed export leaves no "Writing…", and a file being opened says so."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFileDialog

from tests.ui.answers import answer_board_report_export
from tests.ui.test_excel_and_backup_actions import XLSX, _export_returns, _trigger
from tracker.errors import TrackerError
from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog, ReturnSelection
from tracker.ui.main_window import MainWindow
from tracker.ui.settings import Settings
from tracker.ui.workers import InlineTaskRunner

NOTHING_YET = "No changes yet this session"


def test_last_saved_moves_when_a_return_is_imported(
    main_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    assert main_window.status.saved.text() == NOTHING_YET
    folder = tmp_path / "returns"
    folder.mkdir()
    files = _export_returns(main_window, folder, monkeypatch)
    prevention = next(f for f in files if "Prevention" in f.name)
    workbook = openpyxl.load_workbook(prevention)
    sheet = workbook.worksheets[0]
    header_row = next(r for r in range(1, 15) if any(c.value == "% complete" for c in sheet[r]))
    columns = {c.value: c.column for c in sheet[header_row] if c.value}
    sheet.cell(header_row + 1, columns["% complete"]).value = 35
    workbook.save(prevention)
    monkeypatch.setattr(
        ReturnReviewDialog,
        "ask",
        # Nobody filled in "Returned by": the review asks who sent it.
        staticmethod(
            lambda review, parent=None: ReturnSelection(frozenset(), False, "Graeme Betts")
        ),
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(prevention)], XLSX))
    )
    _trigger(main_window, "Import status returns…")
    assert "1 update applied" in main_window.statusBar().currentMessage()
    assert main_window.status.saved.text().startswith("Last saved ")


def test_a_failed_export_leaves_no_writing_message(main_window: MainWindow, monkeypatch) -> None:
    out = main_window.database.path.parent / "board.xlsx"
    answer_board_report_export(monkeypatch, out)

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise TrackerError("The folder is read-only.")

    monkeypatch.setattr("tracker.services.board_report_export.export_board_report", fail)
    errors: list[str] = []
    monkeypatch.setattr(
        "tracker.ui.excel_actions.show_error", lambda parent, error: errors.append(str(error))
    )
    _trigger(main_window, "Export board report…")
    assert errors == ["The folder is read-only."]
    assert main_window.statusBar().currentMessage() == ""


def test_opening_a_file_says_so_rather_than_none_open(
    qtbot, settings: Settings, today, imported
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings, InlineTaskRunner(), today)
    qtbot.addWidget(window)
    assert window.overview.heading.text().startswith("No database is open yet")
    seen: list[str] = []
    window.session.busyChanged.connect(
        lambda busy, _message: seen.append(window.overview.heading.text()) if busy else None
    )
    window.open_database(imported.path)
    assert seen[0] == f"Opening {imported.path}…"
    assert window.overview.heading.text().startswith("<b>Where the plan stands")
