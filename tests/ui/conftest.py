"""Fixtures for the window's tests: isolated QSettings, a fixed date, a main window.

QSettings never touches the user's real settings: every test gets its own folder (for
code that builds ``QSettings()`` itself) and the window gets an INI file in ``tmp_path``.
Workers run inline so each step a test takes has finished when it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from tracker.db import Database
from tracker.ui.settings import Settings
from tracker.ui.workers import InlineTaskRunner

# The offscreen platform cannot pass size hints to its windows and says so whenever a
# shown top-level widget's minimum size changes (every QMessageBox does): not our bug.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"
# Nor can it raise a popup (a date field's calendar) or let it grab the keyboard.
OFFSCREEN_POPUPS = "This plugin does not support (raise|grabbing the keyboard)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS, OFFSCREEN_POPUPS))


# The fixture plan's deadlines run from June 2018: on this day some are overdue, some are
# due within 30 days and most are still ahead.
TODAY = date(2018, 7, 15)
USER = "Pip Mayo"


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / scope.name))
    QCoreApplication.setOrganizationName("tracker-tests")
    QCoreApplication.setApplicationName("tracker-tests")
    yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    result = Settings(store)
    result.user_name = USER
    return result


@pytest.fixture
def today() -> Callable[[], date]:
    return lambda: TODAY


@pytest.fixture
def open_window(qtbot, settings: Settings, today: Callable[[], date]):  # type: ignore[no-untyped-def]
    """A function that opens a main window on a database file, workers inline."""
    from tracker.ui.main_window import MainWindow
    from tracker.ui.session import WhenEmpty

    def _open(path: Path, when_empty: WhenEmpty = WhenEmpty.NOTHING) -> MainWindow:
        window = MainWindow(settings, InlineTaskRunner(), today)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        window.open_database(path, when_empty)
        return window

    return _open


@pytest.fixture
def main_window(open_window, imported: Database):  # type: ignore[no-untyped-def]
    """The window open on a temporary database holding the fixture plan."""
    window = open_window(imported.path)
    assert window.state.loaded and len(window.state.actions) == 63
    return window
