"""Plan > Close reporting period…: freeze where every action stands for a board, with the
programme office's key messages for the highlight report.

Closing hands the choices to a callback (the action group closes the period through the
service, in one audited transaction); a refusal (a date in the future, a period already
closed that day) shows its message here and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tracker.dates import long_date
from tracker.ui.widgets.date_edit import OptionalDateEdit

# (date, label, key messages) -> an error to show, or None once closed.
CloseCallback = Callable[[date, str, str], "str | None"]


class ClosePeriodDialog(QDialog):
    def __init__(
        self,
        plan_name: str,
        today: Callable[[], date],
        close: CloseCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closePeriodDialog")
        self.setWindowTitle(f"Close reporting period: {plan_name}")
        self._close = close
        layout = QFormLayout(self)
        intro = QLabel(
            "Closing a period freezes where every action stood at the end of the day, for "
            "the board: the next report compares with it (direction of travel, completed, "
            "slipped). A closed period is never changed.",
            self,
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.on = OptionalDateEdit(self, allow_none=False)
        self.on.setObjectName("periodDate")
        self.on.setAccessibleName("Date the period closes on")
        self.on.set_clock(today)
        self.on.set_value(today())
        layout.addRow("Closes &on", self.on)
        self.label = QLineEdit(self)
        self.label.setObjectName("periodLabel")
        self.label.setAccessibleName("Label")
        self.label.setPlaceholderText("Board, September 2018")
        layout.addRow("&Label", self.label)
        self.key_messages = QPlainTextEdit(self)
        self.key_messages.setObjectName("periodKeyMessages")
        self.key_messages.setAccessibleName("Key messages for the highlight report")
        self.key_messages.setTabChangesFocus(True)
        self.key_messages.setPlaceholderText(
            "What the board most needs to know this period: the highlight report opens with it"
        )
        layout.addRow("&Key messages", self.key_messages)
        self.error = QLabel(self)
        self.error.setObjectName("closePeriodError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        layout.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.close_button = self.buttons.addButton(
            "Close &period", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setObjectName("closePeriodButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.on.problem.connect(self._show_error)
        layout.activate()  # the minimum size settles before the dialog has a window
        self.resize(520, self.sizeHint().height())

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def accept(self) -> None:
        if not self.on.finish():
            return  # the date field says what is wrong with what was typed
        on = self.on.value()
        if on is None:
            self._show_error("Give the date the period closes on.")
            return
        label = " ".join(self.label.text().split()) or f"Period to {long_date(on)}"
        error = self._close(on, label, self.key_messages.toPlainText())
        if error:
            self._show_error(error)
            return
        super().accept()
