"""Status returns from the window, driven by keys and clicks: the export asks when they are
due back and to whom; the review asks who sent a return when the return does not say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QRadioButton

from tests.ui.conftest import TODAY
from tracker.excel import return_layout as layout
from tracker.services.return_review import review_return
from tracker.ui.dialogs.export_returns_dialog import ExportReturnsDialog
from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog

from ..unit.excel.return_helpers import action_ids, fill_return


def _trigger(window, text: str) -> None:  # type: ignore[no-untyped-def]
    (action,) = [a for a in window.menus["File"].actions() if a.text().replace("&", "") == text]
    action.trigger()


def test_export_asks_when_the_returns_are_due_back_and_to_whom(
    main_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    monkeypatch.setattr("tracker.ui.excel_actions.show_message", lambda *a, **k: None)
    seen: list[ExportReturnsDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportReturnsDialog)
        seen.append(dialog)
        # Two weeks from today to start with; the user moves it and types the contact.
        assert dialog.due_back.value() == date(2018, 7, 29)
        dialog.due_back.set_value(date(2018, 8, 3))
        dialog.contact.selectAll()
        QTest.keyClicks(dialog.contact, "Jo Bloggs, 0121 000 0000")
        QTest.keyClick(dialog.contact, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    _trigger(main_window, "Export status returns…")
    qtbot.waitUntil(lambda: len(list(folder.glob("*.xlsx"))) == 8, timeout=20000)
    assert seen
    path = next(folder.glob("*Prevention*.xlsx"))
    sheet = openpyxl.load_workbook(path)[layout.RETURN_SHEET]
    assert sheet["A3"].value == "Please send it back by 3 August 2018 to Jo Bloggs, 0121 000 0000."


def test_export_dialog_can_leave_the_date_out(qtbot) -> None:
    dialog = ExportReturnsDialog(TODAY, "Office")
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.mouseClick(dialog.has_due, Qt.MouseButton.LeftButton, pos=dialog.has_due.rect().center())
    assert not dialog.due_back.isEnabled()
    request = dialog.request()
    assert (request.due_back, request.contact) == (None, "Office")


def test_export_dialog_chooses_the_layout_by_keyboard_in_reading_order(qtbot) -> None:
    dialog = ExportReturnsDialog(TODAY, "Office")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.request().by == "workstream"
    by_workstream = dialog.findChild(QRadioButton, "returnsBy_workstream")
    by_lead = dialog.findChild(QRadioButton, "returnsBy_lead")
    # Tab order reads top to bottom: the layout, then the date, then the contact.
    order = [by_workstream, dialog.has_due, dialog.due_back, dialog.contact]
    focus_chain = []
    widget = by_workstream
    for _ in range(40):
        focus_chain.append(widget)
        widget = widget.nextInFocusChain()
    positions = [focus_chain.index(w) for w in order]
    assert positions == sorted(positions)
    # Tabbed to, Space chooses.
    qtbot.keyClick(by_lead, Qt.Key.Key_Space)
    assert by_lead.isChecked()
    assert dialog.request().by == "lead"
    qtbot.keyClick(by_workstream, Qt.Key.Key_Space)
    assert dialog.request().by == "workstream"


def test_review_asks_who_sent_a_return_nobody_signed(imported, qtbot, tmp_path: Path) -> None:
    from tracker.services.status_returns_export import export_status_returns

    folder = tmp_path / "returns"
    folder.mkdir()
    files = export_status_returns(imported, folder)
    path = next(f.path for f in files if f.scope.label == "Prevention")
    fill_return(path, {action_ids(path)[0]: {layout.PERCENT: 30}})
    review = review_return(imported, path)
    dialog = ReturnReviewDialog(review)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.author.currentText() == ""
    assert not dialog.apply_button.isEnabled()  # nobody named: it must be chosen
    source = dialog.findChild(QLabel, "returnAuthorSource")
    assert "'Returned by' was blank and the return went to 6 leads" in source.text()
    dialog.author.setFocus()
    QTest.keyClicks(dialog.author, "Mike Walsh")
    assert dialog.apply_button.isEnabled()
    QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.selection().author == "Mike Walsh"
