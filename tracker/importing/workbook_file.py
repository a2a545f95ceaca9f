"""Open a workbook sent by a stranger and hand back its cell values, or one clear refusal.

Every spreadsheet the app reads (the original action plan, status returns coming back by
email) goes through :func:`read_workbook`. It either returns the values of every sheet or
raises a single :class:`~tracker.errors.BadWorkbookError` whose message names the file, the
problem and what to do about it, never a library's text. It reads every format
python-calamine reads: ``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls`` and ``.ods``.

calamine is fast but trusts the file: some files make it abort the process (a Rust
allocation failure, which no ``except`` catches) or exhaust memory. So the operating
system is the sandbox:

1. :mod:`~tracker.importing.container_checks` looks at the path and the container only
   (what the first bytes say the file is, the zip directory's part count, declared sizes
   and compression ratios), for the friendly refusals and to stop zip bombs unopened;
2. :mod:`~tracker.importing.calamine_child` runs calamine in a child process that caps
   its own memory; here the parent waits for its sheets with a wall-clock limit and kills
   it when time is up. A child that is killed, dies or runs out of memory gets one line,
   "too large or malformed to open safely", and the caller has changed nothing yet.
"""

from __future__ import annotations

import datetime
import io
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import BadWorkbookError
from tracker.importing import calamine_child
from tracker.importing.container_checks import Container, check_container, zip_is_damaged
from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_messages import (
    PASSWORD,
    RESAVE,
    col_letters,
    damaged,
    refusal,
    unsafe,
)

__all__ = ["SheetData", "WorkbookLimits", "read_workbook"]

# The child is a fresh interpreter running one small script. Not multiprocessing's
# "spawn": it re-imports the parent's __main__ script in the child first, which cost 0.5 s
# a read under a script that imports the database layer at the top (as the benchmark's
# does). A frozen build (no separate script file) will need an entry that runs
# calamine_child.main() when started with the child's arguments.
_CHILD_SCRIPT = str(Path(calamine_child.__file__).resolve())
_CELL_CLASSES = {
    ("datetime", cls.__name__): cls
    for cls in (datetime.date, datetime.datetime, datetime.time, datetime.timedelta)
}
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashes up


@dataclass
class SheetData:
    """One sheet's values, positioned as in Excel.

    ``rows[i]`` is sheet row ``i + 1`` and ``rows[i][j]`` is column ``j + 1``, so error
    messages can quote real cell references. Values are what calamine gives: ``str``,
    ``int``, ``float`` (whole numbers stay floats), ``bool``, ``datetime.date``,
    ``datetime.datetime``, ``datetime.time``, ``datetime.timedelta`` (durations), or
    ``None`` for an empty cell. Each row's trailing ``None``s are trimmed, an empty row is
    ``()`` and trailing empty rows are dropped; every row calamine holds is kept, however
    long a gap of empty rows comes before it. Cells sharing a text share one ``str``.
    """

    name: str
    rows: list[tuple[object, ...]]
    visible: bool = True


def read_workbook(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> list[SheetData]:  # noqa: B008
    """Check ``path``'s container, read it in a limited child process, return every sheet."""
    path = Path(path)
    container = check_container(path, limits)
    return _read_in_child(path, container, limits)


def _read_in_child(path: Path, container: Container, limits: WorkbookLimits) -> list[SheetData]:
    name = path.name
    args = [str(path), str(limits.max_memory_bytes), str(limits.max_seconds)]
    child = subprocess.Popen(
        [sys.executable, _CHILD_SCRIPT, *args, str(limits.max_cell_chars)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a Rust abort's backtrace is not for the user
        creationflags=_NO_WINDOW,
    )
    try:
        output, _ = child.communicate(timeout=limits.max_seconds)
    except subprocess.TimeoutExpired:
        raise unsafe(name) from None  # the wall-clock watchdog: the finally kills the child
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    messages = _Messages(io.BytesIO(output))
    sheets: list[SheetData] = []
    while True:
        try:
            message = messages.load()
        except Exception:  # the child was killed, ran out of memory or crashed mid-way
            raise unsafe(name) from None
        kind = message[0]
        if kind == "done" and child.returncode == 0:
            return sheets
        if kind == "sheet":
            _, sheet_name, visible, rows = message
            sheets.append(SheetData(name=sheet_name, rows=rows, visible=visible))
        elif kind == "too_long":
            _, sheet_name, row, col = message
            raise refusal(
                name,
                f"cannot be imported: cell {col_letters(col + 1)}{row + 1} on sheet "
                f"'{sheet_name}' holds more than the {limits.max_cell_chars:,} "
                "characters a cell can hold",
                "Shorten the text in that cell in Excel, save it and import it again.",
            )
        elif kind == "error":
            raise _calamine_refusal(path, container, message[1])
        else:
            raise unsafe(name)


class _Messages(pickle.Unpickler):
    """Unpickles the child's messages, refusing any class but the dates cells hold.

    The child parses hostile files: should one ever subvert it, what it writes back must
    still not be able to run code here.
    """

    def find_class(self, module: str, name: str) -> type:
        try:
            return _CELL_CLASSES[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cell value") from None


def _calamine_refusal(path: Path, container: Container, error: str) -> BadWorkbookError:
    """Our own words for what calamine refused, chosen by the exception's type alone."""
    name = path.name
    if error == "PasswordError":
        return refusal(name, "is password-protected", PASSWORD)
    if error == "ZipError" or (container == "zip" and zip_is_damaged(path)):
        return damaged(name)
    if container == "ole":
        return refusal(
            name,
            "is an Excel 97-2003 workbook (.xls) that could not be read: it may be damaged, "
            "or saved by a program that does not follow Excel's format",
            RESAVE,
        )
    return refusal(
        name,
        "could not be read as an Excel workbook: it may be damaged, or saved by a program "
        "that does not follow Excel's format",
        RESAVE,
    )
