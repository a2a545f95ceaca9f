"""Exporting the board report from the window: a draft by default; only a report the
person marks as sent to the board moves "changes since the last report"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from tracker.services.database_settings import last_report_exported_at
from tracker.ui.dialogs.export_report_dialog import ExportReportDialog

XLSX = "Excel workbooks (*.xlsx)"


def test_the_box_starts_unticked_and_says_what_it_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    sent = datetime(2019, 3, 12, 10, 30, tzinfo=UTC)
    dialog = ExportReportDialog(sent)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.sent_to_board.isChecked() and not dialog.final
    assert "since the last report sent to the board (12 Mar 2019" in dialog.intro.text()
    dialog.sent_to_board.setFocus()
    qtbot.keyClick(dialog.sent_to_board, Qt.Key.Key_Space)
    assert dialog.final
    never = ExportReportDialog(None)
    qtbot.addWidget(never)
    assert "since the plan was imported" in never.intro.text()


def _answer(qtbot, tick: bool, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Answer the export dialog as a person would, once it is up."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ExportReportDialog)
            seen.append("unticked" if not dialog.sent_to_board.isChecked() else "ticked")
            if tick:
                qtbot.mouseClick(dialog.sent_to_board, Qt.MouseButton.LeftButton)
            qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Export, the default button
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)


def _export(window, tmp_path: Path, monkeypatch, name: str) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX))
    )
    (action,) = [
        a
        for a in window.menus["File"].actions()
        if a.text().replace("&", "") == "Export board report…"
    ]
    action.trigger()
    return out


def test_a_draft_from_the_window_moves_nothing(
    main_window, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    database = main_window.database
    seen: list[str] = []
    _answer(qtbot, tick=False, seen=seen)
    draft = _export(main_window, tmp_path, monkeypatch, "draft.xlsx")
    assert seen == ["unticked"]
    assert openpyxl.load_workbook(draft).properties.contentStatus == "Draft"
    assert last_report_exported_at(database) is None
    assert "Board report written to" in main_window.statusBar().currentMessage()


def test_ticking_sent_to_the_board_moves_the_point(
    main_window, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    database = main_window.database
    seen: list[str] = []
    _answer(qtbot, tick=True, seen=seen)
    sent = _export(main_window, tmp_path, monkeypatch, "sent.xlsx")
    assert seen == ["unticked"]
    assert openpyxl.load_workbook(sent).properties.contentStatus == "Sent to the board"
    assert last_report_exported_at(database) is not None


def test_cancelling_the_dialog_writes_nothing(
    main_window, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportReportDialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    out = _export(main_window, tmp_path, monkeypatch, "cancelled.xlsx")
    assert not out.exists()
    assert last_report_exported_at(main_window.database) is None
