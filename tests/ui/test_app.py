"""Starting the window: the embedded default database is seeded with the original plan
when empty, a chosen one is only offered it, and the first paint needs no service layer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import USER
from tracker.ui import app as app_module
from tracker.ui.dialogs.preferences_dialog import PreferencesDialog
from tracker.ui.dialogs.welcome_dialog import StartWith, WelcomeDialog
from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow
from tracker.ui.session import WhenEmpty
from tracker.ui.settings import Settings


def the_window() -> MainWindow:
    return next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    )


@pytest.fixture
def app_settings(qapp) -> Settings:  # type: ignore[no-untyped-def]
    """The QSettings run_app itself uses (in this test's folder), with a user name."""
    app_module.configure_application(qapp)
    settings = Settings(QSettings())
    settings.user_name = USER
    return settings


def run_until(qtbot, monkeypatch, done) -> list[MainWindow]:  # type: ignore[no-untyped-def]
    """Make run_app's event loop wait until ``done(window)`` and then close the window."""
    seen: list[MainWindow] = []

    def exec_() -> int:
        window = the_window()
        seen.append(window)
        qtbot.waitUntil(lambda: done(window), timeout=30000)
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    return seen


def test_the_default_database_is_seeded_without_asking(
    tmp_path, qtbot, monkeypatch, app_settings
) -> None:
    db_path = tmp_path / "default" / "tracker.sqlite3"
    seen = run_until(qtbot, monkeypatch, lambda w: len(w.state.actions) == 63)
    assert app_module.run_app(db_path, explicit_db=False) == 0
    window = seen[0]
    assert window.database is None  # closed with the window
    assert db_path.exists()
    assert window.state.plan_count == 1
    message = window.statusBar().currentMessage()
    assert message.startswith(
        'Imported "Care Quality Commission - Local System Review: Action Plan" from '
        "cqc-lsr-action-plan-2018.xlsx"
    )


def test_a_chosen_empty_database_is_offered_the_original_plan(
    tmp_path, qtbot, monkeypatch, app_settings
) -> None:
    db_path = tmp_path / "mine.sqlite3"

    def offered(window: MainWindow) -> bool:
        dialog = window.findChild(WelcomeDialog)
        return dialog is not None and dialog.isVisible() and dialog.plan_box.isVisible()

    seen = run_until(qtbot, monkeypatch, offered)
    assert app_module.run_app(db_path, explicit_db=True) == 0
    assert seen[0].state.is_empty


def test_accepting_the_offer_imports_the_plan(open_window, database: object, qtbot) -> None:
    window = open_window(database.path, WhenEmpty.OFFER)  # type: ignore[attr-defined]
    dialog = window.findChild(WelcomeDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.name.isVisible()  # the name is known: only the offer
    assert dialog.options[StartWith.ORIGINAL_PLAN].isChecked()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert len(window.state.actions) == 63


def test_a_database_that_cannot_be_opened_says_why(open_window, tmp_path: Path, qtbot) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    window = open_window(bad)
    assert window.database is None
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    # Read as the CLI reads it: a file that is not a database is named as such.
    assert boxes and "notes.sqlite3 is not a tracker database" in boxes[0].text()
    assert "Choose another file" in boxes[0].text()
    assert "Could not open" in window.overview.heading.text()
    assert not window.main_actions[MainAction.IMPORT_PLAN].isEnabled()


def test_a_change_by_another_copy_of_the_tracker_is_noticed(open_window, imported, qtbot):
    from tracker.services.action_edits import set_action_field
    from tracker.services.plan_snapshot import load_snapshot

    window = open_window(imported.path)
    row = load_snapshot(imported).actions[0]
    assert window.controller.edit_action(row.id, "percent", 20) is None  # our own write
    window.check_for_changes()
    assert not window.status.changed.isVisible()
    set_action_field(imported, row.id, "percent", 55)  # another connection: another copy
    window.check_for_changes()
    assert window.status.changed.isVisible()
    window.reload()
    assert not window.status.changed.isVisible()
    assert window.state.actions[row.id].percent == 55


def test_the_first_run_asks_the_users_name(settings: Settings, qtbot) -> None:
    settings.user_name = ""
    dialog = PreferencesDialog(settings, first_run=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name, "June  Marshall")
    assert ok.isEnabled()
    ok.click()
    assert settings.user_name == "June Marshall"


def test_the_first_paint_needs_no_service_layer() -> None:
    code = (
        "import sys\n"
        "import tracker.ui.app, tracker.ui.main_window\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'openpyxl')"
        " if m in sys.modules)\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_the_app_has_its_icon_and_desktop_entry_name(qapp) -> None:
    app_module.configure_application(qapp)
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()[0].width() >= 64
    assert qapp.desktopFileName() == "action-plan-tracker"
