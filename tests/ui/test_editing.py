"""Edits as undoable commands: written at once, undone through the same services, merged
while one field is being typed in, and dropped (with the reason shown) if undo fails."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from tracker.db import Database, open_database
from tracker.errors import DatabaseError
from tracker.services import action_edits
from tracker.services.edit_conflicts import EditConflict
from tracker.services.plan_snapshot import load_snapshot
from tracker.ui.dialogs.conflict_dialog import Choice, ConflictDialog
from tracker.ui.editing import EditController
from tracker.ui.loading import load_plan
from tracker.ui.plan_state import PlanState


@pytest.fixture
def controller(imported: Database, qtbot) -> EditController:  # type: ignore[no-untyped-def]
    state = PlanState()
    state.load(load_plan(imported))
    return EditController(imported, state, QUndoStack())


def action(controller: EditController, ref: str):  # type: ignore[no-untyped-def]
    return next(r for r in controller.state.actions.values() if r.ref == ref)


def stored(database: Database, ref: str):  # type: ignore[no-untyped-def]
    return next(r for r in load_snapshot(database).actions if r.ref == ref)


def test_typing_in_one_field_merges_into_one_undo_step(controller: EditController) -> None:
    row = action(controller, "1.1 i")
    session = object()
    for text in ("Board", "Board agreed", "Board agreed ToR"):
        assert controller.edit_action(row.id, "text", text, session) is None
    assert controller.stack.count() == 1
    assert stored(controller.database, "1.1 i").text == "Board agreed ToR"
    controller.stack.undo()
    assert stored(controller.database, "1.1 i").text == row.text
    assert controller.state.actions[row.id].text == row.text
    # A new editing session is a new step.
    controller.stack.redo()
    controller.edit_action(row.id, "text", "Other", object())
    assert controller.stack.count() == 2


def test_an_edit_that_changes_nothing_is_not_a_step(controller: EditController) -> None:
    row = action(controller, "1.1 ii")
    assert controller.edit_action(row.id, "percent", row.percent) is None
    assert controller.set_leads(row.id, list(row.leads)) is None
    assert controller.stack.count() == 0


def test_a_refused_value_comes_back_as_its_message(controller: EditController) -> None:
    row = action(controller, "1.1 ii")
    message = controller.edit_action(row.id, "percent", 140)
    assert message is not None and "between 0 and 100" in message
    assert controller.stack.count() == 0
    assert controller.state.actions[row.id].percent == row.percent


def test_an_undo_that_cannot_be_written_is_reported_and_dropped(
    controller, monkeypatch, qtbot
) -> None:
    row = action(controller, "2.2 1")
    assert controller.edit_action(row.id, "percent", 50) is None

    def locked(*_args: object, **_kwargs: object) -> None:
        raise DatabaseError("The file is busy: nothing was saved.")

    monkeypatch.setattr(action_edits, "set_action_field", locked)
    with qtbot.waitSignal(controller.failed) as failed:
        controller.stack.undo()
    assert failed.args == ["The file is busy: nothing was saved."]
    assert controller.stack.count() == 0
    assert controller.state.actions[row.id].percent == 50  # unchanged, as in the file


def test_area_fields_and_their_refs_in_the_actions(controller: EditController) -> None:
    area = next(a for a in controller.state.areas.values() if a.ref == "1.2")
    assert controller.edit_area(area.id, "ref", "1.2a") is None
    assert {r.ref for r in controller.state.actions_of(area.id)} == {
        "1.2a i",
        "1.2a ii",
        "1.2a iii",
    }
    controller.stack.undo()
    assert controller.state.areas[area.id].ref == "1.2"
    assert stored(controller.database, "1.2 i") is not None


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Choice.THEIRS, "Theirs"),
        (Choice.MINE, "Mine"),
        (Choice.BOTH, "Theirs\n\nMine"),
    ],
)
def test_an_edit_over_someone_else_s_change_asks_what_to_keep(
    controller: EditController, choice: Choice, expected: str
) -> None:
    row = action(controller, "1.1 i")
    other = open_database(controller.database.location)
    other.actor = "Sam Lee"
    try:
        action_edits.set_action_field(other, row.id, "text", "Theirs")  # the window has not seen it
    finally:
        other.close()
    asked: list = []
    controller.resolve_conflict = lambda conflict: asked.append(conflict) or choice
    assert controller.edit_action(row.id, "text", "Mine") is None
    (conflict,) = asked
    assert (conflict.theirs, conflict.mine, conflict.changed_by) == ("Theirs", "Mine", "Sam Lee")
    assert stored(controller.database, "1.1 i").text == expected
    assert controller.state.actions[row.id].text == expected
    assert controller.stack.count() == (0 if choice is Choice.THEIRS else 1)


def test_the_conflict_dialog_offers_both_only_for_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = EditConflict("action", 1, "text", "text", "a", "b", "c", 2, "Sam Lee")
    dialog = ConflictDialog(text)
    qtbot.addWidget(dialog)
    assert set(dialog.buttons) == {Choice.THEIRS, Choice.MINE, Choice.BOTH}
    qtbot.mouseClick(dialog.buttons[Choice.BOTH], Qt.MouseButton.LeftButton)
    assert dialog.choice is Choice.BOTH
    date_conflict = EditConflict("action", 1, "due_date", "due date", None, None, None, 2, None)
    dialog = ConflictDialog(date_conflict)
    qtbot.addWidget(dialog)
    assert set(dialog.buttons) == {Choice.THEIRS, Choice.MINE}
