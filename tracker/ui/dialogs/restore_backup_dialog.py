"""File > Restore from backup: the database's backups in a table, each with what it holds.

One row per backup, newest first: when it was taken, why, its plans, actions and updates,
and its last recorded change. A backup this version cannot restore (damaged, or written by
a newer version) is listed greyed with the reason, and cannot be chosen. Choosing Restore
asks first; when the backup holds less than the current file the question says exactly
what would be lost and Cancel is the default. The dialog only returns the choice; the
caller restores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtCore import QPersistentModelIndex as PersistentIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.dates import local_time, short_date_time
from tracker.services.backup_contents import (
    BackupContents,
    DatabaseSummary,
    Readable,
    loss_warning,
)
from tracker.ui.dialogs.messages import APP_TITLE
from tracker.ui.models.headed_table_model import HeadedTableModel

Index = QModelIndex | PersistentIndex


def taken_at(contents: BackupContents) -> str:
    return short_date_time(local_time(contents.backup.taken_at))


class BackupsModel(HeadedTableModel[BackupContents]):
    """The backups, one row each; rows that cannot be restored are disabled."""

    TAKEN, REASON, PLANS, ACTIONS, UPDATES, LAST_CHANGE = range(6)
    HEADERS = ("Taken at", "Reason", "Plans", "Actions", "Updates", "Last change")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not self.rows[index.row()].summary.restorable:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contents = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(contents, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            summary = contents.summary
            if summary.readable is Readable.NEWER:
                return f"This backup is {summary.problem()}: install that version to restore it."
            if summary.problem():
                return f"This backup cannot be restored: it is {summary.problem()}."
            if column == self.PLANS:
                return "\n".join(p.name for p in summary.plans)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ACTIONS, self.UPDATES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, contents: BackupContents, column: int) -> str:
        summary = contents.summary
        if column == self.TAKEN:
            return taken_at(contents)
        if column == self.REASON:
            return contents.backup.reason.capitalize()
        if summary.problem():
            # The problem stands where the contents would.
            return summary.problem().capitalize() if column == self.PLANS else ""
        if column == self.PLANS:
            return "; ".join(p.name for p in summary.plans) or "No plan"
        if column == self.ACTIONS:
            return f"{summary.actions:,}"
        if column == self.UPDATES:
            return f"{summary.updates:,}"
        if column == self.LAST_CHANGE:
            last = summary.last_change
            return short_date_time(local_time(last)) if last is not None else "Not recorded"
        return ""


class RestoreBackupDialog(QDialog):
    """Choose a backup; :meth:`chosen` is it once the dialog is accepted."""

    def __init__(
        self,
        backups: Sequence[BackupContents],
        current: DatabaseSummary,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle("Restore from backup")
        self.current = current
        self.file_name = file_name
        self.confirmation: QMessageBox | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Put {file_name} back as it was when one of its backups was taken. "
            f"It holds {current.counts()} now.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = BackupsModel(backups, self)
        self.table = QTableView(self)
        self.table.setObjectName("backups")
        self.table.setAccessibleName("Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupsModel.PLANS, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self._ask())
        layout.addWidget(self.table, 1)
        intro.setBuddy(self.table)

        self.buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton = self.buttons.addButton(
            "&Restore…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ask)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_button)

        first = next((i for i, b in enumerate(backups) if b.summary.restorable), None)
        if first is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(first, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_button()
        self.table.setFocus()
        self.resize(760, 360)

    def chosen(self) -> BackupContents | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_button(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)
        self.restore_button.setDefault(True)

    def _ask(self) -> None:
        """Confirm the restore; with data to lose, say what and default to Cancel."""
        chosen = self.chosen()
        # Enter both activates the row and presses the default button: ask once.
        if chosen is None or self.confirmation is not None:
            return
        warning = loss_warning(self.current, chosen.summary)
        when = taken_at(chosen)
        safety = "The current state is backed up first, so restoring that backup undoes this."
        if warning:
            text = f"{warning}\n\nRestore the backup of {when} anyway? {safety}"
            icon = QMessageBox.Icon.Warning
        else:
            text = (
                f"Restore {self.file_name} to the backup of {when}? It holds everything "
                f"the current file does. {safety}"
            )
            icon = QMessageBox.Icon.Question
        box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmRestore")
        box.setTextFormat(Qt.TextFormat.PlainText)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if warning else restore)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(box.clickedButton() is restore))
        self.confirmation = box
        box.open()

    def _answered(self, confirmed: bool) -> None:
        self.confirmation = None
        if confirmed:
            self.accept()
        else:
            self.table.setFocus()
