"""Open a workbook sent by a stranger and hand back its cell values, or one clear refusal.

Every spreadsheet the app reads (the original action plan, status returns coming back by
email) goes through :func:`read_workbook`. It either returns the values of every sheet or
raises a single :class:`~tracker.errors.BadWorkbookError` whose message names the file, the
problem and what to do about it. It never lets a file crash or exhaust the process.

We read with python-calamine because it is fast, but it trusts the file. Two kinds of file
make it *abort* the process (a Rust allocation failure, which no ``except`` catches) and a
third exhausts memory (all found by experiment with python-calamine 0.9.1):

* a value at A1 and another at XFD1048576: calamine stores the value area densely, so it
  asks for 17 billion cells (550 GB). A1 + G1048576 already costs about 250 MB;
* ``<sst uniqueCount="4000000000">``: calamine reserves that many shared strings up front;
* a shared string used by many cells is copied into each of them, so one 32 KB text used by
  100,000 cells becomes 3 GB.

So before calamine touches the file, :func:`check_workbook_file` walks the zip and its XML
itself, streaming, in bounded memory, cheapest checks first:

1. the path: missing, a folder, unreadable, empty, too big;
2. the first bytes: an OLE2 container (password-protected .xlsx or old .xls), something
   that is not a zip at all (CSV, PDF, web page...);
3. the zip directory, before inflating anything: part count, declared sizes, compression
   ratios, duplicate names, encryption, compression methods;
4. is it a spreadsheet at all (a .docx or a plain zip is not), parsing
   ``[Content_Types].xml``, ``xl/workbook.xml`` and its relationships with defusedxml;
5. every part is inflated by our own code (declared sizes and CRCs are verified, never
   trusted); an XML part is refused if it is not UTF-8 (or an ASCII-compatible cousin) or
   carries a DTD anywhere (``<!DOCTYPE``/``<!ENTITY``: OOXML never needs one; that is how
   entity-expansion bombs start);
6. the shared strings: how many, how long each (for point 7), and the declared
   ``uniqueCount``;
7. every ``<sheetData>`` in any part (calamine opens worksheets at whatever path the
   relationships name): the extent of the cells that carry a *value* (a cell that only
   carries formatting does not count: calamine does not store it), the text the cells will
   expand to, and cells longer than Excel's 32,767 characters;
8. totals over all sheets: rows, cells and text.

Steps 6 and 7 have a fast path (one cell pattern plus a few ``bytes.count`` calls per
megabyte, for the unprefixed shapes Excel, LibreOffice, openpyxl and xlsxwriter write) and
an exact path (expat, with the rules calamine follows: local names whatever the prefix,
start+end events for ``<x/>``, a cell's children read whole, running row and column
counters for cells without an ``r``). Anything the fast path does not recognise with
certainty sends the whole part to the exact path, so odd but valid files are slower, never
wrongly accepted.

After the checks, :func:`read_workbook` reads with calamine and maps every exception it
raises (``CalamineError``, ``PasswordError``, ``XmlError``, ``ZipError``, even a Rust panic)
to a BadWorkbookError chained to the original.

The checks live in their own modules: :mod:`~tracker.importing.container_checks` (steps
1-3 and inflating parts), :mod:`~tracker.importing.workbook_parts` (step 4),
:mod:`~tracker.importing.xml_scan` (step 5 and what the scanners share),
:mod:`~tracker.importing.shared_strings_scan` (step 6),
:mod:`~tracker.importing.sheet_scan` (step 7) and
:mod:`~tracker.importing.workbook_inspection` (the order of it all, and step 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import python_calamine

from tracker.errors import BadWorkbookError
from tracker.importing.container_checks import open_checked
from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_inspection import Inspection
from tracker.importing.workbook_messages import RESAVE, col_letters, refusal

__all__ = ["SheetData", "WorkbookLimits", "check_workbook_file", "read_workbook"]


@dataclass
class SheetData:
    """One sheet's values, positioned as in Excel.

    ``rows[i]`` is sheet row ``i + 1`` and ``rows[i][j]`` is column ``j + 1``, so error
    messages can quote real cell references. Values are what calamine gives: ``str``,
    ``int``, ``float`` (whole numbers stay floats), ``bool``, ``datetime.date``,
    ``datetime.datetime``, ``datetime.time``, ``datetime.timedelta`` (durations), or
    ``None`` for an empty cell. Each row's trailing ``None``s are trimmed, an empty row is
    ``()`` and trailing empty rows are dropped. Every row calamine holds is kept, however
    long a gap of empty rows comes before it: the checks before reading have already
    bounded the rows and columns holding values, so nothing is dropped to save time.
    """

    name: str
    rows: list[tuple[object, ...]]
    visible: bool = True


# --------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------


def check_workbook_file(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> None:  # noqa: B008
    """Raise :class:`BadWorkbookError` unless ``path`` is an .xlsx that is safe to read.

    Safe means: calamine can open it without aborting the process or using more memory
    than ``limits`` allow. It does not mean the workbook holds an action plan.
    """
    path = Path(path)
    fp = open_checked(path, limits)
    with fp:
        Inspection(fp, path.name, limits).run()


def read_workbook(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> list[SheetData]:  # noqa: B008
    """Check ``path`` (see :func:`check_workbook_file`) and return every sheet's values."""
    path = Path(path)
    check_workbook_file(path, limits)
    return _read_with_calamine(path, limits)


# --------------------------------------------------------------------------------------
# Reading with calamine, once the checks have passed
# --------------------------------------------------------------------------------------

_is_str = str.__instancecheck__
_STRING_CACHE = 100_000


def _read_with_calamine(path: Path, limits: WorkbookLimits) -> list[SheetData]:
    name = path.name
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            result = []
            for index, meta in enumerate(workbook.sheets_metadata):
                # By index, not name: two sheets could share a name in a crafted file.
                sheet = workbook.get_sheet_by_index(index)
                rows = _sheet_rows(sheet, limits, name, meta.name)
                del sheet  # frees calamine's copy of the sheet before the next one
                visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
                result.append(SheetData(name=meta.name, rows=rows, visible=visible))
            return result
        finally:
            workbook.close()
    except BadWorkbookError:
        raise
    except python_calamine.PasswordError as exc:
        raise refusal(
            name,
            "is password-protected",
            "Remove the password in Excel (File > Info > Protect Workbook) and import it again.",
        ) from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # pyo3 turns Rust panics into a BaseException
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise refusal(name, f"could not be read as an Excel workbook ({detail})", RESAVE) from exc


def _sheet_rows(
    sheet: python_calamine.CalamineSheet, limits: WorkbookLimits, name: str, sheet_name: str
) -> list[tuple[object, ...]]:
    """Turn calamine's rows into real sheet positions.

    Found by experiment with python-calamine 0.9.1: ``sheet.start`` is the (row, col) of
    the first value, or None for an empty sheet. ``iter_rows()`` pads the rows above the
    first value (its first row is sheet row 1) but *not* the columns left of it (each row
    starts at column ``start[1]``); ``to_python(skip_empty_area=False)`` pads both. Rather
    than trust either, the first row tells us: above the first value it must be empty, and
    it is ``width`` long when columns are not padded. Empty cells come back as "".
    """
    start = sheet.start
    if start is None:
        return []
    start_row, start_col = start
    width = sheet.width
    rows: list[tuple[object, ...]] = []
    col_pad: tuple[None, ...] = ()
    first = True
    # calamine hands back a new str for every cell, even when 10,000 cells share one text
    # (a status, an owner). Reusing one object per distinct text keeps a big plan's memory
    # near its distinct text; the cache is bounded so all-different texts cost no more.
    seen: dict[str, str] = {}
    reuse = seen.setdefault
    for raw in sheet.iter_rows():
        values: list[object] = [
            (reuse(v, v) if v else None) if v.__class__ is str else v for v in raw
        ]
        if len(seen) > _STRING_CACHE:
            seen.clear()
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        if first:
            first = False
            if start_col and len(raw) == width:
                col_pad = (None,) * start_col
            if start_row and end:
                rows.extend([()] * start_row)  # rows above the first value were not padded
        if not end:
            rows.append(())
            continue
        row = col_pad + tuple(values[:end])
        if max(map(len, filter(_is_str, row)), default=0) > limits.max_cell_chars:
            col = next(
                j for j, v in enumerate(row) if _is_str(v) and len(v) > limits.max_cell_chars
            )
            raise refusal(
                name,
                f"cannot be imported: cell {col_letters(col + 1)}{len(rows) + 1} on sheet "
                f"'{sheet_name}' holds more than the {limits.max_cell_chars:,} characters a "
                "cell can hold",
                "Shorten the text in that cell in Excel, save it and import it again.",
            )
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows
