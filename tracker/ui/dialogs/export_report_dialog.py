"""Before the board report is written: is this the report sent to the board, or a draft?

Only the report sent to the board moves the point the next report's "changes since the
last report" counts from, so a draft can be exported and checked as often as needed.
The box is unticked by default: exporting never moves that point unless asked to.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tracker.dates import local_time, short_date_time


class ExportReportDialog(QDialog):
    def __init__(self, last_sent: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportReportDialog")
        self.setWindowTitle("Export board report")
        since = (
            f"since the last report sent to the board ({short_date_time(local_time(last_sent))})"
            if last_sent
            else "since the plan was imported (no report has been marked as sent to the board)"
        )
        self.intro = QLabel(f"The report's Changes sheet lists the updates recorded {since}.", self)
        self.intro.setWordWrap(True)
        self.sent_to_board = QCheckBox("&This is the report I am sending to the board", self)
        self.sent_to_board.setObjectName("sentToBoard")
        self.sent_to_board.setChecked(False)
        note = QLabel(
            "Ticked, the next report lists the changes recorded from now on. Leave it "
            "unticked for a draft: the next report lists the same changes again.",
            self,
        )
        note.setWordWrap(True)
        note.setBuddy(self.sent_to_board)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.sent_to_board)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    @property
    def final(self) -> bool:
        """Whether the person marked this as the report sent to the board."""
        return self.sent_to_board.isChecked()

    @classmethod
    def ask(cls, last_sent: datetime | None, parent: QWidget | None = None) -> bool | None:
        """True for the report sent to the board, False for a draft, None if cancelled."""
        dialog = cls(last_sent, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.final
