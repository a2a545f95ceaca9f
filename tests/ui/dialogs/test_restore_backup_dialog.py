"""File > Restore from backup, driven from the keyboard: the list says what each backup
holds, and choosing one that holds less warns what would be lost, Cancel first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tracker.db.backup import backup_database, list_backups
from tracker.paths import original_plan_path
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.backup_contents import summarise
from tracker.services.plan_import import import_plan
from tracker.ui.dialogs.restore_backup_dialog import BackupsModel, RestoreBackupDialog

PLAN = "Care Quality Commission - Local System Review: Action Plan"


def _trigger_restore(window, qtbot) -> RestoreBackupDialog:  # type: ignore[no-untyped-def]
    (action,) = [
        a
        for a in window.menus["File"].actions()
        if a.text().replace("&", "") == "Restore from backup…"
    ]
    action.trigger()
    dialog = window.findChild(RestoreBackupDialog, "restoreBackupDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.table.hasFocus)  # the list has the keyboard
    return dialog


def _row(dialog: RestoreBackupDialog, row: int) -> list[str]:
    model = dialog.table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _confirmation(dialog: RestoreBackupDialog) -> QMessageBox:
    box = dialog.confirmation
    assert box is not None and box.isVisible()
    assert QApplication.activeModalWidget() is box
    return box


def _grow(window) -> None:  # type: ignore[no-untyped-def]
    """A second plan and 14 updates after the backup, then the window reads them."""
    database = window.database
    import_plan(database, original_plan_path(), name="Second copy", as_new=True)
    for row in list(window.state.actions.values())[:14]:
        add_update(
            database,
            row.id,
            UpdateInput(date(2018, 7, 2), "Pip Mayo", "In progress", "A", 40, "Under way"),
        )
    window.reload()


def test_the_list_says_what_each_backup_holds_and_warns_before_losing_data(
    main_window, qtbot
) -> None:
    path = main_window.database.path
    backup_database(path, "manual")  # one plan, 63 actions, no updates
    _grow(main_window)
    assert summarise(path, live=True).counts() == "2 plans, 126 actions and 14 updates"

    dialog = _trigger_restore(main_window, qtbot)
    assert BackupsModel.HEADERS == (
        "Taken at",
        "Reason",
        "Plans",
        "Actions",
        "Updates",
        "Last change",
    )
    rows = [_row(dialog, r) for r in range(dialog.table.model().rowCount())]
    # Newest first: the import of the second copy backed the file up, then the manual
    # one, then the first of the day, taken when the window opened the file.
    assert [r[1:5] for r in rows] == [
        ["Before import", PLAN, "63", "0"],
        ["Manual", PLAN, "63", "0"],
        ["Daily", PLAN, "63", "0"],
    ]
    assert all(r[5] for r in rows)  # each has its last change

    # Keyboard only: the list has the focus on the newest backup; go to the manual one.
    assert dialog.chosen().backup.reason == "before import"
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.chosen().backup.reason == "manual"
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    box = _confirmation(dialog)
    assert box.text().startswith(
        "The current file has 2 plans, 126 actions and 14 updates; this backup has 1 plan, "
        "63 actions and no updates. Restoring loses the plan “Second copy”, 63 actions, "
        "14 updates and every change recorded after "
    )
    # Cancel is the default: Enter keeps everything.
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert dialog.confirmation is None and dialog.isVisible()
    assert summarise(path, live=True).counts() == "2 plans, 126 actions and 14 updates"
    # The window shows one plan at a time: still the one it showed.
    assert len(main_window.state.actions) == 63

    # Asked again and confirmed: the file goes back to one plan and no updates.
    assert dialog.chosen().backup.reason == "manual"
    dialog.restore_button.click()
    box = _confirmation(dialog)
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    restore.click()

    assert not dialog.isVisible()
    assert summarise(path, live=True).counts() == "1 plan, 63 actions and no updates"
    assert len(main_window.state.actions) == 63
    assert "Restored the backup of" in main_window.statusBar().currentMessage()
    # The state before was kept: restoring it would bring the second plan back.
    safety = next(b for b in list_backups(path) if b.reason == "before restore")
    assert summarise(safety.path).counts() == "2 plans, 126 actions and 14 updates"


def test_a_damaged_backup_is_listed_but_cannot_be_chosen(main_window, qtbot) -> None:
    path = main_window.database.path
    good = backup_database(path, "manual")
    good.with_name(good.name.replace(".manual.", ".daily.")).write_bytes(b"junk" * 1000)

    dialog = _trigger_restore(main_window, qtbot)
    model = dialog.table.model()
    damaged = next(r for r in range(model.rowCount()) if _row(dialog, r)[1] == "Daily")
    assert _row(dialog, damaged)[2].startswith("Damaged: it cannot be read")
    assert not (model.flags(model.index(damaged, 0)) & Qt.ItemFlag.ItemIsSelectable)
    assert dialog.chosen() is not None and dialog.chosen().backup.reason != "daily"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_restoring_what_the_file_already_holds_asks_without_a_loss_warning(
    main_window, qtbot
) -> None:
    path = main_window.database.path
    row = next(iter(main_window.state.actions.values()))
    backup_database(path, "manual")

    dialog = _trigger_restore(main_window, qtbot)
    assert dialog.chosen().backup.reason == "manual"
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    box = _confirmation(dialog)
    assert "loses" not in box.text() and "holds everything the current file does" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)  # Restore is the default here
    assert not dialog.isVisible()
    assert main_window.state.actions[row.id].percent == row.percent
    assert "Restored the backup of" in main_window.statusBar().currentMessage()
