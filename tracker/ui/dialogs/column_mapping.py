"""Saying which column is which when a workbook's headers are not recognised.

Shows the rows that look like a header (from ``HeaderNotRecognisedError.candidates``)
and, for each field the importer knows (Status, RAG, % complete and Comments among them),
a choice of that row's headers, with any header it recognises already chosen. The result is the
same ``{field: header text}`` mapping the CLI's ``--map`` takes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from tracker.importing.header_words import field_for_header
from tracker.importing.plan_layout import FIELD_LABELS, FIELDS

NOT_PRESENT = "(not in this sheet)"
REQUIRED = ("action",)


class ColumnMappingWidget(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setObjectName("mappingMessage")
        self.message.setWordWrap(True)
        self.row_choice = QComboBox(self)
        self.row_choice.setObjectName("headerRow")
        self.row_choice.setAccessibleName("Header row")
        self.fields: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow("Header &row", self.row_choice)
        for name in FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"map_{name}")
            combo.setAccessibleName(f"Column for {FIELD_LABELS[name]}")
            combo.currentIndexChanged.connect(self.changed)
            self.fields[name] = combo
            label = FIELD_LABELS[name] + (" (required)" if name in REQUIRED else "")
            form.addRow(label, combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)
        self._candidates: list[tuple[str, int, list[str]]] = []
        self.row_choice.currentIndexChanged.connect(self._fill_fields)

    def set_candidates(self, message: str, candidates: list[tuple[str, int, list[str]]]) -> None:
        self.message.setText(f"{message}\n\nChoose the header row and say which column holds what.")
        self._candidates = candidates
        blocked = self.row_choice.blockSignals(True)
        self.row_choice.clear()
        for sheet, row, _texts in candidates:
            self.row_choice.addItem(f"Sheet '{sheet}', row {row}")
        self.row_choice.blockSignals(blocked)
        self._fill_fields()

    def _fill_fields(self) -> None:
        index = self.row_choice.currentIndex()
        texts = self._candidates[index][2] if 0 <= index < len(self._candidates) else []
        headers = [t for t in texts if t]
        for name, combo in self.fields.items():
            blocked = combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_PRESENT, "")
            for header in headers:
                combo.addItem(header, header)
            # A header whose wording the importer knows starts out chosen for its field.
            known = [h for h in headers if field_for_header(h) == name]
            if known:
                combo.setCurrentIndex(combo.findData(known[0]))
            combo.blockSignals(blocked)
        self.changed.emit()

    def mapping(self) -> dict[str, str]:
        return {
            name: combo.currentData() for name, combo in self.fields.items() if combo.currentData()
        }

    def is_complete(self) -> bool:
        chosen = self.mapping()
        values = list(chosen.values())
        return all(name in chosen for name in REQUIRED) and len(values) == len(set(values))
