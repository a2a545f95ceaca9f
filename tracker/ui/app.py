"""Starting the window: ``tracker`` with no command calls :func:`run_app`.

The window is on screen before the database is opened (on a worker thread). The embedded
default database is seeded with the original plan when it is empty, as the README
promises; a database the user chose is only offered it. On first run one welcome dialog
asks the user's name, which signs their updates (with the offer, when the file is empty).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from tracker import __version__
from tracker.paths import DESKTOP_FILE_NAME, icon_path
from tracker.ui.dialogs.welcome_dialog import WelcomeDialog
from tracker.ui.main_window import MainWindow
from tracker.ui.session import WhenEmpty
from tracker.ui.settings import Settings
from tracker.ui.widgets.palette import FOCUS_STYLE_SHEET
from tracker.ui.workers import TaskRunner

ORGANISATION = "action-plan-tracker"
APPLICATION = "tracker"
# TRACKER_LOG_LEVEL=INFO shows what the app does as it starts (for slow starts on managed
# laptops, and the benchmark of the packaged app's start-up).
LOG_LEVEL_VARIABLE = "TRACKER_LOG_LEVEL"
FIRST_PAINT_MESSAGE = "window painted"

log = logging.getLogger(__name__)


def configure_application(app: QCoreApplication) -> None:
    """Names for QSettings, a British locale for dates and numbers, the app's icon, and a
    focus outline that can be seen."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(icon_path())))
        app.setDesktopFileName(DESKTOP_FILE_NAME)
        app.setStyleSheet(FOCUS_STYLE_SHEET)


def create_window(
    settings: Settings,
    runner: TaskRunner,
    db_path: Path,
    *,
    explicit_db: bool,
    today: Callable[[], date] = date.today,
) -> MainWindow:
    """The window, shown, with its database opening (seeded or offered when empty)."""
    window = MainWindow(settings, runner, today)
    window.show()
    window.after_first_paint(lambda: log.info(FIRST_PAINT_MESSAGE))
    when_empty = WhenEmpty.OFFER if explicit_db else WhenEmpty.SEED
    # Paint first, then open: opening imports the service layer and may migrate the file.
    window.after_first_paint(lambda: window.open_database(db_path, when_empty))
    return window


def release_own_console() -> None:
    """Windows, packaged app: started from Explorer, the program (which is also the command
    line, so a console program) got a console window of its own; the window needs none.

    Only a console no other process shares is let go: started from a terminal, the
    terminal stays as it is.
    """
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    attached = (ctypes.c_uint32 * 2)()
    if kernel32.GetConsoleProcessList(attached, 2) == 1 and kernel32.FreeConsole():
        # The standard streams pointed at that console: nothing may write to it now.
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def run_app(db_path: Path, explicit_db: bool) -> int:
    """Open the window on ``db_path`` and run until it is closed; returns the exit code."""
    release_own_console()
    level = os.environ.get(LOG_LEVEL_VARIABLE, "").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    settings = Settings(QSettings())
    window = create_window(settings, TaskRunner(), db_path, explicit_db=explicit_db)
    if not settings.user_name:
        greet_once_loaded(window)
    return app.exec()


def greet_once_loaded(window: MainWindow) -> None:
    """First start: once the plan is read, welcome the user and ask their name, unless
    the empty database's offer (which asks it too) is already on screen."""

    def greet() -> None:
        if not window.settings.user_name and window.findChild(WelcomeDialog) is None:
            window.welcome(offer_plan=False)

    def later() -> None:
        window.loaded.disconnect(later)
        QTimer.singleShot(0, greet)  # after the window's own reaction to the load

    window.loaded.connect(later)
