"""The window at a past day (read-only, with a banner, and back), the Add update dialog's
exception fields, and the Returns view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_main_window import select
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.returns_chasing import SentReturn, mark_return_back, record_returns_sent
from tracker.ui.dialogs.returns_dialog import ReturnsDialog
from tracker.ui.main_actions import MainAction


def _row(window, ref: str):  # type: ignore[no-untyped-def]
    return next(x for x in window.state.all_actions() if x.ref == ref)


def test_as_at_shows_the_plan_of_that_day_read_only_and_back(main_window, qtbot) -> None:
    action = _row(main_window, "1.1 i")
    add_update(
        main_window.database,
        action.id,
        UpdateInput(date(2018, 7, 10), "Pip Mayo", "In progress", "A", 30, "Started"),
    )
    main_window.reload()
    bar = main_window.as_at_bar
    assert not bar.banner.isVisible() and not bar.today_button.isEnabled()
    assert _row(main_window, "1.1 i").status == "In progress"

    bar.day.setFocus()
    qtbot.keyClicks(bar.day, "01/07/2018")
    QTest.mouseClick(bar.show_button, Qt.MouseButton.LeftButton)
    assert main_window.session.as_at == date(2018, 7, 1)
    assert bar.banner.isVisible() and "Read-only" in bar.banner.text()
    assert "1 Jul 2018" in bar.banner.text()
    row = _row(main_window, "1.1 i")
    assert (row.status, row.rag, row.percent) == ("Not started", None, 0)
    assert main_window.controller is None  # nothing can be edited
    assert not main_window.main_actions[MainAction.ADD_UPDATE].isEnabled()
    assert main_window.today() == date(2018, 7, 1)

    QTest.mouseClick(bar.today_button, Qt.MouseButton.LeftButton)
    assert main_window.session.as_at is None and not bar.banner.isVisible()
    assert main_window.controller is not None
    assert main_window.main_actions[MainAction.ADD_UPDATE].isEnabled()
    assert _row(main_window, "1.1 i").status == "In progress"


def test_add_update_asks_what_the_board_needs_for_an_exception(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.1 ii")  # due 31 July 2018: not overdue yet
    dialog = main_window.edit_actions.add_update_to_selected()
    assert not dialog.exception_box.isVisible()
    dialog.rag.setCurrentIndex(dialog.rag.findData("R"))
    assert dialog.exception_box.isVisible()
    qtbot.keyClicks(dialog.narrative, "Chair left")
    qtbot.keyClicks(dialog.cause, "No chair")
    qtbot.keyClicks(dialog.mitigation, "Interim chair")
    qtbot.keyClicks(dialog.recovery, "30/09/2018")
    qtbot.keyClicks(dialog.decision, "Approve the interim chair")
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    assert not dialog.isVisible()
    [update] = list_updates(main_window.database, _row(main_window, "1.1 ii").id)
    assert (update.cause, update.mitigation, update.recovery_date, update.decision_asked) == (
        "No chair",
        "Interim chair",
        date(2018, 9, 30),
        "Approve the interim chair",
    )

    select(main_window, qtbot, "1.1 i")  # due 30 June 2018: overdue, so asked at once
    dialog = main_window.edit_actions.add_update_to_selected()
    assert dialog.exception_box.isVisible()
    dialog.reject()


def test_returns_view_lists_sent_back_and_overdue(main_window, qtbot) -> None:
    database = main_window.database
    plan_id = main_window.session.plan_id
    sent = [
        SentReturn("a1", "workstream:1", "Governance (Graeme Betts)", "gov.xlsx", 15),
        SentReturn("b2", "workstream:2", "Prevention (Pip Mayo)", "prev.xlsx", 7),
    ]
    record_returns_sent(
        database, plan_id, sent, sent_on=date(2018, 7, 1), due_back=date(2018, 7, 10), contact=""
    )
    mark_return_back(database, "a1", date(2018, 7, 8))
    main_window.main_actions[MainAction.SHOW_RETURNS].trigger()
    dialog = main_window.findChild(ReturnsDialog, "returnsDialog")
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert shown == [
        ["Governance (Graeme Betts)", "15", "1 Jul 2018", "10 Jul 2018", "8 Jul 2018", "Back"],
        ["Prevention (Pip Mayo)", "7", "1 Jul 2018", "10 Jul 2018", "", "Overdue"],
    ]
    assert "2 sent: 1 back, 1 outstanding, 1 overdue" in dialog.summary.text()
    dialog.reject()
