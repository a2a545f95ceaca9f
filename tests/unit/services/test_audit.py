"""The audit trail records every change, cannot be edited, and a hand edit is detected."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError

from tracker.cli import main
from tracker.db import Database
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, withdraw_update
from tracker.services.audit import list_audit, verify_chain
from tracker.services.plan_snapshot import load_snapshot


def _first_action(database: Database):
    return load_snapshot(database).actions[0]


def test_edits_updates_imports_and_undo_are_recorded(imported: Database) -> None:
    imported.actor = "June Marshall"
    row = _first_action(imported)
    set_action_field(imported, row.id, "percent", 25)
    update_id, before = add_update(
        imported,
        row.id,
        UpdateInput(
            date(2018, 7, 1),
            "June Marshall",
            "In progress",
            "G",
            50,
            "Boards met",
            rag_reason="Boards met a day late, on track now",
        ),
    )
    withdraw_update(imported, update_id, before)
    log = list_audit(imported)
    assert log[0].cause == "import" and log[0].record_type == "plan"
    assert "63 actions" in log[0].new_value
    edit = next(r for r in log if r.cause == "edit" and r.field == "percent")
    assert (edit.user, edit.record_id, edit.old_value, edit.new_value) == (
        "June Marshall",
        row.id,
        "0",
        "25",
    )
    assert any(r.field == "added" and r.record_id == update_id for r in log)
    undo = [r for r in log if r.cause == "undo"]
    assert {r.field for r in undo} >= {"withdrawn", "status", "percent"}
    assert [r.record_id for r in list_audit(imported, record_type="action", record_id=row.id)] == [
        row.id
    ] * 7
    assert verify_chain(imported).ok


def test_the_log_refuses_updates_and_deletes(imported: Database) -> None:
    for statement in ("UPDATE audit_log SET \"user\" = 'someone else'", "DELETE FROM audit_log"):
        with (
            imported.engine.begin() as conn,
            pytest.raises(DBAPIError, match="append-only"),
        ):
            conn.exec_driver_sql(statement)
    assert verify_chain(imported).records == 1


def test_verify_detects_a_hand_edited_row(imported: Database, capsys) -> None:
    row = _first_action(imported)
    set_action_field(imported, row.id, "percent", 10)
    set_action_field(imported, row.id, "percent", 20)
    assert main(["--db", str(imported.location), "verify"]) == 0
    assert "intact: 3 records" in capsys.readouterr().out
    with imported.engine.begin() as conn:
        # Someone with the rights to remove the trigger edits the log by hand.
        on = " ON audit_log" if imported.is_server else ""
        conn.exec_driver_sql(f"DROP TRIGGER audit_log_no_update{on}")
        conn.exec_driver_sql(
            "UPDATE audit_log SET new_value = '90' WHERE field = 'percent' AND new_value = '10'"
        )
    assert main(["--db", str(imported.location), "verify"]) == 1
    err = capsys.readouterr().err
    assert "altered at record 2" in err


def test_audit_command_prints_since_a_date(imported: Database, capsys) -> None:
    imported.actor = "Pip Mayo"
    set_action_field(imported, _first_action(imported).id, "percent", 5)
    assert main(["--db", str(imported.location), "audit", "--since", "2000-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Pip Mayo  edit  action" in out and "'0' -> '5'" in out
    assert main(["--db", str(imported.location), "audit", "--since", "2999-01-01"]) == 0
    assert "No audit records since 1 Jan 2999." in capsys.readouterr().out
