"""The Overview's dashboard: built when first seen; a bar segment opens its workstream's
tab filtered to those actions; a headline figure lists its actions from every workstream."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tracker.charts.trend import PeriodTrendData
from tracker.db import Database
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.overview import action_in_figure
from tracker.services.plan_snapshot import load_snapshot
from tracker.ui.dashboard.bar_chart import BarChart
from tracker.ui.main_window import MainWindow
from tracker.ui.settings import Settings

from .conftest import TODAY

RED = ("1.1 i", "1.1 iv")  # Governance actions rated red below


def _rate_red(database: Database) -> None:
    by_ref = {row.ref: row for row in load_snapshot(database).actions}
    for ref in RED:
        entry = UpdateInput(date(2018, 7, 1), "Pip Mayo", "In progress", "R", 10, "Stuck.")
        add_update(database, by_ref[ref].id, entry)


def _hit(chart: BarChart, tab: str, figure: str):  # type: ignore[no-untyped-def]
    chart.grab()  # paints it: the hits are where the segments were drawn
    for hit in chart.hits:
        row = chart.rows[hit.row]
        if row.place[0] == tab and row.segments[hit.segment].figure == figure:
            return hit
    raise AssertionError(f"no {figure} segment for {tab}")


def _overview(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.show_tab("Overview")
    qtbot.waitUntil(lambda: window.overview.dashboard is not None)
    dashboard = window.overview.dashboard
    assert dashboard is not None
    return dashboard


def test_built_the_first_time_the_overview_is_shown(
    qtbot: QtBot, open_window: Callable[[Path], MainWindow], imported: Database, settings: Settings
) -> None:
    settings.last_tab = "Governance"
    window = open_window(imported.path)
    assert window.overview.table is not None  # the figures arrived...
    qtbot.wait(50)
    assert window.overview.dashboard is None  # ...but nobody has looked yet
    dashboard = _overview(qtbot, window)
    labels = [row.label for row in dashboard.rag_chart.rows]
    assert labels[:2] == ["Governance", "Prevention"] and len(labels) == 8
    overdue = sum(a.is_overdue(TODAY) for a in window.state.all_actions())
    assert overdue > 0
    assert dashboard.tiles.buttons["overdue"].accessibleName() == f"Overdue: {overdue}"


def test_clicking_a_red_bar_opens_the_tab_on_its_red_actions(
    qtbot: QtBot, open_window: Callable[[Path], MainWindow], imported: Database
) -> None:
    _rate_red(imported)
    window = open_window(imported.path)
    chart = _overview(qtbot, window).rag_chart
    hit = _hit(chart, "Governance", "rag:R")
    assert chart.rows[hit.row].segments[hit.segment].count == 2
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=hit.rect.center().toPoint())
    tab = window.workstream_tabs["Governance"]
    assert window.current_tab() is tab
    assert tab.count_text == "Governance: showing 2 of 15 actions"
    assert tab.ensure_page().model.shown_actions == 2  # type: ignore[union-attr]


def test_a_status_bar_chosen_with_the_keyboard(
    qtbot: QtBot, open_window: Callable[[Path], MainWindow], imported: Database
) -> None:
    window = open_window(imported.path)
    chart = _overview(qtbot, window).status_chart
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    target = _hit(chart, "Prevention", "status:Not started")
    for _ in range(len(chart.hits)):
        if chart.focused_hit() == target:
            break
        QTest.keyClick(chart, Qt.Key.Key_Right)
    assert chart.focused_hit() == target
    QTest.keyClick(chart, Qt.Key.Key_Return)
    tab = window.workstream_tabs["Prevention"]
    assert window.current_tab() is tab
    assert tab.count_text == "Prevention: showing 7 of 7 actions"
    assert tab.ensure_page().filter_bar.state().status == "Not started"


def test_a_headline_figure_lists_its_actions_from_every_workstream(
    qtbot: QtBot, open_window: Callable[[Path], MainWindow], imported: Database
) -> None:
    window = open_window(imported.path)
    dashboard = _overview(qtbot, window)
    qtbot.mouseClick(dashboard.tiles.buttons["overdue"], Qt.MouseButton.LeftButton)
    overdue = [a for a in window.state.all_actions() if action_in_figure(a, "overdue", TODAY)]
    model = window.overview.mine_model
    assert model is not None and model.rowCount() == len(overdue) > 0
    listed = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert listed == {a.ref for a in overdue}
    heading = window.overview.mine_heading
    assert heading is not None
    assert f"<b>Overdue</b> in every workstream: {len(overdue)} actions" in heading.text()
    # Enter on the first opens it in its tab.
    table = window.overview.mine_table
    assert table is not None and table.hasFocus()
    first = model.index(0, 0).data()
    QTest.keyClick(table, Qt.Key.Key_Return)
    tab = window.current_tab()
    assert tab is not None
    selected = tab.selected_action_id()
    assert selected is not None and window.state.actions[selected].ref == first


def test_the_trend_is_drawn_when_periods_arrive(
    qtbot: QtBot, open_window: Callable[[Path], MainWindow], imported: Database
) -> None:
    window = open_window(imported.path)
    dashboard = _overview(qtbot, window)
    dashboard.trend_chart.grab()
    assert dashboard.trend_chart.columns == []  # no period closed yet
    trend = [
        PeriodTrendData(1, "June", date(2018, 6, 30), {"Governance": {"R": 2, "G": 1}}),
        PeriodTrendData(2, "Sept", date(2018, 9, 30), {"Governance": {"R": 1, "G": 5}}),
    ]
    window.overview.show_trend(trend)
    dashboard.trend_chart.grab()
    first, second = dashboard.trend_chart.columns
    assert second.height() == pytest.approx(2 * first.height())  # 6 actions against 3
