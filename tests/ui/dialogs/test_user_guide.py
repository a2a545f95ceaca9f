"""Help > User guide: F1 shows the README's "Using the window" in the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tracker.ui.dialogs.user_guide_dialog import UserGuideDialog, guide_text
from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n") + len(f"## {title}\n")
    end = text.index("\n## ", start)
    return text[start:end].strip()


def test_f1_opens_the_guide_once(main_window: MainWindow, qtbot) -> None:
    assert main_window.main_actions[MainAction.USER_GUIDE].shortcut().toString() == "F1"
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    QTest.keyClick(main_window, Qt.Key.Key_F1)
    guide = main_window.findChild(UserGuideDialog)
    assert guide is not None and guide.isVisible()
    shown = guide.browser.toPlainText()
    assert "Record progress." in shown and "31/03/2027" in shown
    assert "**" not in shown  # formatted, not Markdown source
    assert not guide.isModal()  # it can stay open beside the window
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    QTest.keyClick(main_window, Qt.Key.Key_F1)
    assert len([g for g in main_window.findChildren(UserGuideDialog) if g.isVisible()]) == 1
    guide.close()


def test_the_guide_is_the_readmes_using_the_window() -> None:
    title, body = guide_text().split("\n", 1)
    assert title == "# Using the tracker"
    assert body.strip() == readme_section("Using the window")
