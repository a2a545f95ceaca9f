"""Cell styles for the exported workbooks, each made once per workbook and shared.

A style is described by a frozen :class:`Look`; :class:`StyleBook` turns each look into
openpyxl's compact style record, registers it with the workbook the first time it is asked
for and hands out the record's index afterwards, so writing 50,000 rows costs one
dictionary lookup per cell and no style hashing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook

# Real Excel dates shown the British way.
BRITISH_DATE = "dd/mm/yyyy"
INTEGER = "0"
TEXT_FORMAT = "@"

FONT_NAME = "Calibri"
HEADER_FILL = "1F3864"  # dark blue, white text
BANNER_FILL = "D9E1F2"  # light blue: area rows, the total row
INPUT_FILL = "FFF2CC"  # pale yellow: the cells a lead fills in
GRID = "BFBFBF"

# RAG cells are filled with their colour and show their letter.
RAG_FILLS = {"R": "C00000", "A": "FFC000", "G": "00B050"}
RAG_FONTS = {"R": "FFFFFF", "A": "000000", "G": "FFFFFF"}
RAG_CHART_COLOURS = {"R": "C00000", "A": "FFC000", "G": "00B050", None: "A6A6A6"}


@dataclass(frozen=True)
class Look:
    """How a cell looks, as plain values (hashable, so each look is made once)."""

    bold: bool = False
    italic: bool = False
    size: float = 10
    color: str | None = None
    fill: str | None = None
    wrap: bool = False
    horizontal: str | None = None
    vertical: str = "top"
    number_format: str = "General"
    locked: bool = True
    border: bool = True

    def but(self, **changes: Any) -> Look:
        return replace(self, **changes)

    def __hash__(self) -> int:
        # Hashed once: a look is a dictionary key for every cell written.
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", cached)
        return cached


BODY = Look()
WRAP = Look(wrap=True)
DATE = Look(number_format=BRITISH_DATE, horizontal="left")
NUMBER = Look(number_format=INTEGER, horizontal="right")
CENTRE = Look(horizontal="center")
HEADER = Look(bold=True, color="FFFFFF", fill=HEADER_FILL, wrap=True, vertical="center")
TITLE = Look(bold=True, size=14, border=False, vertical="center")
SUBTITLE = Look(italic=True, size=10, border=False, color="404040")
PLAIN = Look(border=False)
PLAIN_WRAP = Look(border=False, wrap=True)
BANNER = Look(bold=True, fill=BANNER_FILL, wrap=True)
TOTAL = Look(bold=True, fill=BANNER_FILL, number_format=INTEGER)


def rag_look(rag: str | None) -> Look:
    if rag in RAG_FILLS:
        return CENTRE.but(bold=True, fill=RAG_FILLS[rag], color=RAG_FONTS[rag])
    return CENTRE


class _Owner:
    """Stands in for a worksheet so a scratch cell can register styles on the workbook."""

    def __init__(self, workbook: Workbook) -> None:
        self.parent = workbook


class StyleBook:
    """The styles of one workbook: ``style(look)`` is made once, then shared."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._owner = _Owner(workbook)
        self._made: dict[tuple[Look, bool], StyleArray] = {}
        self._ids: dict[tuple[Look, bool], str] = {}

    def style(self, look: Look, *, quote: bool = False) -> StyleArray:
        key = (look, quote)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._make(look, quote)
        return made

    def style_id(self, look: Look, *, quote: bool = False) -> str:
        """The look's index in the workbook's cell styles (the ``s`` of a cell), as text."""
        key = (look, quote)
        made = self._ids.get(key)
        if made is None:
            index = self.workbook._cell_styles.add(self.style(look, quote=quote))
            made = self._ids[key] = str(index)
        return made

    def _make(self, look: Look, quote: bool) -> StyleArray:
        cell = Cell(self._owner)  # type: ignore[arg-type]
        cell.font = Font(
            name=FONT_NAME,
            size=look.size,
            bold=look.bold,
            italic=look.italic,
            color=look.color,
        )
        if look.fill:
            cell.fill = PatternFill("solid", fgColor=look.fill)
        cell.alignment = Alignment(
            wrap_text=look.wrap, horizontal=look.horizontal, vertical=look.vertical
        )
        if look.border:
            side = Side(style="thin", color=GRID)
            cell.border = Border(left=side, right=side, top=side, bottom=side)
        cell.number_format = look.number_format
        cell.protection = Protection(locked=look.locked)
        if quote:
            cell.quotePrefix = True
        return cell._style
