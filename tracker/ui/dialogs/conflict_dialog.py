"""Someone else changed what you were editing: keep theirs, keep yours, or (for text)
keep both.

Shown by :class:`~tracker.ui.editing.EditController` when a service refuses an edit with
an :class:`~tracker.services.edit_conflicts.EditConflictError`. Nothing was written when
it opens; the choice decides what is.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.services.audit import as_text
from tracker.services.edit_conflicts import EditConflict
from tracker.ui.dialogs.messages import APP_TITLE


class Choice(Enum):
    THEIRS = "theirs"
    MINE = "mine"
    BOTH = "both"


class ConflictDialog(QDialog):
    def __init__(self, conflict: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(f"Changed by someone else – {APP_TITLE}")
        self.choice = Choice.THEIRS
        who = conflict.changed_by or "Someone else"
        intro = QLabel(
            f"{who} changed the {conflict.label} of this {conflict.record_type} after you "
            "read it. Nothing has been saved yet: choose what to keep.",
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        for column, (title, value) in enumerate(
            ((f"Theirs ({who})", conflict.theirs), ("Yours", conflict.mine))
        ):
            grid.addWidget(QLabel(title, self), 0, column)
            view = QPlainTextEdit(as_text(value) or "", self)
            view.setReadOnly(True)
            view.setObjectName(f"conflict{Choice.THEIRS.name if column == 0 else Choice.MINE.name}")
            view.setAccessibleName(title)
            grid.addWidget(view, 1, column)
        buttons = QDialogButtonBox(self)
        self.buttons: dict[Choice, QPushButton] = {}
        labels = {Choice.THEIRS: "Keep &theirs", Choice.MINE: "Keep &mine"}
        if conflict.can_keep_both:
            labels[Choice.BOTH] = "Keep &both"
        for choice, label in labels.items():
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            button.setObjectName(f"keep{choice.name.capitalize()}")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.buttons[choice] = button
        self.buttons[Choice.THEIRS].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, conflict: EditConflict, parent: QWidget | None = None) -> Choice:
        """Show the dialog modally; closing it keeps theirs (nothing is overwritten)."""
        dialog = cls(conflict, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return Choice.THEIRS
        return dialog.choice
