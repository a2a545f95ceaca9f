"""Workbooks of each kind of plan a programme office is handed, built for the tests."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def project_plan_template(path: Path) -> Path:
    """A "Project Plan" template: a title, then Task / Owner / Due Date / Status."""
    return workbook(
        path,
        {
            "Project Plan": [
                ["Carers hub project plan"],
                [],
                ["  TASK ", "task owner", "Due  Date", "Status", "% Complete", "Notes", "Budget"],
                ["Agree the hub's scope", "Director of Public Health", datetime(2025, 3, 31),
                 "Done", 1, "Signed off at board", 500],
                ["Recruit two coordinators", "Programme Office", datetime(2025, 6, 30),
                 "In progress", 0.5, None, 1200],
                ["Open the hub", "Peta, Gilly, Alex, Seydou", datetime(2025, 9, 30),
                 "Not started", 0, None, None],
                ["Evaluate the first year", "DS", "Sept 2026", None, None, None, None],
            ]
        },
    )  # fmt: skip


def ms_project_export(path: Path) -> Path:
    """An MS Project export: a task table and a resource table."""
    return workbook(
        path,
        {
            "Task_Table": [
                ["ID", "Task Name", "Duration", "Start", "Finish", "Outline Level",
                 "Resource Names", "% Complete"],
                [1, "Discovery", "20 days", datetime(2025, 1, 6), datetime(2025, 1, 31), 1,
                 None, "100%"],
                [2, "Interview front-line staff", "10 days", datetime(2025, 1, 6),
                 datetime(2025, 1, 17), 2, "Jane Doe", "100%"],
                [3, "Map the referral pathway", "10 days", datetime(2025, 1, 20),
                 datetime(2025, 1, 31), 2, "Sam Patel,Jane Doe", "100%"],
                [4, "Delivery", "40 days", datetime(2025, 2, 3), datetime(2025, 3, 28), 1,
                 None, "25%"],
                [5, "Pilot in one locality", "20 days", datetime(2025, 2, 3),
                 datetime(2025, 2, 28), 2, "Sam Patel", "50%"],
                [6, "Roll out city-wide", "20 days", datetime(2025, 3, 3),
                 datetime(2025, 3, 28), 2, "Locality Managers", "0%"],
            ],
            "Resource_Table": [
                ["ID", "Name", "Type", "Max Units", "Standard Rate"],
                [1, "Jane Doe", "Work", 1, 0],
                [2, "Sam Patel", "Work", 1, 0],
                [3, "Locality Managers", "Work", 3, 0],
            ],
        },
    )  # fmt: skip


def wbs_plan(path: Path) -> Path:
    """A WBS-numbered plan: 1 a section, 1.1 an area, 1.1.1 an action."""
    return workbook(
        path,
        {
            "WBS": [
                ["WBS", "Task description", "Responsible", "Start", "End"],
                ["1", "Safeguarding", None, None, None],
                ["1.1", "Audit practice", None, None, None],
                ["1.1.1", "Case file audit of 50 cases", "Head of Safeguarding",
                 datetime(2025, 1, 1), datetime(2025, 3, 31)],
                ["1.1.2", "Report findings to the board", "Head of Safeguarding",
                 datetime(2025, 4, 1), datetime(2025, 4, 30)],
                ["1.2", "Training", None, None, None],
                ["1.2.1", "Refresh level 3 training", "Workforce Team", None,
                 datetime(2025, 6, 30)],
                ["2", "Carers", None, None, None],
                ["2.1", "Carers assessments", None, None, None],
                ["2.1.1", "Clear the backlog", "Carers Lead", None, datetime(2025, 5, 31)],
            ]
        },
    )  # fmt: skip


def activities_with_tasks(path: Path) -> Path:
    """Parent rows in an Activities column, their tasks beneath in a Tasks column."""
    return workbook(
        path,
        {
            "Plan": [
                ["Activities", "Tasks", "Assigned to", "Deadline"],
                ["Improve hospital discharge", None, None, None],
                [None, "Agree a discharge-to-assess model", "Alex", datetime(2025, 4, 30)],
                [None, "Recruit a trusted assessor", "Gilly", datetime(2025, 6, 30)],
                ["Strengthen reablement", None, None, None],
                [None, "Review reablement outcomes", "Peta", datetime(2025, 5, 31)],
            ]
        },
    )


def lookup_before_plan(path: Path) -> Path:
    """A read-me sheet, a lookup list and a reason-code catalogue before the real table."""
    return workbook(
        path,
        {
            "Read me": [
                ["How to use this tracker"],
                ["Fill in one row per action. Use the drop-down lists for Status."],
                ["Task", "Describe the action in the Task column"],
            ],
            "Lookups": [
                ["Status", "RAG"],
                ["Not started", "R"],
                ["In progress", "A"],
                ["Complete", "G"],
            ],
            "Reason codes": [
                ["Code", "Description"],
                ["R1", "Awaiting funding"],
                ["R2", "Staff shortage"],
                ["R3", "Supplier delay"],
                ["R4", "Awaiting decision"],
            ],
            "Tracker": [
                ["Ref", "Action", "Lead officer", "Target date", "RAG"],
                ["1", "Publish the market position statement", "Head of Commissioning",
                 datetime(2025, 3, 31), "G"],
                ["2", "Agree the fee uplift", "Finance Lead", datetime(2025, 4, 30), "A"],
            ],
        },
    )  # fmt: skip


def seed_003_plan(path: Path) -> Path:
    """The 2016 peer challenge's Appendix 3, typed from the report."""
    header = ["Recommendation", "Activity", "Start Date", "Completion date", "Lead"]
    return workbook(
        path,
        {
            "Appendix 3": [
                ["Adult Social Care Peer Challenge Action Plan"],
                header,
                ["A. Strengthen your grip on the financial monitoring and delivery of "
                 "efficiencies/savings requirements"],
                ["a. Work closely with corporate finance on the current and future savings "
                 "proposals", "A1. i. Establish Directorate Savings Board", "Dec-16", "Jan-17",
                 "Programme Office"],
                [None, "A2. i. Develop Implementation Plans for savings proposals ii. Develop "
                 "Benefits Cards for each budget savings line", "Dec-16", "Jan-17",
                 "i. Programme Leads ii. David Moran – Interim Assistant Director Finance"],
                ["b. Implement the findings of the recent Finance and Management Audit report",
                 "A3. Implement audit recommendations", "Dec-16", "Mar-17", "David Moran"],
                header,
                ["B. Strengthen the relationship between the commissioning for excellence unit "
                 "& with your delivery of frontline services",
                 "B1. Development of a strategy for Commissioned Adult Social Care", "Dec-16",
                 "Mar-17", "Maria Gavin, Assistant Director - Commissioning"],
                [None, "B2. Improve information sharing", "Dec-16", "Jan-17",
                 "Maria Gavin, Assistant Director - Commissioning /Carl Griffiths, Assistant "
                 "Director - ASC"],
                ["C. Improve engagement with stakeholders including carers",
                 "C1. Develop new model of engagement and co-production", "Dec-16", "Jan-17",
                 "Pat Merrick, Assistant Director - Commissioning"],
                [None, "C2. Key consultation: Adult Social Care Budget Proposals", "Jan-17",
                 "Mar-17", "Pat Merrick, Assistant Director - Commissioning"],
                ["D. Increase the pace and scale of transformation",
                 "D1. Direct Payments", "Dec-16", "Jul-17", "Carl Griffiths"],
                ["E. Translate your initial thinking into a credible vision",
                 "E1. Developing a vision for integrated social care", "Dec-16", "Mar-17",
                 "Alison Malik"],
                ["F. Upscale and maximise the potential offered by an asset based approach",
                 "F1. Develop the asset based approach", "Jan-17", "Jun-17", "Pat Merrick"],
                ["G. Strengthen the interface between adult social care and the corporate "
                 "centre", "G1. Embed key adult social care measures", "Jan-17", "Mar-17",
                 "Mark Rogers, Chief Executive"],
                [None, "G2. Develop and Deliver Council of the Future Operating Model",
                 "Jan-17", "TBC", "Mark Rogers, Chief Executive"],
            ]
        },
    )  # fmt: skip


def quality_statement_plan(path: Path) -> Path:
    """A plan by CQC theme and quality statement."""
    return workbook(
        path,
        {
            "Improvement plan": [
                ["Theme", "Quality statement", "Action", "Lead", "Due"],
                ["Working with people", "Assessing needs", "Cut waits for assessment",
                 "Head of Assessment", datetime(2025, 9, 30)],
                [None, "Supporting people to live healthier lives", "Expand the prevention offer",
                 "Public Health", datetime(2025, 12, 31)],
                ["Leadership", "Governance, management and sustainability",
                 "Refresh the performance framework", "Director of Adult Social Care",
                 datetime(2025, 6, 30)],
            ]
        },
    )  # fmt: skip


RAG_FILLS = {"R": "FFFF0000", "A": "FFFFC000", "G": "FF00B050", "B": "FF0070C0"}


def hand_kept_2018_copy(source: Path, path: Path, *, fills_only: bool) -> dict[int, str]:
    """The 2018 plan as the programme office keeps it: RAG, Status and Latest update
    columns added after Deadline. With ``fills_only`` every RAG cell is only coloured,
    else the first half hold letters and the rest only a fill. Returns row -> rating."""
    book = openpyxl.load_workbook(source)
    sheet = book.active
    header_rows = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Ref"]
    last = sheet.max_column
    for r in header_rows:
        for offset, text in enumerate(("RAG", "Status", "Latest update"), start=1):
            sheet.cell(r, last + offset, text)
    ratings = {}
    cycle = "GARB"
    area_rows = [
        r
        for r in range(1, sheet.max_row + 1)
        if re.fullmatch(r"\d+\.\d+", str(sheet.cell(r, 1).value or "").strip())
    ]
    for n, r in enumerate(area_rows):
        rating = cycle[n % len(cycle)]
        ratings[r] = rating
        cell = sheet.cell(r, last + 1)
        if fills_only or n >= len(area_rows) // 2:
            cell.fill = PatternFill("solid", fgColor=RAG_FILLS[rating])
        else:
            cell.value = rating
        sheet.cell(r, last + 2, "Complete" if rating == "B" else "In progress")
        sheet.cell(r, last + 3, f"Position of area {sheet.cell(r, 1).value}")
    book.save(path)
    return ratings
