"""A date field that may be empty: type a date the way people write it, or pick it from a
calendar that opens on the date shown (today when there is none).

A plain text field rather than ``QDateEdit``: a date edit cannot be blank, and the stand-in
for "no date" trapped people (its calendar opened in 1900, typing ran into the stand-in's
text, and Tab moved between its day, month and year instead of leaving the field). Typed
text is read by :func:`tracker.dates.parse_date` (day first, ``31/03/2027``,
``31 Mar 2027``…) when the field is left or Enter is pressed, and shown again by
:func:`tracker.dates.short_date`. Text that is not a date stays in the field, marked, with
a message saying how to write it; nothing is saved. Alt+Down or F4 opens the calendar;
the ✕ button or deleting the text clears the date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QGuiApplication, QKeyEvent, QValidator
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QStyle, QVBoxLayout, QWidget

from tracker.dates import EXAMPLE, parse_date, short_date
from tracker.ui.widgets.palette import calendar_icon

BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
NOT_SET = "Not set"
# The characters a written date can hold; anything else is refused as it is typed.
_DATE_CHARACTERS = frozenset("0123456789/.-, ") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


class DateCharacters(QValidator):
    """Lets through what a date may be written with; whether it is a date is checked
    when the field is left, so Tab always leaves it (a validator that says "not yet"
    would keep the field from finishing its edit)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if all(ch in _DATE_CHARACTERS for ch in text):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class CalendarPopup(QFrame):
    """A month calendar under a date field; a click, or Enter, picks the date."""

    picked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("datePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePopupCalendar")
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setLocale(BRITISH)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def open_at(self, shown: date, below: QWidget) -> None:
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.adjustSize()
        where = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # keep it on the screen: above the field if need be
            room = screen.availableGeometry()
            x = max(room.left(), min(where.x(), room.right() - self.width()))
            y = where.y()
            if y + self.height() > room.bottom():
                y = below.mapToGlobal(QPoint(0, 0)).y() - self.height()
            where = QPoint(x, max(room.top(), y))
        self.move(where)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _pick(self, picked: QDate) -> None:
        self.close()
        self.picked.emit(date(picked.year(), picked.month(), picked.day()))


class OptionalDateEdit(QLineEdit):
    """``value()`` is a ``datetime.date`` or None; ``committed`` fires when a new value
    is entered (typed and the field left, picked from the calendar, or cleared);
    ``problem`` carries the message for typed text that is not a date ("" once fixed)."""

    committed = Signal(object)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, allow_none: bool = True) -> None:
        super().__init__(parent)
        self._allow_none = allow_none
        self._value: date | None = None if allow_none else date.today()
        self._today: Callable[[], date] = date.today
        self.setValidator(DateCharacters(self))
        self.setPlaceholderText(NOT_SET if allow_none else EXAMPLE)
        self.setToolTip(
            f"Type a date such as {EXAMPLE} or 31 Mar 2027, or pick one (Alt+Down)"
            + (" ; delete the text to clear it" if allow_none else "")
        )
        self.popup: CalendarPopup | None = None
        self.calendar_action = QAction(calendar_icon(), "Pick a date from the calendar", self)
        self.calendar_action.setObjectName("pickDate")
        self.calendar_action.setToolTip("Pick a date from the calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action: QAction | None = None
        if allow_none:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton)
            self.clear_action = QAction(icon, "Clear the date", self)
            self.clear_action.setObjectName("clearDate")
            self.clear_action.setToolTip("Clear the date")
            self.clear_action.triggered.connect(self.clear_value)
            self.addAction(self.clear_action, QLineEdit.ActionPosition.TrailingPosition)
        self._problem = ""
        self.returnPressed.connect(self.finish)
        self.textChanged.connect(self._text_changed)
        self._show(self._value)

    # Reading and showing -------------------------------------------------------------
    def value(self) -> date | None:
        """The date last entered (text still being typed counts once it is finished)."""
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show a stored value without signalling an edit."""
        if value is None and not self._allow_none:
            value = self._today()
        self._value = value
        self._show(value)
        self._mark_problem("")

    def set_clock(self, today: Callable[[], date]) -> None:
        """What "today" is: where the calendar opens on an empty field."""
        self._today = today

    def typed_value(self) -> date | None:
        """What the text says now, before the field is left (the last value entered
        while the text is not yet a date)."""
        text = self.text().strip()
        if not text:
            return None if self._allow_none else self._value
        try:
            return parse_date(text)
        except ValueError:
            return self._value

    def has_problem(self) -> bool:
        return bool(self._problem)

    def clear_value(self) -> None:
        """Empty the field and save that (the ✕ button)."""
        if self._allow_none:
            self.setText("")
            self.finish()

    # Editing -------------------------------------------------------------------------
    def finish(self) -> bool:
        """Read what was typed; save it if it is a date that differs. False when the
        text is not a date (the message is shown and nothing is saved)."""
        text = self.text().strip()
        if not text:
            if not self._allow_none:
                self._mark_problem(f"Enter a date, such as {EXAMPLE}.")
                return False
            value = None
        else:
            try:
                value = parse_date(text)
            except ValueError:
                self._mark_problem(
                    f"“{text}” is not a date. Type it like {EXAMPLE} or 31 Mar 2027, "
                    "or pick it from the calendar."
                )
                return False
        self._mark_problem("")
        self._show(value)
        self._enter(value)
        return True

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        self.popup.open_at(self._value or self._today(), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and modifiers & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Opening the calendar takes the focus for a moment: that is not leaving.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish()
        super().focusOutEvent(event)

    # Internals -----------------------------------------------------------------------
    def _picked(self, value: date) -> None:
        self._mark_problem("")
        self._show(value)
        self._enter(value)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter(self, value: date | None) -> None:
        if value != self._value:
            self._value = value
            self.committed.emit(value)

    def _show(self, value: date | None) -> None:
        blocked = self.blockSignals(True)
        self.setText(short_date(value))
        self.blockSignals(blocked)
        self._text_changed(self.text())

    def _text_changed(self, text: str) -> None:
        if self.clear_action is not None:
            self.clear_action.setVisible(bool(text))

    def _mark_problem(self, message: str) -> None:
        if message == self._problem:
            return
        self._problem = message
        self.setProperty("problem", bool(message))
        self.style().unpolish(self)  # the style sheet's [problem="true"] rule
        self.style().polish(self)
        self.setAccessibleDescription(message)
        self.problem.emit(message)
