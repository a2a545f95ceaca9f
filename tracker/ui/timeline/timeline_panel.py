"""A workstream's timeline with its controls: the zoom box and buttons, "My actions
only", and Print (with a preview)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.services.action_rows import ActionRow
from tracker.ui.timeline.timeline_painting import ZOOMS, zoom_name
from tracker.ui.timeline.timeline_rows import TimelineRow, timeline_rows
from tracker.ui.timeline.timeline_view import TimelineView

LEGEND = (
    "◆ original due date · <span style='color:#d32f2f'>▬ slipped to ◇ the revised date</span>"
    " · <span style='color:#2e7d32'>◆ complete</span> · "
    "<span style='color:#e65100'>| today</span> · Ctrl+wheel or + and − to zoom"
)


class TimelinePanel(QWidget):
    def __init__(
        self,
        title: str,
        today: Callable[[], date],
        user_name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.title = title
        self._today = today
        self._user_name = user_name
        self._actions: list[ActionRow] = []
        self.view = TimelineView(today(), self)
        self.zoom = QComboBox(self)
        self.zoom.setObjectName("timelineZoom")
        self.zoom.setAccessibleName("Zoom")
        for name, _px in ZOOMS:
            self.zoom.addItem(name)
        self.zoom.setCurrentText(zoom_name(self.view.px_per_day))
        zoom_label = QLabel("&Zoom:", self)
        zoom_label.setBuddy(self.zoom)
        self.zoom_out = QToolButton(self)
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip("Zoom out (−)")
        self.zoom_in = QToolButton(self)
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip("Zoom in (+)")
        self.mine = QCheckBox("&My actions only", self)
        self.print_button = QPushButton("&Print…", self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (zoom_label, self.zoom, self.zoom_out, self.zoom_in, self.mine):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        legend = QLabel(LEGEND, self)
        legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        self.setFocusProxy(self.view)
        QWidget.setTabOrder(self.view, self.zoom)

        self.zoom.activated.connect(lambda i: self.view.set_zoom(ZOOMS[i][1]))
        self.zoom_in.clicked.connect(self.view.zoom_in)
        self.zoom_out.clicked.connect(self.view.zoom_out)
        self.view.zoomChanged.connect(lambda px: self.zoom.setCurrentText(zoom_name(px)))
        self.mine.toggled.connect(lambda _on: self._show())
        self.print_button.clicked.connect(self.print_preview)

    def set_actions(self, actions: Sequence[ActionRow]) -> None:
        self._actions = list(actions)
        self._show()

    def shown_rows(self) -> list[TimelineRow]:
        actions = self._actions
        if self.mine.isChecked():
            from tracker.services.people import person_key

            key = person_key(self._user_name()) if self._user_name().strip() else None
            actions = [a for a in actions if key and any(person_key(n) == key for n in a.leads)]
        return timeline_rows(actions)

    def _show(self) -> None:
        self.view.set_rows(self.shown_rows(), self._today())

    def print_preview(self) -> None:
        """Print the timeline, after a preview (QPrintPreviewDialog)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from tracker.ui.timeline.timeline_print import paint_timeline_pages, set_landscape_a4

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_landscape_a4(printer)
        rows, today = self.shown_rows(), self._today()
        title = f"{self.title}: timeline as at {today:%d %B %Y}"
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print the {self.title} timeline")
        dialog.paintRequested.connect(lambda p: paint_timeline_pages(p, rows, today, title))
        dialog.exec()
        dialog.deleteLater()
