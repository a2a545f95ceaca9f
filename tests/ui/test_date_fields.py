"""Date fields as people use them: an empty Start, Due or Revised due takes a typed date
in the usual spellings, or one picked from a calendar that opens on today; it can be
cleared; text that is not a date is explained in place and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import TODAY
from tests.ui.test_main_window import select, stored_action
from tracker.ui.main_window import MainWindow


def a_form_without_dates(window: MainWindow, qtbot):  # type: ignore[no-untyped-def]
    """The detail form of action 2.2 1 with its Start and Due emptied (as TBC items are)."""
    window.show_tab("Prevention")
    row = select(window, qtbot, "2.2 1")
    for field in ("start_date", "due_date"):
        assert window.controller.edit_action(row.id, field, None) is None
    window.undo_stack.clear()
    form = window.current_tab().page.detail.action_form
    assert form.start.text() == "" and form.due.text() == ""
    assert form.start.placeholderText() == "Not set"
    return form


def type_into(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    window = field.window()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert field.hasFocus()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(
    "typed", ["31/03/2027", "31 Mar 2027", "31 March 2027", "31-3-27", "2027-03-31"]
)
def test_typing_a_date_into_an_empty_start_saves_it_and_tab_moves_on(
    main_window: MainWindow, qtbot, typed: str
) -> None:
    form = a_form_without_dates(main_window, qtbot)
    type_into(qtbot, form.start, typed)
    assert form.start.text() == typed  # not "Not set31/03/2027"
    QTest.keyClick(form.start, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.due
    assert stored_action(main_window.database.path, "2.2 1").start == date(2027, 3, 31)
    assert form.start.text() == "31 Mar 2027"
    assert not form.error.isVisible()
    assert main_window.undo_stack.count() == 1


def test_enter_saves_a_typed_due_date(main_window: MainWindow, qtbot) -> None:
    form = a_form_without_dates(main_window, qtbot)
    type_into(qtbot, form.due, "30 Sept 2027")
    QTest.keyClick(form.due, Qt.Key.Key_Return)
    assert stored_action(main_window.database.path, "2.2 1").due == date(2027, 9, 30)
    assert form.due.text() == "30 Sep 2027"


def test_the_calendar_of_an_empty_field_opens_on_today_and_picks_a_day(
    main_window: MainWindow, qtbot
) -> None:
    form = a_form_without_dates(main_window, qtbot)
    qtbot.mouseClick(form.start, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.start, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = form.start.popup
    assert popup is not None and popup.isVisible()
    shown = popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (TODAY.year, TODAY.month, TODAY.day)
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2018, 7)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # the next day
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert stored_action(main_window.database.path, "2.2 1").start == date(2018, 7, 16)
    assert form.start.text() == "16 Jul 2018"


def test_the_calendar_button_opens_on_the_date_shown(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Prevention")
    select(main_window, qtbot, "2.2 1")
    form = main_window.current_tab().page.detail.action_form
    form.due.calendar_action.trigger()
    shown = form.due.popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (2018, 6, 30)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not form.due.popup.isVisible()
    assert stored_action(main_window.database.path, "2.2 1").due == date(2018, 6, 30)


def test_deleting_the_text_or_the_clear_button_clears_a_date(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Prevention")
    select(main_window, qtbot, "2.2 1")
    form = main_window.current_tab().page.detail.action_form
    path = main_window.database.path
    qtbot.mouseClick(form.due, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.due, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(form.due, Qt.Key.Key_Delete)
    QTest.keyClick(form.due, Qt.Key.Key_Tab)
    assert stored_action(path, "2.2 1").due is None
    type_into(qtbot, form.start, "1/4/2018")
    QTest.keyClick(form.start, Qt.Key.Key_Return)
    assert stored_action(path, "2.2 1").start == date(2018, 4, 1)
    assert form.start.clear_action.isVisible()
    form.start.clear_action.trigger()
    assert stored_action(path, "2.2 1").start is None
    assert form.start.text() == "" and not form.start.clear_action.isVisible()


@pytest.mark.parametrize("typed", ["31/02/2027", "next week", "13/13/2027"])
def test_text_that_is_not_a_date_is_explained_and_saves_nothing(
    main_window: MainWindow, qtbot, typed: str
) -> None:
    form = a_form_without_dates(main_window, qtbot)
    type_into(qtbot, form.start, typed)
    QTest.keyClick(form.start, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.due  # Tab still leaves the field
    assert form.error.isVisible()
    assert f"“{typed}” is not a date" in form.error.text()
    assert "31/03/2027" in form.error.text()
    assert form.start.text() == typed and form.start.has_problem()
    assert stored_action(main_window.database.path, "2.2 1").start is None
    assert main_window.undo_stack.count() == 0
    # Put right, the message goes and the date is saved.
    qtbot.mouseClick(form.start, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.start, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.start, "28/02/2027")
    QTest.keyClick(form.start, Qt.Key.Key_Return)
    assert not form.error.isVisible() and not form.start.has_problem()
    assert stored_action(main_window.database.path, "2.2 1").start == date(2027, 2, 28)


def test_letters_that_cannot_be_in_a_date_are_not_typed(main_window: MainWindow, qtbot):
    form = a_form_without_dates(main_window, qtbot)
    type_into(qtbot, form.start, "31/03/2027?!")
    assert form.start.text() == "31/03/2027"


def test_an_empty_revised_due_in_add_update_takes_a_typed_date(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 iii")
    assert row.revised_due is None
    dialog = main_window.edit_actions.add_update_to_selected()
    field = dialog.revised_due
    assert field.text() == "" and field.placeholderText() == "Not set"
    type_into(qtbot, field, "31/03/2027")
    assert field.text() == "31/03/2027"
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reason  # enabled as soon as it moved
    qtbot.keyClicks(dialog.reason, "Waiting for the new commissioning lead")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    assert stored_action(main_window.database.path, "1.3 iii").revised_due == date(2027, 3, 31)


def test_add_update_refuses_a_revised_due_that_is_not_a_date(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.3 iii")
    dialog = main_window.edit_actions.add_update_to_selected()
    type_into(qtbot, dialog.revised_due, "31/04/2027")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "“31/04/2027” is not a date" in dialog.error.text()
    assert stored_action(main_window.database.path, "1.3 iii").last_update is None
    dialog.revised_due.calendar_action.trigger()  # the calendar opens on today
    shown = dialog.revised_due.popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (2018, 7, 15)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
