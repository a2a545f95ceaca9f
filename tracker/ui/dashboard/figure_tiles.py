"""The headline figures across every workstream, as buttons: pressing one lists the
actions behind it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from tracker import domain
from tracker.services.overview import Summary

# (figure, label, tip) in the order shown; the figure names are the Overview's.
TILES = (
    ("overdue", "Overdue", "Past their (revised) due date and not complete"),
    ("due_soon", f"Due in {domain.DUE_SOON_DAYS} days", "Due soon and not complete"),
    ("slipped", "Slipped", "Revised due date later than the original"),
    ("needs_review", "To review", "Flagged for review on import or later"),
    ("complete", "Complete", "Actions marked complete"),
)


class FigureTiles(QWidget):
    figureChosen = Signal(str)  # the figure's name, e.g. "overdue"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for figure, label, tip in TILES:
            button = QPushButton(label, self)
            button.setObjectName(f"tile:{figure}")
            button.setToolTip(f"{tip}: press to list them")
            button.setMinimumHeight(button.fontMetrics().height() * 3)
            button.clicked.connect(lambda _checked=False, f=figure: self.figureChosen.emit(f))
            layout.addWidget(button, 1)
            self.buttons[figure] = button

    def show_total(self, total: Summary) -> None:
        for figure, label, _tip in TILES:
            value = int(getattr(total, figure))
            button = self.buttons[figure]
            button.setText(f"{value}\n{label}")
            button.setAccessibleName(f"{label}: {value}")
            font = button.font()
            font.setBold(figure in ("overdue", "needs_review") and value > 0)
            button.setFont(font)
