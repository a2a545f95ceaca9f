"""First start: one welcome dialog asks the user's name and, when the database is empty,
how to begin (the bundled 2018 plan, a plan from a workbook, or nothing), instead of a
name prompt and an import offer stacked on each other."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QRadioButton

from tests.ui.test_app import app_settings, run_until  # noqa: F401 (a fixture)
from tracker.ui import app as app_module
from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog
from tracker.ui.dialogs.welcome_dialog import StartWith, WelcomeDialog
from tracker.ui.main_window import MainWindow
from tracker.ui.session import WhenEmpty


def dialogs_on_screen() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def choose(qtbot, button: QRadioButton) -> None:  # type: ignore[no-untyped-def]
    """Click a choice's round button (the widget is wider than its words)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def welcome_shown(window: MainWindow) -> bool:
    dialog = window.findChild(WelcomeDialog)
    return dialog is not None and dialog.isVisible()


def test_first_start_on_an_empty_file_is_one_dialog_with_name_and_plan(
    tmp_path,
    qtbot,
    monkeypatch,
    app_settings,  # noqa: F811
) -> None:
    app_settings.user_name = ""
    seen_dialogs: list[list[QDialog]] = []
    names: list[str] = []

    def answered(window: MainWindow) -> bool:
        if not welcome_shown(window):
            return False
        qtbot.wait(50)  # anything else that would pop up has had its turn
        seen_dialogs.append(dialogs_on_screen())
        dialog = window.findChild(WelcomeDialog)
        assert dialog.name.isVisible() and dialog.plan_box.isVisible()
        assert not dialog.start.isEnabled()  # a name first
        qtbot.keyClicks(dialog.name, "June Marshall")
        assert dialog.options[StartWith.ORIGINAL_PLAN].isChecked()
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(window.state.actions) == 63, timeout=30000)
        names.append(window.database.actor)
        return True

    run_until(qtbot, monkeypatch, answered)
    assert app_module.run_app(tmp_path / "mine.sqlite3", explicit_db=True) == 0
    assert [type(d) for d in seen_dialogs[0]] == [WelcomeDialog]
    assert app_settings.user_name == "June Marshall"
    assert names == ["June Marshall"]


def test_first_start_on_the_seeded_default_asks_only_the_name(
    tmp_path,
    qtbot,
    monkeypatch,
    app_settings,  # noqa: F811
) -> None:
    app_settings.user_name = ""
    shown: list[tuple[bool, bool]] = []

    def asked(window: MainWindow) -> bool:
        if not (welcome_shown(window) and len(window.state.actions) == 63):
            return False
        dialog = window.findChild(WelcomeDialog)
        shown.append((dialog.name.isVisible(), dialog.plan_box.isVisible()))
        assert [type(d) for d in dialogs_on_screen()] == [WelcomeDialog]
        qtbot.keyClicks(dialog.name, "Pip Mayo")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        return True

    run_until(qtbot, monkeypatch, asked)
    assert app_module.run_app(tmp_path / "default" / "tracker.sqlite3", explicit_db=False) == 0
    assert shown == [(True, False)]
    assert app_settings.user_name == "Pip Mayo"


def test_a_known_user_is_not_asked_again(tmp_path, qtbot, monkeypatch, app_settings):  # noqa: F811
    def loaded(window: MainWindow) -> bool:
        if len(window.state.actions) != 63:
            return False
        qtbot.wait(50)
        assert not welcome_shown(window)
        assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        return True

    run_until(qtbot, monkeypatch, loaded)
    assert app_module.run_app(tmp_path / "default" / "tracker.sqlite3", explicit_db=False) == 0


def test_choosing_to_import_opens_the_import_and_empty_leaves_it_empty(
    open_window, database, qtbot
) -> None:
    window = open_window(database.path, WhenEmpty.OFFER)
    dialog = window.findChild(WelcomeDialog)
    assert dialog is not None and not dialog.name.isVisible()  # the name is known
    qtbot.waitExposed(dialog)
    choose(qtbot, dialog.options[StartWith.IMPORT_PLAN])
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    importer = window.findChild(ImportPlanDialog)
    assert importer is not None and importer.isVisible()
    importer.reject()
    assert window.state.is_empty

    again = window.welcome(offer_plan=True)
    qtbot.waitExposed(again)
    choose(qtbot, again.options[StartWith.EMPTY])
    assert again.choice() is StartWith.EMPTY
    qtbot.mouseClick(again.start, Qt.MouseButton.LeftButton)
    assert window.state.is_empty
    assert [d for d in window.findChildren(QDialog) if d.isVisible()] == []


def test_the_welcome_opens_without_a_word_on_stderr_offscreen(
    qtbot,
    qtlog,
    app_settings,  # noqa: F811
) -> None:
    # Its minimum size is settled before it has a window: told to the window system later,
    # Qt's offscreen platform (servers, CI, the packaged app's smoke test) prints that it
    # cannot take size hints.
    for offer_plan in (True, False):
        dialog = WelcomeDialog(app_settings, ask_name=True, offer_plan=offer_plan)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        dialog.close()
    assert [record.message for record in qtlog.records] == []
