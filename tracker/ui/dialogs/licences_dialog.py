"""Help > Licences: what the app is built from, each part's licence and its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.licences import Component, bundled_components

HEADERS = ("Component", "Version", "Licence")


class LicencesDialog(QDialog):
    """Not modal: it can stay open beside the window. The list is read once, on opening."""

    def __init__(
        self, parent: QWidget | None = None, components: list[Component] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("licencesDialog")
        self.setWindowTitle("Licences")
        self.components = bundled_components() if components is None else components

        self.table = QTableWidget(len(self.components), len(HEADERS), self)
        self.table.setObjectName("licencesTable")
        self.table.setAccessibleName("Components and their licences")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        for row, component in enumerate(self.components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("licenceText")
        self.text.setAccessibleName("Licence text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([220, 300])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)

        self.table.currentCellChanged.connect(self._show_text)
        if self.components:
            self.table.setCurrentCell(0, 0)
        self.resize(680, 560)

    def _show_text(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.components):
            self.text.setPlainText(self.components[row].text)
