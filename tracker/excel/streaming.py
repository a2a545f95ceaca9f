"""openpyxl's streaming (write-only) worksheet, fed rows of ready-made cells.

openpyxl writes every cell of a write-only sheet through a :class:`openpyxl.cell.Cell`:
the cell is built, its style record hashed to find its index, its coordinate computed,
and :func:`openpyxl.cell._writer.write_cell` opens three elements for it in lxml's
incremental writer. The board report at 50,000 actions writes about a million ``<c>``
elements (640,000 values and the blank cells that keep the table's borders). Even with
no cell objects at all, writing them as openpyxl does (:func:`write_row_elements`) costs
about 6 µs a text cell in lxml alone, against 12 µs a cell for xlsxwriter's whole write:
the report took 1.4 to 1.7 times xlsxwriter's time that way, all else being equal.

Here a cell is the tuple :class:`tracker.excel.safe_cells.CellMaker` makes: its kind, its
style's index (registered with the workbook once per look) and its text, already
formatted. :class:`LeanSheet` writes each ``<row>`` element as text (:func:`row_xml`),
byte for byte what openpyxl writes for the same cells, into the sheet's own XML stream
between openpyxl's ``<sheetData>`` tags. Everything else in the sheet (columns, panes,
print setup, filters, validations, protection, charts) and in the workbook (styles, zip)
is written by openpyxl as before.

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

from openpyxl import LXML, Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS, XML_NS
from openpyxl.xml.functions import Element, xmlfile

SheetCell = tuple[str, str, str | None]

MAX_COLUMNS = 16384  # Excel's last column, XFD
_LETTERS: tuple[str, ...] = tuple(get_column_letter(i) for i in range(1, MAX_COLUMNS + 1))
_PRESERVE = {f"{{{XML_NS}}}space": "preserve"}
# Rows go into the sheet's XML as bytes when openpyxl writes it through lxml (a project
# dependency); through openpyxl's own elements otherwise (OPENPYXL_LXML=False).
RAW_ROWS: bool = LXML


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


def row_xml(
    cells: Sequence[SheetCell | None],
    index: int,
    attrs: dict[str, Any] | None = None,
    height: float | None = None,
) -> bytes:
    """Row ``index`` as a ``<row>`` element: what openpyxl's writer makes of the same cells.

    ``attrs`` are the row's attributes after ``r`` (as a ``RowDimension`` gives them) and
    ``height`` the row's height in points. ASCII with character references, as lxml writes
    it without an encoding.
    """
    r = str(index)
    if attrs:
        if height is not None:
            attrs = {**attrs, "ht": height_text(height), "customHeight": "1"}
        extra = "".join(f' {name}="{_attribute(value)}"' for name, value in attrs.items())
        parts = [f'<row r="{r}"{extra}>']
    elif height is not None:
        parts = [f'<row r="{r}" ht="{height_text(height)}" customHeight="1">']
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


def write_row_elements(
    xf: Any,
    cells: Sequence[SheetCell | None],
    index: int,
    attrs: dict[str, Any] | None = None,
    height: float | None = None,
) -> None:
    """The same row through the XML stream's elements, as openpyxl writes a cell.

    Slower than :func:`row_xml` (about 2 µs an element): used when openpyxl writes XML
    without lxml, whose stream cannot take bytes written beside it.
    """
    r = str(index)
    row_attrs = {"r": r, **(attrs or {})}
    if height is not None:
        row_attrs["ht"] = height_text(height)
        row_attrs["customHeight"] = "1"
    element, write = xf.element, xf.write
    with element("row", row_attrs):
        for letter, cell in zip(_LETTERS, cells, strict=False):
            if cell is None:
                continue
            kind, style, text = cell
            if not text:
                with element("c", {"r": letter + r, "s": style, "t": "n"}):
                    pass
            elif kind == "s":
                with (
                    element("c", {"r": letter + r, "s": style, "t": "inlineStr"}),
                    element("is"),
                ):
                    if text != text.strip():
                        # xml:space on an element of its own, as openpyxl does: lxml's
                        # stream would bind the xml prefix to a namespace of its own.
                        t = Element("t", _PRESERVE)
                        t.text = text
                        write(t)
                    else:
                        with element("t"):
                            write(text)
            else:
                with element("c", {"r": letter + r, "s": style, "t": kind}), element("v"):
                    write(text)


class LeanWriter(WorksheetWriter):
    """openpyxl's writer for one streaming sheet, keeping the file it writes at hand.

    The same stream as openpyxl's (``<worksheet>`` and its parts through lxml's
    ``xmlfile``), opened on a file object so that rows can be written into it as bytes.
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
            self._writer = LeanWriter(self) if RAW_ROWS else WorksheetWriter(self)
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
        writer = self._writer
        raw = isinstance(writer, LeanWriter)
        with xf.element("sheetData"):
            if raw:
                xf.flush()  # what lxml holds goes out before the first row
            index = 1
            try:
                while True:
                    cells, height = yield
                    attrs = dict(dims[index]) if index in dims else None
                    if raw:
                        writer.handle.write(row_xml(cells, index, attrs, height))
                    else:
                        write_row_elements(xf, cells, index, attrs, height)
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
