"""The main window: the Overview and a tab per workstream over one open database.

The window paints first and then opens its database through a
:class:`~tracker.ui.session.DatabaseSession` on a worker thread (opening may migrate the
schema, and importing the service layer alone takes about a second). Every edit goes
through :class:`~tracker.ui.editing.EditController` onto the undo stack and is written in
its own transaction: there is no Save. Window size, splitter, last tab and recent files
are kept in :class:`~tracker.ui.settings.Settings`. The menu entries live in action groups
(:mod:`file_actions`, :mod:`edit_actions`, :mod:`excel_actions`, :mod:`backup_actions`,
:mod:`view_actions`, :mod:`plan_actions`, :mod:`help_actions`), each given an
:class:`~tracker.ui.action_group.ActionContext` rather than the window; the window composes
them and :mod:`menus` places their actions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from tracker.ui.action_group import ActionContext, ActionGroup
from tracker.ui.as_at_bar import WRITES, AsAtBar
from tracker.ui.assurance_actions import AssuranceActions
from tracker.ui.backup_actions import BackupActions
from tracker.ui.dialogs.messages import APP_TITLE, describe_error, show_error, show_message
from tracker.ui.edit_actions import EditActions
from tracker.ui.excel_actions import ExcelActions
from tracker.ui.file_actions import FileActions
from tracker.ui.formatting import label_text
from tracker.ui.help_actions import HelpActions
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.menus import Place, build_menus, fill_toolbar
from tracker.ui.period_actions import PeriodActions
from tracker.ui.plan_actions import PlanActions
from tracker.ui.plan_state import PlanState
from tracker.ui.report_print_actions import ReportPrintActions
from tracker.ui.returns_actions import ReturnsActions
from tracker.ui.screen_fit import fit_on_screen
from tracker.ui.session import DatabaseSession, WhenEmpty, shown
from tracker.ui.settings import Settings
from tracker.ui.status_bar import DatabaseStatus
from tracker.ui.tabs.overview_tab import OverviewTab
from tracker.ui.tabs.workstream_tab import WorkstreamTab
from tracker.ui.team_actions import TeamActions
from tracker.ui.team_sync_actions import TeamSyncActions
from tracker.ui.view_actions import ViewActions
from tracker.ui.workers import TaskRunner
from tracker.ui.workstream_actions import WorkstreamActions

if TYPE_CHECKING:
    from tracker.db import Database
    from tracker.ui.dialogs.welcome_dialog import StartWith, WelcomeDialog
    from tracker.ui.editing import EditController
    from tracker.ui.loading import LoadedPlan, Opened, Overview


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
        self.real_today = today
        self.session = DatabaseSession(runner, self)
        self.controller: EditController | None = None
        self.state = PlanState(self)
        self.undo_stack = QUndoStack(self)
        self._overview_dirty = True
        self._first_load = True
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self.installEventFilter(self)
        self._build_actions()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workstreamTabs")
        self.tabs.setAccessibleName("Workstream tabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(self.tabs)
        self.tabs.addTab(self.overview, "Overview")
        # The plan's own workstreams, made when it is loaded (see _sync_tabs).
        self.workstream_tabs: dict[str, WorkstreamTab] = {}
        self.setCentralWidget(self.tabs)
        # A fixed minimum: the layout then never changes the window's constraints while
        # tabs are built (platforms without size hints would warn each time).
        self.setMinimumSize(640, 480)
        self.status = DatabaseStatus(self.statusBar())

        self.tabs.currentChanged.connect(self._tab_changed)
        self.overview.figureActivated.connect(self.show_figure)
        self.overview.actionActivated.connect(self.show_action)
        self.overview.figureListRequested.connect(self.list_figure)
        self.state.changed.connect(self._plan_changed)
        self.state.reloaded.connect(self._sync_tabs)
        session = self.session
        session.opened.connect(self._database_opened)
        session.openFailed.connect(self._open_failed)
        session.reloaded.connect(self._reloaded)
        session.seeded.connect(lambda summary: session.reload(summary.splitlines()[0]))
        session.failed.connect(lambda error: show_error(self, error))
        session.busyChanged.connect(self._busy_changed)
        session.changedElsewhere.connect(lambda: self.status.show_changed_elsewhere(True))
        session.connectionChanged.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._restore_window()
        self._show_no_database()

    @property
    def database(self) -> Database | None:
        return self.session.database

    def today(self) -> date:
        """The day the plan is shown at: today, or the past day of the As at bar."""
        return self.session.as_at or self.real_today()

    def set_read_only(self, read_only: bool) -> None:
        """A past day is shown: no editing until back to today."""
        if read_only:
            self._drop_controller()
        elif self.controller is None and self.database is not None:
            self._make_controller(self.database)
        self._enable_database_actions()

    def _build_actions(self) -> None:
        """The menus and the toolbar, from action groups that never see the window."""
        context = ActionContext(
            parent=self,
            session=self.session,
            settings=self.settings,
            runner=self.runner,
            status_bar=self.statusBar(),
            today=self.today,
            open_database=self.open_database,
        )
        self.toolbar = QToolBar("Toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.file_actions = FileActions(context)
        self.edit_actions = EditActions(
            context,
            state=self.state,
            undo_stack=self.undo_stack,
            controller=lambda: self.controller,
            selected_action=self._selected_action_id,
            user_name_changed=self.user_name_changed,
        )
        self.view_actions = ViewActions(
            context,
            show_tab=self.show_tab,
            current_tab=self.current_tab,
            toolbar=self.toolbar,
        )
        self.help_actions = HelpActions(context)
        self.plan_actions = PlanActions(context)
        self.workstream_actions = WorkstreamActions(
            context,
            state=self.state,
            undo_stack=self.undo_stack,
            controller=lambda: self.controller,
        )
        groups: list[ActionGroup] = [
            self.file_actions,
            TeamActions(context),
            ExcelActions(context, controller=lambda: self.controller),
            BackupActions(context),
            ReportPrintActions(context),
            ReturnsActions(context),
            PeriodActions(context),
            TeamSyncActions(context),
            self.edit_actions,
            self.view_actions,
            self.plan_actions,
            self.workstream_actions,
            self.help_actions,
            AssuranceActions(context, state=self.state, open_action=self.open_action),
        ]
        self.main_actions = {key: a for group in groups for key, a in group.actions.items()}
        self._availability = {
            key: available for group in groups for key, available in group.availability.items()
        }
        self.menus = build_menus(
            self.menuBar(), self.main_actions, {Place.TABS: self.view_actions.all_tab_actions}
        )
        fill_toolbar(self.toolbar, self.main_actions)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.plan_actions.selector)
        self.addToolBar(self.toolbar)
        self.as_at_bar = AsAtBar(self.session, self.set_read_only, self.real_today, self)
        self.addToolBarBreak()  # a row of its own: the banner must never be cut off
        self.addToolBar(self.as_at_bar)

    # Tabs ----------------------------------------------------------------------------
    def _add_tab(self, name: str) -> WorkstreamTab:
        tab = WorkstreamTab(
            name, self.state, self.today, lambda: self.settings.user_name, self.tabs
        )
        tab.countChanged.connect(self._count_changed)
        tab.addUpdateRequested.connect(self.edit_actions.add_update)
        tab.splitterMoved.connect(self._splitter_moved)
        tab.restore_splitter(self.settings.splitter_state)
        tab.set_controller(self.controller)
        self.workstream_tabs[name] = tab
        self.tabs.addTab(tab, label_text(name))
        return tab

    def _sync_tabs(self) -> None:
        """One tab per workstream tab of the plan in view, in the plan's order: tabs are
        added, removed and moved as the plan's workstreams are renamed, reordered and
        merged (or another plan is shown)."""
        names = self.state.tab_names()
        current = self.current_tab()
        for name in [n for n in self.workstream_tabs if n not in names]:
            tab = self.workstream_tabs.pop(name)
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        for position, name in enumerate(names, start=1):
            tab = self.workstream_tabs.get(name) or self._add_tab(name)
            index = self.tabs.indexOf(tab)
            if index != position:
                self.tabs.tabBar().moveTab(index, position)
        self.view_actions.set_tab_names(["Overview", *names])
        if current is not None and current.tab in self.workstream_tabs:
            self.tabs.setCurrentWidget(current)

    def current_tab(self) -> WorkstreamTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, WorkstreamTab) else None

    def _selected_action_id(self) -> int | None:
        tab = self.current_tab()
        return tab.selected_action_id() if tab else None

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

    def show_action(self, tab_name: str, action_id: int) -> None:
        """Open an action in its tab (from the Overview's My actions)."""
        tab = self.workstream_tabs.get(tab_name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            if tab.select_action(action_id):
                tab.focus_view()

    def open_action(self, action_id: int) -> None:
        """Open an action of the plan in view in its tab (from the Coverage view)."""
        row = self.state.actions.get(action_id)
        workstream = self.state.workstream(row.workstream_id) if row is not None else None
        if workstream is not None:
            self.activateWindow()
            self.show_action(workstream.tab, action_id)

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

    def open_database(self, path: Path | str, when_empty: WhenEmpty = WhenEmpty.OFFER) -> None:
        """Open (creating if need be) a database file, or a team database's URL; the window
        stays live meanwhile."""
        plan_id = self.settings.plan_in_view(path) if isinstance(path, Path) else None
        if not self.session.open(path, when_empty, plan_id):
            show_message(
                self,
                "Please wait: the tracker is still busy with the last task.",
                icon=QMessageBox.Icon.Information,
            )

    def reload(self, message: str = "") -> None:
        """Read the plan again from the file (F5); then say ``message``."""
        self.session.reload(message)

    def _database_opened(self, opened: Opened, when_empty: WhenEmpty) -> None:
        self._drop_controller()
        database = opened.database
        self.apply_user_name()
        self._make_controller(database)
        if database.path is not None:
            self.settings.add_recent_file(database.path)
            self.status.show_database(database.path)
        else:
            self.status.show_team_database(database.name)
        self.status.show_changed_elsewhere(False)
        self._enable_database_actions()
        for tab in self.workstream_tabs.values():
            tab.reset_filters()  # another file's plan: the last one's filters mean nothing
        self._show_loaded(opened.plan)
        for warning in opened.warnings:
            show_message(self, warning, icon=QMessageBox.Icon.Warning)
        if not opened.plan.plans:
            self._database_is_empty(when_empty)

    def _open_failed(self, path: Path | str, error: BaseException) -> None:
        if isinstance(path, Path):
            self.settings.remove_recent_file(path)
        show_error(self, error)
        if self.database is None:
            self._show_no_database(f"Could not open {shown(path)}: {describe_error(error)}")

    def _make_controller(self, database: Database) -> None:
        from tracker.ui.editing import EditController

        self.controller = EditController(database, self.state, self.undo_stack, self)
        self.controller.written.connect(self._written)
        self.controller.failed.connect(lambda message: show_error(self, message))
        for tab in self.workstream_tabs.values():
            tab.set_controller(self.controller)

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
        enabled = {
            Availability.IDLE: idle,
            Availability.DATABASE: idle and self.database is not None,
        }
        for key, available in self._availability.items():
            if available in enabled:
                self.main_actions[key].setEnabled(enabled[available])
        for key in WRITES:  # a past day is read-only
            if key in self.main_actions and self.session.as_at is not None:
                self.main_actions[key].setEnabled(False)

    def _busy_changed(self, busy: bool, message: str) -> None:
        self._enable_database_actions()
        if busy:
            self.statusBar().showMessage(message)
            if self.database is None:  # opening the first file: say so, not "none open"
                self.overview.show_message(message)
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
        self.state.userChanged.emit()
        for tab in self.workstream_tabs.values():
            tab.refilter()  # "My actions"
        self._show_my_actions()

    def _written(self) -> None:
        if self.database is not None:
            self.status.show_last_write(self.database.last_write)
            self.session.note_own_write()

    def check_for_changes(self) -> None:
        self.session.check_for_changes()

    # Showing the plan ----------------------------------------------------------------
    def _reloaded(self, loaded: LoadedPlan, message: str) -> None:
        self.status.show_changed_elsewhere(False)
        if self.database is not None:  # an import wrote outside the edit controller
            self.status.show_last_write(self.database.last_write)
        self._show_loaded(loaded)
        if message:
            self.statusBar().showMessage(message, 15000)

    def _show_loaded(self, loaded: LoadedPlan) -> None:
        # Rows in memory may now differ from those the undo commands saw: start afresh.
        self.undo_stack.clear()
        self.state.load(loaded)
        self._show_plan_in_view(loaded)
        if self._first_load:
            self._first_load = False
            self.show_tab(self.settings.last_tab or "Overview")
        tab = self.current_tab()
        if tab is not None:
            tab.activate()
        self._refresh_overview()
        self._warm_up(list(self.workstream_tabs.values()))
        self.loaded.emit()

    def _show_plan_in_view(self, loaded: LoadedPlan) -> None:
        """The plan's name in the title bar and the selector; remembered for this file."""
        self.plan_actions.plans_loaded()
        database = self.database
        if database is None:
            return
        plan = loaded.plan
        if plan is not None:
            if database.path is not None:
                self.settings.set_plan_in_view(database.path, plan.id)
            archived = " (archived)" if plan.archived else ""
            self.setWindowTitle(f"{plan.name}{archived} – {database.name} – {APP_TITLE}")
        else:
            self.setWindowTitle(f"{database.name} – {APP_TITLE}")

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
                "Every plan in this database is archived. Tick Plan > Show archived plans "
                "to choose one."
                if self.session.plans
                else "This database holds no plan yet. Use File > Import action plan."
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
            self._show_my_actions()
            self._show_trend()

    # The dashboard -------------------------------------------------------------------
    def list_figure(self, figure: str) -> None:
        """List a headline figure's actions from every workstream on the Overview."""
        from tracker.services.overview import action_in_figure
        from tracker.ui.dashboard.figure_tiles import TILES
        from tracker.ui.models.my_actions_model import my_actions

        today = self.today()
        rows = [a for a in self.state.all_actions() if action_in_figure(a, figure, today)]
        label = next((name for key, name, _tip in TILES if key == figure), figure)
        self.overview.show_figure_actions(label, my_actions(rows, self.state.workstreams))

    def _show_trend(self) -> None:
        database, plan_id = self.database, self.session.plan_id
        if database is None or plan_id is None:
            return
        from tracker.services.trend_source import load_trend

        self.runner.run(
            lambda: load_trend(database, plan_id),
            self.overview.show_trend,
            lambda error: show_error(self, error),
        )

    def _show_my_actions(self) -> None:
        """The Overview's list of the user's actions in every workstream."""
        from tracker.ui.models.my_actions_model import my_actions

        database, name = self.database, self.settings.user_name
        if database is None or not self.state.loaded or self.state.is_empty:
            return
        if not name.strip():
            self.overview.show_my_actions("", [])
            return
        from tracker.services.plan_snapshot import actions_led_by

        self.runner.run(
            lambda: actions_led_by(database, name),
            lambda rows: self.overview.show_my_actions(
                name, my_actions(rows, self.state.workstreams)
            ),
            lambda error: show_error(self, error),
        )

    def _database_is_empty(self, when_empty: WhenEmpty) -> None:
        if when_empty is WhenEmpty.SEED:
            self.session.seed_original_plan()
        elif when_empty is WhenEmpty.OFFER:
            self.welcome(offer_plan=True)

    def welcome(self, *, offer_plan: bool) -> WelcomeDialog:
        """One dialog asking what is missing: the user's name, how to fill an empty file."""
        from tracker.ui.dialogs.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(
            self.settings, self, ask_name=not self.settings.user_name, offer_plan=offer_plan
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._start_with)
        dialog.open()
        return dialog

    def _start_with(self, choice: StartWith) -> None:
        from tracker.ui.dialogs.welcome_dialog import StartWith

        self.user_name_changed()
        if choice is StartWith.ORIGINAL_PLAN:
            self.session.seed_original_plan()
        elif choice is StartWith.IMPORT_PLAN:
            self.main_actions[MainAction.IMPORT_PLAN].trigger()

    # Window state --------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
        fit_on_screen(self)

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
