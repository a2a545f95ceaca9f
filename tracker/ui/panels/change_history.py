"""The detail panel's Change history: who changed what about the action, from the
audit log, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from tracker.ui.models.change_history_model import ChangeHistoryModel

if TYPE_CHECKING:
    from tracker.services.audit import AuditRow


class ChangeHistory(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChangeHistoryModel(self)
        self.list = QListView(self)
        self.list.setObjectName("changeHistory")
        self.list.setAccessibleName("Change history from the audit log, newest first")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(120)
        self.empty = QLabel("No changes since the plan was imported.", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def set_changes(self, rows: list[AuditRow]) -> None:
        self.model.set_changes(rows)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
