"""History-true reports, tested the honest way: updates and edits are recorded on
simulated days, a report is made after each, and later as-at reports for those days are
compared with them figure by figure (JSON from ``show --as-at``, the workbook cell by cell).

The clock is moved with time-machine, so the audit log's timestamps and the updates'
recorded times are those of the simulated days.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import time_machine

from tracker.cli import main
from tracker.db import Database
from tracker.services.action_edits import set_action_field

D1 = date(2018, 7, 15)
D2 = date(2018, 9, 30)
LATE_DATED = date(2018, 8, 1)  # between D1 and D2, recorded only on D3
D3 = date(2018, 11, 20)
LATER = date(2019, 1, 10)


def _at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def _run(capsys: pytest.CaptureFixture[str], database: Database, *args: str) -> str:
    code = main(["--db", str(database.path), "--user", "Programme office", *args])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def _show(capsys: pytest.CaptureFixture[str], database: Database, day: date) -> dict[str, Any]:
    return json.loads(_run(capsys, database, "show", "--json", "--as-at", day.isoformat()))


def _book(
    capsys: pytest.CaptureFixture[str], database: Database, day: date, out: Path
) -> dict[tuple[str, str], Any]:
    """Every cell of the as-at workbook, by sheet and coordinate (the export time left out)."""
    _run(capsys, database, "export-report", str(out), "--as-at", day.isoformat())
    cells: dict[tuple[str, str], Any] = {}
    workbook = openpyxl.load_workbook(out)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[(sheet.title, cell.coordinate)] = cell.value
    del cells[("Summary", "A2")]  # "... Exported <now>."
    return cells


def _actions(outline: dict[str, Any]) -> dict[str, dict[str, Any]]:
    plan = outline["plans"][0]
    return {x["ref"]: x for ws in plan["workstreams"] for a in ws["areas"] for x in a["actions"]}


FIGURES = (
    "status",
    "rag",
    "percent",
    "due",
    "revised_due",
    "overdue",
    "text",
    "last_update",
    "latest_narrative",
    "leads",
)


def _figures(outline: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {ref: tuple(x[f] for f in FIGURES) for ref, x in _actions(outline).items()}


def test_as_at_reports_say_what_was_said_on_the_day(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    db = imported
    original_text = _actions(_show(capsys, db, D1))["1.1 ii"]["text"]
    made: dict[date, tuple[dict[str, Any], dict[tuple[str, str], Any]]] = {}

    with _at(D1):
        _run(
            capsys,
            db,
            "add-update",
            "1.1",
            "i",
            "--date",
            "15/07/2018",
            "--status",
            "In progress",
            "--rag",
            "A",
            "--percent",
            "30",
            "--narrative",
            "Board met",
        )
        made[D1] = (_show(capsys, db, D1), _book(capsys, db, D1, tmp_path / "d1.xlsx"))

    with _at(D2):
        ii = _actions(made[D1][0])["1.1 ii"]["id"]
        set_action_field(db, ii, "text", "End of Life board, renamed")
        set_action_field(db, ii, "due_date", date(2018, 12, 31))
        _run(
            capsys,
            db,
            "add-update",
            "1.1 i",
            "--date",
            "2018-09-28",
            "--status",
            "Complete",
            "--narrative",
            "Done",
        )
        _run(
            capsys,
            db,
            "add-update",
            "1.1 iii",
            "--date",
            "2018-09-29",
            "--status",
            "In progress",
            "--rag",
            "R",
            "--percent",
            "10",
            "--revised-due",
            "2019-03-31",
            "--reason",
            "Chair left",
            "--cause",
            "No chair",
            "--mitigation",
            "Interim chair",
            "--recovery",
            "2019-01-31",
            "--decision",
            "Approve the interim chair",
        )
        _run(capsys, db, "close-period", "--date", "2018-09-30", "--label", "Board, Sept 2018")
        made[D2] = (_show(capsys, db, D2), _book(capsys, db, D2, tmp_path / "d2.xlsx"))

    with _at(D3):
        # Recorded late: it happened on 1 August and counts from then.
        _run(
            capsys,
            db,
            "add-update",
            "1.1 iv",
            "--date",
            LATE_DATED.isoformat(),
            "--status",
            "In progress",
            "--rag",
            "G",
            "--rag-reason",
            "Started late, with the time it needs",
            "--percent",
            "10",
            "--narrative",
            "Started in August",
        )
        made[D3] = (_show(capsys, db, D3), _book(capsys, db, D3, tmp_path / "d3.xlsx"))

    with _at(LATER):
        again = {day: _show(capsys, db, day) for day in made}
        books = {day: _book(capsys, db, day, tmp_path / f"again-{day}.xlsx") for day in made}

    # The day of the edit and the days either side of it.
    assert _actions(made[D1][0])["1.1 ii"]["text"] == original_text
    assert _actions(made[D1][0])["1.1 ii"]["due"] == "2018-07-31"
    assert _actions(made[D2][0])["1.1 ii"]["text"] == "End of Life board, renamed"
    assert _actions(made[D2][0])["1.1 ii"]["due"] == "2018-12-31"
    # Nothing recorded later changed what the reports of D1 and D3 said, figure by figure.
    for day in (D1, D3):
        assert _figures(again[day]) == _figures(made[day][0])
        assert again[day]["plans"][0]["figures"] == made[day][0]["plans"][0]["figures"]
        assert books[day] == made[day][1]
    # D2: the same, except the action whose late update is dated before D2.
    then, now = _figures(made[D2][0]), _figures(again[D2])
    assert {ref for ref in then if then[ref] != now[ref]} == {"1.1 iv"}
    late = _actions(again[D2])["1.1 iv"]
    assert (late["status"], late["rag"], late["percent"]) == ("In progress", "G", 10)
    assert late["last_update"] == LATE_DATED.isoformat()
    assert late["last_recorded_at"].startswith(D3.isoformat())
    assert _actions(made[D1][0])["1.1 iv"]["status"] == "Not started"
    figures_then = made[D2][0]["plans"][0]["figures"]
    figures_now = again[D2]["plans"][0]["figures"]
    assert figures_now["status: Not started"] == figures_then["status: Not started"] - 1
    assert figures_now["status: In progress"] == figures_then["status: In progress"] + 1
    assert figures_now["rag: G"] == figures_then.get("rag: G", 0) + 1 == 1
    # In the workbook too, and it says when the late update was recorded.
    changed = {key for key in made[D2][1] if made[D2][1][key] != books[D2].get(key)}
    sheets = {sheet for sheet, _ in changed}
    # The late update's action, wherever it is shown: its row, the counts and exceptions,
    # its declared RAG beside the calculated one, and its rating where it covers a finding.
    assert sheets <= {"Summary", "Governance and Leadership", "Exceptions", "RAG check", "Coverage"}
    governance = openpyxl.load_workbook(tmp_path / f"again-{D2}.xlsx")["Governance and Leadership"]
    headers = [c.value for c in governance[3]]
    row = next(r for r in governance.iter_rows(values_only=True) if r[0] == "1.1 iv")
    assert row[headers.index("Status")] == "In progress"
    assert row[headers.index("Recorded late on")] == datetime(2018, 11, 20)
    before = openpyxl.load_workbook(tmp_path / "d2.xlsx")["Governance and Leadership"]
    row_then = next(r for r in before.iter_rows(values_only=True) if r[0] == "1.1 iv")
    assert row_then[headers.index("Status")] == "Not started"
    assert row_then[headers.index("Recorded late on")] is None


def test_the_2018_report_tells_the_truth_of_its_date(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    """Updates dated after the as-at date are not in it, however early they were recorded."""
    before = _show(capsys, imported, date(2018, 9, 30))["plans"][0]["figures"]
    _run(capsys, imported, "add-update", "1.1 i", "--date", "2026-01-10", "--status", "Complete")
    _run(
        capsys,
        imported,
        "add-update",
        "1.1 ii",
        "--date",
        "2026-01-10",
        "--status",
        "In progress",
        "--rag",
        "R",
    )
    after = _show(capsys, imported, date(2018, 9, 30))["plans"][0]["figures"]
    assert after == before
    assert after["status: Not started"] == after["actions"] == 63
    assert after["rag: none"] == 63 and after["overdue"] == 29
    today = _show(capsys, imported, date(2026, 1, 10))["plans"][0]["figures"]
    assert today["status: Complete"] == 1 and today["rag: R"] == 1
