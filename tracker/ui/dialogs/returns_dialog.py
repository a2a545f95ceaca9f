"""The Returns view: the status returns sent for the plan in view, which are back, which
are outstanding and which are overdue (the same list as ``tracker returns``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.models.returns_model import SENT_TO, ReturnsModel

if TYPE_CHECKING:
    from tracker.services.returns_chasing import ReturnChase


class ReturnsDialog(QDialog):
    def __init__(self, plan_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsDialog")
        self.setWindowTitle(f"Status returns: {plan_name}")
        self.summary = QLabel("Reading the returns…", self)
        self.summary.setObjectName("returnsSummary")
        self.summary.setWordWrap(True)
        self.model = ReturnsModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("returnsTable")
        self.table.setAccessibleName("Status returns sent")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SENT_TO, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def show_returns(self, chases: list[ReturnChase]) -> None:
        self.model.set_rows(chases)
        if not chases:
            self.summary.setText(
                "No status returns have been sent for this plan yet. Send them with "
                "File > Export status returns; each export is listed here."
            )
            return
        back = sum(c.back_on is not None for c in chases)
        overdue = sum(c.overdue for c in chases)
        self.summary.setText(
            f"{len(chases)} sent: {back} back, {len(chases) - back} outstanding, "
            f"{overdue} overdue. Importing a return marks it back."
        )
