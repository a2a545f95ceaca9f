"""Add update: record progress on an action in a minute.

Date (today by default), status, RAG, percent complete and a note, signed with the name
from Preferences. A revised due date may be set; when it moves the deadline the dialog
asks for a reason (the service enforces the same rule). Saving is one transaction and one
undo step. Closing it (Escape, Cancel, the window's close button) after typing a note
asks first whether to discard what was typed.

When the update makes the action an exception (rated red, or the action is overdue) the
dialog also asks what the board needs to know and do: cause, mitigation, recovery date
and the decision asked. They are recorded with the update and head the board report's
Exceptions sheet.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from tracker.domain import RAGS, STATUSES, Rag, Status
from tracker.rag_rule import calculated_rag, is_greener
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.ui.editing import EditController
from tracker.ui.formatting import format_date, rag_label
from tracker.ui.widgets.date_edit import OptionalDateEdit


class AddUpdateDialog(QDialog):
    def __init__(
        self,
        row: ActionRow,
        author: str,
        controller: EditController,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addUpdateDialog")
        self.setWindowTitle(f"Add update: {row.ref}")
        self.row = row
        self.author = author
        self.controller = controller
        self.today = today

        heading = QLabel(f"<b>{html.escape(row.ref)}</b> {html.escape(row.text[:160])}", self)
        heading.setWordWrap(True)
        self.date = OptionalDateEdit(self, allow_none=False)
        self.date.setObjectName("updateDate")
        self.date.setAccessibleName("Date of the update")
        self.date.set_clock(lambda: today)
        self.date.set_value(today)
        self.status = QComboBox(self)
        self.status.setObjectName("updateStatus")
        self.status.setAccessibleName("Status")
        for status in STATUSES:
            self.status.addItem(status, status)
        self.status.setCurrentIndex(max(self.status.findData(row.status), 0))
        self.rag = QComboBox(self)
        self.rag.setObjectName("updateRag")
        self.rag.setAccessibleName("RAG rating")
        self.rag.addItem(rag_label(None), None)
        for rag in RAGS:
            self.rag.addItem(f"{rag_label(rag)} ({rag})", rag)
        self.rag.setCurrentIndex(max(self.rag.findData(row.rag), 0))
        self.percent = QSpinBox(self)
        self.percent.setObjectName("updatePercent")
        self.percent.setAccessibleName("Percent complete")
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(row.percent)
        self.narrative = QPlainTextEdit(self)
        self.narrative.setObjectName("updateNarrative")
        self.narrative.setAccessibleName("What has happened")
        self.narrative.setTabChangesFocus(True)
        self.narrative.setPlaceholderText("What has happened since the last update")
        self.revised_due = OptionalDateEdit(self)
        self.revised_due.setObjectName("updateRevisedDue")
        self.revised_due.setAccessibleName("Revised due date")
        self.revised_due.set_clock(lambda: today)
        self.revised_due.set_value(row.revised_due)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("updateReason")
        self.reason.setAccessibleName("Reason for the new due date")
        self.exception_box = QGroupBox("Exception: what the board needs to know and do", self)
        self.exception_box.setObjectName("updateException")
        self.cause = QLineEdit(self.exception_box)
        self.cause.setObjectName("updateCause")
        self.cause.setAccessibleName("Cause of the exception")
        self.mitigation = QLineEdit(self.exception_box)
        self.mitigation.setObjectName("updateMitigation")
        self.mitigation.setAccessibleName("Mitigation")
        self.recovery = OptionalDateEdit(self.exception_box)
        self.recovery.setObjectName("updateRecovery")
        self.recovery.setAccessibleName("Recovery date")
        self.recovery.set_clock(lambda: today)
        self.decision = QLineEdit(self.exception_box)
        self.decision.setObjectName("updateDecision")
        self.decision.setAccessibleName("Decision asked of the board")
        exception_form = QFormLayout(self.exception_box)
        exception_form.addRow("Ca&use", self.cause)
        exception_form.addRow("&Mitigation", self.mitigation)
        exception_form.addRow("Reco&very date", self.recovery)
        exception_form.addRow("Decision as&ked", self.decision)
        self.overdue = row.is_overdue(today)
        self.calculated = QLabel(self)
        self.calculated.setObjectName("updateCalculatedRag")
        self.calculated.setWordWrap(True)
        self.rag_reason = QLineEdit(self)
        self.rag_reason.setObjectName("updateRagReason")
        self.rag_reason.setAccessibleName("Reason for a RAG greener than the calculated one")
        self.error = QLabel(self)
        self.error.setObjectName("updateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        due_now = row.revised_due or row.due
        layout = QFormLayout(self)
        layout.addRow(heading)
        layout.addRow("&Date", self.date)
        layout.addRow("&Status", self.status)
        layout.addRow("&RAG", self.rag)
        layout.addRow("Calculated RAG", self.calculated)
        layout.addRow("Reason for the RA&G", self.rag_reason)
        layout.addRow("% &complete", self.percent)
        layout.addRow("&Update", self.narrative)
        layout.addRow(f"Revised d&ue (now {format_date(due_now) or 'not set'})", self.revised_due)
        layout.addRow("Rea&son for the change", self.reason)
        layout.addRow(self.exception_box)
        layout.addRow(QLabel(f"Recorded by {html.escape(author)}", self))
        layout.addRow(self.error)
        layout.addRow(self.buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.rag.currentIndexChanged.connect(lambda _i: self._exception_needed())
        self.recovery.problem.connect(self._show_problem)
        self._exception_needed()
        for combo in (self.status, self.rag):
            combo.currentIndexChanged.connect(lambda _i: self._rag_reason_needed())
        self.percent.valueChanged.connect(lambda _v: self._rag_reason_needed())
        for field in (self.date, self.revised_due):
            field.textChanged.connect(lambda _t: self._rag_reason_needed())
        self.revised_due.textChanged.connect(lambda _t: self._reason_needed())
        self.revised_due.committed.connect(lambda _d: self._reason_needed())
        for field in (self.date, self.revised_due):
            field.problem.connect(self._show_problem)
        self.discard_box: QMessageBox | None = None
        self._reason_needed()
        self._rag_reason_needed()
        self.narrative.setFocus()
        self.resize(560, self.sizeHint().height())

    def entry(self) -> UpdateInput:
        return UpdateInput(
            date=self.date.value() or date.today(),
            author=self.author,
            status=self.status.currentData(),
            rag=self.rag.currentData(),
            percent=self.percent.value(),
            narrative=self.narrative.toPlainText(),
            revised_due=self.revised_due.value(),
            revision_reason=self.reason.text().strip() or None,
            **self._exception_fields(),
            rag_reason=self.rag_reason.text().strip() or None,
        )

    def is_exception(self) -> bool:
        """Does this update raise (or keep) an exception: rated red, or overdue?"""
        return self.rag.currentData() == Rag.RED.value or self.overdue

    def _exception_needed(self) -> None:
        self.exception_box.setVisible(self.is_exception())
        self.adjustSize()

    def _exception_fields(self) -> dict[str, Any]:
        if not self.is_exception():
            return {}
        return {
            "cause": self.cause.text().strip() or None,
            "mitigation": self.mitigation.text().strip() or None,
            "recovery_date": self.recovery.value(),
            "decision_asked": self.decision.text().strip() or None,
        }

    def _status_changed(self) -> None:
        if self.status.currentData() == Status.COMPLETE.value:
            self.percent.setValue(100)

    def _reason_needed(self) -> bool:
        new = self.revised_due.typed_value()
        moved = new is not None and new != (self.row.revised_due or self.row.due)
        self.reason.setEnabled(moved)
        self.reason.setPlaceholderText("Required: why the due date moves" if moved else "")
        return moved

    def _rag_reason_needed(self) -> bool:
        """Show the calculated RAG for what is entered; a RAG set greener needs a reason."""
        rule = self.controller.state.rag_rule
        when = self.date.typed_value() or self.today
        revised = self.revised_due.typed_value() or self.row.revised_due
        status, rag = self.status.currentData(), self.rag.currentData()
        calc, why = calculated_rag(
            self.row.start, self.row.due, revised, status, self.percent.value(), when, rule
        )
        self.calculated.setText(f"{rag_label(calc)}: {why}")
        needed = rag != self.row.rag and is_greener(rag, calc)
        self.rag_reason.setEnabled(needed or bool(self.rag_reason.text()))
        self.rag_reason.setPlaceholderText(
            f"Required: why {rag_label(rag)} when the calculated RAG is {rag_label(calc)}"
            if needed
            else ""
        )
        return needed

    def _show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def has_typing(self) -> bool:
        """Has the person written anything that closing would lose?"""
        return bool(
            self.narrative.toPlainText().strip()
            or self.reason.text().strip()
            or self.rag_reason.text().strip()
        )

    def reject(self) -> None:
        if not self.has_typing():
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discard this update?",
            "You have written an update that is not saved. Discard it?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("discardUpdate")
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._discard_answered(button is discard))
        self.discard_box = box
        box.open()

    def _discard_answered(self, discard: bool) -> None:
        self.discard_box = None
        if discard:
            super().reject()
        else:
            self.narrative.setFocus()

    def accept(self) -> None:
        # Text typed in a date field and not yet left is read now, as the field would.
        for field in (self.date, self.revised_due, self.recovery):
            if not field.finish():
                field.setFocus()
                return
        entry = self.entry()
        error = self.controller.check_update(self.row.id, entry)
        if error is None:
            error = self.controller.add_update(self.row.id, entry)
        if error:
            self.error.setText(error)
            self.error.show()
            return
        super().accept()
