"""Opening a database file: create it, or bring its schema up to date, or refuse it.

Start-up runs the Alembic migrations in ``db/migrations``. Before changing an existing
file's schema it takes a backup; a file written by a newer version of the app (a schema
revision this copy does not know) is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.db.backup import backup_database
from tracker.db.database import Database
from tracker.db.sqlite_errors import read_refusal
from tracker.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

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


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    path = path.expanduser().resolve()
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
