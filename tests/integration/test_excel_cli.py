"""The Excel verbs as a script would run them, on the original 2018 plan."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tracker.cli import main
from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_updates import list_updates
from tracker.services.database_settings import last_report_exported_at

from ..unit.excel.return_helpers import action_ids, columns, fill_return, row_of


def _run(
    capsys: pytest.CaptureFixture[str], database: Database, *args: str
) -> tuple[int, str, str]:
    code = main(["--db", str(database.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _show_ids(capsys: pytest.CaptureFixture[str], database: Database) -> dict[str, list[int]]:
    code, out, _ = _run(capsys, database, "show", "--json")
    assert code == 0
    ids: dict[str, list[int]] = {}
    for plan in json.loads(out)["plans"]:
        for ws in plan["workstreams"]:
            ids[ws["title"]] = [x["id"] for a in ws["areas"] for x in a["actions"]]
    return ids


def test_export_report(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    out = tmp_path / "board.xlsx"
    code, printed, err = _run(capsys, imported, "export-report", str(out), "--as-at", "2018-07-15")
    assert (code, err) == (0, "")
    assert f"Board report written to {out}" in printed
    assert "as at 15 July 2018" in printed and "63 actions" in printed
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[0] == "Summary" and workbook.sheetnames[-10:] == [
        "Exceptions",
        "Changes",
        "Completed this period",
        "New exceptions",
        "Slipped this period",
        "Look-ahead (90 days)",
        "Returns",
        "Trend",
        "RAG check",
        "Coverage",
    ]
    # Summary, a sheet per workstream, then the ten above.
    assert len(workbook.sheetnames) == 1 + 8 + 10
    summary = workbook["Summary"]
    header = [c.value for c in summary[3]]
    total = next(r for r in summary.iter_rows(values_only=True) if r[0] == "All workstreams")
    assert total[header.index("Actions")] == 63
    assert total[header.index("Flagged for review")] == 9
    # A draft: the next report still lists the changes this one did.
    assert "A draft" in printed and "--final" in printed
    assert last_report_exported_at(imported) is None


def test_export_report_final_marks_the_report_sent_to_the_board(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    out = tmp_path / "board.xlsx"
    code, printed, err = _run(
        capsys, imported, "--user", "Pat Programme", "export-report", str(out), "--final"
    )
    assert (code, err) == (0, "")
    assert "Marked as sent to the board" in printed
    assert "8 workstreams, 63 actions," in printed and "0 updates recorded" in printed
    sent_at = last_report_exported_at(imported)
    assert sent_at is not None
    properties = openpyxl.load_workbook(out).properties
    assert properties.creator == "Pat Programme"
    assert properties.contentStatus == "Sent to the board"
    # The long form says the same.
    code, printed, _ = _run(capsys, imported, "export-report", str(out), "--sent-to-board")
    assert code == 0 and "Marked as sent to the board" in printed
    assert last_report_exported_at(imported) > sent_at


def test_export_report_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, imported, "export-report", str(tmp_path / "board.txt"))
    assert code == 1 and err.count("\n") == 1 and "must end in .xlsx" in err
    code, _, err = _run(capsys, imported, "export-report", str(tmp_path / "no" / "b.xlsx"))
    assert code == 1 and "does not exist" in err


def test_returns_round_trip(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    ids = _show_ids(capsys, imported)
    folder = tmp_path / "returns"
    code, printed, _ = _run(capsys, imported, "export-returns", str(folder))
    assert code == 0 and printed.startswith("8 status returns written to")
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 8
    prevention = next(f for f in files if " - Prevention - " in f.name)
    # The hidden ids are the ones `tracker show --json` prints.
    assert action_ids(prevention) == ids["Prevention"]

    first, second = ids["Prevention"][:2]
    fill_return(
        prevention,
        {
            first: {
                layout.STATUS: "In progress",
                layout.RAG: "G",
                layout.PERCENT: 25,
                layout.NARRATIVE: "Scoping under way",
                # Green is greener than the calculated RAG: the return says why.
                layout.REASON: "Scoping ahead of the new timetable",
            },
            second: {layout.PERCENT: 300},
        },
    )
    code, printed, _ = _run(capsys, imported, "import-return", str(prevention), "--dry-run")
    assert code == 0
    assert "Status: Not started -> In progress" in printed
    assert "Rejected rows (1):" in printed and "not a whole number" in printed
    assert printed.rstrip().endswith("Dry run: nothing was written.")
    assert list_updates(imported, first) == []

    # Rejected rows: without --yes (and no terminal to ask on) nothing is applied.
    code, _, err = _run(capsys, imported, "import-return", str(prevention))
    assert code == 1 and "--yes" in err
    assert list_updates(imported, first) == []

    code, printed, _ = _run(
        capsys, imported, "import-return", str(prevention), "--yes", "--author", "Programme Office"
    )
    assert code == 0 and "Applied 1 update from" in printed
    (update,) = list_updates(imported, first)
    assert (update.author, update.status, update.rag, update.percent) == (
        "Programme Office",
        "In progress",
        "G",
        25,
    )

    code, printed, _ = _run(capsys, imported, "import-return", str(prevention), "--yes")
    assert code == 0 and "already been imported" in printed
    assert len(list_updates(imported, first)) == 1


def test_cli_leaves_conflicts_alone(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    from datetime import date

    from tracker.services.action_rows import UpdateInput
    from tracker.services.action_updates import add_update

    folder = tmp_path / "returns"
    _run(capsys, imported, "export-returns", str(folder), "--by", "lead")
    pip = next(folder.glob("Status return - Pip Mayo - *.xlsx"))
    (action,) = action_ids(pip)[:1]
    add_update(
        imported, action, UpdateInput(date(2018, 7, 1), "Office", "In progress", "A", 10, "Started")
    )
    fill_return(pip, {action: {layout.STATUS: "Complete", layout.PERCENT: 100}})
    code, printed, _ = _run(capsys, imported, "import-return", str(pip))
    assert code == 0
    assert "Conflicts (1 action changed" in printed and "Left 1 conflicting action alone" in printed
    assert len(list_updates(imported, action)) == 1


def test_a_return_sorted_by_the_lead_still_imports(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    _run(capsys, imported, "export-returns", str(folder))
    path = next(folder.glob("*Governance*.xlsx"))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.RETURN_SHEET]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW)]
    rows.sort(key=lambda r: str(r[columns(sheet)[layout.ACTION] - 1]))
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(layout.FIRST_DATA_ROW + offset, column).value = value
    workbook.save(path)
    target = action_ids(path)[0]
    fill_return(path, {target: {layout.PERCENT: 10}}, returned_by="Wayne Harrison")
    assert row_of(openpyxl.load_workbook(path)[layout.RETURN_SHEET], target) == (
        layout.FIRST_DATA_ROW
    )
    code, printed, _ = _run(capsys, imported, "import-return", str(path))
    assert code == 0 and "Applied 1 update from" in printed
    assert "Author of the updates: Wayne Harrison (from 'Returned by'" in printed
    (update,) = list_updates(imported, target)
    assert (update.percent, update.author) == (10, "Wayne Harrison")


def test_import_return_of_a_missing_file(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, imported, "import-return", str(tmp_path / "nope.xlsx"))
    assert code == 1 and "does not exist" in err
