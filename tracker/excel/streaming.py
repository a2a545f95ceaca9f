"""openpyxl's streaming (write-only) worksheet, fed rows of ready-made cells.

openpyxl writes every cell of a write-only sheet through a :class:`openpyxl.cell.Cell`
object: the cell is built, its style record is hashed to find its index, its coordinate is
computed, and :func:`openpyxl.cell._writer.write_cell` opens three or four XML elements for
it. At 50,000 actions (about 640,000 cells in the board report) that bookkeeping costs more
than the XML itself. Here a cell is the tuple :class:`tracker.excel.safe_cells.CellMaker`
makes: its kind, its style's index (registered with the workbook once per look) and its
text, already formatted; a row is written into openpyxl's own XML stream (the same
``xmlfile`` and the same elements openpyxl writes) in one loop. The rest of the sheet
(columns, panes, print setup, filters, validations, protection, charts) and the workbook
itself (styles, zip) are openpyxl's.

A cell tuple is ``(kind, style, text)``:

* ``("s", style, text)``: text, written as an inline string (never a formula);
* ``("n", style, text)``: a number (dates are numbers with a date format), or a blank cell
  with a style when ``text`` is None;
* ``("b", style, "1" or "0")``: a boolean.

A ``None`` in a row leaves that cell out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.constants import XML_NS
from openpyxl.xml.functions import Element

SheetCell = tuple[str, str, str | None]

MAX_COLUMNS = 16384  # Excel's last column, XFD
_LETTERS: tuple[str, ...] = tuple(get_column_letter(i) for i in range(1, MAX_COLUMNS + 1))
_PRESERVE = {f"{{{XML_NS}}}space": "preserve"}


def height_text(height: float) -> str:
    """A row height as openpyxl writes it (``safe_string``)."""
    return f"{height:.16g}"


class LeanSheet(WriteOnlyWorksheet):
    """A streaming sheet whose rows are lists of :data:`SheetCell` tuples.

    ``append(cells, height)`` writes one row at once; ``height`` (points) sets the row's
    height, as ``row_dimensions[row].height`` would. Heights set through
    ``row_dimensions`` before a row is written are honoured too.
    """

    def append(self, row: Sequence[SheetCell | None], height: float | None = None) -> None:  # type: ignore[override]
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
        """Receive ``(cells, height)`` and write each row into the sheet's XML stream."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        dims = self.row_dimensions
        element, write = xf.element, xf.write
        letters = _LETTERS
        with element("sheetData"):
            index = 1
            try:
                while True:
                    cells, height = yield
                    r = str(index)
                    attrs = {"r": r}
                    if index in dims:
                        attrs.update(dims[index])
                    if height is not None:
                        attrs["ht"] = height_text(height)
                        attrs["customHeight"] = "1"
                    with element("row", attrs):
                        for letter, cell in zip(letters, cells, strict=False):
                            if cell is None:
                                continue
                            kind, style, text = cell
                            if kind == "s" and text:
                                with (
                                    element("c", {"r": letter + r, "s": style, "t": "inlineStr"}),
                                    element("is"),
                                ):
                                    if text != text.strip():
                                        # xml:space on an element of its own: lxml's
                                        # incremental writer would rebind the xml prefix.
                                        t = Element("t", _PRESERVE)
                                        t.text = text
                                        write(t)
                                    else:
                                        with element("t"):
                                            write(text)
                            elif text is None or text == "":
                                with element("c", {"r": letter + r, "s": style, "t": "n"}):
                                    pass
                            else:
                                with (
                                    element("c", {"r": letter + r, "s": style, "t": kind}),
                                    element("v"),
                                ):
                                    write(text)
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
