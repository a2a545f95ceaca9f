"""Team databases named by address: ``sqlite:///path``, a plain path, or a server URL.

``checkout``, ``sync`` and ``copy`` name the other database by an address. This module is
the one place an address becomes an open :class:`Database`, and the one place a password
is taken out of an address before it is shown or stored.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tracker.db.database import Database
from tracker.db.location import is_server_url
from tracker.db.migrate import open_database
from tracker.errors import DatabaseError

SQLITE_PREFIX = "sqlite:///"


def is_url(address: str) -> bool:
    return "://" in address


def sqlite_path(address: str) -> Path | None:
    """The file an address names when it is a SQLite file (a path or ``sqlite:///``)."""
    if not is_url(address):
        return Path(address).expanduser()
    if address.startswith(SQLITE_PREFIX):
        return Path(address[len(SQLITE_PREFIX) :]).expanduser()
    return None


def shown_address(address: str) -> str:
    """The address as it may be shown and stored: never with its password."""
    if not is_url(address):
        return str(Path(address).expanduser().resolve())
    try:
        url = make_url(address)
    except ArgumentError:
        return address.split("@")[-1]
    if url.get_backend_name() == "sqlite" and url.database:
        return SQLITE_PREFIX + str(Path(url.database).expanduser().resolve())
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)


def open_address(address: str) -> Database:
    """Open (creating and migrating a new SQLite file) the database at this address."""
    path = sqlite_path(address)
    if path is not None:
        return open_database(path)
    if is_server_url(address):
        return open_database(address)  # a team database on PostgreSQL
    scheme = address.split("://", 1)[0]
    raise DatabaseError(
        f"This copy of the tracker cannot open a {scheme} database ({shown_address(address)}). "
        "Give the path of a tracker file, sqlite:///PATH or postgresql://USER@HOST/DATABASE."
    )
