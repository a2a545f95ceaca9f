"""Action plans in the original spreadsheet's layout, of any size, for tests.

A title, then per section a banner row and the header row in the original wording; each
area is one row whose action cell holds a lead-in and roman-numbered actions, whose lead
cell names an SRO and operational leads, and whose deadline cell gives one phrase per
action. Written with openpyxl; the same size always gives the same workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

TITLE = ("Care Quality Commission - Local System Review", "Action Plan")
SECTIONS = (
    "1. Governance and Leadership",
    "2. Prevention",
    "3. Early Intervention",
    "4. Ongoing Personalised Support",
    "5. Locality working",
    "6 a) Enablers – Communications and Engagement",
)
HEADER = (
    "Ref",
    "CQC Area for Improvement",
    "What has changed since January?",
    "What plans are in place?",
    "What action now needs to be taken?",
    "Who is leading?",
    "Deadline",
)
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
PEOPLE = (
    "Graeme Betts",
    "Pip Mayo",
    "June Marshall",
    "Richard Kirby",
    "Wayne Harrison",
    "Fiona Alexander",
    "Louise Collett",
    "Alison Malik",
)
DEADLINES = ("July 2018", "End Sept 2018", "March 19", "2019/20", "From Nov 18", "TBC")
ACTIONS_PER_AREA = len(ROMAN)

Row = Sequence[object]


def area_row(
    ref: str,
    title: str,
    actions: Sequence[str],
    deadlines: Sequence[str],
    lead: str,
    *,
    lead_in: str = "The system will:",
) -> list[object]:
    """One area's row: actions and deadlines numbered i, ii, iii... in their cells."""
    numbered = [f"{ROMAN[i]}. {text}" for i, text in enumerate(actions)]
    return [
        ref,
        title,
        "• Terms of reference agreed",
        "• Board meets monthly",
        "\n".join([lead_in, *numbered]) if lead_in else "\n".join(numbered),
        lead,
        "\n".join(f"{ROMAN[i]}. {text}" for i, text in enumerate(deadlines)),
    ]


def lead_cell(sro: str, *operational: str) -> str:
    return f"Ageing Well Workstream\n{sro} – SRO\nOperational Leads: {'/ '.join(operational)}"


def write_plan_rows(path: Path, rows: Iterable[Row], sheet: str = "Action Plan") -> Path:
    """Write rows (None for an empty cell, an empty row for a gap) as the only sheet."""
    return write_sheets(path, [(sheet, rows)])


def write_sheets(path: Path, sheets: Iterable[tuple[str, Iterable[Row]]]) -> Path:
    """Write each (name, rows) as a sheet, in order."""
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)
    return path


def plan_rows(actions: int) -> list[Row]:
    """The rows of a plan of ``actions`` actions (rounded up to whole areas of ten)."""
    areas = max(1, -(-actions // ACTIONS_PER_AREA))
    per_section = -(-areas // len(SECTIONS))
    rows: list[Row] = [[TITLE[0]], [TITLE[1]], []]
    made = 0
    for section, banner in enumerate(SECTIONS):
        if made >= areas:
            break
        rows += [[banner], list(HEADER)]
        for number in range(1, min(per_section, areas - made) + 1):
            sro, first, second = (PEOPLE[(made + k) % len(PEOPLE)] for k in (0, 3, 5))
            rows.append(
                area_row(
                    f"{section + 1}.{number}",
                    f"Area {made + 1}: partners should agree a shared plan for this area.",
                    [
                        f"Action {made + 1}.{i + 1}: agree and publish the local plan."
                        for i in range(ACTIONS_PER_AREA)
                    ],
                    [DEADLINES[(made + i) % len(DEADLINES)] for i in range(ACTIONS_PER_AREA)],
                    lead_cell(sro, first, second),
                )
            )
            made += 1
        rows.append([])
    return rows


def write_plan(path: Path, actions: int) -> Path:
    """Write a plan of ``actions`` actions (rounded up to whole areas of ten) to ``path``."""
    return write_plan_rows(path, plan_rows(actions))
