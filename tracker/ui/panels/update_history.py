"""An action's update history in the detail panel: newest first, notes in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from tracker.ui.models.updates_model import UpdatesModel

if TYPE_CHECKING:
    from tracker.services.actions import UpdateRow


class UpdateHistory(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UpdatesModel(self)
        self.list = QListView(self)
        self.list.setObjectName("updateHistory")
        self.list.setAccessibleName("Update history, newest first")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(120)
        self.empty = QLabel("No progress updates yet.", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def set_updates(self, rows: list[UpdateRow]) -> None:
        self.model.set_updates(rows)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
