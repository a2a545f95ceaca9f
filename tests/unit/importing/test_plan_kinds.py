"""Each kind of table a programme office is handed imports with its hierarchy, leads,
dates and status: Project Plan templates, MS Project exports, WBS-numbered plans, parent
rows with tasks beneath, workbooks whose first sheets are a read-me and lookups, the 2016
peer challenge's plan, a plan by quality statement."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tracker.errors import PlanImportError
from tracker.importing.plan_layout import tab_for_section
from tracker.importing.progress_cells import rag_from_fill, read_percent, read_progress
from tracker.importing.section_names import section_for
from tracker.services.import_report import format_import_summary
from tracker.services.plan_import import read_plan

from . import plan_kinds


def _rows(draft) -> list[tuple]:
    return [
        (ws.tab, area.ref, area.title, action.label, action.text, action.leads)
        for ws in draft.workstreams
        for area in ws.areas
        for action in area.actions
    ]


def test_project_plan_template(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.project_plan_template(tmp_path / "template.xlsx"))
    assert draft.name == "Carers hub project plan"
    assert [(w.tab, w.title) for w in draft.workstreams] == [("Project Plan", "Project Plan")]
    actions = draft.actions
    assert [(x.label, x.text, x.leads, x.due) for x in actions] == [
        ("1", "Agree the hub's scope", ["Director of Public Health"], date(2025, 3, 31)),
        ("2", "Recruit two coordinators", ["Programme Office"], date(2025, 6, 30)),
        ("3", "Open the hub", ["Peta", "Gilly", "Alex", "Seydou"], date(2025, 9, 30)),
        ("4", "Evaluate the first year", ["DS"], date(2026, 9, 30)),
    ]
    assert [(x.status, x.percent) for x in actions] == [
        ("Complete", 100),
        ("In progress", 50),
        ("Not started", 0),
        (None, None),
    ]
    assert actions[0].progress_note == "Status: Done\nSigned off at board"
    assert not draft.flagged()
    assert draft.unused_columns == ["Budget"]
    summary = format_import_summary(draft, dry_run=True)
    assert "Read from sheet 'Project Plan', header in row 3, rows 4-7" in summary
    assert 'Columns not read: "Budget"' in summary


def test_ms_project_export_imports_its_tasks_not_its_resources(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.ms_project_export(tmp_path / "project.xlsx"))
    assert draft.sheets_used == ["Task_Table"]
    assert [(a.ref, a.title) for a in draft.areas] == [("1", "Discovery"), ("4", "Delivery")]
    assert [(x.label, x.text, x.leads, x.start, x.due, x.percent) for x in draft.actions] == [
        ("2", "Interview front-line staff", ["Jane Doe"], date(2025, 1, 6),
         date(2025, 1, 17), 100),
        ("3", "Map the referral pathway", ["Sam Patel", "Jane Doe"], date(2025, 1, 20),
         date(2025, 1, 31), 100),
        ("5", "Pilot in one locality", ["Sam Patel"], date(2025, 2, 3), date(2025, 2, 28), 50),
        ("6", "Roll out city-wide", ["Locality Managers"], date(2025, 3, 3),
         date(2025, 3, 28), 0),
    ]  # fmt: skip
    assert [x.status for x in draft.actions] == [
        "Complete",
        "Complete",
        "In progress",
        "Not started",
    ]
    assert draft.unused_columns == ["Duration"]


def test_wbs_numbers_make_sections_areas_and_actions(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.wbs_plan(tmp_path / "wbs.xlsx"))
    assert [(w.tab, [a.ref for a in w.areas]) for w in draft.workstreams] == [
        ("Safeguarding", ["1.1", "1.2"]),
        ("Carers", ["2.1"]),
    ]
    assert [(r[1], r[2], r[3], r[5]) for r in _rows(draft)] == [
        ("1.1", "Audit practice", "1.1.1", ["Head of Safeguarding"]),
        ("1.1", "Audit practice", "1.1.2", ["Head of Safeguarding"]),
        ("1.2", "Training", "1.2.1", ["Workforce Team"]),
        ("2.1", "Carers assessments", "2.1.1", ["Carers Lead"]),
    ]
    assert draft.actions[0].start == date(2025, 1, 1)
    assert not draft.flagged()


def test_parent_rows_in_an_activities_column_are_areas(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.activities_with_tasks(tmp_path / "activities.xlsx"))
    assert [(r[2], r[3], r[4], r[5]) for r in _rows(draft)] == [
        ("Improve hospital discharge", "1", "Agree a discharge-to-assess model", ["Alex"]),
        ("Improve hospital discharge", "2", "Recruit a trusted assessor", ["Gilly"]),
        ("Strengthen reablement", "1", "Review reablement outcomes", ["Peta"]),
    ]
    assert not draft.flagged()


def test_the_real_table_wins_over_read_me_lookups_and_codes(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.lookup_before_plan(tmp_path / "tracker.xlsx"))
    assert draft.sheets_used == ["Tracker"]
    assert draft.name == "Tracker"  # never the read-me's note
    assert [x.text for x in draft.actions] == [
        "Publish the market position statement",
        "Agree the fee uplift",
    ]
    assert [(x.rag, x.leads) for x in draft.actions] == [
        ("G", ["Head of Commissioning"]),
        ("A", ["Finance Lead"]),
    ]
    assert draft.tables[0].sheet == "Tracker"
    # Another table can be chosen by its sheet.
    other = read_plan(tmp_path / "tracker.xlsx", sheet="Reason codes")
    assert [x.text for x in other.actions][:2] == ["Awaiting funding", "Staff shortage"]
    with pytest.raises(PlanImportError, match="the sheet 'Lookups' holds no table"):
        read_plan(tmp_path / "tracker.xlsx", sheet="Lookups")


def test_seed_003_recommendations_are_sections_activities_keep_their_codes(
    tmp_path: Path,
) -> None:
    draft = read_plan(plan_kinds.seed_003_plan(tmp_path / "peer-challenge.xlsx"))
    assert draft.name == "Adult Social Care Peer Challenge Action Plan"
    assert [w.title[:2] for w in draft.workstreams] == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert all(w.tab.startswith(w.title[:3]) for w in draft.workstreams)
    assert [(a.ref, [x.label for x in a.actions]) for a in draft.areas] == [
        ("a", ["A1", "A2"]),
        ("b", ["A3"]),
        ("B", ["B1", "B2"]),
        ("C", ["C1", "C2"]),
        ("D", ["D1"]),
        ("E", ["E1"]),
        ("F", ["F1"]),
        ("G", ["G1", "G2"]),
    ]
    a1, a2, a3 = draft.areas[0].actions + draft.areas[1].actions
    assert a1.text == "i. Establish Directorate Savings Board"
    assert (a1.start, a1.due, a1.leads) == (
        date(2016, 12, 1),
        date(2017, 1, 31),
        ["Programme Office"],
    )
    assert a2.leads == ["Programme Leads"]
    assert a3.leads == ["David Moran"]
    assert draft.actions[4].leads == ["Maria Gavin", "Carl Griffiths"]
    # Only the TBC completion date is flagged: nothing for not being a CQC workstream.
    assert [(a.ref, x.label) for a, x in draft.flagged()] == [("G", "G2")]


def test_a_plan_by_quality_statement_groups_by_theme(tmp_path: Path) -> None:
    draft = read_plan(plan_kinds.quality_statement_plan(tmp_path / "qs.xlsx"))
    assert [(w.tab, [a.title for a in w.areas]) for w in draft.workstreams] == [
        ("Working with people", ["Assessing needs", "Supporting people to live healthier lives"]),
        ("Leadership", ["Governance, management and sustainability"]),
    ]
    assert draft.actions[1].leads == ["Public Health"]
    assert not draft.flagged()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Task", "action"), ("task NAME", "action"), (" Task  description ", "action"),
        ("Description", "action"), ("Activity", "action"), ("Plan description", "action"),
        ("Actions required", "action"), ("Owner", "lead"), ("Task owner", "lead"),
        ("Assigned to", "lead"), ("Responsible", "lead"), ("Response person", "lead"),
        ("Resp", "lead"), ("Lead officer", "lead"), ("Due", "deadline"),
        ("Due date", "deadline"), ("Target date", "deadline"), ("Deadline", "deadline"),
        ("Dead line", "deadline"), ("Finish", "deadline"), ("End", "deadline"),
        ("Completion date", "deadline"), ("Plan date", "deadline"), ("Start", "start"),
        ("STATUS", "status"), ("RAG", "rag"), ("% complete", "percent"),
        ("%Complete", "percent"), ("Comments", "comments"), ("Remarks", "comments"),
        ("Progress", "comments"), ("Latest update", "comments"), ("Ref", "ref"),
        ("No", "ref"), ("S.No", "ref"), ("ID", "ref"), ("WBS", "ref"),
        ("Outline Level", "outline"),
    ],
)  # fmt: skip
def test_header_wordings(header: str, field: str) -> None:
    from tracker.importing.header_words import field_for_header

    assert field_for_header(header) == field


def test_any_section_is_a_tab_of_its_own() -> None:
    assert section_for("7. Other business") == ("Other business", "Other business")
    assert section_for("Working with people") == ("Working with people", "Working with people")
    assert tab_for_section("Improve engagement with stakeholders including carers") is None
    tab, title = section_for("A. Strengthen your grip on the financial monitoring")
    assert len(tab) <= 32 and title.startswith("A. Strengthen")


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [("FFFF0000", "R"), ("FFFFC000", "A"), ("FFFFFF00", "A"), ("FF00B050", "G"),
     ("FF92D050", "G"), ("FF0070C0", "B"), ("FFFFFFFF", None), ("FF000000", None)],
)  # fmt: skip
def test_fill_colours_read_as_ratings(rgb: str, rag: str | None) -> None:
    assert rag_from_fill(rgb) == rag


def test_percent_and_status_words() -> None:
    assert read_percent(0.5, fractions=True) == 50
    assert read_percent(50, fractions=False) == 50
    assert read_percent("50%", fractions=True) == 50
    assert read_percent("lots", fractions=False) is None
    complete = read_progress("Completed", "", None, 0.4, "", fractions=True)
    assert (complete.status, complete.percent) == ("Complete", 100)  # Complete means 100%
    blue = read_progress("", "B", None, None, "", fractions=False)
    assert (blue.status, blue.rag, blue.percent) == ("Complete", None, 100)
    delayed = read_progress("Delayed", "R", None, None, "Waiting on the ICB", fractions=False)
    assert (delayed.status, delayed.rag) == ("In progress", "R")
    assert delayed.narrative == "Status: Delayed\nWaiting on the ICB"
    on_hold = read_progress("On hold", "", None, None, "", fractions=False)
    assert on_hold.status == "On hold"
    odd = read_progress("Sort of", "", None, None, "", fractions=False)
    assert odd.review_reason == "the status 'Sort of' was not understood"
    assert read_progress("", "", None, None, "", fractions=False) is None


FOREIGN = Path(__file__).parents[2] / "data" / "foreign"


@pytest.mark.parametrize("name", ["example.xlsm", "ods_formats.ods", "hidden_sheets.xls"])
def test_workbooks_that_are_not_plans_are_still_refused(name: str) -> None:
    with pytest.raises(PlanImportError, match=rf"^{name}: no header row was recognised"):
        read_plan(FOREIGN / name)


def test_a_lead_that_names_nobody_yet_is_flagged(tmp_path: Path) -> None:
    path = plan_kinds.workbook(
        tmp_path / "tbc.xlsx",
        {
            "Tasks": [
                ["Task", "Owner", "Due date"],
                ["Write the carers strategy", "TBC", "March 2026"],
                ["Consult on it", "Commissioning Team", "June 2026"],
            ]
        },
    )
    draft = read_plan(path)
    first, second = draft.actions
    assert (first.leads, first.review_reasons) == ([], ["The lead 'TBC' names nobody yet"])
    assert (second.leads, second.review_reasons) == (["Commissioning Team"], [])


def test_phase_rows_are_sections_and_a_bare_task_is_never_lost(tmp_path: Path) -> None:
    path = plan_kinds.workbook(
        tmp_path / "phases.xlsx",
        {
            "Plan": [
                ["Task", "Assigned to", "Due"],
                ["Phase 1: Planning"],
                ["Agree the scope", "Alex", "March 2026"],
                ["Book the venue"],
                ["Phase 2: Delivery"],
                ["Run the event", "Gilly", "June 2026"],
                ["Send thank-you letters"],
            ]
        },
    )
    draft = read_plan(path)
    assert [(w.tab, [x.text for x in w.areas[0].actions]) for w in draft.workstreams] == [
        ("Phase 1: Planning", ["Agree the scope", "Book the venue"]),
        ("Phase 2: Delivery", ["Run the event", "Send thank-you letters"]),
    ]


def test_an_ms_project_wizard_export_with_underscored_headers(tmp_path: Path) -> None:
    path = plan_kinds.workbook(
        tmp_path / "wizard.xlsx",
        {
            "Task_Table1": [
                ["ID", "Name", "Duration", "Start_Date", "Finish_Date", "Outline_Level",
                 "Resource_Names", "Percent_Complete"],
                [1, "Mobilise", "5d", datetime(2025, 1, 6), datetime(2025, 1, 10), 1, None, 1],
                [2, "Appoint the board", "5d", datetime(2025, 1, 6), datetime(2025, 1, 10), 2,
                 "Programme Office", 1],
                [3, "Deliver", "5d", datetime(2025, 1, 13), datetime(2025, 1, 17), 1, None, 0],
                [4, "Run the pilot", "5d", datetime(2025, 1, 13), datetime(2025, 1, 17), 2,
                 "DS", 0.5],
            ],
            "Resource_Table1": [["ID", "Name", "Initials"], [1, "Programme Office", "PO"],
                                [2, "Dan Smith", "DS"]],
        },
    )  # fmt: skip
    draft = read_plan(path)
    assert draft.sheets_used == ["Task_Table1"]
    assert [(a.title, x.label, x.text, x.leads, x.percent) for a in draft.areas
            for x in a.actions] == [
        ("Mobilise", "2", "Appoint the board", ["Programme Office"], 100),
        ("Deliver", "4", "Run the pilot", ["DS"], 50),
    ]  # fmt: skip


def test_longer_headers_are_read_by_their_words_and_a_ref_per_row_continues_its_area(
    tmp_path: Path,
) -> None:
    header = ["Ref", "Actions to be taken by the service", "Lead officer / team",
              "Target date for completion", "Progress"]  # fmt: skip
    path = plan_kinds.workbook(
        tmp_path / "worded.xlsx",
        {
            "Plan": [
                header,
                ["1.1", "Publish the carers offer", "Carers Lead", datetime(2025, 5, 31), 0.25],
                ["1.1", "Train front-door staff", "Carers Lead", datetime(2025, 7, 31), "60%"],
                header,  # the header repeated where the printed table broke
                ["1.2", "Set up a carers forum", "Engagement Team", datetime(2025, 9, 30), None],
            ]
        },
    )
    draft = read_plan(path)
    assert [(a.ref, [(x.label, x.text, x.percent) for x in a.actions]) for a in draft.areas] == [
        ("1.1", [("1", "Publish the carers offer", 25), ("2", "Train front-door staff", 60)]),
        ("1.2", [("1", "Set up a carers forum", None)]),
    ]
    assert draft.actions[2].leads == ["Engagement Team"]
    assert not draft.unused_columns
