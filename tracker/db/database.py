"""The SQLite database file: opening it safely and handing out transactions.

One ``Database`` object owns the engine for one file. Writes go through
``Database.write()``, which starts with ``BEGIN IMMEDIATE``: in WAL mode a transaction that
reads and then tries to write after another process committed fails at once with
SQLITE_BUSY_SNAPSHOT whatever the busy timeout, so a writer takes the write lock first.
Every connection runs with foreign keys on, WAL journaling and ``synchronous=FULL``
(durability over a few milliseconds per commit).
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from tracker.db.models import utc_now
from tracker.db.sqlite_errors import write_refusal

BUSY_TIMEOUT_MS = 5000

# The PRAGMAs every connection gets; the benchmark's floor uses the same ones.
CONNECTION_PRAGMAS: tuple[str, ...] = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


def apply_pragmas(connection: sqlite3.Connection) -> None:
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma)


def _make_engine(path: Path) -> Engine:
    # NullPool: a desktop app has one user; pooled connections would keep the file open
    # after close() and hold stale snapshots across another process's commits.
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is always DEFERRED).
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get("tracker_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """An open tracker database file. Create with :func:`tracker.db.open_database`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = _make_engine(path)
        self._write_engine = self.engine.execution_options(tracker_write=True)
        self.last_write: datetime | None = None
        # Who the audit log names for changes made through this handle; the window sets
        # it from preferences, the CLI from --author or the login name.
        self.actor: str = _login_name()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session on one consistent snapshot."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: everything in the block commits together or not at all."""
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as exc:
            refusal = write_refusal(exc, self.path)
            if refusal is None:
                raise
            raise refusal from exc
        self.last_write = utc_now()

    def close(self) -> None:
        self.engine.dispose()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no USER variable
        return "unknown user"
