"""Before a sync: the fields changed both here and on the team database since the last
sync, three ways (at last sync, mine, theirs), each with a choice: keep mine, take theirs,
or decide later (left as it is on both sides)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.services.sync import MINE, THEIRS, FieldConflict, shown
from tracker.ui.dialogs.window_title import fit_window_title

CHOICES = (("Decide later", None), ("Keep mine", MINE), ("Take theirs", THEIRS))
HEADINGS = ("Action", "Field", "At last sync", "Mine", "Theirs", "Keep")

Choices = dict[tuple[int, str], str]


class SyncConflictsDialog(QDialog):
    def __init__(self, conflicts: Sequence[FieldConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictsDialog")
        self.setWindowTitle("Sync: changed on both sides")
        fit_window_title(self)
        self.conflicts = list(conflicts)
        intro = QLabel(
            f"{len(self.conflicts)} fields were changed here and on the team database since "
            "the last sync. Choose which to keep; what you leave to decide later stays as "
            "it is on both sides. Updates are never in conflict: both sides get all of them.",
            self,
        )
        intro.setWordWrap(True)
        grid_holder = QWidget(self)
        grid = QGridLayout(grid_holder)
        for column, heading in enumerate(HEADINGS):
            label = QLabel(f"<b>{heading}</b>", grid_holder)
            grid.addWidget(label, 0, column)
        self.boxes: list[QComboBox] = []
        for row, conflict in enumerate(self.conflicts, start=1):
            values = (conflict.ref, conflict.label, conflict.base, conflict.mine, conflict.theirs)
            for column, value in enumerate(values):
                text = value if column < 2 else shown(value)
                cell = QLabel(str(text), grid_holder)
                cell.setWordWrap(True)
                grid.addWidget(cell, row, column)
            box = QComboBox(grid_holder)
            box.setObjectName(f"conflictChoice{row - 1}")
            box.setAccessibleName(f"Keep for {conflict.ref} {conflict.label}")
            for text, _value in CHOICES:
                box.addItem(text)
            grid.addWidget(box, row, len(values))
            self.boxes.append(box)
        # The rows stay at the top; the values' columns take the width.
        grid.setRowStretch(len(self.conflicts) + 1, 1)
        for column in (2, 3, 4):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_holder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sync")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 360)

    def choices(self) -> Choices:
        chosen: Choices = {}
        for conflict, box in zip(self.conflicts, self.boxes, strict=True):
            value = CHOICES[box.currentIndex()][1]
            if value is not None:
                chosen[(conflict.action_id, conflict.field)] = value
        return chosen

    @classmethod
    def ask(
        cls, conflicts: Sequence[FieldConflict], parent: QWidget | None = None
    ) -> Choices | None:
        """Show the dialog modally; the choices made, or None if the sync is cancelled."""
        dialog = cls(conflicts, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()
