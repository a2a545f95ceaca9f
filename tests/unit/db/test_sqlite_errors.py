"""Real SQLite failures reach the user as one line in their words, chosen by SQLite's
result code: a file another process is writing, a read-only file, a full disk, a file
that is not a database, a damaged one, a folder where a file should be."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError

from tracker.db import Database, open_checked_database
from tracker.db.migrate import current_revision
from tracker.db.sqlite_errors import result_code
from tracker.errors import DatabaseError
from tracker.services.action_edits import set_action_field
from tracker.services.plan_import import import_plan
from tracker.services.plan_snapshot import load_snapshot

# SQLite's own result codes; the server's are in test_server_database.py.
pytestmark = pytest.mark.sqlite_only

# Words SQLite uses in its own messages: none may reach the user.
SQLITE_WORDS = (
    "database is locked",
    "readonly",
    "database or disk is full",
    "malformed",
    "not a database",
)


@contextmanager
def every_connection_runs(database: Database, pragma: str) -> Iterator[None]:
    """Run ``pragma`` on each new connection, after the tracker's own PRAGMAs."""

    def run(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(pragma)

    event.listen(database.engine, "connect", run)
    try:
        yield
    finally:
        event.remove(database.engine, "connect", run)


def _first_action(database: Database):
    return load_snapshot(database).actions[0]


def _assert_in_user_words(message: str) -> None:
    assert not any(word in message.lower() for word in SQLITE_WORDS), message


def test_a_write_while_another_process_holds_the_lock_is_busy(imported: Database) -> None:
    row = _first_action(imported)
    with closing(sqlite3.connect(imported.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # the other process is mid-save
        # Do not wait out the busy timeout: the answer is the same, only later.
        with (
            every_connection_runs(imported, "PRAGMA busy_timeout = 0"),
            pytest.raises(DatabaseError, match="is busy") as refused,
        ):
            set_action_field(imported, row.id, "percent", 55)
        other.execute("ROLLBACK")
    _assert_in_user_words(str(refused.value))
    assert isinstance(refused.value.__cause__, DBAPIError)
    assert result_code(refused.value.__cause__) == sqlite3.SQLITE_BUSY
    assert _first_action(imported).percent == row.percent


def test_a_write_to_a_read_only_database_says_so(imported: Database) -> None:
    row = _first_action(imported)
    with (
        every_connection_runs(imported, "PRAGMA query_only = ON"),
        pytest.raises(DatabaseError, match="is read-only") as refused,
    ):
        set_action_field(imported, row.id, "percent", 55)
    _assert_in_user_words(str(refused.value))
    assert _first_action(imported).percent == row.percent


def test_a_write_that_fills_the_disk_changes_nothing(database: Database, plan_file: Path) -> None:
    with closing(sqlite3.connect(database.path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # The file may not grow by a page: to SQLite, exactly a full disk.
    with (
        every_connection_runs(database, f"PRAGMA max_page_count = {pages}"),
        pytest.raises(DatabaseError, match="the disk is full") as refused,
    ):
        import_plan(database, plan_file)
    _assert_in_user_words(str(refused.value))
    assert load_snapshot(database).actions == []


def test_a_file_that_is_not_a_database_is_refused_by_its_code(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Shopping: milk, bread, eggs\n" * 200)
    with pytest.raises(DatabaseError, match="is not a tracker database") as refused:
        open_checked_database(notes)
    assert result_code(refused.value.__cause__) == sqlite3.SQLITE_NOTADB
    _assert_in_user_words(str(refused.value))


def test_a_folder_in_place_of_the_file_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "tracker.sqlite3"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(DatabaseError, match="Check that it is a file, not a folder") as refused:
        current_revision(folder)
    assert result_code(refused.value.__cause__) == sqlite3.SQLITE_IOERR


def test_a_damaged_file_is_refused_in_the_user_s_words(imported: Database) -> None:
    imported.close()
    with closing(sqlite3.connect(imported.path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(imported.path.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # scribble over table pages
    imported.path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="is damaged") as refused:
        open_checked_database(imported.path)
    _assert_in_user_words(str(refused.value))


def test_result_codes_come_through_sqlalchemy_and_extended_codes(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'codes.sqlite3'}")
    try:
        with engine.connect() as connection, pytest.raises(DBAPIError) as raised:
            connection.execute(text("SELECT * FROM no_such_table"))
        assert result_code(raised.value) == sqlite3.SQLITE_ERROR
    finally:
        engine.dispose()
    extended = sqlite3.OperationalError("any text at all")
    extended.sqlite_errorcode = sqlite3.SQLITE_BUSY_SNAPSHOT
    assert result_code(extended) == sqlite3.SQLITE_BUSY
    assert result_code(ValueError("database is locked")) is None
