"""File > Connect to team database: where the team's PostgreSQL database is, and who you
are on it.

The password is optional here: left empty, PostgreSQL's own ``.pgpass`` file (or the one
``PGPASSFILE`` names) supplies it, as for ``psql``. A password typed here is used for this
connection only; the address is remembered without it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.dialogs.messages import APP_TITLE

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class TeamAddress:
    host: str
    port: int
    database: str
    user: str
    password: str = ""

    def url(self) -> str:
        """The address as a ``postgresql://`` URL (with the password, if one was typed)."""
        from urllib.parse import quote

        who = quote(self.user, safe="")
        if self.password:
            who += ":" + quote(self.password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{who}@{host}:{self.port}/{quote(self.database, safe='')}"


class ConnectTeamDialog(QDialog):
    def __init__(self, last: TeamAddress | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectTeamDialog")
        self.setWindowTitle(f"Connect to team database – {APP_TITLE}")
        intro = QLabel(
            "A team shares one plan on a PostgreSQL server. Ask your programme office for "
            "these details.",
            self,
        )
        intro.setWordWrap(True)
        self.host = QLineEdit(self)
        self.host.setObjectName("teamHost")
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox(self)
        self.port.setObjectName("teamPort")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setObjectName("teamDatabase")
        self.database.setPlaceholderText("tracker")
        self.user = QLineEdit(self)
        self.user.setObjectName("teamUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("teamPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("empty: taken from your .pgpass file")
        if last is not None:
            self.host.setText(last.host)
            self.port.setValue(last.port)
            self.database.setText(last.database)
            self.user.setText(last.user)
        form = QFormLayout()
        form.addRow("&Server", self.host)
        form.addRow("P&ort", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&User name", self.user)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText("&Connect")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._update)
        self._update()
        # As wide as its title (with room for the window's buttons) and the hints.
        title_width = self.fontMetrics().horizontalAdvance(self.windowTitle())
        self.setMinimumWidth(max(480, title_width + 160))

    def _update(self) -> None:
        filled = all(f.text().strip() for f in (self.host, self.database, self.user))
        self.connect_button.setEnabled(filled)

    def address(self) -> TeamAddress:
        return TeamAddress(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )

    @classmethod
    def ask(cls, last: TeamAddress | None, parent: QWidget | None = None) -> TeamAddress | None:
        dialog = cls(last, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.address()
