"""The File menu's Excel entries and Restore from backup, driven as a person would:
choose the entry, answer the dialogs, and find the workbooks and the data changed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from tests.ui.answers import answer_returns_export
from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog, ReturnSelection


@pytest.fixture
def window(main_window):  # type: ignore[no-untyped-def]
    return main_window


def _trigger(window, text: str) -> None:  # type: ignore[no-untyped-def]
    entries = window.menus["File"].actions()
    (action,) = [a for a in entries if a.text().replace("&", "") == text]
    assert action.isEnabled()
    action.trigger()


def test_export_board_report_from_the_file_menu(window, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "board"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), XLSX))
    )
    # A draft (the export dialog is driven in tests/ui/dialogs/test_export_report_dialog.py).
    monkeypatch.setattr(
        "tracker.ui.excel_actions.ExcelActions._ask_sent_to_board", lambda self: False
    )
    _trigger(window, "Export board report…")
    written = out.with_suffix(".xlsx")
    workbook = openpyxl.load_workbook(written)
    assert workbook.sheetnames[0] == "Summary"
    assert "Board report written to" in window.statusBar().currentMessage()


XLSX = "Excel workbooks (*.xlsx)"


def test_status_returns_open_every_workbook_format(window, monkeypatch) -> None:
    offered: list[str] = []

    def cancel(parent, title, folder, filters):  # type: ignore[no-untyped-def]
        offered.append(filters)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(cancel))
    _trigger(window, "Import status returns…")
    (filters,) = offered
    first = filters.split(";;")[0]
    patterns = first[first.index("(") + 1 : first.index(")")].split()
    assert patterns == ["*.xlsx", "*.xlsm", "*.xlsb", "*.xls", "*.ods"]


def _export_returns(window, folder: Path, monkeypatch) -> list[Path]:  # type: ignore[no-untyped-def]
    answer_returns_export(monkeypatch, folder)
    shown: list[str] = []
    monkeypatch.setattr(
        "tracker.ui.excel_actions.show_message", lambda parent, text, **k: shown.append(text)
    )
    _trigger(window, "Export status returns…")
    assert shown == [f"8 status returns written to {folder}."]
    return sorted(folder.glob("*.xlsx"))


def test_returns_go_out_and_come_back_through_the_review(
    window, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    files = _export_returns(window, folder, monkeypatch)
    prevention = next(f for f in files if "Prevention" in f.name)
    # The lead fills in the first action's status and percent in Excel.
    workbook = openpyxl.load_workbook(prevention)
    sheet = workbook.worksheets[0]
    header_row = next(r for r in range(1, 15) if any(c.value == "% complete" for c in sheet[r]))
    columns = {c.value: c.column for c in sheet[header_row] if c.value}
    first = header_row + 1
    ref = sheet.cell(first, columns["Ref"]).value
    sheet.cell(first, columns["Status"]).value = "In progress"
    sheet.cell(first, columns["% complete"]).value = 35
    workbook.save(prevention)

    reviewed = []

    def accept(review, parent=None):  # type: ignore[no-untyped-def]
        reviewed.append(review)
        return ReturnSelection(
            apply_conflicts=frozenset(), accept_rejections=False, author="Wayne Harrison"
        )

    monkeypatch.setattr(ReturnReviewDialog, "ask", staticmethod(accept))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(prevention)], XLSX))
    )
    _trigger(window, "Import status returns…")
    assert len(reviewed) == 1 and len(reviewed[0].changes) == 1
    row = next(r for r in window.state.actions.values() if r.ref == ref)
    assert (row.status, row.percent) == ("In progress", 35)
    assert "1 update applied" in window.statusBar().currentMessage()

    # The same return again: nothing to review, nothing applied.
    reviewed.clear()
    _trigger(window, "Import status returns…")
    assert reviewed == []
    assert "nothing to apply" in window.statusBar().currentMessage()
