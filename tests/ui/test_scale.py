"""A tab of a plan at the benchmark's scale (50,000 actions over six tabs: about 8,300 a
tab) behaves as a small one does: it opens with every action, its areas collapsed;
filters show exactly the matching actions, with their areas opened when few; sorting
orders every area. How fast it does so is measured by the benchmark, not here."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import TODAY
from tests.ui.factories import make_plan
from tracker.ui.models import columns as col
from tracker.ui.plan_state import PlanState
from tracker.ui.tabs.workstream_page import AUTO_EXPAND_LIMIT
from tracker.ui.tabs.workstream_tab import WorkstreamTab

AREAS, PER_AREA = 834, 10


@pytest.fixture(scope="module")
def big_state() -> PlanState:
    state = PlanState()
    state.load(make_plan(AREAS, PER_AREA, tabs=("Governance",)))
    return state


def open_tab(qtbot, state: PlanState) -> WorkstreamTab:  # type: ignore[no-untyped-def]
    tab = WorkstreamTab("Governance", state, lambda: TODAY, lambda: "Pip Mayo")
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    tab.activate()
    QApplication.processEvents()
    return tab


def shown_texts(tab: WorkstreamTab) -> list[str]:
    """The action texts the tab shows, area by area."""
    model = tab.page.model
    texts = []
    for area_row in range(model.rowCount()):
        area = model.index(area_row, 0)
        texts += [
            model.index(row, col.ACTION_TEXT, area).data() for row in range(model.rowCount(area))
        ]
    return texts


def test_a_big_tab_opens_collapsed_and_filters_to_the_matches(qtbot, big_state: PlanState) -> None:
    tab = open_tab(qtbot, big_state)
    page = tab.page
    assert page is not None and page.model is not None
    assert page.model.action_count == AREAS * PER_AREA
    assert page.model.shown_actions == AREAS * PER_AREA
    # More actions than the limit: areas start collapsed, so the view lays out 834 rows.
    assert page.model.rowCount() == AREAS
    first_area = page.model.index(0, 0)
    assert not tab.view.isExpanded(first_area)
    # Each filter narrows the last; the last matches one action of the 8,340.
    shown = []
    for text in ("action", "action 1", "action 12", "action 123", "action 1234"):
        page.filter_bar.text.setText(text)
        page.filter_bar.flush()
        tab.view.viewport().repaint()
        shown.append(page.model.shown_actions)
    assert shown[0] == AREAS * PER_AREA
    assert shown == sorted(shown, reverse=True)
    assert shown[-1] == 1
    assert shown_texts(tab) == ["Action 1234: do thing 3"]
    # Few matches: every area shown is open.
    assert page.model.shown_actions <= AUTO_EXPAND_LIMIT
    assert all(tab.view.isExpanded(i) for i in page.model.branch_indexes())
    assert page.filter_bar.state().text == "action 1234"


def test_sorting_a_big_tab_is_the_models_own(qtbot, big_state: PlanState) -> None:
    tab = open_tab(qtbot, big_state)
    tab.view.header().setSortIndicator(col.DUE, Qt.SortOrder.DescendingOrder)
    model = tab.page.model
    for area_row in (0, AREAS // 2, AREAS - 1):
        area = model.index(area_row, 0)
        assert model.rowCount(area) == PER_AREA
        dues = [model.index(r, col.DUE, area).data(model_sort_role()) for r in range(PER_AREA)]
        dated = [d for d in dues if isinstance(d, date)]
        assert dated == sorted(dated, reverse=True)
        assert dated  # the check compares real dates


def model_sort_role() -> int:
    from tracker.ui.models.action_tree_model import SORT_ROLE

    return SORT_ROLE
