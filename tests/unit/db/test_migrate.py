"""Schema migrations: new files, old files, newer files, files that are not ours."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from tracker.db import open_database
from tracker.db.backup import list_backups
from tracker.db.migrate import _alembic_config, head_revision
from tracker.errors import DatabaseError


def test_new_file_gets_the_current_schema_in_wal_mode(db_path: Path) -> None:
    db = open_database(db_path)
    db.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    assert list_backups(db_path) == []  # nothing to back up for a new file


def test_migrations_build_exactly_the_models(database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


@pytest.mark.sqlite_only
def test_connections_enforce_foreign_keys_and_full_sync(database) -> None:
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def _make_old_database(path: Path, revision: str) -> None:
    config = _alembic_config()
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def test_old_schema_is_migrated_with_a_backup_and_keeps_its_data(db_path: Path) -> None:
    _make_old_database(db_path, "0001")
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute(
            "INSERT INTO plan (id, name, imported_at) VALUES (1, 'Old plan', "
            "'2018-06-01T00:00:00+00:00')"
        )
        conn.execute("INSERT INTO workstream VALUES (1, 1, 'Prevention', 'Prevention', 0)")
        conn.execute(
            "INSERT INTO area (id, workstream_id, ref, title, what_has_changed, plans_in_place,"
            " lead_in, lead_text, deadline_text, position) VALUES "
            "(1, 1, '2.1', 't', '', '', '', '', '', 0)"
        )
        conn.execute(
            "INSERT INTO action (id, area_id, position, label, text, deadline_text, lead_text,"
            " due_date, status, percent, needs_review) VALUES "
            "(7, 1, 0, '1', 'Review national best practice', 'Sept 18', '', '2018-09-30',"
            " 'Not started', 0, 0)"
        )
    db = open_database(db_path)
    try:
        with closing(sqlite3.connect(db_path)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
                head_revision()
            )
            row = conn.execute("SELECT text, due_date, updated_at FROM action").fetchone()
            assert row == ("Review national best practice", "2018-09-30", None)
            assert conn.execute("SELECT count(*) FROM app_setting").fetchone()[0] == 0
        backups = list_backups(db_path)
        assert len(backups) == 1
        assert backups[0].reason == "before migration from 0001"
        with closing(sqlite3.connect(backups[0].path)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == ("0001")
            assert conn.execute("SELECT due_date FROM action").fetchone()[0] == "2018-09-30"
    finally:
        db.close()
    from tracker.services.plan_snapshot import load_snapshot

    db = open_database(db_path)
    try:
        (row,) = load_snapshot(db).actions
        assert row.due == date(2018, 9, 30)
    finally:
        db.close()


def test_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match=r"newer version of the tracker \(schema 9999\)"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list")
    with pytest.raises(DatabaseError, match="not an SQLite file"):
        open_database(path)
    assert path.read_text() == "shopping list"


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseError, match="not one of the tracker's"):
        open_database(path)


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    from tracker.db.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
