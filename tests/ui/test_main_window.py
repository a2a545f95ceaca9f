"""The window as a lead uses it: open, find their actions, edit, add an update, undo.

Each test opens the window on a temporary database holding the original 2018 plan and
drives it through its widgets; changes are checked in a fresh connection to the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.ui.conftest import TODAY, USER
from tracker.db import open_database
from tracker.services.plan_snapshot import load_snapshot
from tracker.ui.dialogs.welcome_dialog import StartWith, WelcomeDialog
from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow
from tracker.ui.models import columns as col
from tracker.ui.models.action_tree_model import ITEM_ROLE, KIND_ROLE
from tracker.ui.models.tree_nodes import AREA, GROUP


def stored_action(path: Path, ref: str):  # type: ignore[no-untyped-def]
    """The action as a fresh connection reads it from the file."""
    database = open_database(path)
    try:
        return next(r for r in load_snapshot(database).actions if r.ref == ref)
    finally:
        database.close()


def visible_rows(view, parent: QModelIndex | None = None) -> list:  # type: ignore[no-untyped-def]
    model = view.model()
    parent = parent or QModelIndex()
    rows = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        rows.append(index.data(ITEM_ROLE))
        rows.extend(visible_rows(view, index))
    return rows


def shown_actions(view) -> list:  # type: ignore[no-untyped-def]
    return [r for r in visible_rows(view) if hasattr(r, "label")]


def select(window: MainWindow, qtbot, ref: str):  # type: ignore[no-untyped-def]
    """Click an action's row in the current tab, as a person would."""
    tab = window.current_tab()
    assert tab is not None
    row = next(r for r in window.state.actions.values() if r.ref == ref)
    index = tab.page.model.action_index(row.id)
    assert index.isValid(), f"{ref} is not shown"
    tab.view.scrollTo(index)
    rect = tab.view.visualRect(index.siblingAtColumn(col.ACTION_TEXT))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected_action_id() == row.id
    return row


def test_window_opens_on_the_plan_with_a_tab_per_workstream(main_window: MainWindow) -> None:
    tabs = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert tabs == [
        "Overview",
        "Governance",
        "Prevention",
        "Early Intervention",
        "Personalisation",
        "Locality working",
        "Enablers",
    ]
    assert str(main_window.database.path) in main_window.status.path.text()
    plan = main_window.session.plan
    assert main_window.windowTitle().startswith(f"{plan.name} – {main_window.database.path.name}")


def test_each_tab_shows_its_areas_and_enablers_groups_its_three(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    view = main_window.current_tab().view
    model = view.model()
    top = [model.index(r, col.REF).data() for r in range(model.rowCount())]
    assert top == ["1.1", "1.2", "1.3"]
    assert model.index(0, 0).data(KIND_ROLE) == AREA
    assert len(shown_actions(view)) == 15
    assert view.isExpanded(model.index(0, 0))
    main_window.show_tab("Enablers")
    view = main_window.current_tab().view
    model = view.model()
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    assert [g.data(KIND_ROLE) for g in groups] == [GROUP] * 3
    assert [g.data() for g in groups] == ["Communications and Engagement", "IT", "Workforce"]
    areas = [model.index(r, col.REF, groups[0]).data() for r in range(model.rowCount(groups[0]))]
    assert areas == ["6.1", "6.2"]
    assert len(shown_actions(view)) == 18


def test_typing_in_the_filter_narrows_the_tree(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    edit = main_window.current_tab().filter_edit
    view = main_window.current_tab().view
    assert edit.objectName() == "filterText" and view.objectName() == "actionTree"
    qtbot.keyClicks(edit, "ToR")
    qtbot.waitUntil(lambda: len(shown_actions(view)) < 15)
    state = main_window.state
    expected = [
        r.ref
        for r in sorted(state.actions.values(), key=lambda r: (r.area_id, r.position))
        if r.area_ref.startswith("1.")
        and ("tor" in state.action_search[r.id] or "tor" in state.area_search[r.area_id])
    ]
    assert [r.ref for r in shown_actions(view)] == expected
    assert "1.1 vii" in expected  # "Agree ToR"
    assert main_window.status.count.text() == (f"Governance: showing {len(expected)} of 15 actions")
    QTest.keyClick(edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(shown_actions(view)) == 15)


def test_the_filter_bar_criteria(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Personalisation")
    tab = main_window.current_tab()
    bar = tab.page.filter_bar
    view = tab.view
    bar.needs_review.click()
    assert sorted(r.ref for r in shown_actions(view)) == ["4.3 i", "4.3 ii"]
    bar.needs_review.click()
    bar.overdue.click()
    assert all(r.is_overdue(TODAY) for r in shown_actions(view))
    assert shown_actions(view)
    bar.overdue.click()
    bar.due_within.setValue(30)
    assert [r.ref for r in shown_actions(view)] == ["4.1 2", "4.2 1", "4.2 3"]
    bar.clear_all.click()
    assert len(shown_actions(view)) == 10
    bar.lead.setCurrentIndex(bar.lead.findData(bar.lead.itemData(1)))
    lead = bar.lead.currentData()
    assert shown_actions(view)
    assert all(lead in r.leads for r in shown_actions(view))


def test_my_actions_shows_what_the_user_leads(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    tab = main_window.current_tab()
    tab.page.filter_bar.mine.click()
    mine = shown_actions(tab.view)
    assert [r.ref for r in mine] == ["1.3 ii"]
    assert all(USER in r.leads for r in mine)


def test_overview_counts_and_a_click_opens_those_actions(main_window: MainWindow, qtbot) -> None:
    from tracker.ui.models.overview_model import COLUMNS

    main_window.show_tab("Overview")
    overview = main_window.overview
    model = overview.model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names[:2] == ["Governance", "Prevention"]
    assert names[-4:] == [
        "Enablers: Communications and Engagement",
        "Enablers: IT",
        "Enablers: Workforce",
        "All workstreams",
    ]
    review = next(i for i, c in enumerate(COLUMNS) if c.figure == "needs_review")
    actions = next(i for i, c in enumerate(COLUMNS) if c.figure == "all")
    total = model.rowCount() - 1
    assert model.index(total, actions).data() == "63"
    assert model.index(total, review).data() == "9"
    assert "63 actions" in overview.heading.text()
    # Click "needs review" on the Enablers: Workforce row (6.4 and 6.5).
    workforce = names.index("Enablers: Workforce")
    index = model.index(workforce, review)
    rect = overview.table.visualRect(index)
    qtbot.mouseClick(overview.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = main_window.current_tab()
    assert tab.tab == "Enablers"
    shown = shown_actions(tab.view)
    assert sorted(r.ref for r in shown) == ["6.4 1", "6.4 2", "6.5 ii", "6.5 iii"]
    bar = tab.page.filter_bar
    # The figure ticks the box a person would; the chip names only the workstream.
    assert bar.needs_review.isChecked()
    assert bar.figure_label.text() == "Showing: <b>Workforce</b>"
    bar.figure_clear.click()
    assert not bar.figure_label.isVisible()
    assert bar.needs_review.isChecked()  # still "needs review", now in all of Enablers
    bar.needs_review.click()
    assert len(shown_actions(tab.view)) == 18


def test_selecting_an_action_shows_its_details(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.2 ii")
    form = main_window.current_tab().page.detail.action_form
    assert form.isVisible()
    assert "1.2 ii" in form.heading.text()
    assert form.text.toPlainText() == row.text
    assert form.deadline_text.text() == row.deadline_text
    assert form.review.isVisible()
    assert row.review_reason in form.review_reason.text()
    assert "Needs review" in form.marks.text()


def test_selecting_an_area_shows_its_fields(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    tab = main_window.current_tab()
    index = tab.page.model.index(0, col.ACTION_TEXT)
    qtbot.mouseClick(
        tab.view.viewport(), Qt.MouseButton.LeftButton, pos=tab.view.visualRect(index).center()
    )
    form = tab.page.detail.area_form
    assert form.isVisible()
    assert form.ref.text() == "1.1"
    assert form.count.text() == "8"


def test_editing_a_field_saves_it_at_once_and_undo_redo_work(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 i")
    form = main_window.current_tab().page.detail.action_form
    form.text.setFocus()
    form.text.selectAll()
    qtbot.keyClicks(form.text, "Strategy drafted with partners")
    main_window.current_tab().view.setFocus()  # leaving the field saves it
    path = main_window.database.path
    assert stored_action(path, "1.3 i").text == "Strategy drafted with partners"
    tree_text = main_window.current_tab().page.model.action_index(row.id)
    assert tree_text.siblingAtColumn(col.ACTION_TEXT).data() == "Strategy drafted with partners"
    assert main_window.status.saved.text().startswith("Last saved")
    # Undo with the usual shortcut, focus in the tree; then redo.
    QTest.keySequence(main_window.current_tab().view, QKeySequence(QKeySequence.StandardKey.Undo))
    assert stored_action(path, "1.3 i").text == row.text
    assert form.text.toPlainText() == row.text
    QTest.keySequence(main_window.current_tab().view, QKeySequence(QKeySequence.StandardKey.Redo))
    assert stored_action(path, "1.3 i").text == "Strategy drafted with partners"


def test_status_rag_percent_and_dates_edit_in_place(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Prevention")
    select(main_window, qtbot, "2.2 1")
    form = main_window.current_tab().page.detail.action_form
    form.status.setFocus()
    form.status.setCurrentIndex(form.status.findData("On hold"))
    form.status.activated.emit(form.status.currentIndex())
    form.rag.setCurrentIndex(form.rag.findData("R"))
    form.rag.activated.emit(form.rag.currentIndex())
    form.percent.setValue(35)
    form.due.setFocus()
    form.due.set_value(date(2018, 9, 30))
    form.due.committed.emit(date(2018, 9, 30))
    stored = stored_action(main_window.database.path, "2.2 1")
    assert (stored.status, stored.rag, stored.percent, stored.due) == (
        "On hold",
        "R",
        35,
        date(2018, 9, 30),
    )
    assert main_window.undo_stack.count() == 4
    for _ in range(4):
        main_window.undo_stack.undo()
    stored = stored_action(main_window.database.path, "2.2 1")
    assert (stored.status, stored.rag, stored.percent, stored.due) == (
        "Not started",
        None,
        0,
        date(2018, 6, 30),
    )


def test_leads_edit_and_mark_reviewed(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.2 ii")
    form = main_window.current_tab().page.detail.action_form
    form.leads.setFocus()
    form.leads.selectAll()
    qtbot.keyClicks(form.leads, "Pip Mayo; June Marshall")
    QTest.keyClick(form.leads, Qt.Key.Key_Return)
    path = main_window.database.path
    assert stored_action(path, "1.2 ii").leads == ("Pip Mayo", "June Marshall")
    form.review_button.click()
    assert stored_action(path, "1.2 ii").needs_review is False
    assert "Reviewed" in form.review_reason.text()
    main_window.undo_stack.undo()
    assert stored_action(path, "1.2 ii").needs_review is True
    main_window.undo_stack.undo()
    assert stored_action(path, "1.2 ii").leads != ("Pip Mayo", "June Marshall")


def test_add_update_records_progress_and_undo_withdraws_it(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 ii")
    form = main_window.current_tab().page.detail.action_form
    form.add_update.click()
    dialog = main_window.findChild(QApplication.activeModalWidget().__class__, "addUpdateDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.value() == TODAY
    assert dialog.status.currentData() == row.status
    dialog.status.setCurrentIndex(dialog.status.findData("In progress"))
    dialog.rag.setCurrentIndex(dialog.rag.findData("A"))
    dialog.percent.setValue(45)
    qtbot.keyClicks(dialog.narrative, "Vision drafted; workshop booked")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    path = main_window.database.path
    stored = stored_action(path, "1.3 ii")
    assert (stored.status, stored.rag, stored.percent) == ("In progress", "A", 45)
    assert stored.last_update == TODAY and stored.latest_narrative.startswith("Vision")
    history = form.history.model
    assert history.rowCount() == 1
    assert f"{USER} · In progress · Amber · 45%" in history.index(0, 0).data()
    index = main_window.current_tab().page.model.action_index(row.id)
    assert index.siblingAtColumn(col.RAG).data() == "A"
    assert index.siblingAtColumn(col.LAST_UPDATE).data() == "15 Jul 2018"
    main_window.main_actions[MainAction.UNDO].trigger()
    stored = stored_action(path, "1.3 ii")
    assert (stored.status, stored.rag, stored.percent, stored.last_update) == (
        row.status,
        row.rag,
        row.percent,
        None,
    )
    assert history.rowCount() == 0
    main_window.main_actions[MainAction.REDO].trigger()
    assert stored_action(path, "1.3 ii").percent == 45
    assert history.rowCount() == 1


def test_moving_the_due_date_in_an_update_needs_a_reason(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.3 iii")
    dialog = main_window.edit_actions.add_update_to_selected()
    assert not dialog.reason.isEnabled()
    dialog.revised_due.setFocus()
    qtbot.keyClicks(dialog.revised_due, "31/10/2018")
    assert dialog.reason.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "give a reason" in dialog.error.text()
    assert stored_action(main_window.database.path, "1.3 iii").revised_due is None
    qtbot.keyClicks(dialog.reason, "Waiting for the new commissioning lead")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    stored = stored_action(main_window.database.path, "1.3 iii")
    assert stored.revised_due == date(2018, 10, 31) and stored.due == row.due
    index = main_window.current_tab().page.model.action_index(row.id)
    assert index.siblingAtColumn(col.DUE).data() == "31 Oct 2018"


def test_changes_are_in_the_file_after_reopening(open_window, imported, qtbot) -> None:
    window = open_window(imported.path)
    window.show_tab("Locality working")
    select(window, qtbot, "5.1 1")
    form = window.current_tab().page.detail.action_form
    form.percent.setValue(80)
    window.close()
    again = open_window(imported.path)
    again.show_tab("Locality working")
    row = next(r for r in again.state.actions.values() if r.ref == "5.1 1")
    assert row.percent == 80
    index = again.current_tab().page.model.action_index(row.id)
    assert index.siblingAtColumn(col.PERCENT).data() == "80%"


def test_sorting_by_due_puts_dates_in_order(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Locality working")
    view = main_window.current_tab().view
    view.header().setSortIndicator(col.DUE, Qt.SortOrder.DescendingOrder)
    dues = [r.due for r in shown_actions(view)]
    assert dues == sorted(dues, reverse=True)
    view.header().setSortIndicator(col.REF, Qt.SortOrder.AscendingOrder)
    assert [r.label for r in shown_actions(view)] == ["1", "2", "3", "4", "5", "6", "7"]


def test_keyboard_find_and_enter_to_the_detail_panel(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    main_window.activateWindow()
    main_window.main_actions[MainAction.FILTER].trigger()
    assert QApplication.focusWidget() is main_window.current_tab().filter_edit
    view = main_window.current_tab().view
    view.setFocus()
    model = view.model()
    view.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is main_window.current_tab().page.detail.action_form.label
    main_window.view_actions.tab_actions[2].trigger()  # Ctrl+2: Prevention
    assert main_window.current_tab().tab == "Prevention"


def test_interactive_widgets_have_accessible_names(main_window: MainWindow) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    main_window.show_tab("Governance")
    main_window.current_tab().ensure_page()
    unnamed = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView):
        for widget in main_window.findChildren(kind):
            if widget.window() is not main_window or isinstance(widget, QHeaderView):
                continue  # popups of combos and calendars; a view's header
            if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                continue  # the editor inside a spin box or combo
            if not widget.accessibleName():
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_window_state_survives_a_restart(open_window, imported, settings, qtbot) -> None:
    window = open_window(imported.path)
    window.resize(780, 560)  # within the offscreen screen (800x600): restore keeps it
    window.show_tab("Enablers")
    window.close()
    assert settings.last_tab == "Enablers"
    assert settings.recent_files[0] == imported.path
    again = open_window(imported.path)
    assert again.current_tab().tab == "Enablers"
    assert (again.width(), again.height()) == (780, 560)


def test_about_names_the_version_and_database(main_window: MainWindow) -> None:
    from tracker import __version__

    box = main_window.help_actions.about()
    assert __version__ in box.text() and str(main_window.database.path) in box.text()
    box.close()


def menu_entries(actions) -> list[str]:  # type: ignore[no-untyped-def]
    """What the menu shows (a tab entry no tab needs is hidden)."""
    return ["-" if a.isSeparator() else a.text() for a in actions if a.isVisible()]


def test_the_menus_and_toolbar_read_in_order(main_window: MainWindow) -> None:
    bar = main_window.menuBar()
    assert [a.text() for a in bar.actions()] == ["&File", "&Edit", "&View", "&Plan", "&Help"]
    menus = {a.text(): menu_entries(a.menu().actions()) for a in bar.actions()}
    assert menus["&File"] == [
        "&New database…",
        "&Open database…",
        "Open &recent",
        "Connect to &team database…",
        "-",
        "&Import action plan…",
        "Import status &returns…",
        "Restore from &backup…",
        "-",
        "Export &board report…",
        "Export status r&eturns…",
        "Print preview of &highlight report…",
        "-",
        "Chec&k out from team database…",
        "S&ync with team database",
        "-",
        "&Quit",
    ]
    assert menus["&Edit"] == [
        "&Undo",
        "&Redo",
        "-",
        "Add &update…",
        "Mark &reviewed",
        "-",
        "&Preferences…",
    ]
    assert menus["&View"] == [
        "Overview",
        "Governance",
        "Prevention",
        "Early Intervention",
        "Personalisation",
        "Locality working",
        "Enablers",
        "-",
        "&Filter…",
        "Table or &timeline",
        "&Expand all areas",
        "&Collapse all areas",
        "Re&load from database",
        "-",
        "Status &returns…",
        "Co&verage",
        "-",
        "Show &toolbar",
    ]
    assert menus["&Plan"] == [
        "&Show plan",
        "Show a&rchived plans",
        "-",
        "Re&name plan…",
        "&Archive plan",
        "&Delete plan…",
        "-",
        "&Workstreams…",
        "Import re&vised plan…",
        "RAG r&ule…",
        "-",
        "Close reporting &period…",
    ]
    assert menus["&Help"] == ["&User guide", "-", "&Licences", "&About"]
    *buttons, selector = main_window.toolbar.actions()
    assert menu_entries(buttons) == [
        "&Undo",
        "&Redo",
        "-",
        "Add &update…",
        "&Import action plan…",
        "-",
    ]
    assert main_window.toolbar.widgetForAction(selector) is main_window.plan_actions.selector
    keys = {a.text(): a.shortcut().toString() for a in main_window.main_actions.values()}
    assert (keys["&Import action plan…"], keys["Add &update…"], keys["Mark &reviewed"]) == (
        "Ctrl+I",
        "Ctrl+U",
        "Ctrl+R",
    )
    assert keys["Export &board report…"] == "Ctrl+E"
    tabs = main_window.view_actions.tab_actions
    assert [a.shortcut().toString() for a in tabs] == [f"Ctrl+{n}" for n in range(7)]


def test_every_main_action_is_made_once_and_placed_in_one_menu(main_window) -> None:
    from tracker.ui.menus import MENUS

    assert set(main_window.main_actions) == set(MainAction)
    placed = [entry for menu in MENUS for entry in menu.entries if entry in set(MainAction)]
    assert sorted(placed, key=lambda a: a.value) == list(MainAction)
    for key, action in main_window.main_actions.items():
        menu = main_window.menus[next(m.name for m in MENUS if key in m.entries)]
        assert action in menu.actions()


def test_entries_that_need_a_database_wait_for_one(open_window, tmp_path, qtbot) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    window = open_window(bad)
    assert window.database is None
    for box in window.findChildren(QMessageBox):
        box.close()
    enabled = {key: a.isEnabled() for key, a in window.main_actions.items()}
    needs_database = {
        MainAction.IMPORT_PLAN,
        MainAction.IMPORT_RETURNS,
        MainAction.RESTORE_BACKUP,
        MainAction.EXPORT_BOARD_REPORT,
        MainAction.EXPORT_RETURNS,
        MainAction.PRINT_PREVIEW_REPORT,
        MainAction.SYNC_TEAM,
        MainAction.ADD_UPDATE,
        MainAction.MARK_REVIEWED,
        MainAction.RELOAD,
        MainAction.SHOW_RETURNS,
        MainAction.CHOOSE_PLAN,
        MainAction.SHOW_ARCHIVED_PLANS,
        MainAction.RENAME_PLAN,
        MainAction.ARCHIVE_PLAN,
        MainAction.DELETE_PLAN,
        MainAction.WORKSTREAMS,
        MainAction.IMPORT_REVISED_PLAN,
        MainAction.RAG_RULE,
        MainAction.CLOSE_PERIOD,
        MainAction.COVERAGE,
    }
    assert {key for key, on in enabled.items() if not on} == needs_database | {
        MainAction.UNDO,  # nothing to undo yet
        MainAction.REDO,
    }


def test_an_error_writing_is_shown_as_the_service_words_it(main_window, qtbot, monkeypatch):
    from tracker.errors import DatabaseError
    from tracker.services import action_edits

    def locked(*_args, **_kwargs):
        raise DatabaseError("tracker.sqlite3 is busy: another copy of the tracker is saving.")

    monkeypatch.setattr(action_edits, "set_action_field", locked)
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.1 i")
    form = main_window.current_tab().page.detail.action_form
    form.percent.setValue(10)
    boxes = [b for b in main_window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "is busy" in boxes[0].text()
    assert form.percent.value() == 0  # the stored value is back in the field
    assert main_window.undo_stack.count() == 0
    for box in boxes:
        box.close()


def test_new_database_then_recent_files(main_window: MainWindow, qtbot, tmp_path, monkeypatch):
    first = main_window.database.path
    new = tmp_path / "fresh" / "team.sqlite3"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(new), "Tracker databases")
    )
    main_window.main_actions[MainAction.NEW_DATABASE].trigger()
    assert main_window.database.path == new.resolve()
    assert main_window.state.is_empty
    offer = main_window.findChild(WelcomeDialog)
    assert offer is not None and offer.isVisible()
    offer.options[StartWith.EMPTY].click()
    offer.start.click()
    assert main_window.state.is_empty
    assert main_window.undo_stack.count() == 0
    main_window.file_actions.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in main_window.file_actions.recent_menu.actions()]
    assert entries == [f"&1 {first}"]
    main_window.file_actions.recent_menu.actions()[0].trigger()
    assert main_window.database.path == first
    assert len(main_window.state.actions) == 63


def test_typing_is_saved_after_a_pause_without_leaving_the_field(main_window, qtbot) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.2 i")
    form = main_window.current_tab().page.detail.action_form
    form.text.setFocus()
    form.text.moveCursor(form.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(form.text, " by September")
    path = main_window.database.path
    assert form.text.hasFocus()
    qtbot.waitUntil(
        lambda: stored_action(path, "1.2 i").text.endswith("by September"), timeout=5000
    )
    qtbot.keyClicks(form.text, ", agreed")
    main_window.close()  # closing saves what is still being typed
    assert stored_action(path, "1.2 i").text.endswith("by September, agreed")
