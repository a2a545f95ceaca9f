"""The File menu's own entries: new and open database, recent files, import action plan.

Functions of the window rather than methods, to keep :mod:`main_window` small; each asks
the person (a file dialog) and hands the answer to the window's database session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from tracker.ui.dialogs.messages import show_error

if TYPE_CHECKING:
    from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog
    from tracker.ui.main_window import MainWindow

DB_FILTER = "Tracker databases (*.sqlite3 *.db);;All files (*)"
OFFER = "offer"  # a database the user chose is offered the original plan when empty


def start_folder(window: MainWindow) -> str:
    folder = window.settings.last_folder
    if folder is None and window.database is not None:
        folder = window.database.path.parent
    return str(folder or Path.home())


def new_database(window: MainWindow) -> None:
    suggestion = str(Path(start_folder(window)) / "tracker.sqlite3")
    name, _ = QFileDialog.getSaveFileName(window, "New tracker database", suggestion, DB_FILTER)
    if not name:
        return
    path = Path(name)
    window.settings.last_folder = path.parent
    if path.exists() and path.stat().st_size > 0:
        show_error(
            window,
            f"{path} already exists. Use File > Open database to open it, or choose a new name.",
        )
        return
    window.open_database(path, OFFER)


def open_database(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, "Open tracker database", start_folder(window), DB_FILTER
    )
    if name:
        window.settings.last_folder = Path(name).parent
        window.open_database(Path(name), OFFER)


def fill_recent_menu(window: MainWindow) -> None:
    menu = window.actions.recent_menu
    menu.clear()
    current = window.database.path if window.database else None
    recent = [p for p in window.settings.recent_files if p != current]
    for number, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{number} {path}")
        action.setEnabled(path.exists())
        action.triggered.connect(lambda _checked=False, p=path: window.open_database(p, OFFER))
    if not recent:
        menu.addAction("No other recent databases").setEnabled(False)


def import_plan(window: MainWindow) -> ImportPlanDialog | None:
    database = window.database
    if database is None or window.session.busy:
        return None
    from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog

    dialog = ImportPlanDialog(database, window.runner, window.settings, window)
    dialog.imported.connect(lambda summary: window.session.reload(summary.splitlines()[0]))
    dialog.open()
    return dialog
