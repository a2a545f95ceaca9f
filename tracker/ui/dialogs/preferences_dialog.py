"""Preferences: the user's name, which signs their updates and drives "My actions", and
the programme office (who may verify completion).

The name is asked once on first run and kept per machine in QSettings; the programme
office is a list in the open database, shared by everyone who uses the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.ui.settings import Settings

if TYPE_CHECKING:
    from tracker.db import Database


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
        database: Database | None = None,
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
        self.database = None if first_run else database
        self.office: QPlainTextEdit | None = None
        self.office_error = QLabel(self)
        self.office_error.setObjectName("programmeOfficeError")
        self.office_error.setWordWrap(True)
        self.office_error.setStyleSheet("color: #9b1c1c;")
        self.office_error.hide()
        if self.database is not None:
            self.office = self._office_field(self.database)
            layout.addRow("&Programme office", self.office)
            layout.addRow(self.office_error)
        layout.addRow(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.resize(440, self.sizeHint().height())

    def _office_field(self, database: Database) -> QPlainTextEdit:
        from tracker.services.programme_office import programme_office

        field = QPlainTextEdit(self)
        field.setObjectName("programmeOffice")
        field.setAccessibleName("Programme office: who may verify completion, one name a line")
        field.setToolTip("Who may verify that an action is complete (Blue): one name a line")
        field.setTabChangesFocus(True)
        field.setFixedHeight(field.fontMetrics().lineSpacing() * 4 + 12)
        try:
            field.setPlainText("\n".join(programme_office(database)))
        except TrackerError as exc:
            self.office_error.setText(str(exc))
            self.office_error.show()
        return field

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def accept(self) -> None:
        if not self.name.text().strip():
            return
        if self.office is not None and self.database is not None:
            from tracker.services.programme_office import set_programme_office

            names = self.office.toPlainText().splitlines()
            try:
                set_programme_office(self.database, names)
            except TrackerError as exc:
                self.office_error.setText(str(exc))
                self.office_error.show()
                return
        self.settings.user_name = self.name.text()
        super().accept()
