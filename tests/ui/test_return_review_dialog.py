"""The status-return review dialog: what it lists, and the choice it hands back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tracker.excel.return_values import State
from tracker.services.action_rows import UpdateInput
from tracker.services.return_changes import (
    ActionChange,
    FieldChange,
    Rejection,
    ReturnReview,
)
from tracker.ui.dialogs.return_review_dialog import (
    ChangesModel,
    ConflictsModel,
    RejectionsModel,
    ReturnReviewDialog,
)

SENT = State("In progress", "A", 20, None, "Started")
NOW = State("In progress", "R", 40, None, "Stuck")
BACK = State("Complete", "A", 100, None, "Finished")


def _change(action_id: int, ref: str, *, conflict: bool) -> ActionChange:
    fields = (
        FieldChange("status", "Status", "In progress", "In progress", "Complete"),
        FieldChange("percent", "% complete", "20", "40", "100"),
    )
    entry = UpdateInput(date(2019, 3, 1), "Pip Mayo", "Complete", "A", 100, "Finished")
    return ActionChange(
        5 + action_id,
        action_id,
        ref,
        f"Action {ref}",
        SENT,
        NOW if conflict else SENT,
        BACK,
        fields,
        entry,
        conflict,
        "fp",
    )


def _review(*, changes: int = 1, conflicts: int = 1, rejections: int = 0) -> ReturnReview:
    return ReturnReview(
        path=Path("Status return - Governance.xlsx"),
        return_id="abc123",
        scope="workstream:1",
        scope_label="Governance and Leadership",
        for_whom="Pip Mayo",
        plan_name="Plan",
        exported_at="2019-03-01T10:00:00+00:00",
        author="Pip Mayo",
        changes=[_change(i, f"1.{i} i.", conflict=False) for i in range(1, changes + 1)],
        conflicts=[_change(i, f"2.{i} i.", conflict=True) for i in range(10, 10 + conflicts)],
        rejections=[
            Rejection(20 + i, f"3.{i}", "its hidden action id has been altered")
            for i in range(rejections)
        ],
    )


def test_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    review = _review(changes=2, conflicts=2, rejections=2)
    for model in (
        ChangesModel(review.changes),
        ConflictsModel(review.conflicts),
        RejectionsModel(review.rejections),
    ):
        qtmodeltester.check(model)


def test_lists_changes_conflicts_and_rejections(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReturnReviewDialog(_review(changes=1, conflicts=1, rejections=1))
    qtbot.addWidget(dialog)
    changes = dialog.changes_model
    assert changes.rowCount() == 2  # one row per changed field
    row = [changes.index(0, c).data() for c in range(changes.columnCount())]
    assert row == ["1.1 i.", "6", "Status", "In progress", "Complete"]
    conflicts = dialog.conflicts_model
    assert conflicts.index(0, ConflictsModel.SENT).data() == "In progress\n20"
    assert conflicts.index(0, ConflictsModel.NOW).data() == "In progress\n40"
    assert conflicts.index(0, ConflictsModel.RETURNED).data() == "Complete\n100"
    assert conflicts.index(0, ConflictsModel.CHOICE).data() == "Keep current"
    rejected = dialog.rejections_model
    assert rejected.index(0, RejectionsModel.REASON).data() == (
        "its hidden action id has been altered"
    )
    assert dialog.tabs.count() == 3


def test_conflicts_default_to_keep_current_and_can_be_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReturnReviewDialog(_review(changes=0, conflicts=2))
    qtbot.addWidget(dialog)
    assert dialog.selection().apply_conflicts == frozenset()
    assert not dialog.apply_button.isEnabled()  # nothing to apply yet
    model = dialog.conflicts_model
    index = model.index(1, ConflictsModel.CHOICE)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data() == "Apply returned"
    assert dialog.selection().apply_conflicts == frozenset({11})
    assert dialog.apply_button.isEnabled()
    model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.selection().apply_conflicts == frozenset()


def test_rejections_must_be_confirmed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReturnReviewDialog(_review(changes=1, conflicts=0, rejections=2))
    qtbot.addWidget(dialog)
    assert not dialog.accept_rejections.isHidden()
    assert not dialog.apply_button.isEnabled()
    dialog.accept_rejections.setChecked(True)
    assert dialog.apply_button.isEnabled()
    assert dialog.selection().accept_rejections


@pytest.mark.parametrize("button", ["Apply", "Cancel"])
def test_apply_and_cancel(qtbot, button: str) -> None:  # type: ignore[no-untyped-def]
    dialog = ReturnReviewDialog(_review())
    qtbot.addWidget(dialog)
    # Not shown: the offscreen platform warns on show(), and warnings fail tests.
    target = (
        dialog.apply_button
        if button == "Apply"
        else next(b for b in dialog.buttons.buttons() if b is not dialog.apply_button)
    )
    with qtbot.waitSignal(dialog.finished):
        target.click()
    expected = dialog.DialogCode.Accepted if button == "Apply" else dialog.DialogCode.Rejected
    assert dialog.result() == expected
