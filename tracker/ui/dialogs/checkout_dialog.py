"""File > Check out from team database: which database, which workstreams, and the new
local file the working copy goes into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker.ui.dialogs.window_title import fit_window_title


@dataclass(frozen=True)
class CheckoutRequest:
    address: str
    workstreams: tuple[str, ...]  # none: the whole plan
    path: Path


class CheckoutDialog(QDialog):
    def __init__(self, start_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutDialog")
        self.setWindowTitle("Check out from team database")
        fit_window_title(self)
        self.start_folder = start_folder
        intro = QLabel(
            "A working copy is a file of its own: work on it with no network, then use "
            "File > Sync with team database when you are connected again.",
            self,
        )
        intro.setWordWrap(True)
        self.address = QLineEdit(self)
        self.address.setObjectName("checkoutAddress")
        self.address.setAccessibleName("Address of the team database")
        self.address.setPlaceholderText("postgresql://you@server/plan, or a tracker file")
        self.workstreams = QLineEdit(self)
        self.workstreams.setObjectName("checkoutWorkstreams")
        self.workstreams.setAccessibleName("Workstreams to check out")
        self.workstreams.setPlaceholderText("Blank for the whole plan; or Prevention, IT")
        self.path = QLineEdit(self)
        self.path.setObjectName("checkoutPath")
        self.path.setAccessibleName("The new file for the working copy")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Check out")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(intro)
        layout.addRow("Team &database", self._with_button(self.address, self._browse_source))
        layout.addRow("&Workstreams", self.workstreams)
        layout.addRow("&New file", self._with_button(self.path, self._browse_target))
        layout.addRow(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _with_button(self, field: QLineEdit, browse: object) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field, 1)
        button = QPushButton("Browse…", row)
        button.clicked.connect(browse)
        line.addWidget(button)
        return row

    def _browse_source(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Team database file", self.start_folder, "Tracker databases (*.sqlite3)"
        )
        if name:
            self.address.setText(name)

    def _browse_target(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New working copy", self.start_folder, "Tracker databases (*.sqlite3)"
        )
        if name:
            self.path.setText(name)

    def request(self) -> CheckoutRequest | None:
        address, path = self.address.text().strip(), self.path.text().strip()
        if not address or not path:
            return None
        names = tuple(n.strip() for n in self.workstreams.text().split(",") if n.strip())
        return CheckoutRequest(address, names, Path(path).expanduser())

    @classmethod
    def ask(cls, start_folder: str, parent: QWidget | None = None) -> CheckoutRequest | None:
        """Show the dialog modally; what the user asked for, or None if cancelled."""
        dialog = cls(start_folder, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
