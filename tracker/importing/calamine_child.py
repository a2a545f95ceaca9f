"""The child process that reads a workbook with python-calamine, inside limits of its own.

calamine trusts the file: a value at A1 and another at XFD1048576 makes it ask for 550 GB
(it holds a sheet's used range densely), and a Rust allocation failure aborts the process
where no ``except`` can catch it. So it runs here, a script in a process the parent
(:mod:`~tracker.importing.workbook_file`) can lose. Before opening the file the child caps
its own address space, stops core files and arms an alarm that ends it even if the parent
is gone. Windows has no ``resource`` module: there the parent's watchdog still kills the
child, but memory is not capped. The script imports python_calamine and the standard
library only, so it starts fast.

It writes pickled messages to stdout: ``("sheet", name, visible, rows)`` for each sheet
(rows tidied as :class:`~tracker.importing.workbook_file.SheetData` describes), then
``("done",)``; or instead ``("too_long", sheet, row, column)`` (0-based) for the first cell
over the character limit, or ``("error", kind)``, the calamine exception's type, never its
text. Pickle writes a text shared by many cells once: the rows travel compactly.

Given ``fills SHEET COLUMN ROWS`` after its usual arguments, it instead reads the fill
colours of one column's cells with openpyxl (calamine reads no styles; a hand-kept copy
may rate an action by colouring its RAG cell) and writes ``("fills", {row: "RRGGBB"})``
then ``("done",)``. openpyxl is imported only then, inside the same limits.
"""

from __future__ import annotations

import functools
import pickle
import sys
from collections.abc import Callable

import python_calamine

# calamine makes a new str for every cell, even when 10,000 share one status or owner: one
# object per distinct text keeps memory near the distinct text (bounded cache).
_STRING_CACHE = 100_000
_is_str = str.__instancecheck__

# A packaged app has no script to run: it starts its own program again with this first
# argument instead (packaging/entry.py), and the arguments below follow it.
CHILD_FLAG = "--read-workbook-child"


def main(argv: list[str]) -> int:
    """Arguments: the workbook's path, address-space bytes, seconds, characters a cell."""
    path, max_memory_bytes, max_seconds, max_cell_chars, *fills = argv
    _limit_self(int(max_memory_bytes), float(max_seconds))
    out = sys.stdout.buffer
    send = functools.partial(pickle.dump, file=out, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        if fills:
            _send_fills(send, path, fills[1], int(fills[2]), fills[3])
        else:
            _send_sheets(send, path, int(max_cell_chars))
    except (MemoryError, BrokenPipeError, KeyboardInterrupt):
        return 3  # out of memory, or the parent has gone: it reports any death the same way
    except BaseException as exc:  # pyo3 turns a Rust panic into a BaseException
        kind = type(exc).__name__  # the type only: calamine's text is not for the user
        send(("error", kind if kind in ("PasswordError", "ZipError") else "unreadable"))
    out.flush()
    return 0


def _limit_self(max_memory_bytes: int, max_seconds: float) -> None:
    if sys.platform == "win32":
        return  # no rlimits: the parent's watchdog is the only limit
    import resource
    import signal

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (max_memory_bytes, max_memory_bytes))
    # SIGALRM's default action ends the process even inside Rust: in case the parent is gone.
    signal.alarm(int(max_seconds) + 5)


def _send_sheets(
    send: Callable[[tuple[object, ...]], None], path: str, max_cell_chars: int
) -> None:
    # From the open file, not the path: calamine then goes by the content, not the extension,
    # so an .xls or .ods saved under an .xlsx name still reads.
    with open(path, "rb") as handle:
        workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
    visible_state = python_calamine.SheetVisibleEnum.Visible
    for index, meta in enumerate(workbook.sheets_metadata):
        # By index, not name: two sheets could share a name in a crafted file.
        sheet = workbook.get_sheet_by_index(index)
        rows = _tidy_rows(sheet)
        del sheet  # frees calamine's copy of the sheet before the next one
        for row_index, row in enumerate(rows):
            if max(map(len, filter(_is_str, row)), default=0) > max_cell_chars:
                col_index = next(
                    j for j, v in enumerate(row) if _is_str(v) and len(v) > max_cell_chars
                )
                send(("too_long", meta.name, row_index, col_index))
                return
        send(("sheet", meta.name, meta.visible == visible_state, rows))
        del rows
    workbook.close()
    send(("done",))


def _send_fills(
    send: Callable[[tuple[object, ...]], None], path: str, sheet: str, column: int, rows: str
) -> None:
    """The solid fill colour of ``column`` (0-based) in each of ``rows`` (1-based, comma
    separated) of ``sheet``, as hex RGB; cells without one are left out."""
    import openpyxl  # only a copy whose RAG cells are coloured, not lettered, needs it
    from openpyxl.styles.colors import COLOR_INDEX

    wanted = sorted({int(r) for r in rows.split(",") if r})
    found: dict[int, str] = {}
    with open(path, "rb") as handle:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        if wanted and sheet in workbook.sheetnames:
            cells = workbook[sheet].iter_rows(
                min_row=wanted[0], max_row=wanted[-1], min_col=column + 1, max_col=column + 1
            )
            keep = set(wanted)
            for number, row in enumerate(cells, start=wanted[0]):
                fill = getattr(row[0], "fill", None) if row else None
                if number not in keep or fill is None or fill.fill_type != "solid":
                    continue
                colour = fill.fgColor
                if colour.type == "rgb" and isinstance(colour.rgb, str):
                    found[number] = colour.rgb
                elif colour.type == "indexed" and 0 <= colour.indexed < len(COLOR_INDEX):
                    found[number] = COLOR_INDEX[colour.indexed]
        workbook.close()
    send(("fills", found))
    send(("done",))


def _tidy_rows(sheet: python_calamine.CalamineSheet) -> list[tuple[object, ...]]:
    """Turn calamine's rows into real sheet positions.

    Found by experiment with python-calamine 0.9.1: ``sheet.start`` is the (row, col) of
    the first value, or None for an empty sheet. ``iter_rows()`` pads the rows above it
    but not the columns left of it; rather than trust that, the first row tells us (it is
    ``width`` long when columns are not padded). Empty cells come back as "".
    """
    start = sheet.start
    if start is None:
        return []
    start_row, start_col = start
    width = sheet.width
    rows: list[tuple[object, ...]] = []
    col_pad: tuple[None, ...] = ()
    first = True
    seen: dict[str, str] = {}
    reuse = seen.setdefault
    for raw in sheet.iter_rows():
        values = [(reuse(v, v) if v else None) if v.__class__ is str else v for v in raw]
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
        rows.append(col_pad + tuple(values[:end]) if end else ())
    while rows and not rows[-1]:
        rows.pop()
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
