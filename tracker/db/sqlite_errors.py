"""What an SQLite error means for the person using the file, read from SQLite's result
code (``sqlite3.Error.sqlite_errorcode``), never from its message text, which changes
between SQLite versions and is not written for users.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.errors import DatabaseError

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def result_code(error: BaseException | None) -> int | None:
    """The primary SQLite result code (``sqlite3.SQLITE_BUSY``, ...) of an sqlite3 error,
    or of the one a SQLAlchemy error wraps; None for any other error."""
    driver_error = getattr(error, "orig", error)  # SQLAlchemy keeps the driver's as .orig
    code = getattr(driver_error, "sqlite_errorcode", None)
    # Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DIRECTORY, ...) carry the
    # primary code in their low byte.
    return None if code is None else code & 0xFF


def write_refusal(error: BaseException, path: Path) -> DatabaseError | None:
    """Why a write to ``path`` failed, in the user's words; None when the error is not
    one a user can act on (a bug, reported as such)."""
    code = result_code(error)
    if code in BUSY_CODES:
        return DatabaseError(
            f"{path} is busy: another copy of the tracker is saving to it. Nothing was "
            "saved; try again in a moment."
        )
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseError(
            f"{path} is read-only: nothing was saved. Check the file's permissions or copy "
            "it somewhere you can write."
        )
    if code == sqlite3.SQLITE_FULL:
        return DatabaseError(
            f"{path} could not grow: the disk is full. Nothing was saved; free some space "
            "on the disk and try again."
        )
    if code in DAMAGED_CODES:
        return DatabaseError(
            f"{path} is damaged: nothing was saved. Close the tracker and restore the "
            "newest backup (File > Restore from backup)."
        )
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return DatabaseError(
            f"{path} could not be written: the disk or folder refused it. Nothing was "
            "saved; check that the disk is connected and the folder can be written to."
        )
    return None


def read_refusal(error: BaseException, path: Path) -> DatabaseError:
    """Why ``path`` could not be read as a database, in the user's words."""
    code = result_code(error)
    if code == sqlite3.SQLITE_NOTADB:
        return DatabaseError(
            f"{path} is not a tracker database (it is not an SQLite file). "
            "Choose another file, or start a new database."
        )
    if code in BUSY_CODES:
        return DatabaseError(
            f"{path} is locked by another program. Nothing was changed; close that "
            "program or try again in a moment."
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return DatabaseError(
            f"{path} cannot be opened. Check that the file exists and that you may read it."
        )
    if code == sqlite3.SQLITE_IOERR:
        return DatabaseError(
            f"{path} cannot be read from the disk. Check that it is a file, not a folder, "
            "and that the disk it is on is connected."
        )
    return DatabaseError(f"{path} cannot be read. It may be damaged; restore it from a backup.")
