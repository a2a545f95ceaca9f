"""A hand-kept copy of the 2018 plan, with RAG (letters, or only a fill colour), Status and
Latest update columns: every action's position arrives as its first update, dated and
credited to the import, and the plan is still the 2018 plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.unit.importing import plan_kinds
from tracker.cli import main


def _show(db: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "show", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("fills_only", [False, True], ids=["letters and fills", "fills only"])
def test_every_rating_of_a_hand_kept_copy_arrives_as_a_first_update(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str], fills_only: bool
) -> None:
    copy = tmp_path / "kept.xlsx"
    ratings = plan_kinds.hand_kept_2018_copy(plan_file, copy, fills_only=fills_only)
    assert len(ratings) == 17
    db = tmp_path / "t.sqlite3"
    code = main(
        ["--db", str(db), "--user", "Programme Office", "import-plan", str(copy),
         "--as-at", "31/10/2018"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "17 areas, 63 actions, 9 flagged for review" in out
    assert "63 actions with a current position" in out
    assert "dated 31 Oct 2018 (given at import)" in out
    plan = _show(db, capsys)["plans"][0]
    assert [w["tab"] for w in plan["workstreams"]] == [
        "Governance", "Prevention", "Early Intervention", "Personalisation",
        "Locality working", "Enablers", "Enablers", "Enablers",
    ]  # fmt: skip
    by_ref = {area["ref"]: area for ws in plan["workstreams"] for area in ws["areas"]}
    expected_rag = {"G": "G", "A": "A", "R": "R", "B": None}
    seen = 0
    refs = sorted(by_ref, key=lambda r: tuple(map(int, r.split("."))))
    letters = [ratings[row] for row in sorted(ratings)]
    for ref, letter in zip(refs, letters, strict=True):
        for action in by_ref[ref]["actions"]:
            (update,) = action["updates"]
            assert update["date"] == "2018-10-31"
            assert update["author"] == "Programme Office"
            assert update["rag"] == expected_rag[letter]
            assert update["status"] == ("Complete" if letter == "B" else "In progress")
            assert update["percent"] == (100 if letter == "B" else 0)
            assert update["narrative"].endswith(f"Position of area {ref}")
            assert (action["status"], action["rag"]) == (update["status"], update["rag"])
            seen += 1
    assert seen == 63


def test_first_updates_are_dated_from_the_workbook_when_no_date_is_given(
    tmp_path: Path, plan_file: Path
) -> None:
    from tracker.services.plan_import import read_plan

    copy = tmp_path / "kept.xlsx"
    plan_kinds.hand_kept_2018_copy(plan_file, copy, fills_only=False)
    draft = read_plan(copy)
    assert draft.progress_count == 63
    assert draft.position_date_source == "the day the workbook was last saved"
    assert draft.position_date is not None and draft.position_date <= date.today()
    # The plan is read as the original: the added columns take nothing from it.
    assert draft.name == "Care Quality Commission - Local System Review: Action Plan"
    assert not draft.unused_columns
