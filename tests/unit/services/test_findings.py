"""Findings: the bundled plan's default mapping, adding, importing lists, linking."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from tests.plan_factory import write_plan
from tracker.db import Database
from tracker.errors import TrackerError
from tracker.services.audit import list_audit
from tracker.services.finding_lists import read_finding_list
from tracker.services.findings import (
    KEY_FINDING,
    FindingInput,
    add_findings,
    bundled_findings,
    link_area,
    list_findings,
)
from tracker.services.plan_import import import_plan
from tracker.services.plan_snapshot import load_snapshot

# Each of the 2018 plan's areas names the review's area for improvement it answers.
EXPECTED_MAPPING = {
    "1.1": "AFI-05", "1.2": "AFI-04", "1.3": "AFI-01", "2.1": "AFI-17", "2.2": "AFI-07",
    "3.1": "AFI-15", "3.2": "AFI-06", "4.1": "AFI-14", "4.2": "AFI-11", "4.3": "AFI-12",
    "4.4": "AFI-13", "5.1": "AFI-09", "6.1": "AFI-03", "6.2": "AFI-02", "6.3": "AFI-16",
    "6.4": "AFI-08", "6.5": "AFI-10",
}  # fmt: skip


def _plan_id(database: Database) -> int:
    return load_snapshot(database).workstreams[0].plan_id


def test_the_bundled_list_is_the_review_s_areas_for_improvement() -> None:
    data = bundled_findings()
    texts = [f["text"] for f in data["findings"]]
    assert len(texts) == 17
    assert texts[0].startswith("System leaders should develop and drive forward a shared")
    assert texts[-1].startswith("A consistent approach to identifying high risk population")
    assert {m["area"]: m["finding"] for m in data["bundled_plan_areas"]} == EXPECTED_MAPPING


def test_the_2018_plan_s_17_areas_link_to_the_review_on_import(imported: Database) -> None:
    rows = list_findings(imported, _plan_id(imported))
    assert [r.ref for r in rows] == [f"AFI-{n:02d}" for n in range(1, 18)]
    linked = {area: r.ref for r in rows for area in r.area_refs}
    assert linked == EXPECTED_MAPPING
    assert all(len(r.area_refs) == 1 for r in rows)
    # Still one audit record for the whole import, which says so.
    (record,) = [r for r in list_audit(imported) if r.cause == "import"]
    assert "17 areas linked to the 17 areas for improvement" in (record.new_value or "")


def test_another_plan_gets_no_findings(database: Database, tmp_path: Path) -> None:
    import_plan(database, write_plan(tmp_path / "other.xlsx", 200))
    assert list_findings(database, _plan_id(database)) == []


def test_findings_are_added_and_linked_all_or_nothing(imported: Database) -> None:
    plan_id = _plan_id(imported)
    added = add_findings(
        imported, plan_id, [FindingInput("KF-1", "Carers felt well supported", KEY_FINDING)]
    )
    assert added == 1
    with pytest.raises(TrackerError, match="already has findings AFI-01"):
        add_findings(imported, plan_id, [FindingInput("KF-2", "x"), FindingInput("AFI-01", "y")])
    assert [r.ref for r in list_findings(imported, plan_id)][-1] == "KF-1"
    link_area(imported, plan_id, "4.2", "KF-1")
    link_area(imported, plan_id, "4.2", "KF-1")  # twice: still one link
    (kf,) = [r for r in list_findings(imported, plan_id) if r.ref == "KF-1"]
    assert (kf.kind, kf.area_refs) == (KEY_FINDING, ("4.2",))
    with pytest.raises(TrackerError, match=r"no area with the reference '9\.9'"):
        link_area(imported, plan_id, "9.9", "KF-1")
    with pytest.raises(TrackerError, match="no finding 'KF-9'"):
        link_area(imported, plan_id, "4.2", "KF-9")


def test_lists_are_read_from_text_csv_and_workbooks(tmp_path: Path) -> None:
    text = tmp_path / "review.txt"
    text.write_text(
        "- Leaders should agree a vision\n\nAFI-2: Carers need a clearer offer\n", "utf-8"
    )
    assert [(f.ref, f.text, f.source) for f in read_finding_list(text)] == [
        ("F-01", "Leaders should agree a vision", "review"),
        ("AFI-2", "Carers need a clearer offer", "review"),
    ]
    csv = tmp_path / "review.csv"
    csv.write_text("Ref,Finding,Kind\nK1,Staff were proud,key finding\n", "utf-8")
    assert [(f.ref, f.text, f.kind) for f in read_finding_list(csv)] == [
        ("K1", "Staff were proud", KEY_FINDING)
    ]
    book = tmp_path / "review.xlsx"
    workbook = xlsxwriter.Workbook(str(book))
    sheet = workbook.add_worksheet()
    sheet.write_column(0, 0, ["Waiting lists are too long", "Information sharing is poor"])
    workbook.close()
    assert [(f.ref, f.text) for f in read_finding_list(book)] == [
        ("F-01", "Waiting lists are too long"),
        ("F-02", "Information sharing is poor"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("Ref,Text,Kind\nX,Something,opinion\n", "utf-8")
    with pytest.raises(TrackerError, match=r"bad\.csv, row 2: 'opinion' is not a kind"):
        read_finding_list(bad)
