"""A team database on PostgreSQL: addresses, migrations, refusals in the user's words.

The tests shared with SQLite run on both backends through the ``database`` fixture; these
are about the server alone.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from tests.pg_cluster import Cluster
from tracker.cli import main
from tracker.db import Database, open_checked_database, open_database
from tracker.db.location import display_name, is_server_url, safe_text, server_url
from tracker.db.migrate import SCHEMA_HEAD, _alembic_config
from tracker.errors import DatabaseError
from tracker.services.audit import Change, record_changes


def test_a_server_address_is_told_from_a_file_path() -> None:
    assert is_server_url("postgresql://ann@db.example.org/tracker")
    assert is_server_url("postgresql+psycopg://ann@db.example.org/tracker")
    assert is_server_url("postgres://ann@db.example.org/tracker")
    assert not is_server_url("db/tracker.sqlite3")
    assert not is_server_url(Path("postgresql:/ann@db/tracker"))
    url = server_url("postgres://ann:s3cret@db.example.org:5433/tracker")
    assert (url.drivername, url.port, url.database) == ("postgresql+psycopg", 5433, "tracker")
    assert display_name(url) == "tracker on db.example.org"
    assert "s3cret" not in safe_text(url)


def test_an_address_without_a_database_is_refused_saying_how_to_write_it() -> None:
    with pytest.raises(DatabaseError, match="names no database") as refused:
        server_url("postgresql://ann:s3cret@db.example.org")
    assert "s3cret" not in str(refused.value)


@pytest.mark.postgresql
def test_an_empty_server_database_gets_every_migration_and_can_go_back(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        with database.engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert revision == SCHEMA_HEAD
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
        config = _alembic_config()
        for target in ("base", "head"):  # every downgrade's PostgreSQL branch, and back
            with database.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, target) if target == "head" else command.downgrade(
                    config, target
                )
    finally:
        database.close()


@pytest.mark.postgresql
def test_the_server_audit_log_refuses_update_delete_and_truncate(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        with database.write() as session:  # row triggers need a row to refuse
            record_changes(
                session, user="Ann", cause="edit", changes=[Change("plan", 1, "n", 1, 2)]
            )
        for statement in (
            "UPDATE audit_log SET \"user\" = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
        ):
            with database.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
                conn.exec_driver_sql(statement)
    finally:
        database.close()


def test_every_change_to_a_row_moves_its_version(database: Database) -> None:
    with database.write() as session:
        session.execute(text("INSERT INTO plan (name, imported_at) VALUES ('P', 'now')"))
        session.execute(
            text(
                "INSERT INTO workstream (plan_id, tab, title, position) "
                "SELECT id, 'T', 'T', 0 FROM plan"
            )
        )
    with database.write() as session:
        session.execute(text("UPDATE workstream SET title = 'Renamed'"))
    with database.read() as session:
        assert session.execute(text("SELECT version FROM workstream")).scalar() == 2


@pytest.mark.postgresql
def test_a_database_holding_other_tables_is_refused(pg_url: str, pg_server: Cluster) -> None:
    pg_server.sql("CREATE TABLE invoices (id int)", dbname=pg_url.rsplit("/", 1)[1])
    with pytest.raises(DatabaseError, match="not the tracker's"):
        open_database(pg_url)


def test_an_unreachable_server_is_refused_without_showing_the_password(capsys) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://ann:s3cret@127.0.0.1:{port}/tracker"
    with pytest.raises(DatabaseError, match="could not connect to the team database") as refused:
        open_checked_database(url)
    assert "s3cret" not in str(refused.value)
    assert main(["--db", url, "show"]) == 1
    err = capsys.readouterr().err
    assert "tracker on 127.0.0.1" in err and "s3cret" not in err
