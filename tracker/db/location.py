"""Where a database lives: an SQLite file on this computer, or a PostgreSQL server.

``--db``, ``TRACKER_DB`` and the window all take either a file path or a server URL
(``postgresql://user@host/dbname``); this module tells them apart and turns a URL into
what SQLAlchemy and psycopg need, never showing a password back to the user.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tracker.errors import DatabaseError

SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")
DRIVER = "postgresql+psycopg"


def is_server_url(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.strip().lower().startswith(SERVER_SCHEMES)


def server_url(text: str) -> URL:
    """The SQLAlchemy URL (psycopg 3 driver) for a ``postgresql://`` address."""
    text = text.strip()
    if text.lower().startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://") :]
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseError(
            f"{safe_text(text)} is not a database address. Write it as "
            "postgresql://USER@HOST/DATABASE (or give a file path)."
        ) from exc
    if not url.database:
        raise DatabaseError(
            f"{safe_text(text)} names no database. Write it as postgresql://USER@HOST/DATABASE."
        )
    return url.set(drivername=DRIVER)


def libpq_url(url: URL) -> str:
    """The same address as libpq tools (psql, pg_dump, psycopg itself) write it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def safe_text(location: str | URL) -> str:
    """An address as it may be shown or logged: any password is masked."""
    try:
        url = location if isinstance(location, URL) else make_url(location)
    except ArgumentError:
        return "the address given"
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def display_name(url: URL) -> str:
    """A short name for a server database: ``tracker on db.example.org``."""
    return f"{url.database} on {url.host or 'this computer'}"


def shown_location(location: str | Path) -> str:
    """A file's path, or a server address with its password masked: for messages."""
    return safe_text(location) if is_server_url(location) else str(location)


def remembered_url(location: str) -> str:
    """A server address as it may be kept in settings or a recent list: no password."""
    return (
        server_url(location)
        .set(drivername="postgresql", password=None)
        .render_as_string(hide_password=False)
    )


def with_password(location: str, password: str) -> str:
    """The address with ``password`` added (kept in memory only, never in settings)."""
    url = server_url(location).set(drivername="postgresql", password=password)
    return url.render_as_string(hide_password=False)
