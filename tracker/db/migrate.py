"""Opening a database: create it, or bring its schema up to date, or refuse it.

Start-up runs the Alembic migrations in ``db/migrations``, the same ones for an SQLite file
and a PostgreSQL database. Before changing an existing file's schema it takes a backup; a
database written by a newer version of the app (a schema revision this copy does not
know) is refused rather than guessed at. On a server, migrations run under the writers'
advisory lock, so two copies of the app starting at once do not both migrate.
"""

from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from tracker.db.backup import backup_database
from tracker.db.database import WRITE_LOCK_KEY, Database
from tracker.db.location import is_server_url
from tracker.db.server_errors import INSUFFICIENT_PRIVILEGE, connect_refusal, sqlstate
from tracker.db.sqlite_errors import read_refusal
from tracker.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# The newest schema revision in db/migrations (a test keeps the two in step). Opening a
# file already at this revision needs no Alembic at all, which keeps start-up quick.
SCHEMA_HEAD = "0010"


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("tracker.migrations")))
    return config


def head_revision() -> str:
    """The head revision as Alembic computes it from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for a new, empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    # Only SQLite itself touches the file: closing any other descriptor on a database this
    # process has open would drop SQLite's POSIX locks (a known way to corrupt it).
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            row = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise read_refusal(exc, path) from exc
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise DatabaseError(
                f"{path} is an SQLite database but not one of the tracker's. "
                "Choose another file, or start a new database."
            )
        return None
    return row[0] if row else None


def open_database(location: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at ``location``: an SQLite
    file's path or a ``postgresql://`` URL."""
    if is_server_url(location):
        return open_server_database(str(location))
    path = Path(location).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    revision = current_revision(path)
    if revision == SCHEMA_HEAD:
        return Database(path)
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"{path} was written by a newer version of the tracker (schema {revision}). "
            "Install the newer version to open it; this copy has not changed the file."
        )
    if revision is not None:
        backup_database(path, f"before-migration-from-{revision}")
    database = Database(path)
    from alembic import command

    config = _alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return database


def server_revision(connection: Connection, name: str) -> str | None:
    """The schema revision of a server database; None for an empty one."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise DatabaseError(
                f"The database {name} holds tables that are not the tracker's. Choose an "
                "empty database for the tracker, or another one."
            )
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_server_database(url: str) -> Database:
    """Open and migrate a PostgreSQL database (the schema is created when it is empty)."""
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            revision = server_revision(connection, database.name)
        if revision == SCHEMA_HEAD:
            return database
        if revision is not None and revision not in known_revisions():
            raise DatabaseError(
                f"The team database {database.name} was set up by a newer version of the "
                f"tracker (schema {revision}). Install the newer version to use it; this "
                "copy has changed nothing."
            )
        from alembic import command

        config = _alembic_config()
        with database.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as exc:
        database.close()
        code = sqlstate(exc)
        if code == INSUFFICIENT_PRIVILEGE:
            raise DatabaseError(
                f"Your role on the team database {database.name} may not set up or upgrade "
                "its tables. Ask the programme office to run tracker team-init on it."
            ) from exc
        if code is None or code[:2] in ("08", "28", "3D", "57"):
            raise DatabaseError(connect_refusal(database.name)) from exc
        raise
    except BaseException:
        database.close()
        raise
    return database
