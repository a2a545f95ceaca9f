"""The one update rule in the window: Complete means 100, and the dialog says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

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
