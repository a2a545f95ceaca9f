"""Plans in other layouts: renamed headers, a sheet per section, tables away from A1,
real Excel dates, extra columns, row-per-activity plans, unrecognised headers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tracker.errors import PlanImportError
from tracker.importing.plan_layout import HeaderNotRecognisedError, tab_for_section
from tracker.services.plan_import import read_plan


def _workbook(path: Path, sheets: dict[str, list[list[object]]], origin=(1, 1)) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.cell(row=origin[0] + r, column=origin[1] + c, value=value)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("banner", "tab", "title"),
    [
        ("1. Governance and Leadership", "Governance", "Governance and Leadership"),
        ("4. Ongoing Personalised Support", "Personalisation", "Ongoing Personalised Support"),
        (
            "6 a) Enablers – Communications and Engagement",
            "Enablers",
            "Communications and Engagement",
        ),
        ("6 b) Enablers – IT", "Enablers", "IT"),
        ("6 c) Enablers – Workforce", "Enablers", "Workforce"),
        ("5. Locality working", "Locality working", "Locality working"),
        ("Early Intervention", "Early Intervention", "Early Intervention"),
        ("Prevention", "Prevention", "Prevention"),
    ],
)
def test_banners_map_to_tabs(banner: str, tab: str, title: str) -> None:
    assert tab_for_section(banner) == (tab, title)


@pytest.mark.parametrize(
    "text", ["Care Quality Commission - Local System Review", "Action Plan", "Make it happen"]
)
def test_titles_are_not_sections(text: str) -> None:
    assert tab_for_section(text) is None


def test_renamed_headers_table_away_from_a1_real_dates_and_extra_columns(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path / "renamed.xlsx",
        {
            "Plan": [
                ["Adult social care improvement plan"],
                [],
                ["Prevention"],
                [
                    "Reference",
                    "Area for improvement",
                    "RAG",
                    "Actions",
                    "Owner",
                    "Target date",
                    "Comments",
                ],
                [
                    "P1",
                    "Shared understanding of the prevention agenda",
                    "A",
                    "i. Refresh the JSNA website\nii. Publish the annual report",
                    "Wayne Harrison",
                    datetime(2018, 8, 31),
                    "on track",
                ],
                [
                    "P2",
                    "Risk stratification",
                    None,
                    "Agree scope and project plan",
                    "Graeme Betts – SRO",
                    "Oct 18",
                    None,
                ],
            ]
        },
        origin=(3, 2),
    )
    draft = read_plan(path)
    assert draft.name == "Adult social care improvement plan"
    (ws,) = draft.workstreams
    assert (ws.tab, ws.title) == ("Prevention", "Prevention")
    p1, p2 = ws.areas
    assert [(a.label, a.due.isoformat(), a.leads) for a in p1.actions] == [
        ("i", "2018-08-31", ["Wayne Harrison"]),
        ("ii", "2018-08-31", ["Wayne Harrison"]),
    ]
    assert p1.actions[0].deadline_text == "2018-08-31"
    assert [(a.label, a.text, a.due.isoformat()) for a in p2.actions] == [
        ("1", "Agree scope and project plan", "2018-10-31")
    ]
    assert p2.leads[0].name == "Graeme Betts"
    assert not draft.flagged()


def test_a_sheet_per_section_takes_the_workstream_from_the_sheet_name(tmp_path: Path) -> None:
    header = ["Ref", "Area for improvement", "Action", "Lead", "Deadline"]
    path = _workbook(
        tmp_path / "sheets.xlsx",
        {
            "Governance": [
                header,
                ["1.1", "Stable leadership", "Agree ToR", "Graeme Betts", "July 2018"],
            ],
            "Workforce": [
                header,
                [
                    "6.5",
                    "Workforce strategy",
                    "Produce Year 1 plan",
                    "John Short (SRO)",
                    "Sept 2018",
                ],
            ],
        },
    )
    draft = read_plan(path)
    assert [(w.tab, w.title, [a.ref for a in w.areas]) for w in draft.workstreams] == [
        ("Governance", "Governance", ["1.1"]),
        ("Enablers", "Workforce", ["6.5"]),
    ]
    assert draft.actions[1].due.isoformat() == "2018-09-30"


def test_peer_challenge_layout_one_activity_per_row(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "peer-challenge-2016.xlsx",
        {
            "Action plan": [
                ["Recommendation", "Activity", "Start Date", "Completion date", "Lead"],
                ["D. Increase the pace and scale of transformation"],
                [
                    "a. Focus on improved outcomes for service users",
                    "D1. Direct Payments - delivery of Engagement and Communication Strategy",
                    "Dec-16",
                    "Jul-17",
                    "Carl Griffiths",
                ],
                [
                    None,
                    "D2. Enablement - Develop an effective in-house enablement service",
                    datetime(2016, 10, 1),
                    datetime(2017, 6, 30),
                    "Geoff Sherlock",
                ],
                [
                    None,
                    "D3. ACAP - Develop future operating model",
                    "Jan-17",
                    "TBC",
                    "Tapshum Pattni",
                ],
            ]
        },
    )
    draft = read_plan(path)
    (ws,) = draft.workstreams
    # The recommendation is a section of its own, on a tab named after it.
    assert ws.tab == "D. Increase the pace and scale…"
    assert ws.title.startswith("D. Increase the pace")
    (area,) = ws.areas
    assert area.ref == "a"
    # Each activity keeps its code as its label.
    assert [a.label for a in area.actions] == ["D1", "D2", "D3"]
    assert area.actions[0].text.startswith("Direct Payments")
    d1, d2, d3 = area.actions
    assert (d1.start.isoformat(), d1.due.isoformat(), d1.leads) == (
        "2016-12-01",
        "2017-07-31",
        ["Carl Griffiths"],
    )
    assert (d2.start.isoformat(), d2.due.isoformat()) == ("2016-10-01", "2017-06-30")
    assert d3.due is None
    assert any("TBC" in r or "confirmed" in r for r in d3.review_reasons)
    # Nothing is flagged merely for not being one of the 2018 plan's workstreams.
    assert not d1.review_reasons and not d2.review_reasons


def test_a_table_with_no_sections_is_one_workstream_nothing_dropped(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "loose.xlsx",
        {
            "Sheet1": [
                ["Ref", "Action", "Deadline"],
                ["1", "Do the thing", "June 2018"],
                ["2", "Do the other thing", "July 2018"],
            ]
        },
    )
    draft = read_plan(path)
    assert [(w.tab, w.title) for w in draft.workstreams] == [("Actions", "Actions")]
    assert len(draft.actions) == 2
    assert not draft.flagged()


def test_unrecognised_headers_offer_candidates_and_map_works(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "odd.xlsx",
        {
            "Plan": [
                ["Prevention"],
                ["Number", "The issue", "What we will do", "Who", "When"],
                ["2.1", "Risk", "Review national best practice", "Mike Walsh", "Sept 18"],
            ]
        },
    )
    with pytest.raises(HeaderNotRecognisedError) as caught:
        read_plan(path)
    message = str(caught.value)
    assert message.startswith("odd.xlsx: no header row was recognised")
    assert '"What we will do"' in message and "--map" in message
    assert caught.value.candidates[0][:2] == ("Plan", 2)

    draft = read_plan(
        path, mapping={"action": "What we will do", "deadline": "When", "area": "The issue"}
    )
    (action,) = draft.actions
    assert (action.text, action.due.isoformat(), action.leads) == (
        "Review national best practice",
        "2018-09-30",
        ["Mike Walsh"],
    )
    assert draft.areas[0].ref == "2.1"


def test_a_map_naming_a_missing_header_says_so(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "odd.xlsx", {"Plan": [["Ref", "Action"], ["1", "x"]]})
    with pytest.raises(PlanImportError, match="no row has all the headers given with --map"):
        read_plan(path, mapping={"action": "What we will do"})
    with pytest.raises(PlanImportError, match="does not know the field colour"):
        read_plan(path, mapping={"colour": "Action"})


def test_header_but_no_rows(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "empty-table.xlsx", {"Plan": [["Ref", "Action", "Lead", "Deadline"]]}
    )
    with pytest.raises(PlanImportError, match="no rows of actions under it"):
        read_plan(path)
