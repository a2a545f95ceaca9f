"""Cell styles for the exported workbooks, each made once per workbook and shared.

A style is described by a frozen :class:`Look`; :class:`StyleBook` turns each look into
one XlsxWriter format of the workbook the first time it is asked for and hands out the
same format afterwards, so writing 50,000 rows costs one dictionary lookup per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from xlsxwriter.format import Format

from tracker.excel.streaming import StreamingWorkbook

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
# "B", Blue: complete and verified by the programme office (BRAG).
RAG_FILLS = {"R": "C00000", "A": "FFC000", "G": "00B050", "B": "0070C0"}
RAG_FONTS = {"R": "FFFFFF", "A": "000000", "G": "FFFFFF", "B": "FFFFFF"}
RAG_CHART_COLOURS = {"R": "C00000", "A": "FFC000", "G": "00B050", "B": "0070C0", None: "A6A6A6"}
# Pale forms of the RAG colours, for counts: the figures stay easy to read.
RAG_TINTS = {"R": "F4CCCC", "A": "FFF2CC", "G": "D9EAD3", "B": "DDEBF7"}
# An overdue date: dark red on pale red, as spreadsheets flag a bad value.
OVERDUE_FILL = "FFC7CE"
OVERDUE_FONT = "9C0006"


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


OVERDUE_DATE = DATE.but(bold=True, color=OVERDUE_FONT, fill=OVERDUE_FILL)


def rag_header_look(rag: str) -> Look:
    """A column header filled with its RAG colour."""
    return HEADER.but(fill=RAG_FILLS[rag], color=RAG_FONTS[rag])


def rag_count_look(rag: str, *, total: bool = False) -> Look:
    """A count of actions rated ``rag``, on a pale form of its colour."""
    return (TOTAL if total else NUMBER).but(fill=RAG_TINTS[rag])


def rag_look(rag: str | None) -> Look:
    if rag in RAG_FILLS:
        return CENTRE.but(bold=True, fill=RAG_FILLS[rag], color=RAG_FONTS[rag])
    return CENTRE


class StyleBook:
    """The formats of one workbook: each look's format is made once, then shared."""

    def __init__(self, workbook: StreamingWorkbook) -> None:
        self.workbook = workbook
        self._made: dict[tuple[Look, bool], Format] = {}

    def style(self, look: Look, *, quote: bool = False) -> Format:
        """The workbook's format for ``look``; ``quote`` adds the quote prefix (text that
        would otherwise be evaluated stays text after someone edits the cell)."""
        key = (look, quote)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self.workbook.add_format(format_properties(look, quote))
        return made


def format_properties(look: Look, quote: bool = False) -> dict[str, Any]:
    """A look as XlsxWriter's format properties."""
    properties: dict[str, Any] = {
        "font_name": FONT_NAME,
        "font_size": look.size,
        "bold": look.bold,
        "italic": look.italic,
        "text_wrap": look.wrap,
        "valign": "vcenter" if look.vertical == "center" else look.vertical,
        "num_format": look.number_format,
        "locked": look.locked,
    }
    if look.color:
        properties["font_color"] = f"#{look.color}"
    if look.fill:
        properties["pattern"] = 1  # solid
        properties["bg_color"] = f"#{look.fill}"
    if look.horizontal:
        properties["align"] = look.horizontal
    if look.border:
        properties["border"] = 1  # thin
        properties["border_color"] = f"#{GRID}"
    if quote:
        properties["quote_prefix"] = True
    return properties
