"""Fuzzing the status-return importer: a real return with random cells changed (values of
any type, in the update columns, the protected ones and the hidden id columns, rows
added or cleared, the metadata sheet touched) is either reviewed and applied whole or
refused with the clear-message error; never another exception, never a partial write."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.db import open_database
from tracker.errors import TrackerError
from tracker.excel import return_layout as layout
from tracker.services.plan_import import import_plan
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

TABLES = ("action", "update", "audit_log")

cell_value = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "Complete",
            "In progress",
            "complete",
            "R",
            "Amber",
            "Purple",
            "=1+1",
            "@SUM(A1)",
            "-5",
            "101",
            "50",
            "TBC",
            "31/02/2019",
            "\u202eevil",
            "🙂",
            "2018-07-31",
            "Moved: board asked",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)
edit = st.tuples(st.integers(0, 40), st.integers(1, 16), cell_value)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.conftest import FIXTURE_PLAN

    folder = tmp_path_factory.mktemp("return-fuzz")
    db_path = folder / "t.sqlite3"
    database = open_database(db_path)
    try:
        import_plan(database, FIXTURE_PLAN)
        (first, *_rest) = export_status_returns(
            database, folder, by="workstream", today=date(2018, 7, 1)
        )
    finally:
        database.close()
    return db_path, Path(first.path)


def _counts(path: Path) -> tuple[int, ...]:
    with closing(sqlite3.connect(path)) as conn:
        return tuple(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(edit, max_size=12), touch_metadata=st.booleans(), accept_rejections=st.booleans()
)
def test_mangled_returns_apply_whole_or_fail_clearly(
    exported: tuple[Path, Path], edits: list, touch_metadata: bool, accept_rejections: bool
) -> None:
    db_source, return_file = exported
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "t.sqlite3"
        shutil.copyfile(db_source, db_path)
        mangled = Path(folder) / return_file.name
        workbook = openpyxl.load_workbook(return_file)
        sheet = workbook[layout.RETURN_SHEET]
        for row_offset, column, value in edits:
            cell = sheet.cell(layout.FIRST_DATA_ROW + row_offset, column)
            cell.value = value
        if touch_metadata:
            meta = next(
                ws
                for ws in workbook.worksheets
                if ws.title != layout.RETURN_SHEET and ws.sheet_state != "visible"
            )
            meta.cell(2, 2).value = "changed"
        workbook.save(mangled)
        before = _counts(db_path)
        database = open_database(db_path)
        try:
            review = review_return(database, mangled, today=date(2018, 7, 20))
            result = apply_return(database, review, accept_rejections=accept_rejections)
        except TrackerError as exc:
            message = str(exc).strip()
            assert message and "\n" not in message
            assert _counts(db_path) == before
            return
        finally:
            database.close()
        after = _counts(db_path)
        # Every applied change is one new update; nothing else appears.
        assert after[1] - before[1] == result.applied + result.conflicts_applied
        if review.rejections and not accept_rejections:
            assert after == before
