"""openpyxl's streaming (write-only) worksheet, fed rows of ready-made cells.

openpyxl writes every cell of a write-only sheet through a :class:`openpyxl.cell.Cell`:
the cell is built, its style record hashed to find its index, its coordinate computed,
and :func:`openpyxl.cell._writer.write_cell` opens three XML elements for it in lxml's
incremental writer (about 2 µs an element). The board report at 50,000 actions writes a
million cells (the blank ones keep their borders), so that alone costs more than
xlsxwriter takes to write the whole workbook.

Here a cell is the tuple :class:`tracker.excel.safe_cells.CellMaker` makes: its kind, its
style's index (registered with the workbook once per look) and its text, already
formatted. :class:`LeanSheet` writes each row's ``<row>`` element as text, byte for byte
what openpyxl writes for the same cells, into the sheet's own XML stream between
openpyxl's ``<sheetData>`` tags. Everything else in the sheet (columns, panes, print
setup, filters, validations, protection, charts) and in the workbook (styles, zip) is
written by openpyxl as before.

A cell tuple is ``(kind, style, text)``:

* ``("s", style, text)``: text, written as an inline string (never a formula). The text
  must already be XML-safe (:func:`tracker.excel.safe_cells.clean_text`);
* ``("n", style, text)``: a number (dates are numbers with a date format), or a blank cell
  with a style when ``text`` is None;
* ``("b", style, "1" or "0")``: a boolean.

A ``None`` in a row leaves that cell out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

SheetCell = tuple[str, str, str | None]

MAX_COLUMNS = 16384  # Excel's last column, XFD
_LETTERS: tuple[str, ...] = tuple(get_column_letter(i) for i in range(1, MAX_COLUMNS + 1))


def height_text(height: float) -> str:
    """A row height as openpyxl writes it (``safe_string``)."""
    return f"{height:.16g}"


def escape_text(text: str) -> str:
    """Text as lxml escapes it in element content (a raw CR would read back as LF)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attribute(value: object) -> str:
    return escape_text(str(value)).replace('"', "&quot;")


def row_xml(cells: Sequence[SheetCell | None], index: int, attrs: dict[str, Any]) -> bytes:
    """One ``<row>`` element: what openpyxl's writer makes of the same cells.

    ASCII with character references, as lxml writes it without an encoding.
    """
    r = str(index)
    if attrs:
        extra = "".join(f' {name}="{_attribute(value)}"' for name, value in attrs.items())
        parts = [f'<row r="{r}"{extra}>']
    else:
        parts = [f'<row r="{r}">']
    append = parts.append
    for letter, cell in zip(_LETTERS, cells, strict=False):
        if cell is None:
            continue
        kind, style, text = cell
        if not text:
            append(f'<c r="{letter}{r}" s="{style}" t="n"></c>')
        elif kind == "s":
            if "&" in text or "<" in text or ">" in text or "\r" in text:
                shown = escape_text(text)
            else:
                shown = text
            if text != text.strip():
                append(
                    f'<c r="{letter}{r}" s="{style}" t="inlineStr"><is>'
                    f'<t xml:space="preserve">{shown}</t></is></c>'
                )
            else:
                append(f'<c r="{letter}{r}" s="{style}" t="inlineStr"><is><t>{shown}</t></is></c>')
        else:
            append(f'<c r="{letter}{r}" s="{style}" t="{kind}"><v>{text}</v></c>')
    append("</row>")
    return "".join(parts).encode("ascii", "xmlcharrefreplace")


class LeanWriter(WorksheetWriter):
    """openpyxl's writer for one streaming sheet, keeping the file it writes at hand.

    The same stream as openpyxl's (``<worksheet>`` and its parts through ``xmlfile``),
    opened on a file object so that rows can be written into it as bytes.
    """

    handle: IO[bytes]

    def get_stream(self) -> Iterator[Any]:
        with open(self.out, "wb") as handle, xmlfile(handle) as xf:
            self.handle = handle
            with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        el = yield
                        if el is True:
                            yield xf
                        elif el is not None:
                            xf.write(el)
                except GeneratorExit:
                    pass


class LeanSheet(WriteOnlyWorksheet):
    """A streaming sheet whose rows are lists of :data:`SheetCell` tuples.

    ``append(cells, height)`` writes one row at once; ``height`` (points) sets the row's
    height, as ``row_dimensions[row].height`` would. Heights set through
    ``row_dimensions`` before a row is written are honoured too.
    """

    def _get_writer(self) -> None:
        if self._writer is None:
            self._writer = LeanWriter(self)
            self._writer.write_top()

    def append(  # type: ignore[override]
        self, row: Sequence[SheetCell | None], height: float | None = None
    ) -> None:
        if not isinstance(row, list | tuple):
            self._invalid_row(row)
        if self.closed:
            self._already_saved()
        rows = self._rows
        if rows is None:
            self._get_writer()
            rows = self._rows = self._write_rows()
            next(rows)
        rows.send((row, height))

    def _write_rows(self) -> Iterator[None]:  # type: ignore[override]
        """Receive ``(cells, height)`` and write each row between the sheetData tags."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        dims = self.row_dimensions
        with xf.element("sheetData"):
            # Everything openpyxl wrote so far goes out before the first row (lxml buffers;
            # et_xmlfile writes at once).
            flush = getattr(xf, "flush", None)
            if flush is not None:
                flush()
            write = self._writer.handle.write
            index = 1
            no_attrs: dict[str, str] = {}
            try:
                while True:
                    cells, height = yield
                    attrs = no_attrs
                    if index in dims or height is not None:
                        attrs = dict(dims[index]) if index in dims else {}
                        if height is not None:
                            attrs["ht"] = height_text(height)
                            attrs["customHeight"] = "1"
                    write(row_xml(cells, index, attrs))
                    index += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)


class LeanWorkbook(Workbook):
    """A write-only workbook whose sheets are :class:`LeanSheet`."""

    def __init__(self) -> None:
        super().__init__(write_only=True)

    def create_sheet(self, title: str | None = None, index: int | None = None) -> LeanSheet:
        sheet = LeanSheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet
