"""Working copies in the window: the status bar says what the file is a working copy of,
File > Sync with team database asks about fields changed on both sides and syncs as
chosen, and File > Check out from team database opens the new working copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from tests.unit.services.sync_helpers import check_out, narratives, record, team_database
from tracker.db import Database
from tracker.db.models import Action
from tracker.services.action_edits import set_action_field
from tracker.ui.dialogs.checkout_dialog import CheckoutDialog, CheckoutRequest
from tracker.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog


def _trigger(window, text: str) -> None:  # type: ignore[no-untyped-def]
    entries = window.menus["File"].actions()
    (action,) = [a for a in entries if a.text().replace("&", "") == text]
    assert action.isEnabled()
    action.trigger()


def _text(database: Database, action_id: int) -> str:
    with database.read() as session:
        return session.execute(select(Action.text).where(Action.id == action_id)).scalar_one()


def test_status_bar_names_the_working_copy_and_sync_asks_about_conflicts(
    open_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, ids = team_database(tmp_path)
    local = check_out(tmp_path, team)
    board = ids["Set up the board"]
    set_action_field(local, board, "text", "Mine")
    set_action_field(team, board, "text", "Theirs")
    record(team, ids["Falls service"], "From the office")
    window = open_window(local.path)
    label = window.statusBar().findChild(QLabel, "workingCopyLabel")
    assert label is not None and label.isVisible()
    assert label.text().startswith("Working copy from team.sqlite3, checked out ")
    assert label.toolTip().startswith(
        f"Working copy of Test plan & co from sqlite:///{team.path}, checked out "
    )
    asked = []

    def answer(conflicts, parent=None):  # type: ignore[no-untyped-def]
        asked.extend((c.ref, c.field, c.mine, c.theirs) for c in conflicts)
        return {(board, "text"): "theirs"}

    monkeypatch.setattr(SyncConflictsDialog, "ask", staticmethod(answer))
    _trigger(window, "Sync with team database")
    assert asked == [("1.2 i.", "text", "Mine", "Theirs")]
    assert _text(local, board) == _text(team, board) == "Theirs"
    assert narratives(local, ids["Falls service"]) == ["From the office"]
    assert "received 1 update" in window.statusBar().currentMessage()


def test_conflicts_dialog_chosen_with_the_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    from tracker.services.sync import FieldConflict

    conflicts = [
        FieldConflict(7, "1.2 i.", "text", "Old", "Mine", "Theirs"),
        FieldConflict(7, "1.2 i.", "percent", 20, 70, 30),
    ]
    dialog = SyncConflictsDialog(conflicts)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.boxes[1]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Keep mine
    assert dialog.choices() == {(7, "percent"): "mine"}


def test_check_out_from_the_file_menu_opens_the_working_copy(
    main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, _ids = team_database(tmp_path)
    new_file = tmp_path / "laptop.sqlite3"
    request = CheckoutRequest(str(team.path), ("Prevention",), new_file)
    monkeypatch.setattr(CheckoutDialog, "ask", staticmethod(lambda *a, **k: request))
    _trigger(main_window, "Check out from team database…")
    assert main_window.session.database is not None
    assert main_window.session.database.path == new_file.resolve()
    texts = [x.text for x in main_window.state.actions.values()]
    assert texts == ["Falls service", "Shared with Pip"]
