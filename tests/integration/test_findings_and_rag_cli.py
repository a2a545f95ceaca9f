"""The findings, quality-statement and RAG-rule verbs as a script would run them, on the
original 2018 plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.db import Database


def _run(
    capsys: pytest.CaptureFixture[str], database: Database, *args: str
) -> tuple[int, str, str]:
    code = main(["--db", str(database.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _action(capsys: pytest.CaptureFixture[str], database: Database, area: str, label: str) -> dict:
    code, out, _ = _run(capsys, database, "show", "--json")
    assert code == 0
    (plan,) = json.loads(out)["plans"]
    return next(
        x
        for ws in plan["workstreams"]
        for a in ws["areas"]
        if a["ref"] == area
        for x in a["actions"]
        if x["label"] == label
    )


def test_show_json_gives_each_action_its_assurance(capsys, imported: Database) -> None:
    action = _action(capsys, imported, "1.2", "ii")
    assert action["calculated_rag"] is None
    assert action["calculated_rag_reason"] == "no due date"
    assert action["findings"] == ["AFI-04"]
    assert action["quality_statements"] == []
    assert _action(capsys, imported, "1.1", "i")["calculated_rag"] == "R"


def test_findings_verbs(capsys, imported: Database, tmp_path: Path) -> None:
    code, out, _ = _run(capsys, imported, "findings")
    assert code == 0
    assert out.startswith("AFI-01 (area for improvement; areas: 1.3)\n")
    listing = tmp_path / "key.txt"
    listing.write_text("KF-1 Carers felt well supported\nKF-2 Waiting lists are long\n", "utf-8")
    assert _run(capsys, imported, "findings", "import", str(listing))[:2] == (
        0,
        "2 findings added.\n",
    )
    code, out, _ = _run(
        capsys, imported, "findings", "add", "KF-3", "Staff were proud", "--kind", "key finding"
    )
    assert (code, out) == (0, "1 finding added.\n")
    assert _run(capsys, imported, "link-finding", "4.2", "KF-1")[:2] == (
        0,
        "Area 4.2 answers finding KF-1.\n",
    )
    assert _action(capsys, imported, "4.2", "1")["findings"] == ["AFI-11", "KF-1"]
    code, out, _ = _run(capsys, imported, "findings")
    assert "KF-3 (key finding; areas: no area answers it)" in out
    code, _, err = _run(capsys, imported, "link-finding", "4.2", "KF-9")
    assert code == 1
    assert "The plan has no finding 'KF-9'" in err


def test_quality_statement_verbs(capsys, imported: Database) -> None:
    code, out, _ = _run(capsys, imported, "quality-statements", "link", "2.1", "2", "LA1.2")
    assert (code, out) == (
        0,
        "Action 2.1 2 serves LA1.2 Supporting people to live healthier lives.\n",
    )
    assert _run(capsys, imported, "quality-statements", "score", "la2.1", "3")[:2] == (
        0,
        "LA2.1 Care provision, integration and continuity: indicative score 3 "
        "(Evidence shows a good standard).\n",
    )
    code, out, _ = _run(capsys, imported, "quality-statements")
    lines = out.splitlines()
    assert lines[:3] == [
        "Local authority quality statements",
        "  Working with people",
        "    LA1.1   Assessing needs (0 actions)",
    ]
    assert "    LA1.2   Supporting people to live healthier lives (1 action)" in lines
    assert (
        "    LA2.1   Care provision, integration and continuity (0 actions, indicative score 3)"
        in lines
    )
    assert "Integrated care system quality statements" in lines
    assert sum(1 for line in lines if line.startswith("    LA")) == 9
    assert sum(1 for line in lines if line.startswith("    ICS")) == 17
    assert _action(capsys, imported, "2.1", "2")["quality_statements"] == ["LA1.2"]
    code, _, err = _run(capsys, imported, "quality-statements", "score", "LA2.1", "5")
    assert code == 1 and "1 to 4" in err
    code, _, err = _run(capsys, imported, "quality-statements", "link", "9.9", "1", "LA1.2")
    assert code == 1 and "No action '9.9 1'" in err
    code, out, _ = _run(
        capsys, imported, "quality-statements", "link", "2.1 2", "LA1.2", "--remove"
    )
    assert out == "Action 2.1 2 no longer serves LA1.2 Supporting people to live healthier lives.\n"


def test_rag_rule_verb(capsys, imported: Database) -> None:
    code, out, _ = _run(capsys, imported, "rag-rule")
    assert code == 0 and out.startswith("Red: more than 30 days past the (revised) due date")
    code, out, _ = _run(
        capsys, imported, "rag-rule", "--red-days-late", "60", "--roll-up", "majority"
    )
    assert code == 0 and out.startswith("Red: more than 60 days past")
    assert "rolls up as the majority of its actions" in out
    code, _, err = _run(capsys, imported, "rag-rule", "--amber-points-behind", "40")
    assert code == 1 and "must not be more than for red" in err
