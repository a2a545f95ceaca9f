"""The assurance views driven as a person would: View > Coverage (and opening an action
from it), Plan > RAG rule…, and the calculated RAG in the detail panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_main_window import select
from tracker.services.quality_statements import link_action
from tracker.ui.assurance.coverage_model import ACTION_ID_ROLE, UNCOVERED_ROLE
from tracker.ui.assurance.coverage_view import CoverageView
from tracker.ui.assurance.rag_rule_dialog import RagRuleDialog
from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow
from tracker.ui.models import columns as col


def _open_coverage(window: MainWindow, qtbot) -> CoverageView:  # type: ignore[no-untyped-def]
    QTest.keySequence(window, "Ctrl+Shift+V")
    view = window.findChild(CoverageView, "coverageView")
    assert view is not None
    qtbot.waitExposed(view)
    return view


def test_coverage_lists_findings_with_their_actions_and_opens_one(main_window, qtbot) -> None:
    row = next(r for r in main_window.state.actions.values() if r.ref == "2.1 2")
    link_action(main_window.database, row.id, "LA1.2")
    view = _open_coverage(main_window, qtbot)
    findings = view.findings.model()
    # The 2018 plan's 17 areas answer the review's 17 areas for improvement: every
    # finding has its area's actions, none stands out.
    assert findings.rowCount() == 63
    assert not any(findings.index(r, 0).data(UNCOVERED_ROLE) for r in range(63))
    first = [findings.index(0, c).data() for c in range(5)]
    assert first[0] == "AFI-01"
    assert first[2].startswith("1.3 i ")
    statements = view.statements.model()
    linked = [r for r in range(statements.rowCount()) if statements.index(r, 0).data() == "LA1.2"]
    assert [statements.index(r, 0).data(ACTION_ID_ROLE) for r in linked] == [row.id]
    # Every other of the 26 statements is one highlighted row, "No action answers it".
    assert statements.rowCount() == 26
    unlinked = statements.index(0, 0)
    assert unlinked.data() == "LA1.1"
    assert unlinked.data(UNCOVERED_ROLE)
    assert unlinked.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert statements.index(0, 2).data() == "No action answers it"
    assert "26 quality statements, 25 with no action, 1 with actions but no evidence yet" in (
        view.summary.text()
    )
    assert statements.index(linked[0], 5).data() == 0  # the action holds no evidence yet
    assert statements.index(linked[0], 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    # Double-click the linked action: the window shows it, selected, in its tab.
    view.tabs.setCurrentWidget(view.statements)
    index = statements.index(linked[0], 2)
    rect = view.statements.visualRect(index)
    qtbot.mouseClick(view.statements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.statements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.tabs.tabText(main_window.tabs.currentIndex()).replace("&", "") == (
        "Prevention"
    )
    assert main_window.current_tab().selected_action_id() == row.id
    view.close()


def test_enter_on_a_finding_s_action_opens_it(main_window, qtbot) -> None:
    view = _open_coverage(main_window, qtbot)
    view.findings.setFocus()
    view.findings.setCurrentIndex(view.findings.model().index(0, 0))
    QTest.keyClick(view.findings, Qt.Key.Key_Return)
    wanted = view.findings.model().index(0, 0).data(ACTION_ID_ROLE)
    assert main_window.current_tab().selected_action_id() == wanted
    view.close()


def test_the_rag_rule_dialog_changes_the_calculated_rag(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.1 i")  # 15 days past due on the test's today
    panel = main_window.current_tab().page.detail.action_form
    assert panel.calculated.text() == "Amber: 15 days past its due 30 Jun 2018"
    main_window.main_actions[MainAction.RAG_RULE].trigger()
    dialog = main_window.findChild(RagRuleDialog, "ragRuleDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    spin = dialog.spins["red_days_late"]
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "10")
    assert "more than 10 days past" in dialog.summary.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert main_window.state.rag_rule.red_days_late == 10
    main_window.show_tab("Governance")
    model = main_window.current_tab().page.model
    index = model.action_index(row.id).siblingAtColumn(col.CALC_RAG)
    assert index.data() == "R"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == (
        "Calculated Red: 15 days past its due 30 Jun 2018 (red after 10)"
    )


def test_a_rule_that_cannot_be_used_is_refused_in_the_dialog(main_window, qtbot) -> None:
    main_window.main_actions[MainAction.RAG_RULE].trigger()
    dialog = main_window.findChild(RagRuleDialog, "ragRuleDialog")
    qtbot.waitExposed(dialog)
    dialog.spins["amber_points_behind"].setValue(40)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "Points behind for amber (40) must not be more than for red (25). Nothing was changed."
    )
    assert main_window.state.rag_rule.amber_points_behind == 10
    dialog.reject()
