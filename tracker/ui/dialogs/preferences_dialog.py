"""Preferences: the user's name, which signs their updates and drives "My actions".

Asked once on first run; kept per machine in QSettings.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from tracker.ui.settings import Settings


class PreferencesDialog(QDialog):
    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, first_run: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Welcome" if first_run else "Preferences")
        self.settings = settings
        self.name = QLineEdit(settings.user_name, self)
        self.name.setObjectName("userName")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Pip Mayo")
        intro = QLabel(
            "Your name signs the progress updates you record and picks out your actions "
            "for “My actions”. Write it as it appears in the plan's Lead column."
            if first_run
            else "Your name signs the updates you record and picks out “My actions”.",
            self,
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(intro)
        layout.addRow("Your &name", self.name)
        layout.addRow(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.resize(440, self.sizeHint().height())

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def accept(self) -> None:
        if not self.name.text().strip():
            return
        self.settings.user_name = self.name.text()
        super().accept()
