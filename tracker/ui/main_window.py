"""The main window: the Overview and a tab per workstream over one open database.

The window paints first and then opens its database through a
:class:`~tracker.ui.session.DatabaseSession` on a worker thread (opening may migrate the
schema, and importing the service layer alone takes about a second). Every edit goes
through :class:`~tracker.ui.editing.EditController` onto the undo stack and is written in
its own transaction: there is no Save. Window size, splitter, last tab and recent files
are kept in :class:`~tracker.ui.settings.Settings`. The File and Edit menus' dialogs live
in :mod:`file_actions` and :mod:`edit_actions`; features add File menu entries with
:meth:`MainWindow.add_file_action`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from tracker.ui import edit_actions, file_actions
from tracker.ui.dialogs.messages import APP_TITLE, describe_error, show_error, show_message
from tracker.ui.menus import FILE_SECTIONS, build_menus
from tracker.ui.plan_state import TAB_ORDER, PlanState
from tracker.ui.session import DatabaseSession
from tracker.ui.settings import Settings
from tracker.ui.status_bar import DatabaseStatus
from tracker.ui.tabs.overview_tab import OverviewTab
from tracker.ui.tabs.workstream_tab import WorkstreamTab
from tracker.ui.workers import TaskRunner

if TYPE_CHECKING:
    from tracker.db import Database
    from tracker.ui.dialogs.add_update_dialog import AddUpdateDialog
    from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog
    from tracker.ui.editing import EditController
    from tracker.ui.loading import LoadedPlan, Opened, Overview

# What to do when the database that was opened holds no plan yet.
SEED, OFFER, NOTHING = "seed", "offer", "nothing"


class MainWindow(QMainWindow):
    loaded = Signal()  # the plan has been (re)loaded into the tabs

    def __init__(
        self,
        settings: Settings,
        runner: TaskRunner,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.runner = runner
        self.today = today
        self.session = DatabaseSession(runner, self)
        self.controller: EditController | None = None
        self.state = PlanState(self)
        self.undo_stack = QUndoStack(self)
        self.fixed_tab_names = [t for t in TAB_ORDER if t != "Unassigned"]
        self._overview_dirty = True
        self._first_load = True
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self.installEventFilter(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workstreamTabs")
        self.tabs.setAccessibleName("Workstream tabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(self.tabs)
        self.tabs.addTab(self.overview, "Overview")
        self.workstream_tabs: dict[str, WorkstreamTab] = {}
        for name in self.fixed_tab_names:
            self._add_tab(name)
        self.setCentralWidget(self.tabs)
        # A fixed minimum: the layout then never changes the window's constraints while
        # tabs are built (platforms without size hints would warn each time).
        self.setMinimumSize(640, 480)
        self.status = DatabaseStatus(self.statusBar())
        self.actions = build_menus(self)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.overview.figureActivated.connect(self.show_figure)
        self.state.changed.connect(self._plan_changed)
        session = self.session
        session.opened.connect(self._database_opened)
        session.openFailed.connect(self._open_failed)
        session.reloaded.connect(self._reloaded)
        session.seeded.connect(lambda summary: session.reload(summary.splitlines()[0]))
        session.failed.connect(lambda error: show_error(self, error))
        session.busyChanged.connect(self._busy_changed)
        session.changedElsewhere.connect(lambda: self.status.show_changed_elsewhere(True))
        self._restore_window()
        self._show_no_database()

    @property
    def database(self) -> Database | None:
        return self.session.database

    # Tabs ----------------------------------------------------------------------------
    def _add_tab(self, name: str) -> WorkstreamTab:
        tab = WorkstreamTab(
            name, self.state, self.today, lambda: self.settings.user_name, self.tabs
        )
        tab.countChanged.connect(self._count_changed)
        tab.addUpdateRequested.connect(self.open_add_update)
        tab.splitterMoved.connect(self._splitter_moved)
        tab.restore_splitter(self.settings.splitter_state)
        tab.set_controller(self.controller)
        self.workstream_tabs[name] = tab
        self.tabs.addTab(tab, name)
        return tab

    def current_tab(self) -> WorkstreamTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, WorkstreamTab) else None

    def current_filter_edit(self) -> QWidget | None:
        """The active tab's filter text box (objectName "filterText"), for the benchmark."""
        tab = self.current_tab()
        return tab.filter_edit if tab else None

    def current_view(self) -> QWidget | None:
        """The active tab's tree view (objectName "actionTree"), for the benchmark."""
        tab = self.current_tab()
        return tab.view if tab else None

    @property
    def is_loaded(self) -> bool:
        """A plan has been read into the tabs (``loaded`` is emitted each time)."""
        return self.state.loaded

    def show_tab(self, name: str) -> None:
        if name == "Overview":
            self.tabs.setCurrentWidget(self.overview)
        elif name in self.workstream_tabs:
            self.tabs.setCurrentWidget(self.workstream_tabs[name])

    def _tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.activate()
            self.settings.last_tab = tab.tab
            self.status.show_count(tab.count_text)
        else:
            self.settings.last_tab = "Overview"
            self.status.show_count("")
            if self._overview_dirty:
                self._refresh_overview()

    def show_figure(self, tab_name: str, workstream_id: int, figure: str) -> None:
        tab = self.workstream_tabs.get(tab_name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            tab.show_figure(figure, workstream_id)
            tab.focus_view()

    def _count_changed(self, text: str) -> None:
        if self.sender() is self.current_tab():
            self.status.show_count(text)

    def _splitter_moved(self, state: QByteArray) -> None:
        self.settings.splitter_state = state
        for tab in self.workstream_tabs.values():
            if tab is not self.sender():
                tab.restore_splitter(state)

    # The database --------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Installed on the window itself until its first paint, then removed: an event()
        # override would put every event of the window's life through Python.
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            for callback in self._after_paint:
                QTimer.singleShot(0, callback)
            self._after_paint.clear()
        return False

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has painted itself (at once if it has)."""
        if self._painted or not self.isVisible():
            callback()
        else:
            self._after_paint.append(callback)

    def open_database(self, path: Path, when_empty: str = OFFER) -> None:
        """Open (creating if need be) a database file; the window stays live meanwhile."""
        if not self.session.open(path, when_empty):
            show_message(
                self,
                "Please wait: the tracker is still busy with the last task.",
                icon=QMessageBox.Icon.Information,
            )

    def reload(self, message: str = "") -> None:
        """Read the plan again from the file (F5); then say ``message``."""
        self.session.reload(message)

    def _database_opened(self, opened: Opened, when_empty: str) -> None:
        from tracker.ui.editing import EditController

        self._drop_controller()
        database = opened.database
        self.apply_user_name()
        self.controller = EditController(database, self.state, self.undo_stack, self)
        self.controller.written.connect(self._written)
        self.controller.failed.connect(lambda message: show_error(self, message))
        for tab in self.workstream_tabs.values():
            tab.set_controller(self.controller)
        self.settings.add_recent_file(database.path)
        self.status.show_database(database.path)
        self.status.show_changed_elsewhere(False)
        self.setWindowTitle(f"{database.path.name} – {APP_TITLE}")
        self._enable_database_actions()
        self._show_loaded(opened.plan)
        for warning in opened.warnings:
            show_message(self, warning, icon=QMessageBox.Icon.Warning)
        if opened.plan.is_empty:
            self._database_is_empty(when_empty)

    def _open_failed(self, path: Path, error: BaseException) -> None:
        self.settings.remove_recent_file(path)
        show_error(self, error)
        if self.database is None:
            self._show_no_database(f"Could not open {path}: {describe_error(error)}")

    def _drop_controller(self) -> None:
        self.undo_stack.clear()
        if self.controller is not None:
            self.controller.deleteLater()
            self.controller = None
        for tab in self.workstream_tabs.values():
            tab.set_controller(None)

    def _show_no_database(self, message: str = "") -> None:
        self._enable_database_actions()
        self.overview.show_message(
            message or "No database is open yet. Use File > Open database or New database."
        )
        self.setWindowTitle(APP_TITLE)

    def _enable_database_actions(self) -> None:
        idle = not self.session.busy
        for action in (self.actions.new_database, self.actions.open_database):
            action.setEnabled(idle)
        for action in self.actions.needs_database:
            action.setEnabled(idle and self.database is not None)

    def _busy_changed(self, busy: bool, message: str) -> None:
        self._enable_database_actions()
        if busy:
            self.statusBar().showMessage(message)
            for tab in self.workstream_tabs.values():
                tab.show_message(message)
        else:
            self.statusBar().clearMessage()

    def apply_user_name(self) -> None:
        """The audit log names the user from Preferences for this window's changes."""
        if self.database is not None and self.settings.user_name:
            self.database.actor = self.settings.user_name

    def user_name_changed(self) -> None:
        self.apply_user_name()
        for tab in self.workstream_tabs.values():
            tab.refilter()  # "My actions"

    def _written(self) -> None:
        if self.database is not None:
            self.status.show_last_write(self.database.last_write)
            self.session.note_own_write()

    def check_for_changes(self) -> None:
        self.session.check_for_changes()

    # Showing the plan ----------------------------------------------------------------
    def _reloaded(self, loaded: LoadedPlan, message: str) -> None:
        self.status.show_changed_elsewhere(False)
        self._show_loaded(loaded)
        if message:
            self.statusBar().showMessage(message, 15000)

    def _show_loaded(self, loaded: LoadedPlan) -> None:
        # Rows in memory may now differ from those the undo commands saw: start afresh.
        self.undo_stack.clear()
        self.state.load(loaded)
        for name in self.state.tab_names():  # "Unassigned" rows, or an unknown tab
            if name not in self.workstream_tabs:
                self._add_tab(name)
        if self._first_load:
            self._first_load = False
            self.show_tab(self.settings.last_tab or "Overview")
        tab = self.current_tab()
        if tab is not None:
            tab.activate()
        self._refresh_overview()
        self._warm_up(list(self.workstream_tabs.values()))
        self.loaded.emit()

    def _warm_up(self, tabs: list[WorkstreamTab]) -> None:
        """Build the other tabs one at a time while the window is idle, so switching is
        instant; each step gives the event loop back, so typing is never held up long."""
        if not tabs or self.session.closing or not self.state.loaded:
            return
        tabs[0].activate()
        QTimer.singleShot(0, lambda: self._warm_up(tabs[1:]))

    def _plan_changed(self) -> None:
        self._overview_dirty = True
        if self.tabs.currentWidget() is self.overview:
            self._refresh_overview()

    def _refresh_overview(self) -> None:
        if not self.state.loaded:
            return
        if self.state.is_empty:
            self.overview.show_message(
                "This database holds no plan yet. Use File > Import action plan."
            )
            return
        from tracker.ui.loading import compute_overview

        self._overview_dirty = False
        workstreams, actions, today = self.state.workstreams, self.state.all_actions(), self.today()
        self.runner.run(
            lambda: compute_overview(workstreams, actions, today),
            lambda overview: self._show_overview(overview, today),
            lambda error: show_error(self, error),
        )

    def _show_overview(self, overview: Overview, today: date) -> None:
        if not self.session.closing:
            self.overview.show_summaries(
                self.state.workstreams,
                overview.summaries,
                overview.total,
                today,
                self.state.plan_count,
            )

    def _database_is_empty(self, when_empty: str) -> None:
        if when_empty == SEED:
            self.session.seed_original_plan()
        elif when_empty == OFFER:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                APP_TITLE,
                "This database is empty. Import the original 2018 action plan "
                "that comes with the tracker?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            box.setObjectName("offerOriginalPlan")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.buttonClicked.connect(lambda button: self._offer_answered(box, button))
            box.open()

    def _offer_answered(self, box: QMessageBox, button: QAbstractButton) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            self.session.seed_original_plan()

    # Menu entries ----------------------------------------------------------------------
    def add_file_action(
        self,
        section: str,
        text: str,
        callback: Callable[[], object],
        *,
        shortcut: str | None = None,
        tip: str = "",
        needs_database: bool = True,
    ) -> QAction:
        """Add an entry to the File menu's ``"import"`` or ``"export"`` section.

        ``callback`` is called with no arguments; it reads ``window.database`` and runs
        long work through ``window.runner``. With ``needs_database`` the entry is
        disabled while no database is open (or the window is busy opening one).
        """
        if section not in FILE_SECTIONS:
            raise ValueError(f"unknown File menu section {section!r}: use {FILE_SECTIONS}")
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: callback())
        self.actions.file_menu.insertAction(self.actions.file_sections[section], action)
        if needs_database:
            self.actions.needs_database.append(action)
            action.setEnabled(self.database is not None and not self.session.busy)
        return action

    def import_plan_dialog(self) -> ImportPlanDialog | None:
        return file_actions.import_plan(self)

    def open_add_update(self, action_id: int) -> AddUpdateDialog | None:
        return edit_actions.add_update(self, action_id)

    def add_update_to_selected(self) -> AddUpdateDialog | None:
        return edit_actions.add_update_to_selected(self)

    def focus_filter(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.focus_filter()

    def about(self) -> QMessageBox:
        from tracker.ui.dialogs.about_dialog import show_about

        return show_about(self, self.database.path if self.database else None)

    # Window state --------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)

    def save_window_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        tab = self.current_tab()
        splitter = tab.splitter_state() if tab is not None else None
        if splitter is not None:
            self.settings.splitter_state = splitter
        self.settings.sync()

    def commit_pending_edits(self) -> None:
        """Save whatever is being typed in a detail field (closing the window)."""
        commit = getattr(QApplication.focusWidget(), "commit", None)
        if callable(commit):  # a CommitLineEdit or CommitPlainTextEdit
            commit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_pending_edits()
        self.save_window_state()
        for child in self.findChildren(QWidget):
            cancel = getattr(child, "cancel_import", None)
            if callable(cancel):  # an import in progress: stop it (it rolls back)
                cancel()
        self.session.shut_down()
        self._drop_controller()
        super().closeEvent(event)
