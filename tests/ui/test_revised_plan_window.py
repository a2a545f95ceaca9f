"""Plan > Import revised plan: the changes are reviewed in a dialog before anything is
written; Cancel writes nothing, Apply refreshes the plan and the tabs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.revised_plan import revised_copy
from tracker.services.audit import list_audit
from tracker.ui.dialogs.revision_dialog import RevisionDialog
from tracker.ui.main_actions import MainAction


@pytest.fixture
def choose_revised(monkeypatch, plan_file: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    revised = revised_copy(plan_file, tmp_path / "revised.xlsx")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(revised), ""))
    )
    return revised


def _review(window, qtbot) -> RevisionDialog:  # type: ignore[no-untyped-def]
    window.main_actions[MainAction.IMPORT_REVISED_PLAN].trigger()
    dialog = window.findChild(RevisionDialog, "revisionDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _refs(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {row.ref for row in window.state.actions.values()}


def test_review_then_cancel_writes_nothing(main_window, qtbot, choose_revised) -> None:  # type: ignore[no-untyped-def]
    records = len(list_audit(main_window.database))
    dialog = _review(main_window, qtbot)
    rows = [(r.kind, r.ref) for r in dialog.model.rows]
    assert rows == [
        ("Changed", "2.2 1"),
        ("Changed", "2.2 2"),
        ("Added", "2.1 5"),
        ("Archived", "2.2 3"),
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(list_audit(main_window.database)) == records
    assert "2.2 3" in _refs(main_window)


def test_apply_refreshes_the_tabs(main_window, qtbot, choose_revised) -> None:  # type: ignore[no-untyped-def]
    dialog = _review(main_window, qtbot)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2.1 5" in _refs(main_window))
    refs = _refs(main_window)
    assert "2.2 3" not in refs
    assert len(refs) == 63
    assert "Refreshed the plan" in main_window.statusBar().currentMessage()
