"""Sheet-level settings shared by the exports: names, widths, print and footer setup, and
the workbook's own properties."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tracker.excel.safe_cells import clean_text
from tracker.excel.streaming import RowSheet, SheetCell, StreamingWorkbook

SHEET_NAME_LIMIT = 31
PAPER_A4 = 9  # the OOXML paper-size code for A4
FOOTER_SIZE = 9  # points
HEADER_TEXT_LIMIT = 80  # characters of a name in a header or footer
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-16 code units, as Excel counts a sheet name."""
    text = text[:limit]
    while len(text.encode("utf-16-le")) > 2 * limit:
        text = text[:-1]
    return text.rstrip(" '")


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, no []:*?/\\) close to ``title``."""
    base = _BAD_SHEET_CHARS.sub("-", " ".join(title.split())).strip("' ") or "Sheet"
    base = _cut(base, SHEET_NAME_LIMIT) or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name = _cut(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        n += 1
    used.add(name.casefold())
    return name


def describe_workbook(
    workbook: StreamingWorkbook, *, title: str, subject: str, author: str, status: str = ""
) -> None:
    """The file's properties (what File > Properties and file browsers show): what the
    workbook is, for which plan, and who exported it."""
    properties = {"title": title, "subject": subject, "author": author, "status": status}
    workbook.workbook.set_properties(
        {key: clean_text(value) for key, value in properties.items() if value}
    )


def set_widths(sheet: RowSheet, widths: Sequence[float], hidden: Iterable[int] = ()) -> None:
    """Column widths (in characters) from the first column; ``hidden`` columns (1-based)
    keep their width but are hidden."""
    hide = set(hidden)
    for index, width in enumerate(widths):
        options = {"hidden": True} if index + 1 in hide else None
        sheet.worksheet.set_column(index, index, width, None, options)


def _header_text(text: str) -> str:
    # "&" starts a code in Excel headers and footers; a literal one is doubled. Excel
    # holds 255 characters a header or footer, codes included: long names are cut.
    if len(text) > HEADER_TEXT_LIMIT:
        text = text[: HEADER_TEXT_LIMIT - 1].rstrip() + "…"
    return text.replace("&", "&&")


def print_ready(
    sheet: RowSheet,
    *,
    footer_left: str,
    header_centre: str = "",
    title_rows: tuple[int, int] | None = None,
    one_page: bool = False,
    portrait: bool = False,
) -> None:
    """A4, landscape unless ``portrait``, fitted to the page width (and height when
    ``one_page``), ``title_rows`` (first and last, 1-based) repeated on every page, and a
    footer with ``footer_left``, the page number and the sheet's name."""
    worksheet = sheet.worksheet
    if portrait:
        worksheet.set_portrait()
    else:
        worksheet.set_landscape()
    worksheet.set_paper(PAPER_A4)
    worksheet.fit_to_pages(1, 1 if one_page else 0)
    worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if title_rows:
        worksheet.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)
    margin = {"margin": 0.3}
    if header_centre:
        worksheet.set_header(f"&C&{FOOTER_SIZE} {_header_text(header_centre)}", margin)
    else:
        worksheet.set_header("", margin)
    worksheet.set_footer(
        f"&L&{FOOTER_SIZE} {_header_text(footer_left)}"
        f"&C&{FOOTER_SIZE} Page &P of &N"
        f"&R&{FOOTER_SIZE} &A",
        margin,
    )


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


# A word wider than its column is broken mid-word when printed. Columns are widened to
# hold their longest word, up to this width: longer "words" (web addresses, file names)
# would take the page, and break anyway.
WORD_WIDTH_LIMIT = 22
# Width (in characters of the default font) a word of n characters needs, with room for
# capitals, bold text and the cell's margins.
WORD_WIDTH_PER_CHAR = 1.0
WORD_WIDTH_MARGIN = 1.5


def word_width(text: str) -> float:
    """The column width that holds the longest word of ``text`` unbroken, up to
    :data:`WORD_WIDTH_LIMIT`."""
    longest = max(map(len, text.split()), default=0)
    return min(WORD_WIDTH_LIMIT, longest * WORD_WIDTH_PER_CHAR + WORD_WIDTH_MARGIN)


def widths_for_words(widths: Sequence[float], rows: Iterable[Sequence[str | None]]) -> list[float]:
    """``widths`` widened so each column holds the longest word of its texts in ``rows``
    (a None is a cell with no text to fit), up to :data:`WORD_WIDTH_LIMIT`."""
    widened = list(widths)
    # Leads, workstreams and deadline phrases repeat row after row: each is measured once.
    seen: list[set[str]] = [set() for _ in widened]
    for row in rows:
        for index, text in enumerate(row):
            width = widened[index]
            # Only a text longer than its column can hold a word longer than it.
            if (
                text
                and width < WORD_WIDTH_LIMIT
                and len(text) + WORD_WIDTH_MARGIN > width
                and text not in seen[index]
            ):
                seen[index].add(text)
                widened[index] = max(width, word_width(text))
    return widened


class FittedRows:
    """Appends rows to a streaming sheet, giving rows with long text the height they need.

    The same estimate as :func:`wrapped_height` over the row's text cells longer than
    their column's width, made in one pass over the row's cells as they are written.
    """

    def __init__(self, sheet: RowSheet, widths: Sequence[float], next_row: int):
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
