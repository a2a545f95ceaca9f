"""Workbooks written row by row, in constant memory, through XlsxWriter's public API.

The board report at 50,000 actions writes about a million cells. XlsxWriter's
``constant_memory`` mode writes each row to disk as soon as the next one starts, so the
memory an export needs does not grow with the plan. A styled cell costs about 10 µs that
way, against 19 to 25 µs through openpyxl's write-only ``WriteOnlyCell`` with named styles
(measured on rows of the board report's shape).

A sheet here is a :class:`RowSheet`: rows go in top to bottom with :meth:`RowSheet.append`,
each a sequence of the cell tuples :class:`tracker.excel.safe_cells.CellMaker` makes.
Everything else about a sheet (widths, panes, print setup, validations, protection,
charts) is set on its XlsxWriter worksheet, ``RowSheet.worksheet``.

A cell tuple is ``(kind, format, value)``:

* ``("s", format, text)``: text, always written as a string (never a formula);
* ``("n", format, number)``; ``("d", format, date or naive datetime)``;
  ``("b", format, bool)``;
* ``("", format, None)``: a blank cell that keeps its look (borders, fill).

A ``None`` in a row leaves that cell out.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

SheetCell = tuple[str, Format, Any]


class RowSheet:
    """One worksheet, written a whole row at a time from the top.

    Row numbers given to and taken from this class are Excel's (the first row is 1);
    XlsxWriter's own methods on :attr:`worksheet` count from 0.
    """

    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        self.next_row = 1
        self._writers: dict[str, Callable[[int, int, Any, Format], Any]] = {
            "s": worksheet.write_string,
            "n": worksheet.write_number,
            "d": worksheet.write_datetime,
            "b": worksheet.write_boolean,
            "": worksheet.write_blank,
        }

    @property
    def name(self) -> str:
        return self.worksheet.get_name()

    def set_height(self, row: int, height: float) -> None:
        """Row ``row``'s height in points; before that row is appended."""
        self.worksheet.set_row(row - 1, height)

    def append(self, cells: Sequence[SheetCell | None], height: float | None = None) -> None:
        """Write the next row; ``height`` (points) sets its height, None leaves it to Excel."""
        row = self.next_row - 1
        if height is not None:
            self.worksheet.set_row(row, height)
        writers = self._writers
        for column, cell in enumerate(cells):
            if cell is not None:
                kind, look, value = cell
                writers[kind](row, column, value, look)
        self.next_row += 1


class StreamingWorkbook:
    """An XlsxWriter workbook in constant-memory mode whose sheets are :class:`RowSheet`.

    It writes into ``target``, a file open for writing, and keeps its working files in
    ``scratch``, a folder of its own.
    """

    def __init__(self, target: BinaryIO, scratch: str) -> None:
        self.workbook = Workbook(target, {"constant_memory": True, "tmpdir": scratch})

    def add_sheet(self, name: str) -> RowSheet:
        return RowSheet(self.workbook.add_worksheet(name))

    def add_format(self, properties: dict[str, Any]) -> Format:
        return self.workbook.add_format(properties)

    def close(self) -> None:
        """Write the file. A failure to write is the operating system's error."""
        try:
            self.workbook.close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise


@contextmanager
def streaming_workbook(path: Path) -> Iterator[StreamingWorkbook]:
    """A workbook written to ``path`` when the block ends; closed as well if it fails.

    The file is opened first, so a folder that cannot be written to fails before any work.
    XlsxWriter keeps each sheet's rows in a working file until the workbook is closed: a
    failed build is closed too (the half-written workbook lands in ``path``, the caller's
    temporary file, which :mod:`tracker.excel.atomic` removes), and the working folder
    goes in any case.
    """
    with (
        path.open("wb") as target,
        tempfile.TemporaryDirectory(
            prefix="tracker-export-", ignore_cleanup_errors=True
        ) as scratch,
    ):
        workbook = StreamingWorkbook(target, scratch)
        try:
            yield workbook
        except BaseException:
            with contextlib.suppress(Exception):
                workbook.close()
            raise
        workbook.close()
