"""Importing a status return from the window backs the file up first and is one step on
Undo: Ctrl+Z takes its updates away, Ctrl+Shift+Z brings them back, the audit log records
both."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.ui.answers import answer_returns_export
from tracker.db.backup import list_backups
from tracker.excel.return_layout import RETURNED_BY
from tracker.services.action_updates import list_updates
from tracker.services.audit import list_audit
from tracker.services.backup_contents import summarise
from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog, ReturnSelection

XLSX = "Excel workbooks (*.xlsx)"


def _trigger(window, text: str) -> None:  # type: ignore[no-untyped-def]
    (action,) = [a for a in window.menus["File"].actions() if a.text().replace("&", "") == text]
    action.trigger()


def _filled_return(window, folder: Path, monkeypatch) -> tuple[Path, list[str]]:  # type: ignore[no-untyped-def]
    """Prevention's return, exported from the window, with two actions filled in."""
    answer_returns_export(monkeypatch, folder)
    monkeypatch.setattr("tracker.ui.excel_actions.show_message", lambda *a, **k: None)
    _trigger(window, "Export status returns…")
    path = next(f for f in folder.glob("*.xlsx") if "Prevention" in f.name)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = next(r for r in range(1, 15) if any(c.value == "% complete" for c in sheet[r]))
    columns = {c.value: c.column for c in sheet[header] if c.value}
    # The lead who sends it back says so, as the return asks.
    label = next(c for r in sheet.iter_rows(max_row=header) for c in r if c.value == RETURNED_BY)
    sheet.cell(label.row, label.column + 1).value = "Graeme Betts"
    refs = []
    for row, percent in ((header + 1, 35), (header + 2, 60)):
        refs.append(sheet.cell(row, columns["Ref"]).value)
        sheet.cell(row, columns["Status"]).value = "In progress"
        sheet.cell(row, columns["% complete"]).value = percent
    workbook.save(path)
    return path, refs


def test_a_return_import_is_backed_up_and_undone_and_redone_in_one_step(
    main_window, tmp_path: Path, monkeypatch, qtbot
) -> None:
    window = main_window
    database = window.database
    folder = tmp_path / "returns"
    folder.mkdir()
    path, refs = _filled_return(window, folder, monkeypatch)
    rows = {r.ref: r for r in window.state.actions.values() if r.ref in refs}
    before = {ref: (r.status, r.percent, r.last_update) for ref, r in rows.items()}
    backups_before = len(list_backups(database.path))
    monkeypatch.setattr(
        ReturnReviewDialog,
        "ask",
        staticmethod(lambda review, parent=None: ReturnSelection(frozenset(), False)),
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(path)], XLSX))
    )
    window.undo_stack.clear()

    _trigger(window, "Import status returns…")

    # A backup of the file as it was, taken before the return was applied.
    backups = list_backups(database.path)
    assert len(backups) == backups_before + 1
    assert backups[0].reason.startswith("before status return ")
    assert summarise(backups[0].path).updates == 0
    applied = {ref: window.state.actions[r.id] for ref, r in rows.items()}
    assert [applied[ref].percent for ref in refs] == [35, 60]
    assert all(len(list_updates(database, r.id)) == 1 for r in rows.values())
    # One step on the stack, named after the return.
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == f"Import status return {path.name}"
    assert "2 updates applied" in window.statusBar().currentMessage()

    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    for ref, r in rows.items():
        shown = window.state.actions[r.id]
        assert (shown.status, shown.percent, shown.last_update) == before[ref]
        assert list_updates(database, r.id) == []
    withdrawn = [a for a in list_audit(database) if a.field == "withdrawn"]
    assert len(withdrawn) == 2 and {a.cause for a in withdrawn} == {"undo"}

    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [window.state.actions[rows[ref].id].percent for ref in refs] == [35, 60]
    assert all(len(list_updates(database, r.id)) == 1 for r in rows.values())
    redone = [a for a in list_audit(database) if a.field == "added" and a.cause == "redo"]
    assert len(redone) == 2
