"""What a PostgreSQL error means for the person using the team database, read from its
SQLSTATE code (psycopg's ``Error.sqlstate``), never from the server's message text.

The SQLite counterpart is :mod:`tracker.db.sqlite_errors`.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from tracker.errors import DatabaseError

INSUFFICIENT_PRIVILEGE = "42501"
SERIALIZATION_CODES = frozenset({"40001", "40P01"})
DISK_FULL = "53100"
# The server shut down or restarted under us (admin_shutdown, crash_shutdown,
# cannot_connect_now); class 08 is any broken connection.
SERVER_GONE_CODES = frozenset({"57P01", "57P02", "57P03"})


class PermissionRefusedError(DatabaseError):
    """The database itself refused a change the user's role may not make."""


class ConnectionLostError(DatabaseError):
    """The server went away during a transaction; nothing of it was written."""


def sqlstate(error: BaseException | None) -> str | None:
    """The SQLSTATE of a psycopg error, or of the one a SQLAlchemy error wraps."""
    driver_error = getattr(error, "orig", error)
    code = getattr(driver_error, "sqlstate", None)
    return code if isinstance(code, str) else None


def server_refusal(error: BaseException, name: str) -> DatabaseError | None:
    """Why a transaction on the team database ``name`` failed, in the user's words; None
    when it is not something the user can act on (a bug, reported as such)."""
    code = sqlstate(error)
    lost = isinstance(error, DBAPIError) and error.connection_invalidated
    if code == INSUFFICIENT_PRIVILEGE:
        return PermissionRefusedError(
            f"The team database {name} refused this change: your role may change only "
            "the workstreams you lead. Nothing was saved; ask the programme office if you "
            "should be able to change it."
        )
    if lost or code in SERVER_GONE_CODES or (code or "").startswith("08"):
        return ConnectionLostError(
            f"The connection to the team database {name} was lost (the server may have "
            "restarted). Nothing of this change was saved; the tracker reconnects by "
            "itself, so try again in a moment."
        )
    if code in SERIALIZATION_CODES:
        return DatabaseError(
            f"The team database {name} is busy with someone else's change. Nothing was "
            "saved; try again in a moment."
        )
    if code == DISK_FULL:
        return DatabaseError(
            f"The team database {name} is out of disk space. Nothing was saved; tell "
            "whoever looks after the server."
        )
    if code is None and type(getattr(error, "orig", None)).__name__ == "OperationalError":
        return ConnectionLostError(connect_refusal(name))
    return None


def connect_refusal(name: str) -> str:
    return (
        f"The tracker could not connect to the team database {name}: the server did not "
        "answer, or refused the user name or password. Check the address, that the server "
        "is running, and the password (in the address, in your .pgpass file or PGPASSFILE)."
    )
