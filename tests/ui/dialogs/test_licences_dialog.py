"""Help > Licences: reached from the Help menu with the keyboard; choosing a component
shows its licence text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tracker.licences import Component
from tracker.ui.dialogs.licences_dialog import LicencesDialog
from tracker.ui.main_window import MainWindow

COMPONENTS = [
    Component("action-plan-tracker", "0.1.0", "MIT", "MIT text"),
    Component("Python", "3.11.7", "PSF-2.0", "PSF text"),
    Component("xlsxwriter", "3.3.1", "BSD-2-Clause", "BSD text"),
]


def test_help_menu_opens_the_licences_from_the_keyboard(main_window: MainWindow, qtbot) -> None:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    QTest.keyClick(main_window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: main_window.menuBar().activeAction() is not None)
    help_menu = main_window.menuBar().activeAction().menu()
    assert help_menu is not None
    QTest.keyClick(help_menu, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: main_window.findChild(LicencesDialog) is not None)
    dialog = main_window.findChild(LicencesDialog)
    assert dialog.isVisible() and not dialog.isModal()
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert rows[:2] == ["action-plan-tracker", "Python"]
    assert "Permission is hereby granted" in dialog.text.toPlainText()
    dialog.close()


def test_choosing_a_component_shows_its_text(qtbot) -> None:
    dialog = LicencesDialog(components=COMPONENTS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.text.toPlainText() == "MIT text"
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    QTest.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.text.toPlainText() == "BSD text"
    assert dialog.table.item(2, 2).text() == "BSD-2-Clause"
    assert dialog.text.isReadOnly()
