"""Add update keeps what was typed: Escape after writing a note asks before discarding it;
with nothing written it closes at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_main_window import select, stored_action
from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog
from tracker.ui.main_window import MainWindow


def open_add_update(window: MainWindow, qtbot) -> AddUpdateDialog:  # type: ignore[no-untyped-def]
    window.show_tab("Governance")
    select(window, qtbot, "1.3 ii")
    dialog = window.edit_actions.add_update_to_selected()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.narrative.hasFocus()
    return dialog


def discard_box(window: MainWindow) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "discardUpdate")
    return box if box is not None and box.isVisible() else None


def test_escape_with_nothing_written_closes_without_asking(main_window, qtbot) -> None:
    dialog = open_add_update(main_window, qtbot)
    QTest.keyClick(dialog.narrative, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert discard_box(main_window) is None


def test_escape_after_writing_asks_and_keep_editing_keeps_the_text(main_window, qtbot) -> None:
    dialog = open_add_update(main_window, qtbot)
    qtbot.keyClicks(dialog.narrative, "Workshop held with the three leads")
    QTest.keyClick(dialog.narrative, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    box = discard_box(main_window)
    assert box is not None
    assert "not saved" in box.text()
    assert sorted(b.text() for b in box.buttons()) == ["&Discard", "&Keep editing"]
    # Escape in the question means "keep editing", as does the button.
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: discard_box(main_window) is None)
    assert dialog.isVisible()
    assert dialog.narrative.toPlainText() == "Workshop held with the three leads"
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert stored_action(main_window.database.path, "1.3 ii").latest_narrative.startswith(
        "Workshop"
    )


def test_discard_closes_and_saves_nothing(main_window, qtbot) -> None:
    dialog = open_add_update(main_window, qtbot)
    qtbot.keyClicks(dialog.narrative, "A note I no longer want")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    box = discard_box(main_window)
    assert box is not None
    discard = next(b for b in box.buttons() if b.text() == "&Discard")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert stored_action(main_window.database.path, "1.3 ii").last_update is None
    assert main_window.undo_stack.count() == 0


def test_a_rag_set_greener_than_the_calculated_one_asks_for_a_reason(main_window, qtbot) -> None:
    from tracker.services.action_updates import list_updates

    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.1 i")  # due 30 Jun 2018, 15 days late on the test's today
    dialog = main_window.edit_actions.add_update_to_selected()
    qtbot.waitExposed(dialog)
    assert dialog.calculated.text() == "Amber: 15 days past its due 30 Jun 2018"
    assert not dialog.rag_reason.isEnabled()
    qtbot.keyClicks(dialog.narrative, "Boards agreed")
    dialog.rag.setFocus()
    QTest.keyClicks(dialog.rag, "Gr")
    assert dialog.rag.currentData() == "G"
    assert dialog.rag_reason.isEnabled()
    assert "Required" in dialog.rag_reason.placeholderText()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "The RAG given, Green, is greener than the calculated Amber (15 days past its due "
        "30 Jun 2018): give a reason for the rating."
    )
    qtbot.keyClicks(dialog.rag_reason, "Terms agreed; boards meet next week")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    row = stored_action(main_window.database.path, "1.1 i")
    (update,) = list_updates(main_window.database, row.id)
    assert (update.rag, update.rag_reason) == ("G", "Terms agreed; boards meet next week")


def test_a_rag_no_greener_than_the_calculated_one_needs_no_reason(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.1 i")
    dialog = main_window.edit_actions.add_update_to_selected()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.narrative, "Late")
    dialog.rag.setFocus()
    QTest.keyClicks(dialog.rag, "R")
    assert not dialog.rag_reason.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert stored_action(main_window.database.path, "1.1 i").rag == "R"
