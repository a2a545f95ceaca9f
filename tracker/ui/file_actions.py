"""The File menu's own entries: new and open database, recent files, import action plan,
quit.

Each asks the person (a file dialog) and hands the answer to the database session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QStyle

from tracker.ui.action_group import ActionContext, ActionGroup, built_action, main_action
from tracker.ui.dialogs.messages import show_error
from tracker.ui.file_filters import DATABASES
from tracker.ui.formatting import label_text
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.session import WhenEmpty

if TYPE_CHECKING:
    from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog

# A database the user chose is offered the original plan when it is empty.
CHOSEN = WhenEmpty.OFFER


class FileActions(ActionGroup):
    def __init__(self, context: ActionContext) -> None:
        self.recent_menu = QMenu("Open &recent", context.parent)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        super().__init__(context)

    @main_action(
        MainAction.NEW_DATABASE,
        "&New database…",
        shortcut=QKeySequence.StandardKey.New,
        tip="Start a new, empty tracker database",
        available=Availability.IDLE,
    )
    def new_database(self) -> None:
        context = self.context
        suggestion = str(Path(context.start_folder()) / "tracker.sqlite3")
        name, _ = QFileDialog.getSaveFileName(
            context.parent, "New tracker database", suggestion, DATABASES
        )
        if not name:
            return
        path = Path(name)
        context.settings.last_folder = path.parent
        if path.exists() and path.stat().st_size > 0:
            show_error(
                context.parent,
                f"{path} already exists. Use File > Open database to open it, "
                "or choose a new name.",
            )
            return
        context.open_database(path, CHOSEN)

    @main_action(
        MainAction.OPEN_DATABASE,
        "&Open database…",
        shortcut=QKeySequence.StandardKey.Open,
        tip="Open another tracker database file",
        available=Availability.IDLE,
    )
    def open_database(self) -> None:
        context = self.context
        name, _ = QFileDialog.getOpenFileName(
            context.parent, "Open tracker database", context.start_folder(), DATABASES
        )
        if name:
            context.settings.last_folder = Path(name).parent
            context.open_database(Path(name), CHOSEN)

    @built_action(MainAction.OPEN_RECENT)
    def _recent_entry(self) -> QAction:
        return self.recent_menu.menuAction()

    def fill_recent_menu(self) -> None:
        menu, context = self.recent_menu, self.context
        menu.clear()
        current = context.database.path if context.database else None
        recent = [p for p in context.settings.recent_files if p != current]
        for number, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{number} {label_text(str(path))}")
            action.setEnabled(path.exists())
            action.triggered.connect(
                lambda _checked=False, p=path: context.open_database(p, CHOSEN)
            )
        if not recent:
            menu.addAction("No other recent databases").setEnabled(False)

    @main_action(
        MainAction.IMPORT_PLAN,
        "&Import action plan…",
        shortcut="Ctrl+I",
        tip="Import an action-plan workbook as a new plan",
        icon=QStyle.StandardPixmap.SP_DialogOpenButton,
        available=Availability.DATABASE,
    )
    def import_plan(self) -> ImportPlanDialog | None:
        context = self.context
        database = context.database
        if database is None or context.session.busy:
            return None
        from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog

        dialog = ImportPlanDialog(database, context.runner, context.settings, context.parent)
        # Show the plan just imported.
        dialog.imported.connect(
            lambda summary: context.session.reload(summary.splitlines()[0], dialog.plan_id)
        )
        dialog.open()
        return dialog

    @main_action(MainAction.QUIT, "&Quit", shortcut=QKeySequence.StandardKey.Quit)
    def quit(self) -> None:
        self.context.parent.window().close()
