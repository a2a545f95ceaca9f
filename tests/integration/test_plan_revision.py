"""A revised plan: the 2018 plan imported, progress recorded, then refreshed from a
modified copy of its workbook (one action reworded, one deadline moved, one action
dropped, one added). The diff is shown first; applying it keeps every update."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.revised_plan import revised_copy
from tracker.cli import main
from tracker.db import Database
from tracker.db.backup import list_backups
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.audit import list_audit, verify_chain
from tracker.services.outline import database_outline
from tracker.services.plan_import import read_plan
from tracker.services.plan_revision import (
    FieldChange,
    apply_revision,
    compare_revision,
    format_revision,
)
from tracker.services.plan_snapshot import load_snapshot


def _action(database: Database, ref: str) -> dict:  # type: ignore[type-arg]
    for ws in database_outline(database)["plans"][0]["workstreams"]:
        for area in ws["areas"]:
            for x in area["actions"]:
                if f"{area['ref']} {x['label']}" == ref:
                    return x
    raise AssertionError(f"no action {ref}")


def _by_ref(database: Database) -> dict[str, int]:
    snapshot = load_snapshot(database)
    return {row.ref: row.id for row in snapshot.actions}


@pytest.fixture
def revised(plan_file: Path, tmp_path: Path) -> Path:
    return revised_copy(plan_file, tmp_path / "action-plan-revised.xlsx")


@pytest.fixture
def with_updates(imported: Database) -> dict[str, int]:
    """Progress recorded on the action to be reworded and the one to be dropped."""
    ids = _by_ref(imported)
    for ref, narrative in (("2.2 1", "Web team engaged"), ("2.2 3", "Report drafted")):
        add_update(
            imported,
            ids[ref],
            UpdateInput(date(2018, 7, 1), "Wayne Harrison", "In progress", "A", 40, narrative),
        )
    return ids


def test_compare_lists_the_changes_and_writes_nothing(
    imported: Database, with_updates: dict[str, int], revised: Path
) -> None:
    audit_before = len(list_audit(imported))
    revision = compare_revision(imported, 1, read_plan(revised))
    assert [(c.ref, c.changes) for c in revision.changed] == [
        ("2.2 1", (FieldChange("text", "Website restructured.",
                                "Website restructured and tested with users."),)),
        ("2.2 2", (FieldChange("deadline_text", "August 18", "October 18"),
                    FieldChange("due_date", date(2018, 8, 31), date(2018, 10, 31)))),
    ]  # fmt: skip
    assert [(a.ref, a.draft.text, a.draft.due) for a in revision.added] == [
        ("2.1 5", "Evaluate the risk stratification pilot", date(2019, 3, 31))
    ]
    assert revision.added_areas == []
    assert [(r.ref, r.updates) for r in revision.removed] == [("2.2 3", 1)]
    assert revision.unchanged == 63 - 3
    text = format_revision(revision)
    assert (
        "  archived 2.2 3: Annual Report completed and published to website.; its 1 update kept"
        in text
    )
    assert "           due date: 2018-08-31 → 2018-10-31" in text
    assert len(list_audit(imported)) == audit_before
    assert _action(imported, "2.2 1")["text"] == "Website restructured."


def test_apply_archives_keeps_updates_and_audits(
    imported: Database, with_updates: dict[str, int], revised: Path
) -> None:
    ids = with_updates
    revision = compare_revision(imported, 1, read_plan(revised))
    result = apply_revision(imported, revision)
    assert (result.changed, result.added, result.archived) == (2, 1, 1)
    assert any(b.path.name == result.backup for b in list_backups(imported.path))

    reworded = _action(imported, "2.2 1")
    assert reworded["text"] == "Website restructured and tested with users."
    # Progress recorded before the revision is the tracker's own: untouched.
    assert (reworded["status"], reworded["rag"], reworded["percent"]) == ("In progress", "A", 40)
    assert [u["narrative"] for u in reworded["updates"]] == ["Web team engaged"]
    assert _action(imported, "2.2 2")["due"] == "2018-10-31"
    added = _action(imported, "2.1 5")
    assert (added["text"], added["due"], added["archived"]) == (
        "Evaluate the risk stratification pilot",
        "2019-03-31",
        False,
    )
    dropped = _action(imported, "2.2 3")
    assert dropped["archived"] is True
    assert [u.narrative for u in list_updates(imported, ids["2.2 3"])] == ["Report drafted"]
    # Hidden from the tabs and the reports, kept in the file.
    shown = _by_ref(imported)
    assert "2.2 3" not in shown and "2.1 5" in shown and len(shown) == 63

    records = {
        (r.record_type, r.record_id, r.field): (r.old_value, r.new_value, r.cause)
        for r in list_audit(imported)
        if r.cause == "revised plan"
    }
    assert records[("action", ids["2.2 1"], "text")] == (
        "Website restructured.",
        "Website restructured and tested with users.",
        "revised plan",
    )
    assert records[("action", ids["2.2 2"], "due_date")] == (
        "2018-08-31",
        "2018-10-31",
        "revised plan",
    )
    assert records[("action", ids["2.2 3"], "archived")] == ("no", "yes", "revised plan")
    assert records[("action", shown["2.1 5"], "added")] == (
        None,
        "2.1 5: Evaluate the risk stratification pilot",
        "revised plan",
    )
    assert ("plan", 1, "revised from") in records
    assert verify_chain(imported).ok
    # The same workbook again: nothing left to change.
    again = compare_revision(imported, 1, read_plan(revised))
    assert again.is_empty


def test_an_edit_after_the_comparison_stops_the_apply(
    imported: Database, with_updates: dict[str, int], revised: Path
) -> None:
    from tracker.errors import TrackerError
    from tracker.services.action_edits import set_action_field

    revision = compare_revision(imported, 1, read_plan(revised))
    set_action_field(imported, with_updates["2.2 2"], "text", "Edited meanwhile")
    with pytest.raises(TrackerError, match="changed after the revised workbook was compared"):
        apply_revision(imported, revision)
    assert _action(imported, "2.2 1")["text"] == "Website restructured."


def test_the_command_shows_first_and_needs_yes(
    imported: Database, with_updates: dict[str, int], revised: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    db = str(imported.path)
    assert main(["--db", db, "import-plan", str(revised), "--into", "1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 actions changed, 1 action added, 1 action to archive, 60 unchanged" in out
    assert main(["--db", db, "import-plan", str(revised), "--into", "1"]) == 1
    captured = capsys.readouterr()
    assert "run the same command with --yes" in captured.err
    assert _action(imported, "2.2 3")["archived"] is False
    assert main(["--db", db, "import-plan", str(revised), "--into", "1", "--yes"]) == 0
    assert "Applied" in capsys.readouterr().out
    assert main(["--db", db, "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    area = shown["plans"][0]["workstreams"][1]["areas"][1]
    assert [(x["label"], x["archived"]) for x in area["actions"]] == [
        ("1", False),
        ("2", False),
        ("3", True),
    ]


def test_the_board_report_follows_the_plans_workstreams_and_leaves_archived_out(
    imported: Database, with_updates: dict[str, int], revised: Path, tmp_path: Path
) -> None:
    import openpyxl

    from tracker.services import workstreams
    from tracker.services.board_report_export import export_board_report

    apply_revision(imported, compare_revision(imported, 1, read_plan(revised)))
    layout = workstreams.read_layout(imported, 1)
    prevention = next(w.id for w in layout.workstreams if w.title == "Prevention")
    workstreams.rename_workstream(imported, prevention, tab="Staying well", title="Staying well")
    workstreams.move_workstream(imported, prevention, -1)
    out = tmp_path / "board.xlsx"
    export_board_report(imported, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[1:3] == ["Staying well", "Governance and Leadership"]
    cells = [str(c.value) for row in book["Staying well"].iter_rows() for c in row if c.value]
    assert any("Website restructured and tested with users." in c for c in cells)
    assert not any("Annual Report completed" in c for c in cells)
    changes = [str(c.value) for row in book["Changes"].iter_rows() for c in row if c.value]
    assert "Web team engaged" in changes
    assert "Report drafted" not in changes
