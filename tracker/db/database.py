"""The database: opening it safely and handing out transactions.

One ``Database`` object owns the engine for one SQLite file or one PostgreSQL database
(``Database("postgresql://user@host/tracker")``). Writes go through ``Database.write()``,
which takes the write lock first:

- SQLite: ``BEGIN IMMEDIATE``. In WAL mode a transaction that reads and then tries to
  write after another process committed fails at once with SQLITE_BUSY_SNAPSHOT whatever
  the busy timeout, so a writer takes the write lock first. Every connection runs with
  foreign keys on, WAL journaling and ``synchronous=FULL`` (durability over a few
  milliseconds per commit).
- PostgreSQL: a transaction-scoped advisory lock, so writers commit one at a time as
  they do on SQLite and two of them can never extend the audit chain from the same link;
  readers are never blocked. Each write tells listening windows with
  ``NOTIFY tracker_changes`` (delivered only if it commits).
"""

from __future__ import annotations

import getpass
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from tracker.db.location import display_name, is_server_url, server_url
from tracker.db.models import utc_now
from tracker.db.server_errors import server_refusal
from tracker.db.sqlite_errors import write_refusal

BUSY_TIMEOUT_MS = 5000

# The PRAGMAs every connection gets; the benchmark's floor uses the same ones.
CONNECTION_PRAGMAS: tuple[str, ...] = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)

# The advisory lock every PostgreSQL writer holds until it commits (any fixed number;
# this one spells "TRAK").
WRITE_LOCK_KEY = 0x5452414B
CHANGES_CHANNEL = "tracker_changes"
SERVER_CONNECT_TIMEOUT_S = 10


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


def _make_server_engine(url: URL) -> Engine:
    # A small pool, checked before use: a connection dropped by a server restart is
    # replaced on the next transaction instead of failing it.
    return create_engine(
        url,
        pool_size=2,
        max_overflow=4,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
            "application_name": "action-plan tracker",
        },
    )


class Database:
    """An open tracker database. Create with :func:`tracker.db.open_database`.

    ``location`` is an SQLite file's path or a ``postgresql://`` URL. ``path`` is the
    file (None on a server), ``url`` the server's address (None for a file), ``name``
    what to call it in messages and the title bar.
    """

    def __init__(self, location: Path | str) -> None:
        self.url: URL | None = None
        self.path: Path | None = None
        # As given, password and all: what reopens this database (never shown).
        self.location: Path | str = location
        if is_server_url(location):
            self.url = server_url(str(location))
            self.name = display_name(self.url)
            self.engine = _make_server_engine(self.url)
            self._read_engine = self.engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            self._write_engine = self.engine
        else:
            self.path = Path(location)
            self.name = self.path.name
            self.engine = _make_engine(self.path)
            self._read_engine = self.engine
            self._write_engine = self.engine.execution_options(tracker_write=True)
        self.last_write: datetime | None = None
        # Signs this handle's change notices, so its own window does not reload on them.
        self.token = secrets.token_hex(8)
        # Who the audit log names for changes made through this handle; the window sets
        # it from preferences, the CLI from --author or the login name.
        self.actor: str = _login_name()

    @property
    def is_server(self) -> bool:
        """True for a PostgreSQL database, False for an SQLite file."""
        return self.url is not None

    @property
    def where(self) -> str:
        """The file's path, or the server address without its password, for messages."""
        if self.url is not None:
            return self.url.set(drivername="postgresql").render_as_string(hide_password=True)
        return str(self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session on one consistent snapshot."""
        try:
            with Session(self._read_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as exc:
            refusal = server_refusal(exc, self.name) if self.is_server else None
            if refusal is None:
                raise
            raise refusal from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: everything in the block commits together or not at all."""
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                if self.is_server:
                    session.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}
                    )
                yield session
                if self.is_server:
                    session.execute(
                        text("SELECT pg_notify(:channel, :who)"),
                        {"channel": CHANGES_CHANNEL, "who": self.token},
                    )
        except DBAPIError as exc:
            if self.is_server:
                refusal = server_refusal(exc, self.name)
            else:
                assert self.path is not None
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
