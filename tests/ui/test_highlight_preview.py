"""File > Print preview of highlight report: the key messages asked for, then the report
in the print preview (printed here to a PDF and read back)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tracker.ui.main_actions import MainAction
from tracker.ui.main_window import MainWindow

from ..pdf_reading import page_count, pdf_pages_text, words
from .answers import answer_key_messages, answer_print_preview

MESSAGES = "Good progress on governance. Prevention needs a decision on funding."


def test_print_preview_from_the_window(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "preview.pdf"
    answer_key_messages(monkeypatch, MESSAGES)
    answer_print_preview(monkeypatch, out)
    action = main_window.main_actions[MainAction.PRINT_PREVIEW_REPORT]
    assert "highlight report" in action.text().replace("&", "")
    assert action.isEnabled()
    QTest.keyClick(
        main_window, Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    pages = action.parent().pages  # type: ignore[attr-defined]
    assert pages == page_count(out) >= 3
    text = [words(p) for p in pdf_pages_text(out)]
    assert MESSAGES in text[0]
    assert "As at 15 July 2018" in text[0]
    assert "Exceptions" in text[1]
    assert f"Page {pages} of {pages}" in text[-1]


def test_the_entry_is_in_the_file_menu(main_window: MainWindow) -> None:
    entries = [a.text().replace("&", "") for a in main_window.menus["File"].actions()]
    assert "Print preview of highlight report…" in entries
    view = [a.text().replace("&", "") for a in main_window.menus["View"].actions()]
    assert "Table or timeline" in view
