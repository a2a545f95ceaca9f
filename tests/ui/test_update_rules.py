"""The one update rule in the window: Complete means 100, and the dialog says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_main_window import select, stored_action


def test_complete_below_100_is_refused_in_add_update_with_the_reason(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 ii")
    dialog = main_window.edit_actions.add_update_to_selected()
    dialog.status.setCurrentIndex(dialog.status.findData("Complete"))
    assert dialog.percent.value() == 100  # choosing Complete fills in 100
    dialog.percent.setFocus()
    dialog.percent.selectAll()
    qtbot.keyClicks(dialog.percent, "60")
    qtbot.keyClicks(dialog.narrative, "Nearly done")
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "Complete means 100" in dialog.error.text()
    stored = stored_action(main_window.database.path, "1.3 ii")
    assert (stored.status, stored.percent) == (row.status, row.percent)
    dialog.percent.selectAll()
    qtbot.keyClicks(dialog.percent, "100")
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    assert not dialog.isVisible()
    stored = stored_action(main_window.database.path, "1.3 ii")
    assert (stored.status, stored.percent) == ("Complete", 100)


def _type_percent(form, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    form.percent.setFocus()
    form.percent.selectAll()
    qtbot.keyClicks(form.percent, text)
    qtbot.keyClick(form.percent, Qt.Key.Key_Return)


def _choose_complete(form, qtbot) -> None:  # type: ignore[no-untyped-def]
    form.status.setFocus()
    # A pause as between a person's key presses: quick ones search as one word.
    qtbot.wait(QApplication.keyboardInputInterval() + 100)
    qtbot.keyClick(form.status, Qt.Key.Key_C)  # the first letter picks the status


def test_complete_below_100_is_refused_in_the_detail_panel_too(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 ii")
    assert row.status != "Complete"
    form = main_window.current_tab().page.detail.action_form
    _type_percent(form, qtbot, "60")
    assert not form.error.isVisible()
    assert stored_action(main_window.database.path, "1.3 ii").percent == 60

    _choose_complete(form, qtbot)
    assert form.error.isVisible()
    assert "Complete means 100" in form.error.text()
    assert form.status.currentText() == row.status  # the stored value is put back
    stored = stored_action(main_window.database.path, "1.3 ii")
    assert (stored.status, stored.percent) == (row.status, 60)

    _type_percent(form, qtbot, "100")
    _choose_complete(form, qtbot)
    assert not form.error.isVisible()
    stored = stored_action(main_window.database.path, "1.3 ii")
    assert (stored.status, stored.percent) == ("Complete", 100)

    # Once Complete, lowering % is the same contradiction.
    _type_percent(form, qtbot, "90")
    assert "Complete means 100" in form.error.text()
    assert form.percent.value() == 100
    assert stored_action(main_window.database.path, "1.3 ii").percent == 100


def test_a_greener_rag_in_the_detail_panel_is_sent_to_add_update(main_window, qtbot) -> None:
    # 1.1 i is long past its due date: the calculated RAG is Red, and Green needs a reason,
    # which only an update records.
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.1 i")
    form = main_window.current_tab().page.detail.action_form
    form.rag.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 100)
    qtbot.keyClick(form.rag, Qt.Key.Key_G)  # as a person picks Green from the keyboard
    qtbot.waitUntil(form.error.isVisible)
    assert "greener than the calculated Red" in form.error.text()
    assert "Add update" in form.error.text()
    assert form.rag.currentData() == row.rag  # the stored value is put back
    assert stored_action(main_window.database.path, "1.1 i").rag == row.rag
