"""A date field that may be empty, showing dates the British way (30 Jun 2018).

``QDateEdit`` cannot be blank, so its minimum date stands for "no date" and reads as
"Not set". Typing Delete or Backspace over the whole field clears it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from tracker.dates import QT_SHORT_DATE_FORMAT

_NONE = QDate(1900, 1, 1)
BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class OptionalDateEdit(QDateEdit):
    """``value()`` is a ``datetime.date`` or None; ``committed`` fires when editing ends."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, allow_none: bool = True) -> None:
        super().__init__(parent)
        self.setLocale(BRITISH)
        self.setDisplayFormat(QT_SHORT_DATE_FORMAT)
        self.setCalendarPopup(True)
        self._allow_none = allow_none
        if allow_none:
            self.setMinimumDate(_NONE)
            self.setSpecialValueText("Not set")
        self.setDate(_NONE if allow_none else QDate.currentDate())
        self.editingFinished.connect(self._emit_committed)
        self._last: date | None = self.value()

    def value(self) -> date | None:
        current = self.date()
        if self._allow_none and current == _NONE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        """Show a value without signalling an edit."""
        blocked = self.blockSignals(True)
        if value is None:
            self.setDate(_NONE if self._allow_none else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))
        self.blockSignals(blocked)
        self._last = self.value()

    def clear_value(self) -> None:
        if self._allow_none:
            self.setDate(_NONE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self._allow_none
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self.clear_value()
            self._emit_committed()
            return
        super().keyPressEvent(event)

    def _emit_committed(self) -> None:
        value = self.value()
        if value != self._last:
            self._last = value
            self.committed.emit(value)
