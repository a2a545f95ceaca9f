"""The board-cycle verbs as a script runs them: add-update, close-period, periods, returns,
and verify catching a tampered period."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_updates import list_updates
from tracker.services.audit import list_audit

from ..unit.excel.return_helpers import action_ids, fill_return


def _run(
    capsys: pytest.CaptureFixture[str], database: Database, *args: str
) -> tuple[int, str, str]:
    code = main(["--db", str(database.path), "--user", "PMO", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _action(capsys: pytest.CaptureFixture[str], database: Database, ref: str) -> dict:
    _, out, _ = _run(capsys, database, "show", "--json", "--as-at", date.today().isoformat())
    plan = json.loads(out)["plans"][0]
    actions = {x["ref"]: x for ws in plan["workstreams"] for a in ws["areas"] for x in a["actions"]}
    return actions[ref]


def test_add_update_follows_the_windows_rules(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    code, out, err = _run(
        capsys,
        imported,
        "add-update",
        "2.1",
        "2",
        "--date",
        "2018-08-01",
        "--status",
        "in progress",
        "--rag",
        "amber",
        "--percent",
        "40",
        "--narrative",
        "Under way",
    )
    assert (code, err) == (0, "")
    assert "Recorded an update on 2.1 2" in out and "1 Aug 2018" in out
    action = _action(capsys, imported, "2.1 2")
    assert (action["status"], action["rag"], action["percent"]) == ("In progress", "A", 40)
    [update] = list_updates(imported, action["id"])
    assert (update.source, update.author) == ("cli", "PMO")
    assert any(r.cause == "edit" and r.user == "PMO" for r in list_audit(imported))

    for args, message in (
        (("--status", "Complete", "--percent", "50"), "Complete means 100"),
        (("--status", "Done"), "is not a status"),
        (("--status", "In progress", "--revised-due", "2019-12-31"), "give a reason"),
        (("--status", "In progress", "--reason", "late"), "--revised-due"),
        (("--status", "In progress", "--rag", "R", "--recovery", "2018-01-01"), "recovery date"),
    ):
        code, _, err = _run(capsys, imported, "add-update", "2.1 2", "--date", "2018-09-01", *args)
        assert code == 1 and message in err, err
    code, _, err = _run(
        capsys, imported, "add-update", "9.9 i", "--date", "2018-09-01", "--status", "Complete"
    )
    assert code == 1 and "No action" in err and "9.9 i" in err
    assert len(list_updates(imported, action["id"])) == 1  # bad input changed nothing


def test_close_period_periods_and_verify(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    code, out, _ = _run(capsys, imported, "periods")
    assert code == 0 and "No periods closed" in out
    code, out, _ = _run(
        capsys, imported, "close-period", "--date", "30/09/2018", "--label", "Board, Sept 2018"
    )
    assert code == 0 and "Closed 'Board, Sept 2018'" in out and "63 actions frozen" in out
    code, out, _ = _run(capsys, imported, "periods")
    assert "30 Sep 2018" in out and "Board, Sept 2018" in out and "63 actions" in out
    code, _, err = _run(capsys, imported, "close-period", "--date", "2018-09-30")
    assert code == 1 and "already closed" in err
    code, out, _ = _run(capsys, imported, "verify")
    assert code == 0 and "1 closed period are intact" in out

    connection = sqlite3.connect(imported.path)
    with pytest.raises(sqlite3.DatabaseError, match="closed reporting period"):
        connection.execute("UPDATE period_position SET status = 'Complete'")
    connection.execute("DROP TRIGGER period_position_no_update")
    connection.execute("UPDATE period_position SET status = 'Complete' WHERE id = 1")
    connection.commit()
    connection.close()
    code, _, err = _run(capsys, imported, "verify")
    assert code == 1 and "'Board, Sept 2018'" in err and "has been altered" in err


def test_returns_are_chased_until_they_come_back(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    yesterday = date.today() - timedelta(days=1)
    code, _, _ = _run(
        capsys,
        imported,
        "export-returns",
        str(folder),
        "--due-back",
        yesterday.isoformat(),
        "--contact",
        "pmo@example.org",
    )
    assert code == 0
    code, out, _ = _run(capsys, imported, "returns")
    assert code == 0 and "8 sent, 8 outstanding, 8 overdue" in out
    assert "\n  Prevention (" in out and "OVERDUE" in out
    prevention = next(f for f in folder.glob("*.xlsx") if " - Prevention - " in f.name)
    first = action_ids(prevention)[0]
    fill_return(
        prevention,
        {first: {layout.STATUS: "In progress", layout.PERCENT: 10}},
        returned_by="Pip Mayo",
    )
    code, _, err = _run(capsys, imported, "import-return", str(prevention))
    assert (code, err) == (0, "")
    code, out, _ = _run(capsys, imported, "returns")
    assert "8 sent, 7 outstanding, 7 overdue" in out
    assert f"back {date.today().day} " in out
