"""Export status returns: one workbook per workstream or per lead, when they are due back
and to whom, asked in one dialog before the folder.

Both are shown on every return and on its Instructions sheet. The date is optional (untick
it to leave it out) and starts two weeks from today; the contact starts as the user's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.dialogs.window_title import fit_window_title
from tracker.ui.widgets.date_edit import OptionalDateEdit

DEFAULT_WEEKS = 2
CONTACT_LIMIT = 200  # characters, as the return holds


@dataclass(frozen=True)
class ReturnsRequest:
    """Returns one per workstream or lead (``by``), back by ``due_back``, to ``contact``."""

    due_back: date | None
    contact: str
    by: str = "workstream"


# How the returns are split, as the export names it, with the words the dialog shows.
LAYOUTS = (("workstream", "One workbook per &workstream"), ("lead", "One workbook per &lead"))


class ExportReturnsDialog(QDialog):
    def __init__(self, today: date, contact: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportReturnsDialog")
        self.setWindowTitle("Export status returns")
        fit_window_title(self)
        intro = QLabel("Each return tells its lead when to send it back, and to whom.", self)
        intro.setWordWrap(True)
        self.layouts = QButtonGroup(self)
        layouts = QWidget(self)
        layouts.setObjectName("returnsLayout")
        column = QVBoxLayout(layouts)
        column.setContentsMargins(0, 0, 0, 0)
        for position, (by, text) in enumerate(LAYOUTS):
            button = QRadioButton(text, layouts)
            button.setObjectName(f"returnsBy_{by}")
            button.setChecked(position == 0)
            self.layouts.addButton(button, position)
            column.addWidget(button)
        self.has_due = QCheckBox("Due &back by", self)
        self.has_due.setObjectName("returnsHasDue")
        self.has_due.setChecked(True)
        self.due_back = OptionalDateEdit(self, allow_none=False)
        self.due_back.setObjectName("returnsDueBack")
        self.due_back.setAccessibleName("Date the returns are due back")
        self.due_back.set_clock(lambda: today)  # its calendar opens on today
        self.due_back.set_value(today + timedelta(weeks=DEFAULT_WEEKS))
        self.has_due.toggled.connect(self.due_back.setEnabled)
        self.contact = QLineEdit(contact, self)
        self.contact.setObjectName("returnsContact")
        self.contact.setAccessibleName("Whom to send the returns back to")
        self.contact.setMaxLength(CONTACT_LIMIT)
        self.contact.setPlaceholderText("A name and an email address or telephone number")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Next…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(intro)
        layout.addRow("Write", layouts)
        layout.addRow(self.has_due, self.due_back)
        layout.addRow("Send them back &to", self.contact)
        layout.addRow(self.buttons)
        self.contact.setFocus()
        self.resize(480, self.sizeHint().height())

    def request(self) -> ReturnsRequest:
        due = self.due_back.value() if self.has_due.isChecked() else None
        by = LAYOUTS[max(self.layouts.checkedId(), 0)][0]
        return ReturnsRequest(due, " ".join(self.contact.text().split()), by)

    @classmethod
    def ask(cls, today: date, contact: str, parent: QWidget | None = None) -> ReturnsRequest | None:
        """Show the dialog modally; what the user asked for, or None if cancelled."""
        dialog = cls(today, contact, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
