"""A tab of a plan at the benchmark's scale (50,000 actions over six tabs: about 8,300 a
tab) stays usable: filtering, sorting and opening the tab do work proportional to what is
shown, not to the square of what there is. Bounds are generous (a loaded CI machine); they
catch a lost factor of ten, not a millisecond."""

from __future__ import annotations

import statistics
import time
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


def open_tab(qtbot, state: PlanState) -> tuple[WorkstreamTab, float]:  # type: ignore[no-untyped-def]
    tab = WorkstreamTab("Governance", state, lambda: TODAY, lambda: "Pip Mayo")
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    started = time.perf_counter()
    tab.activate()
    QApplication.processEvents()
    return tab, time.perf_counter() - started


def test_a_big_tab_opens_collapsed_and_filters_quickly(qtbot, big_state: PlanState) -> None:
    tab, opening = open_tab(qtbot, big_state)
    page = tab.page
    assert page is not None and page.model is not None
    assert page.model.action_count == AREAS * PER_AREA
    assert opening < 2.0
    # More actions than the limit: areas start collapsed, so the view lays out 834 rows.
    first_area = page.model.index(0, 0)
    assert not tab.view.isExpanded(first_area)
    timings = []
    for text in ("action", "action 1", "action 12", "action 123", "action 1234"):
        started = time.perf_counter()
        page.filter_bar.text.setText(text)
        page.filter_bar.flush()
        tab.view.viewport().repaint()
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.5
    # Few matches: every area shown is open.
    assert page.model.shown_actions <= AUTO_EXPAND_LIMIT
    assert all(tab.view.isExpanded(i) for i in page.model.branch_indexes())
    assert page.filter_bar.state().text == "action 1234"


def test_sorting_a_big_tab_is_the_models_own(qtbot, big_state: PlanState) -> None:
    tab, _opening = open_tab(qtbot, big_state)
    started = time.perf_counter()
    tab.view.header().setSortIndicator(col.DUE, Qt.SortOrder.DescendingOrder)
    assert time.perf_counter() - started < 2.0
    model = tab.page.model
    area = model.index(0, 0)
    dues = [model.index(r, col.DUE, area).data(model_sort_role()) for r in range(PER_AREA)]
    dated = [d for d in dues if isinstance(d, date)]
    assert dated == sorted(dated, reverse=True)


def model_sort_role() -> int:
    from tracker.ui.models.action_tree_model import SORT_ROLE

    return SORT_ROLE
