"""The one place exported cells are made, with the formula-injection rule applied once.

openpyxl turns any string starting with ``=`` into a formula, and Excel or LibreOffice
treat text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and their
full-width forms) as something to evaluate: ``=HYPERLINK(...)`` typed into a narrative
would come back as a live link. Every string cell made here is typed as text
(``data_type 's'``), and formula-like text also gets the ``quotePrefix`` style so it stays
text after someone edits the cell in Excel. Characters XML cannot hold are dropped and
text is cut to Excel's 32,767-character cell limit (the sheet writer relies on both).

Cells are made directly as the small tuples :mod:`tracker.excel.streaming` writes (kind,
style index, text) instead of through openpyxl's cell objects and value guessing: the
streaming report writes hundreds of thousands of them.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import to_excel

from tracker.excel.streaming import LeanSheet, SheetCell
from tracker.excel.styles import BRITISH_DATE, Look, StyleBook

FORMULA_TRIGGERS: tuple[str, ...] = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",  # full-width = + - @
)
EXCEL_CELL_LIMIT = 32767
_TRUNCATED = " [cut: longer than an Excel cell can hold]"
# What XML 1.0 cannot hold: C0 controls other than tab, LF and CR; lone surrogates; FFFE, FFFF.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet evaluate this text if it were typed into a cell?"""
    return text.startswith(FORMULA_TRIGGERS)


def clean_text(text: str) -> str:
    """Text an .xlsx cell can hold: no XML-illegal characters, within Excel's limit."""
    # Printable text (most of it) holds none of them: every one is a control, surrogate or
    # unassigned character, which str.isprintable() rejects.
    if not text.isprintable():
        text = _ILLEGAL_XML.sub("", text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return text


class CellMaker:
    """Makes the cells of one streaming worksheet (:class:`LeanSheet`) from values and looks.

    Every string goes through :meth:`text`: cleaned, typed as text, and quote-prefixed when
    a spreadsheet would otherwise evaluate it.
    """

    def __init__(self, sheet: LeanSheet, book: StyleBook) -> None:
        self.sheet = sheet
        self.book = book
        self._epoch = book.workbook.epoch
        # Style indexes by look: as given, quote-prefixed (formula-like text), for dates.
        self._styles: dict[Look, str] = {}
        self._quoted_styles: dict[Look, str] = {}
        self._date_styles: dict[Look, str] = {}
        self._serials: dict[date, str] = {}

    def _style(self, look: Look) -> str:
        made = self._styles.get(look)
        if made is None:
            made = self._styles[look] = self.book.style_id(look)
        return made

    def text(self, value: str | None, look: Look) -> SheetCell:
        """A text cell that stays text whatever it starts with."""
        if value and (not value.isprintable() or len(value) > EXCEL_CELL_LIMIT):
            value = clean_text(value)
        if not value:
            return ("n", self._style(look), None)
        if value.startswith(FORMULA_TRIGGERS):
            quoted = self._quoted_styles.get(look)
            if quoted is None:
                quoted = self._quoted_styles[look] = self.book.style_id(look, quote=True)
            return ("s", quoted, value)
        style = self._styles.get(look)
        if style is None:
            style = self._styles[look] = self.book.style_id(look)
        return ("s", style, value)

    def date(self, value: date | None, look: Look) -> SheetCell:
        """A real Excel date (a serial number with a date format)."""
        if value is None:
            return ("n", self._style(look), None)
        style = self._date_styles.get(look)
        if style is None:
            shown = look
            if look.number_format == "General":  # a date always shows as one
                shown = look.but(number_format=BRITISH_DATE)
            style = self._date_styles[look] = self.book.style_id(shown)
        if type(value) is date:
            serial = self._serials.get(value)
            if serial is None:
                serial = self._serials[value] = _number_text(to_excel(value, self._epoch))
            return ("n", style, serial)
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return ("n", style, _number_text(to_excel(value, self._epoch)))

    def number(self, value: float | None, look: Look) -> SheetCell:
        if value is None:
            return ("n", self._style(look), None)
        return ("n", self._style(look), _number_text(value))

    def blank(self, look: Look) -> SheetCell:
        return ("n", self._style(look), None)

    def value(self, value: Any, look: Look) -> SheetCell:
        """Any value, by its type; strings always go through :meth:`text`."""
        if value is None:
            return self.blank(look)
        if isinstance(value, str):
            return self.text(value, look)
        if isinstance(value, date):
            return self.date(value, look)
        if isinstance(value, bool):
            return ("b", self._style(look), "1" if value else "0")
        if isinstance(value, int | float):
            return self.number(value, look)
        return self.text(str(value), look)


def _number_text(value: float) -> str | None:
    """A number as openpyxl writes it; NaN and infinity as a blank cell."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return f"{value:.16g}"
