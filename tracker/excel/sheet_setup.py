"""Sheet-level settings shared by the exports: names, widths, print and footer setup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

from tracker.excel.streaming import LeanSheet, SheetCell

SHEET_NAME_LIMIT = 31
PAPER_A4 = 9  # the OOXML paper-size code for A4
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def long_date(day: date) -> str:
    """'5 March 2019' (no platform-specific strftime flags)."""
    return f"{day.day} {day:%B %Y}"


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, no []:*?/\\) close to ``title``."""
    base = _BAD_SHEET_CHARS.sub("-", " ".join(title.split())).strip("' ") or "Sheet"
    base = base[:SHEET_NAME_LIMIT].rstrip()
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.casefold())
    return name


def set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def hide_columns(sheet: WriteOnlyWorksheet, columns: Iterable[int]) -> None:
    for index in columns:
        sheet.column_dimensions[get_column_letter(index)].hidden = True


def _footer_text(text: str) -> str:
    # "&" starts a code in Excel headers and footers; a literal one is doubled.
    return text.replace("&", "&&")


def print_ready(
    sheet: WriteOnlyWorksheet,
    *,
    footer_left: str,
    header_centre: str = "",
    title_rows: str | None = None,
    one_page: bool = False,
) -> None:
    """Landscape A4, fitted to the page width, footer with the date and page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.gridLines = False
    if title_rows:
        sheet.print_title_rows = title_rows
    if header_centre:
        sheet.oddHeader.center.text = _footer_text(header_centre)
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = _footer_text(footer_left)
    sheet.oddFooter.left.size = 9
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.oddFooter.center.size = 9
    sheet.oddFooter.right.text = "&A"
    sheet.oddFooter.right.size = 9


# Points per line of 10-point text, and characters per unit of column width. Neither Excel
# nor LibreOffice re-measures rows when it opens a file, so wrapped rows are given a
# height here, estimated on the generous side (LibreOffice may substitute a wider font).
LINE_HEIGHT = 12.75
CHARS_PER_WIDTH = 1.0


def lines_needed(text: str | None, width: float) -> int:
    if not text:
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def wrapped_height(cells: Iterable[tuple[str | None, float]]) -> float | None:
    """The row height (points) that shows all of these wrapped texts, or None for one line."""
    lines = max((lines_needed(text, width) for text, width in cells), default=1)
    return lines * LINE_HEIGHT + 3 if lines > 1 else None


class FittedRows:
    """Appends rows to a streaming sheet, giving rows with long text the height they need.

    The same estimate as :func:`wrapped_height` over the row's text cells longer than
    their column's width, made in one pass over the row's cells as they are written.
    """

    def __init__(self, sheet: LeanSheet, widths: Sequence[float], next_row: int):
        self.sheet = sheet
        self.widths = widths
        self._per_line = [max(1, int(width * CHARS_PER_WIDTH)) for width in widths]
        self.next_row = next_row

    def append(self, cells: Sequence[SheetCell | None]) -> None:
        lines = 1
        for cell, width, per_line in zip(cells, self.widths, self._per_line, strict=False):
            if cell is not None and cell[0] == "s":
                text = cell[2]
                if len(text) > width:  # type: ignore[arg-type]
                    if "\n" in text:  # type: ignore[operator]
                        needed = lines_needed(text, width)
                    else:
                        needed = -(-len(text) // per_line)  # type: ignore[arg-type]
                    if needed > lines:
                        lines = needed
        self.sheet.append(cells, lines * LINE_HEIGHT + 3 if lines > 1 else None)
        self.next_row += 1

    @property
    def last_row(self) -> int:
        return self.next_row - 1
