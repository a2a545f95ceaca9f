"""The plan selector: which of the database's plans the tabs show.

A labelled drop-down for the toolbar. It lists the live plans (and the archived ones when
the person asked to see them), marks archived plans as such, and tells plans that share a
name apart by their number. Choosing one (mouse or keyboard) emits :attr:`planChosen`;
setting the list from code does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from tracker.dates import local_time, short_date

if TYPE_CHECKING:
    from tracker.services.plans import PlanInfo

TOOLTIP = Qt.ItemDataRole.ToolTipRole
FULL_NAME = Qt.ItemDataRole.AccessibleTextRole  # the label uncut, for screen readers
MAX_WIDTH = 420  # pixels of a plan's name in the selector: it fits a 1024-wide window


def plan_label(plan: PlanInfo, plans: Sequence[PlanInfo] = ()) -> str:
    """How a plan is named in the selector and the menu."""
    label = plan.name
    if sum(1 for p in plans if p.name.casefold() == plan.name.casefold()) > 1:
        label += f" (plan {plan.id})"
    if plan.archived:
        label += " – archived"
    return label


class PlanSelector(QWidget):
    planChosen = Signal(int)  # the plan's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planSelector")
        self.combo = QComboBox(self)
        self.combo.setObjectName("planSelectorCombo")
        self.combo.setAccessibleName("Plan in view")
        self.combo.setToolTip("The plan the tabs show")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(16)
        self.combo.setMaximumWidth(MAX_WIDTH + 40)
        self.combo.activated.connect(self._activated)
        label = QLabel("Plan:", self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)

    def set_plans(
        self, plans: Sequence[PlanInfo], current: int | None, *, show_archived: bool
    ) -> None:
        """List these plans (archived ones only if asked, or if in view); select ``current``."""
        shown = [p for p in plans if show_archived or not p.archived or p.id == current]
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            metrics = self.combo.fontMetrics()
            for plan in shown:
                label = plan_label(plan, shown)
                # Plans often differ only at the end ("… (2)"): cut long names in the middle.
                shown_label = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, MAX_WIDTH)
                self.combo.addItem(shown_label, plan.id)
                index = self.combo.count() - 1
                tip = f"Imported {short_date(local_time(plan.imported_at))}"
                if plan.source_file:
                    tip += f" from {plan.source_file}"
                self.combo.setItemData(index, label, FULL_NAME)
                self.combo.setItemData(index, f"{label}\n{tip}; {plan.contents}", TOOLTIP)
            if not shown:
                self.combo.addItem("No plan", None)
                self.combo.setItemData(0, "No plan", FULL_NAME)
            self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        finally:
            self.combo.blockSignals(False)
        self.combo.setEnabled(bool(shown))

    def labels(self) -> list[str]:
        """The plans as listed, uncut."""
        return [self.combo.itemData(i, FULL_NAME) for i in range(self.combo.count())]

    def current_plan_id(self) -> int | None:
        value = self.combo.currentData()
        return value if isinstance(value, int) else None

    def _activated(self, index: int) -> None:
        value = self.combo.itemData(index)
        if isinstance(value, int):
            self.planChosen.emit(value)
