"""Fuzzing the plan importer: a workbook either imports whole or is refused with the
clear-message error, never another exception, never a partial write.

Two kinds of workbook: plans (a header row in wording the importer knows, sections, refs,
action cells with markers, lead cells, deadline phrases) with hostile text in their cells
and now and then a cell overwritten with anything at all, of which at least half must
import or the property is not being exercised; and workbooks of random structure, which
are mostly refused. An imported plan must be in the database exactly as the dry run read
it; a refused workbook must leave every row as it was.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections import Counter
from contextlib import closing
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.plan_factory import PEOPLE, SECTIONS, write_sheets
from tracker.db import open_database
from tracker.errors import TrackerError
from tracker.importing.plan_draft import PlanDraft
from tracker.services.people import person_key
from tracker.services.plan_import import read_plan, save_plan

TABLES = ("plan", "workstream", "area", "action", "person", "action_lead", "area_lead", "audit_log")
EXAMPLES = 60

PHRASES = [
    "Ref",
    "Action",
    "Lead",
    "Deadline",
    "What action now needs to be taken?",
    "Who is leading?",
    "CQC Area for Improvement",
    "Start Date",
    "Completion date",
    "1. Governance and Leadership",
    "6 b) Enablers – IT",
    "i. July 2018\nii) & iii) TBC",
    "End of June 2018 for all actions except ii)",
    "From Nov 18",
    "2019/20",
    "Sept/Oct 2018",
    "i. Do this\nii. Do that\n    a. part",
    "Graeme Betts – SRO\nOperational Leads: A/ B",
    "مرحبا بالعالم",
    "שלום",
    "\u202eevil",
    "🙂🚑",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    "tab\there",
    "cr\rhere",
    "",
]
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
text = st.one_of(
    st.sampled_from(PHRASES),
    any_text,
    # Huge strings around Excel's 32,767-character cell limit.
    st.builds(lambda n, c: c * n, st.integers(30_000, 33_000), st.sampled_from(["a", "ab \n"])),
)
value = st.one_of(
    st.none(),
    text,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)

# ---- Plans: rows in the layouts the importer reads --------------------------------------

# Header wordings the importer recognises, per column, in the original plan's order.
HEADER_WORDINGS = {
    "ref": ("Ref", "Reference", "Ref No", "#"),
    "area": ("CQC Area for Improvement", "Area for improvement", "Recommendation", "Finding"),
    "changed": ("What has changed since January?", "Progress to date"),
    "plans": ("What plans are in place?", "Plans in place"),
    "action": ("What action now needs to be taken?", "Action", "Actions required", "Activity"),
    "lead": ("Who is leading?", "Lead", "Owner", "Responsible officer"),
    "deadline": ("Deadline", "Timescale", "Completion date", "By when"),
}
OPTIONAL_COLUMNS = ("area", "changed", "plans", "lead", "deadline")
BANNERS = (
    *SECTIONS,
    "6 b) Enablers – IT",
    "Workforce",
    "7. Other business",  # no tab of its own: its areas go to Unassigned, flagged
)
MARKERS = {
    "roman": lambda n: f"{('i', 'ii', 'iii', 'iv', 'v', 'vi')[n]}.",
    "roman paren": lambda n: f"({('i', 'ii', 'iii', 'iv', 'v', 'vi')[n]})",
    "letter": lambda n: f"{'abcdef'[n]})",
    "number": lambda n: f"{n + 1}.",
    "bullet": lambda _n: "•",
}
DEADLINES = (
    "July 2018",
    "End Sept 2018",
    "March 19",
    "2019/20",
    "From Nov 18",
    "Sept 2018 – March 2019",
    "TBC",
    "Ongoing",
    "31/02/2019",
)
ACTION_TEXTS = (
    "Agree the terms of reference",
    "Publish the strategy",
    "Run falls clinics in every locality",
    "Review the discharge pathway\n    a. MDT with 7 day working\n    b. Home first",
)
cell_text = st.one_of(st.sampled_from(ACTION_TEXTS), any_text, st.sampled_from(PHRASES))
name = st.one_of(st.sampled_from(PEOPLE), st.text(alphabet="ABCabc '-", min_size=1, max_size=20))


@st.composite
def lead_cells(draw: st.DrawFn, markers: list[str]) -> str | None:
    style = draw(st.sampled_from(["sro", "one", "per action", "empty", "any"]))
    if style == "sro":
        sro, first, second = draw(st.lists(name, min_size=3, max_size=3))
        return f"Ageing Well Workstream\n{sro} – SRO\nOperational Leads: {first}/ {second}"
    if style == "one":
        return draw(name)
    if style == "per action":
        return "\n".join(f"{marker} {draw(name)}" for marker in markers)
    if style == "empty":
        return None
    return draw(text)


@st.composite
def deadline_cells(draw: st.DrawFn, markers: list[str]) -> object:
    style = draw(st.sampled_from(["per action", "one phrase", "a date", "any"]))
    if style == "per action":
        return "\n".join(f"{m} {draw(st.sampled_from(DEADLINES))}" for m in markers)
    if style == "one phrase":
        return draw(st.sampled_from(DEADLINES))
    if style == "a date":
        return draw(st.datetimes(min_value=datetime(2017, 1, 1), max_value=datetime(2021, 1, 1)))
    return draw(value)


@st.composite
def area_rows(draw: st.DrawFn, columns: list[str], ref: str) -> list[list[object]]:
    """One area: a row with its ref, sometimes continued on a row without one."""
    count = draw(st.integers(1, 5))
    make = MARKERS[draw(st.sampled_from(sorted(MARKERS)))]
    markers = [make(n) for n in range(count)]
    lead_in = draw(st.sampled_from(["", "The system will:", "To do this we will:"]))
    actions = [f"{m} {draw(cell_text)}" for m in markers]
    cells = {
        "ref": ref,
        "area": draw(cell_text),
        "changed": draw(st.one_of(st.none(), cell_text)),
        "plans": draw(st.one_of(st.none(), cell_text)),
        "action": "\n".join([lead_in, *actions] if lead_in else actions),
        "lead": draw(lead_cells(markers)),
        "deadline": draw(deadline_cells(markers)),
    }
    rows = [[cells[c] for c in columns]]
    if draw(st.booleans()) and count > 1:
        # The printed plan broke the area across a page: its last action on a row of its
        # own, with no ref.
        rows[0][columns.index("action")] = "\n".join(cells["action"].splitlines()[:-1])
        rows.append([actions[-1] if c == "action" else None for c in columns])
    return rows


@st.composite
def plan_sheets(draw: st.DrawFn) -> list[tuple[str, list[list[object]]]]:
    optional = draw(st.lists(st.sampled_from(OPTIONAL_COLUMNS), unique=True))
    columns = [c for c in HEADER_WORDINGS if c in ("ref", "action") or c in optional]
    header = [draw(st.sampled_from(HEADER_WORDINGS[c])) for c in columns]
    rows: list[list[object]] = [["Care Quality Commission - Local System Review"], []]
    for section in range(draw(st.integers(1, 4))):
        banner = draw(st.one_of(st.none(), st.sampled_from(BANNERS)))
        if banner is not None:
            rows.append([banner])
        if section == 0 or draw(st.booleans()):  # the header, repeated at some sections
            rows.append(list(header))
        for number in range(1, draw(st.integers(1, 4)) + 1):
            rows += draw(area_rows(columns, f"{section + 1}.{number}"))
    # Now and then a cell overwritten with anything at all, header and refs included.
    for row, column, new in draw(
        st.lists(st.tuples(st.integers(0, 60), st.integers(0, 7), value), max_size=2)
    ):
        cells = rows[row % len(rows)]
        if cells:
            cells[column % len(cells)] = new
    sheets = [(draw(st.sampled_from(["Action Plan", "Prevention", "Plan 2018"])), rows)]
    if draw(st.integers(0, 4)) == 0:
        sheets.append(("Notes", draw(st.lists(st.lists(value, max_size=4), max_size=4))))
    return sheets


# ---- Workbooks of random structure --------------------------------------------------------

random_sheet = st.tuples(
    st.text(alphabet="ABCxyz 1", min_size=1, max_size=12),
    st.lists(st.lists(value, max_size=8), max_size=12),
    st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)),
        max_size=2,
    ),
)


def _write_random(path: Path, sheets: list) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used = set()
    for sheet_name, rows, merges in sheets:
        title = sheet_name.strip() or "S"
        while title in used:
            title += "1"
        used.add(title)
        ws = wb.create_sheet(title[:31])
        for r, cells in enumerate(rows, start=1):
            for c, v in enumerate(cells, start=1):
                ws.cell(row=r, column=c, value=v)
        for r, c, dr, dc in merges:
            if dr or dc:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    if not wb.sheetnames:
        wb.create_sheet("Empty")
    wb.save(path)


def _write(path: Path, book: tuple[str, list]) -> None:
    kind, sheets = book
    if kind == "plan":
        write_sheets(path, sheets)
    else:
        _write_random(path, sheets)


# ---- What the database holds ---------------------------------------------------------


def _counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}


def _digest(path: Path) -> str:
    """Every row of every table (WAL included), as SQL text."""
    with closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def _stored_plan(path: Path, plan_id: int) -> list:
    """The plan as stored: workstreams, their areas and actions, each action's leads."""
    with closing(sqlite3.connect(path)) as conn:

        def rows(sql: str, key: int) -> list[tuple]:
            return conn.execute(sql, (key,)).fetchall()

        def leads(action_id: int) -> list[str]:
            return [
                key
                for (key,) in rows(
                    "SELECT person.name_key FROM action_lead JOIN person "
                    "ON person.id = action_lead.person_id "
                    "WHERE action_id = ? ORDER BY action_lead.position",
                    action_id,
                )
            ]

        def actions(area_id: int) -> list[tuple]:
            return [
                (label, text, deadline_text, due, bool(needs_review), leads(action_id))
                for action_id, label, text, deadline_text, due, needs_review in rows(
                    "SELECT id, label, text, deadline_text, due_date, needs_review "
                    "FROM action WHERE area_id = ? ORDER BY position",
                    area_id,
                )
            ]

        def areas(workstream_id: int) -> list[tuple]:
            return [
                (ref, title, actions(area_id))
                for area_id, ref, title in rows(
                    "SELECT id, ref, title FROM area WHERE workstream_id = ? ORDER BY position",
                    workstream_id,
                )
            ]

        return [
            (tab, title, areas(workstream_id))
            for workstream_id, tab, title in rows(
                "SELECT id, tab, title FROM workstream WHERE plan_id = ? ORDER BY position",
                plan_id,
            )
        ]


def _drafted_plan(draft: PlanDraft) -> list:
    """The same shape, from what the dry run read."""
    return [
        (
            ws.tab,
            ws.title,
            [
                (
                    area.ref,
                    area.title,
                    [
                        (
                            x.label,
                            x.text,
                            x.deadline_text,
                            x.due.isoformat() if x.due else None,
                            x.needs_review,
                            list(dict.fromkeys(person_key(n) for n in x.leads)),
                        )
                        for x in area.actions
                    ],
                )
                for area in ws.areas
            ],
        )
        for ws in draft.workstreams
    ]


# ---- The property ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    open_database(path).close()
    return path


def _import_or_refuse(db_path: Path, book: tuple[str, list]) -> str:
    """Import the workbook; check the database holds it whole, or is unchanged."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.xlsx"
        _write(path, book)
        before_counts, before_digest = _counts(db_path), _digest(db_path)
        database = open_database(db_path)
        try:
            draft = read_plan(path)
            plan_id = save_plan(database, draft, as_new=True)
        except TrackerError as exc:
            message = str(exc)
            assert message and "\n" not in message.strip()
            assert "generated.xlsx" in message or "nothing was changed" in message.lower()
            assert _digest(db_path) == before_digest
            return "refused"
        finally:
            database.close()
    after = _counts(db_path)
    assert after["plan"] == before_counts["plan"] + 1
    assert after["workstream"] == before_counts["workstream"] + len(draft.workstreams)
    assert after["area"] == before_counts["area"] + len(draft.areas)
    assert after["action"] == before_counts["action"] + len(draft.actions)
    assert after["audit_log"] == before_counts["audit_log"] + 1
    assert _stored_plan(db_path, plan_id) == _drafted_plan(draft)
    return "imported"


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_generated_plans_import_whole_or_are_refused_unchanged(fuzz_db: Path) -> None:
    outcomes: Counter[str] = Counter()

    @FUZZ_SETTINGS
    @given(sheets=plan_sheets())
    def import_one(sheets: list) -> None:
        outcome = _import_or_refuse(fuzz_db, ("plan", sheets))
        event(outcome)
        outcomes[outcome] += 1

    import_one()
    # Most of them must get as far as saving, or the property is not being exercised.
    assert outcomes["imported"] >= EXAMPLES / 2, outcomes


def test_random_workbooks_import_whole_or_are_refused_unchanged(fuzz_db: Path) -> None:
    outcomes: Counter[str] = Counter()

    @FUZZ_SETTINGS
    @given(sheets=st.lists(random_sheet, max_size=3))
    def import_one(sheets: list) -> None:
        outcome = _import_or_refuse(fuzz_db, ("random", sheets))
        event(outcome)
        outcomes[outcome] += 1

    import_one()
    assert outcomes["refused"] >= 1, outcomes
