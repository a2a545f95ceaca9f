"""A big import into a small database rebuilds the secondary indexes once, at the end.

What matters to a user: afterwards the database has exactly the indexes the schema
defines and queries use them; a cancelled or failed import leaves them (and everything
else) as they were; and a small import into a big database does not rebuild anything.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.plan_factory import write_plan
from tracker.db import Database
from tracker.errors import ImportCancelledError
from tracker.services.plan_import import import_plan, read_plan, save_plan


def index_definitions(db_path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "ORDER BY name"
        ).fetchall()


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("plans") / "big-plan.xlsx", 1500)


def statements_during(database: Database, run) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return seen


def test_big_import_ends_with_the_schema_indexes_in_use(
    database: Database, db_path: Path, big_plan: Path
) -> None:
    before = index_definitions(db_path)
    statements = statements_during(database, lambda: import_plan(database, big_plan))

    assert any(s.startswith("DROP INDEX") for s in statements)  # the bulk path was taken
    assert index_definitions(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        plan = " ".join(
            str(row)
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM action WHERE area_id = 7"
            ).fetchall()
        )
        assert "ix_action_area_id" in plan
        assert conn.execute("SELECT count(*) FROM action").fetchone()[0] == 1500


def test_cancelled_big_import_keeps_indexes_and_changes_nothing(
    database: Database, db_path: Path, big_plan: Path
) -> None:
    before = index_definitions(db_path)
    draft = read_plan(big_plan)

    def cancel_after_first_batch(done: int, total: int) -> bool:
        return done == 0

    with pytest.raises(ImportCancelledError):
        save_plan(database, draft, progress=cancel_after_first_batch)

    assert index_definitions(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM action").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM plan").fetchone()[0] == 0


def test_small_import_into_a_bigger_database_keeps_indexes_in_place(
    database: Database, db_path: Path, big_plan: Path, plan_file: Path
) -> None:
    import_plan(database, big_plan)
    statements = statements_during(database, lambda: import_plan(database, plan_file))

    assert not any(s.startswith(("DROP INDEX", "CREATE INDEX")) for s in statements)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM action").fetchone()[0] == 1500 + 63
