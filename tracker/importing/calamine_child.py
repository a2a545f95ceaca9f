"""The child process that reads a workbook with python-calamine, inside limits of its own.

calamine trusts the file: a value at A1 and another at XFD1048576 makes it ask for 550 GB
(it holds a sheet's used range densely) and a Rust allocation failure aborts the process,
which no ``except`` catches. So it runs here, as a script in a process of its own that the
parent (:mod:`~tracker.importing.workbook_file`) can lose: before opening the file the
child caps its own address space (``RLIMIT_AS``), stops writing core files, and arms an
alarm that ends it even if the parent is gone. On Windows there is no ``resource`` module:
the parent's wall-clock watchdog still kills the child, but memory is not capped.

The script imports only python_calamine and the standard library, not the ``tracker``
package (it starts for every import, so it must start fast), and writes to stdout, one
pickled message per sheet, rows already tidied (see
:class:`~tracker.importing.workbook_file.SheetData`): pickling writes each distinct text
once, so the rows travel compactly and arrive sharing their strings.

Messages, in order: ``("sheet", name, visible, rows)`` for each sheet, then ``("done",)``;
or, instead of ``"done"``, ``("too_long", sheet, row, column)`` (0-based) for the first
cell over the character limit, or ``("error", kind)`` where kind names the calamine
exception's type, never its text.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable

import python_calamine

# calamine hands back a new str for every cell, even when 10,000 cells share one text (a
# status, an owner). Reusing one object per distinct text keeps a big plan's memory near
# its distinct text; the cache is bounded so all-different texts cost no more.
_STRING_CACHE = 100_000
_is_str = str.__instancecheck__


def main(argv: list[str]) -> int:
    """Read the workbook at ``argv[0]`` and write its sheets to stdout as pickled messages.

    The other arguments are the limits: address-space bytes, wall-clock seconds and
    characters per cell.
    """
    path, max_memory_bytes, max_seconds, max_cell_chars = argv
    _limit_self(int(max_memory_bytes), float(max_seconds))
    out = sys.stdout.buffer

    def send(message: tuple[object, ...]) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        _send_sheets(send, path, int(max_cell_chars))
    except MemoryError:
        return 3  # the parent reports any death the same way: too large to open safely
    except BaseException as exc:  # pyo3 turns a Rust panic into a BaseException
        if isinstance(exc, (BrokenPipeError, KeyboardInterrupt)):
            return 4  # the parent has gone, or is going
        send(("error", _error_kind(exc)))
    out.flush()
    return 0


def _limit_self(max_memory_bytes: int, max_seconds: float) -> None:
    if sys.platform == "win32":
        return  # no rlimits: the parent's watchdog is the only limit
    import resource
    import signal

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (max_memory_bytes, max_memory_bytes))
    # SIGALRM's default action ends the process even while Rust holds the GIL; a few
    # seconds after the parent's own deadline, in case the parent was killed first.
    signal.alarm(int(max_seconds) + 5)


def _error_kind(exc: BaseException) -> str:
    kind = type(exc).__name__
    return kind if kind in ("PasswordError", "ZipError", "XmlError") else "unreadable"


def _send_sheets(
    send: Callable[[tuple[object, ...]], None], path: str, max_cell_chars: int
) -> None:
    # From the open file, not the path: calamine then picks the format from the content,
    # so an .xls or .ods saved with an .xlsx name still reads (from a path it goes by the
    # extension and fails).
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


def _tidy_rows(sheet: python_calamine.CalamineSheet) -> list[tuple[object, ...]]:
    """Turn calamine's rows into real sheet positions.

    Found by experiment with python-calamine 0.9.1: ``sheet.start`` is the (row, col) of
    the first value, or None for an empty sheet. ``iter_rows()`` pads the rows above the
    first value (its first row is sheet row 1) but *not* the columns left of it (each row
    starts at column ``start[1]``). Rather than trust either, the first row tells us: above
    the first value it must be empty, and it is ``width`` long when columns are not padded.
    Empty cells come back as "".
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
