"""The window by keyboard alone: Tab reaches every control of the detail panel and the
filter bar in reading order, Shift+Tab goes back, and whatever has the focus is outlined
so that it can be seen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from tests.ui.test_main_window import select
from tracker.ui.main_window import MainWindow
from tracker.ui.widgets.palette import FOCUS_STYLE_SHEET

DETAIL_ORDER = [
    "actionLabel",
    "actionText",
    "actionLeads",
    "actionStart",
    "actionDue",
    "actionStatus",
    "actionRag",
    "actionPercent",
    "reviewButton",
    # Evidence and completion: the enabled buttons (no evidence yet, not complete).
    "addEvidenceFile",
    "addEvidenceLink",
    "proposeCompletion",
    "addUpdateButton",
    "historyTabBar",
]


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The application's look, as ``tracker`` sets it up."""
    qapp.setStyleSheet(FOCUS_STYLE_SHEET)
    yield
    qapp.setStyleSheet("")


def walk(start: QWidget, key: Qt.Key, steps: int) -> list[str]:
    """Press ``key`` from ``start``; the object names the focus passes through."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    names = [start.objectName()]
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), key)
        names.append(QApplication.focusWidget().objectName())
    return names


def test_tab_goes_through_the_detail_panel_in_reading_order_and_back(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.2 ii")
    assert row.needs_review  # the Review button is shown
    form = main_window.current_tab().page.detail.action_form
    assert walk(form.label, Qt.Key.Key_Tab, len(DETAIL_ORDER) - 1) == DETAIL_ORDER
    back = walk(form.history_tabs.tabBar(), Qt.Key.Key_Backtab, len(DETAIL_ORDER) - 1)
    assert back == DETAIL_ORDER[::-1]


def test_tab_from_the_filter_text_reaches_my_actions_then_the_tree_then_the_panel(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.2 ii")
    page = main_window.current_tab().page
    names = walk(page.filter_bar.text, Qt.Key.Key_Tab, 9)
    assert names == [
        "filterText",
        "filterMine",
        "filterLead",
        "filterStatus",
        "filterRag",
        "filterOverdue",
        "filterDueWithin",
        "filterNeedsReview",
        "actionTree",
        "actionLabel",  # the panel itself is no stop: the focus would not show there
    ]


def edge_change(widget: QWidget) -> float:
    """The share of the pixels on a control's edge (two pixels deep) that change when it
    takes the focus: an outline changes all of them. For a tab bar, the current tab."""
    rect = widget.tabRect(widget.currentIndex()) if isinstance(widget, QTabBar) else widget.rect()
    widget.window().setFocus(Qt.FocusReason.OtherFocusReason)
    QApplication.processEvents()
    assert not widget.hasFocus()
    before: QImage = widget.grab(rect).toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert widget.hasFocus()
    after: QImage = widget.grab(rect).toImage()
    width, height = before.width(), before.height()
    edge = {(x, y) for x in range(width) for y in (0, 1, height - 2, height - 1)}
    edge |= {(x, y) for y in range(height) for x in (0, 1, width - 2, width - 1)}
    changed = sum(1 for x, y in edge if before.pixel(x, y) != after.pixel(x, y))
    return changed / len(edge)


def test_every_control_shows_an_outline_when_it_has_the_focus(
    styled: None, main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.2 ii")
    page = main_window.current_tab().page
    form = page.detail.action_form
    controls = {
        "tab bar": main_window.tabs.tabBar(),
        "tree": page.view,
        "filter text": page.filter_bar.text,
        "My actions": page.filter_bar.mine,
        "Overdue": page.filter_bar.overdue,
        "lead filter": page.filter_bar.lead,
        "action text": form.text,
        "start": form.start,
        "status": form.status,
        "percent": form.percent,
        "Add update": form.add_update,
        "history tabs": form.history_tabs.tabBar(),
    }
    faint = {name: round(edge_change(w), 2) for name, w in controls.items()}
    assert {name: share for name, share in faint.items() if share < 0.95} == {}
