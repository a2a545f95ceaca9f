"""The one place exported cells are made, with the formula-injection rule applied once.

A spreadsheet library's generic ``write`` turns a string starting with ``=`` into a
formula, and Excel or LibreOffice treat text starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return (and their full-width forms) as something to evaluate:
``=HYPERLINK(...)`` typed into a narrative would come back as a live link. Every string
cell made here is written as text (XlsxWriter's ``write_string``), and formula-like text
also gets the ``quotePrefix`` style so it stays text after someone edits the cell in
Excel. Line breaks are written as LF, as spreadsheets keep them. Characters XML cannot
hold are dropped and text is cut to Excel's 32,767-character cell limit.

Cells are made as the small tuples :mod:`tracker.excel.streaming` writes (kind, format,
value), each kind written by its own XlsxWriter method, never by value guessing: the
report writes hundreds of thousands of them.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from xlsxwriter.format import Format

from tracker.excel.streaming import RowSheet, SheetCell
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
    """Makes the cells of one sheet (:class:`RowSheet`) from values and looks.

    Every string goes through :meth:`text`: cleaned, typed as text, and quote-prefixed when
    a spreadsheet would otherwise evaluate it.
    """

    def __init__(self, sheet: RowSheet, book: StyleBook) -> None:
        self.sheet = sheet
        self.book = book
        # Formats by look: as given, quote-prefixed (formula-like text), for dates.
        self._styles: dict[Look, Format] = {}
        self._quoted_styles: dict[Look, Format] = {}
        self._date_styles: dict[Look, Format] = {}

    def _format_for(self, look: Look) -> Format:
        made = self._styles.get(look)
        if made is None:
            made = self._styles[look] = self.book.style(look)
        return made

    def text(self, value: str | None, look: Look) -> SheetCell:
        """A text cell that stays text whatever it starts with."""
        if value and (not value.isprintable() or len(value) > EXCEL_CELL_LIMIT):
            value = clean_text(value)
            if "\r" in value:
                # Spreadsheets keep line breaks as LF; a CR would be written as a code.
                formula_like = value.startswith(FORMULA_TRIGGERS)
                value = value.replace("\r\n", "\n").replace("\r", "\n")
                if formula_like:
                    return ("s", self._quoted(look), value)
        if not value:
            return ("", self._format_for(look), None)
        if value.startswith(FORMULA_TRIGGERS):
            return ("s", self._quoted(look), value)
        style = self._styles.get(look)
        if style is None:
            style = self._styles[look] = self.book.style(look)
        return ("s", style, value)

    def _quoted(self, look: Look) -> Format:
        quoted = self._quoted_styles.get(look)
        if quoted is None:
            quoted = self._quoted_styles[look] = self.book.style(look, quote=True)
        return quoted

    def date(self, value: date | None, look: Look) -> SheetCell:
        """A real Excel date (a serial number with a date format)."""
        if value is None:
            return ("", self._format_for(look), None)
        style = self._date_styles.get(look)
        if style is None:
            shown = look
            if look.number_format == "General":  # a date always shows as one
                shown = look.but(number_format=BRITISH_DATE)
            style = self._date_styles[look] = self.book.style(shown)
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return ("d", style, value)

    def number(self, value: float | None, look: Look) -> SheetCell:
        """A number; NaN and infinity, which a cell cannot hold, as a blank cell."""
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return ("", self._format_for(look), None)
        return ("n", self._format_for(look), value)

    def blank(self, look: Look) -> SheetCell:
        return ("", self._format_for(look), None)

    def value(self, value: Any, look: Look) -> SheetCell:
        """Any value, by its type; strings always go through :meth:`text`."""
        if value is None:
            return self.blank(look)
        if isinstance(value, str):
            return self.text(value, look)
        if isinstance(value, date):
            return self.date(value, look)
        if isinstance(value, bool):
            return ("b", self._format_for(look), value)
        if isinstance(value, int | float):
            return self.number(value, look)
        return self.text(str(value), look)
