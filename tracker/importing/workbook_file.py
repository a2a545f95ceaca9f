"""Open a workbook sent by a stranger and hand back its cell values, or one clear refusal.

Every spreadsheet the app reads (the original action plan, status returns coming back by
email) goes through :func:`read_workbook`: ``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls`` or
``.ods``. It returns every sheet's values or raises one
:class:`~tracker.errors.BadWorkbookError` naming the file, the problem and what to do,
never in a library's words. calamine reads fast but trusts the file, and some files abort
or exhaust the process that reads them, so the operating system is the sandbox:

1. :mod:`~tracker.importing.container_checks` judges the path and the container only
   (what the first bytes say, the zip directory's part count, sizes and ratios);
2. :mod:`~tracker.importing.calamine_child` reads it in a child process capped in memory;
   here the parent waits with a wall-clock limit and kills it when time is up. A child
   that is killed, dies or runs out of memory gets one line, "too large or malformed to
   open safely", and nothing has been changed.
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

__all__ = ["SheetData", "WorkbookLimits", "read_cell_fills", "read_workbook"]

# A fresh interpreter running one small script. Not multiprocessing's "spawn": that first
# re-imports the parent's __main__ script in the child (0.5 s a read under a script that
# imports the database layer at its top).
_CHILD_SCRIPT = str(Path(calamine_child.__file__).resolve())
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashes up


@dataclass
class SheetData:
    """One sheet's values: ``rows[i][j]`` is the cell at row ``i + 1``, column ``j + 1``.

    Values are what calamine gives: ``str``, ``float`` (whole numbers too; ``int`` from
    .xls), ``bool``, ``datetime`` date, datetime, time and timedelta, or ``None`` when
    empty. Trailing ``None``s are trimmed, an empty row is ``()``, trailing empty rows are
    dropped, and cells sharing a text share one ``str``.
    """

    name: str
    rows: list[tuple[object, ...]]
    visible: bool = True


def read_workbook(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> list[SheetData]:  # noqa: B008
    """Check ``path``'s container, read it in a limited child process, return every sheet."""
    path = Path(path)
    container = check_container(path, limits)
    return _read_in_child(path, container, limits)


def read_cell_fills(
    path: Path,
    sheet: str,
    column: int,
    rows: list[int],
    limits: WorkbookLimits = WorkbookLimits(),  # noqa: B008
) -> dict[int, str]:
    """The fill colours ("AARRGGBB") of one column's cells in ``rows`` of an .xlsx or
    .xlsm already read by :func:`read_workbook`, read in the same kind of limited child.
    Best effort: a workbook whose styles cannot be read gives no colours, never an error."""
    path = Path(path)
    if not rows or check_container(path, limits) != "zip":
        return {}
    extra = ["fills", sheet, str(column), ",".join(map(str, sorted(set(rows))))]
    try:
        output, returncode = _run_child(path, limits, extra)
    except BadWorkbookError:
        return {}
    stream = io.BytesIO(output)
    try:
        message = _Messages(stream).load()
    except Exception:
        return {}
    if returncode != 0 or message[0] != "fills" or not isinstance(message[1], dict):
        return {}
    return {int(r): str(c) for r, c in message[1].items()}


def _run_child(path: Path, limits: WorkbookLimits, extra: list[str]) -> tuple[bytes, int]:
    args = [str(path), str(limits.max_memory_bytes), str(limits.max_seconds)]
    child = subprocess.Popen(
        [*_child_command(), *args, str(limits.max_cell_chars), *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a Rust abort's backtrace is not for the user
        creationflags=_NO_WINDOW,
    )
    try:
        output, _ = child.communicate(timeout=limits.max_seconds)
    except subprocess.TimeoutExpired:
        raise unsafe(path.name) from None  # the wall-clock watchdog: the finally kills it
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return output, child.returncode


def _read_in_child(path: Path, container: Container, limits: WorkbookLimits) -> list[SheetData]:
    name = path.name
    output, returncode = _run_child(path, limits, [])
    stream = io.BytesIO(output)
    sheets: list[SheetData] = []
    while True:
        try:
            message = _Messages(stream).load()  # one unpickler a message: each has its memo
        except Exception:  # the child was killed, ran out of memory or crashed mid-way
            raise unsafe(name) from None
        kind = message[0]
        if kind == "done" and returncode == 0:
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


def _child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        # The packaged app has no interpreter to hand a script to: its own program is the
        # reader when started with the child's flag (packaging/entry.py).
        return [sys.executable, calamine_child.CHILD_FLAG]
    # -P: the script's own folder is not put on sys.path, so nothing there shadows a module
    return [sys.executable, "-P", _CHILD_SCRIPT]


class _Messages(pickle.Unpickler):
    """Unpickles the child's messages, refusing any class but the dates cells hold: should
    a hostile file ever subvert the child, what it writes back still cannot run code here."""

    def find_class(self, module: str, name: str) -> type:
        if module == "datetime" and name in ("date", "datetime", "time", "timedelta"):
            return getattr(datetime, name)  # type: ignore[no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def _calamine_refusal(path: Path, container: Container, error: str) -> BadWorkbookError:
    """Our own words for what calamine refused, chosen by the exception's type alone."""
    if error == "PasswordError":
        return refusal(path.name, "is password-protected", PASSWORD)
    if error == "ZipError" or (container == "zip" and zip_is_damaged(path)):
        return damaged(path.name)
    what = "is an Excel 97-2003 workbook (.xls) that could not be read"
    if container == "zip":
        what = "could not be read as an Excel workbook"
    why = "it may be damaged, or saved by a program that does not follow Excel's format"
    return refusal(path.name, f"{what}: {why}", RESAVE)
