"""Plan > Close reporting period…: the board cycle closed from the window, with its key
messages, as ``tracker close-period`` does; a refused close writes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tracker.db import Database
from tracker.services.periods import list_periods
from tracker.ui.dialogs.close_period_dialog import ClosePeriodDialog
from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow

from .conftest import TODAY


def _open_dialog(main_window: MainWindow, qtbot) -> ClosePeriodDialog:  # type: ignore[no-untyped-def]
    main_window.main_actions[MainAction.CLOSE_PERIOD].trigger()

    def shown() -> list[ClosePeriodDialog]:
        return [d for d in main_window.findChildren(ClosePeriodDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    [dialog] = shown()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_closing_a_period_from_the_window(
    main_window: MainWindow, imported: Database, qtbot
) -> None:
    dialog = _open_dialog(main_window, qtbot)
    assert dialog.on.value() == TODAY  # the window's today
    dialog.label.setFocus()
    qtbot.keyClicks(dialog.label, "Board, July 2018")
    QTest.keyClick(dialog.label, Qt.Key.Key_Tab)
    assert dialog.key_messages.hasFocus()
    qtbot.keyClicks(dialog.key_messages, "Governance boards are in place.")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    plan_id = main_window.session.plan.id  # type: ignore[union-attr]
    [period] = list_periods(imported, plan_id)
    assert (period.on, period.label) == (TODAY, "Board, July 2018")
    assert period.key_messages == "Governance boards are in place."
    assert period.actions == 63
    qtbot.waitUntil(lambda: "Closed 'Board, July 2018'" in main_window.statusBar().currentMessage())


def test_a_refused_close_says_why_and_writes_nothing(
    main_window: MainWindow, imported: Database, qtbot
) -> None:
    plan_id = main_window.session.plan.id  # type: ignore[union-attr]
    first = _open_dialog(main_window, qtbot)
    qtbot.mouseClick(first.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list_periods(imported, plan_id)) == 1)
    again = _open_dialog(main_window, qtbot)
    qtbot.mouseClick(again.close_button, Qt.MouseButton.LeftButton)
    assert again.isVisible()
    assert again.error.isVisible() and "already closed" in again.error.text()
    assert len(list_periods(imported, plan_id)) == 1
    again.reject()
