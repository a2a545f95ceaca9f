"""Fuzzing the plan importer: workbooks of random structure and contents either import
whole or fail with the clear-message error, never another exception, never a partial
write."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.db import open_database
from tracker.errors import TrackerError
from tracker.services.plan_import import read_plan, save_plan

TABLES = ("plan", "workstream", "area", "action", "person", "action_lead", "area_lead", "audit_log")

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
text = st.one_of(
    st.sampled_from(PHRASES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80),
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
row = st.lists(value, max_size=8)
sheet = st.tuples(
    st.text(alphabet="ABCxyz 1", min_size=1, max_size=12),
    st.lists(row, max_size=12),
    st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)),
        max_size=2,
    ),
)


def _build(path: Path, sheets: list) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used = set()
    for name, rows, merges in sheets:
        title = name.strip() or "S"
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


def _counts(path: Path) -> tuple[int, ...]:
    with closing(sqlite3.connect(path)) as conn:
        return tuple(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    open_database(path).close()
    return path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(sheets=st.lists(sheet, min_size=0, max_size=3))
def test_random_workbooks_import_whole_or_fail_clearly(fuzz_db: Path, sheets: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.xlsx"
        _build(path, sheets)
        before = _counts(fuzz_db)
        database = open_database(fuzz_db)
        try:
            draft = read_plan(path)
            save_plan(database, draft, as_new=True)
        except TrackerError as exc:
            message = str(exc)
            assert message and "\n" not in message.strip()
            assert "random.xlsx" in message or "nothing was changed" in message.lower()
            assert _counts(fuzz_db) == before
            return
        finally:
            database.close()
        after = _counts(fuzz_db)
        assert after[0] == before[0] + 1
        assert after[3] == before[3] + len(draft.actions)
