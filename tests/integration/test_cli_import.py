"""``tracker import-plan`` as a script would run it: exit codes, one-line errors, and a
database that is untouched whenever an import does not complete."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from tracker.cli import main


def _digest(path: Path) -> str:
    """The database's content, WAL included (checkpointed into a fresh copy)."""
    with closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def _tracker(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_import_prints_what_it_found_and_show_reads_it_back(
    tmp_path: Path, plan_file: Path
) -> None:
    db = tmp_path / "t.sqlite3"
    done = _tracker("--db", str(db), "import-plan", str(plan_file), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "17 areas, 63 actions, 9 flagged for review" in out
    assert "Enablers: Workforce: areas 6.4, 6.5; 5 actions" in out
    # Each flagged action on its own line: ref and label, the deadline cell, the reason.
    assert '  6.5 ii: "ii) & iii) TBC": Deadline to be confirmed (TBC)' in out.splitlines()
    assert '  6.5 iii: "ii) & iii) TBC": Deadline to be confirmed (TBC)' in out.splitlines()
    shown = _tracker("--db", str(db), "show", cwd=tmp_path)
    assert shown.returncode == 0
    assert "Ongoing Personalised Support" in shown.stdout
    data = json.loads(_tracker("--db", str(db), "show", "--json", cwd=tmp_path).stdout)
    assert len(data["plans"]) == 1


def test_dry_run_writes_nothing(tmp_path: Path, plan_file: Path, capsys) -> None:
    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "import-plan", "--dry-run", str(plan_file)]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert not db.exists()


def test_the_same_file_twice_is_refused_unless_as_new(
    tmp_path: Path, plan_file: Path, capsys
) -> None:
    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "import-plan", str(plan_file)]) == 0
    before = _digest(db)
    capsys.readouterr()
    assert main(["--db", str(db), "import-plan", str(plan_file)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "was already imported as the plan" in err[0] and "--as-new" in err[0]
    assert _digest(db) == before
    assert main(["--db", str(db), "import-plan", "--as-new", "--name", "Copy", str(plan_file)]) == 0
    capsys.readouterr()
    main(["--db", str(db), "show", "--json"])
    plans = json.loads(capsys.readouterr().out)["plans"]
    assert [p["name"] for p in plans][1] == "Copy"


def _bad_files(tmp_path: Path, plan_file: Path) -> dict[str, tuple[Path, str]]:
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(plan_file.read_bytes()[:5000])
    csv = tmp_path / "plan.xlsx"
    csv.write_text("Ref,Action,Deadline\n1.1,Agree ToR,July 2018\n")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4000 + "Workbook".encode("utf-16-le")
    )
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return {
        "truncated": (truncated, "damaged"),
        "csv": (csv, "not an Excel workbook"),
        "empty": (empty, "empty"),
        "xls": (xls, "97-2003"),
        "docx": (docx, "it is a Word document"),
        "missing": (tmp_path / "nowhere.xlsx", "nowhere.xlsx"),
    }


@pytest.mark.parametrize("kind", ["truncated", "csv", "empty", "xls", "docx", "missing"])
def test_bad_files_get_one_clear_line_and_change_nothing(
    tmp_path: Path, plan_file: Path, capsys, kind: str
) -> None:
    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "import-plan", str(plan_file)]) == 0
    before = _digest(db)
    capsys.readouterr()
    path, expected = _bad_files(tmp_path, plan_file)[kind]
    assert main(["--db", str(db), "import-plan", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("tracker: error: ")
    assert path.name in lines[0]
    assert expected in lines[0]
    assert captured.out == ""
    assert _digest(db) == before


def test_a_second_copy_is_named_apart_and_archived_plans_are_not_counted(
    tmp_path: Path, plan_file: Path, capsys
) -> None:
    from tracker.db import open_database
    from tracker.services.plans import list_plans, set_archived

    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "import-plan", str(plan_file)]) == 0
    assert main(["--db", str(db), "import-plan", "--as-new", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert 'Imported "Care Quality Commission - Local System Review: Action Plan (2)"' in out
    report = tmp_path / "board.xlsx"
    assert main(["--db", str(db), "export-report", str(report)]) == 1
    assert "holds 2 plans; choose one with --plan ID" in capsys.readouterr().err
    database = open_database(db)
    try:
        first, second = list_plans(database)
        set_archived(database, first.id, True)
    finally:
        database.close()
    assert main(["--db", str(db), "export-report", str(report)]) == 0
    assert f"  {second.name}, as at" in capsys.readouterr().out
