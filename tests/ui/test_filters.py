"""Filtering as a lead does it: from an Overview figure, by a person's name, "My actions"
across every workstream, and a fresh start in another database."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from tests.ui.conftest import TODAY, USER
from tests.ui.test_main_window import shown_actions
from tracker.ui.main_window import MainWindow
from tracker.ui.models.overview_model import COLUMNS


def click_figure(window: MainWindow, qtbot, workstream: str, figure: str) -> None:  # type: ignore[no-untyped-def]
    window.show_tab("Overview")
    overview = window.overview
    model = overview.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == workstream)
    column = next(i for i, c in enumerate(COLUMNS) if c.figure == figure)
    rect = overview.table.visualRect(model.index(row, column))
    qtbot.mouseClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_the_overdue_figure_ticks_the_overdue_box(main_window: MainWindow, qtbot) -> None:
    overdue = sorted(
        r.ref
        for r in main_window.state.actions.values()
        if r.workstream_id == main_window.state.workstreams_for_tab("Personalisation")[0].id
        and r.is_overdue(TODAY)
    )
    assert overdue
    click_figure(main_window, qtbot, "Personalisation", "overdue")
    tab = main_window.current_tab()
    assert tab.tab == "Personalisation"
    bar = tab.page.filter_bar
    # One state, shown once: the box a person would tick, and no chip saying it again.
    assert bar.overdue.isChecked()
    assert not bar.figure_label.isVisible()
    assert sorted(r.ref for r in shown_actions(tab.view)) == overdue
    bar.overdue.click()  # unticking it is all it takes to see every action again
    assert len(shown_actions(tab.view)) == 10
    assert bar.state().is_empty


def test_a_figure_sets_the_status_and_rag_boxes(main_window: MainWindow, qtbot) -> None:
    click_figure(main_window, qtbot, "Governance", "status:Not started")
    bar = main_window.current_tab().page.filter_bar
    assert bar.status.currentText() == "Not started"
    click_figure(main_window, qtbot, "Governance", "rag:")
    assert bar.status.currentData() == ""  # the figure's filter replaces the last one
    assert bar.rag.currentText() == "Not rated"
    assert not bar.figure_label.isVisible()


def test_typing_a_lead_shows_only_the_actions_they_lead(main_window: MainWindow, qtbot) -> None:
    # Paul Jennings is a lead of area 1.3 (and in every lead cell of its actions), but
    # leads only 1.3 iv of its actions.
    main_window.show_tab("Governance")
    tab = main_window.current_tab()
    qtbot.keyClicks(tab.filter_edit, "Jennings")
    tab.page.filter_bar.flush()
    assert [r.ref for r in shown_actions(tab.view)] == ["1.3 iv"]
    assert "Paul Jennings" in main_window.state.areas[shown_actions(tab.view)[0].area_id].leads


def test_the_lead_box_shows_only_that_persons_actions(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    bar = main_window.current_tab().page.filter_bar
    bar.lead.setCurrentIndex(bar.lead.findData("Paul Jennings"))
    shown = shown_actions(main_window.current_tab().view)
    expected = [
        r.ref
        for r in main_window.state.actions.values()
        if r.area_ref.startswith("1.") and "Paul Jennings" in r.leads
    ]
    assert sorted(r.ref for r in shown) == sorted(expected) == ["1.3 iv"]


def test_my_actions_from_every_workstream_on_the_overview(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Overview")
    overview = main_window.overview
    table, model = overview.mine_table, overview.mine_model
    listed = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert listed == ["1.3 ii", "4.1 1", "6.1 ii", "6.1 iii"]
    places = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert places == [
        "Governance",
        "Personalisation",
        "Enablers: Communications and Engagement",
        "Enablers: Communications and Engagement",
    ]
    assert f"{USER} leads 4 actions" in overview.mine_heading.text()
    # Double-click one (a press, then the second press of the double-click): it opens in
    # its tab, selected.
    rect = table.visualRect(model.index(1, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = main_window.current_tab()
    assert tab.tab == "Personalisation"
    assert main_window.state.actions[tab.selected_action_id()].ref == "4.1 1"
    # Or select one and press Enter.
    main_window.show_tab("Overview")
    table.setFocus()
    table.setCurrentIndex(model.index(3, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    tab = main_window.current_tab()
    assert tab.tab == "Enablers"
    assert main_window.state.actions[tab.selected_action_id()].ref == "6.1 iii"


def test_my_actions_asks_for_a_name_when_none_is_set(main_window: MainWindow, qtbot) -> None:
    main_window.settings.user_name = ""
    main_window.user_name_changed()
    main_window.show_tab("Overview")
    assert main_window.overview.mine_model.rowCount() == 0
    assert "Preferences" in main_window.overview.mine_heading.text()


def test_opening_another_database_resets_the_filters(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    main_window.show_tab("Governance")
    tab = main_window.current_tab()
    bar = tab.page.filter_bar
    qtbot.keyClicks(tab.filter_edit, "board")
    bar.flush()
    bar.overdue.click()
    assert len(shown_actions(tab.view)) < 15
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(main_window.database.path, other)
    main_window.open_database(other)
    qtbot.waitUntil(lambda: main_window.database.path == other)
    assert bar.state().is_empty
    assert tab.filter_edit.text() == ""
    assert not bar.overdue.isChecked()
    assert len(shown_actions(tab.view)) == 15
    assert tab.view.model().index(0, 0, QModelIndex()).isValid()
