"""The one place exported cells are made, with the formula-injection rule applied once.

openpyxl turns any string starting with ``=`` into a formula, and Excel or LibreOffice
treat text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and their
full-width forms) as something to evaluate: ``=HYPERLINK(...)`` typed into a narrative
would come back as a live link. Every string cell made here is typed as text
(``data_type 's'``), and formula-like text also gets the ``quotePrefix`` style so it stays
text after someone edits the cell in Excel. Characters XML cannot hold are dropped and
text is cut to Excel's 32,767-character cell limit.

Cells are built directly (value, type and a shared style record) instead of through
openpyxl's value guessing: the streaming report writes hundreds of thousands of them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet evaluate this text if it were typed into a cell?"""
    return text.startswith(FORMULA_TRIGGERS)


def clean_text(text: str) -> str:
    """Text an .xlsx cell can hold: no XML-illegal characters, within Excel's limit."""
    text = _ILLEGAL_XML.sub("", text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return text


class CellMaker:
    """Makes the cells of one streaming worksheet from values and looks."""

    def __init__(self, sheet: WriteOnlyWorksheet, book: StyleBook) -> None:
        self.sheet = sheet
        self.book = book

    def _new(self, value: Any, data_type: str, look: Look, quote: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet)
        cell._value = value
        cell.data_type = data_type
        cell._style = self.book.style(look, quote=quote)
        return cell

    def text(self, value: str | None, look: Look) -> WriteOnlyCell:
        """A text cell that stays text whatever it starts with."""
        if not value:
            return self._new(None, "n", look)
        value = clean_text(value)
        return self._new(value, "s", look, quote=is_formula_like(value))

    def date(self, value: date | None, look: Look) -> WriteOnlyCell:
        """A real Excel date (a serial number with a date format)."""
        if value is None:
            return self._new(None, "n", look)
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        if look.number_format == "General":  # a date always shows as one
            look = look.but(number_format=BRITISH_DATE)
        return self._new(value, "d", look)

    def number(self, value: float | None, look: Look) -> WriteOnlyCell:
        if value is None:
            return self._new(None, "n", look)
        return self._new(value, "n", look)

    def blank(self, look: Look) -> WriteOnlyCell:
        return self._new(None, "n", look)

    def value(self, value: Any, look: Look) -> WriteOnlyCell:
        """Any value, by its type; strings always go through :meth:`text`."""
        if value is None:
            return self.blank(look)
        if isinstance(value, str):
            return self.text(value, look)
        if isinstance(value, date):
            return self.date(value, look)
        if isinstance(value, bool):
            return self._new(value, "b", look)
        if isinstance(value, int | float):
            return self.number(value, look)
        return self.text(str(value), look)


class LeanSheet(WriteOnlyWorksheet):
    """A streaming sheet that takes only ready-made cells from :class:`CellMaker`.

    openpyxl's own ``append`` first tries to assign each item as a value and falls back
    on an exception when it is a cell; with every cell made here, that exception per
    cell is most of the cost of a large sheet outside the XML writing itself.
    """

    def _values_to_row(self, values, row_idx):  # type: ignore[no-untyped-def]
        for col_idx, cell in enumerate(values, 1):
            if cell is None:
                continue
            cell.column = col_idx
            cell.row = row_idx
            yield cell


class LeanWorkbook(Workbook):
    """A write-only workbook whose sheets are :class:`LeanSheet`."""

    def __init__(self) -> None:
        super().__init__(write_only=True)

    def create_sheet(self, title: str | None = None, index: int | None = None) -> LeanSheet:
        sheet = LeanSheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet
