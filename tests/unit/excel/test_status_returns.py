"""Status return workbooks, checked cell by cell with openpyxl."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.excel.status_returns import safe_file_name
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.status_returns_export import export_status_returns

from .return_helpers import action_ids, columns


@pytest.fixture
def returns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    return folder


def test_one_return_per_workstream_named_for_it(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    names = sorted(p.name for p in returns_dir.iterdir())
    assert sorted(f.path.name for f in files) == names
    assert any(n.startswith("Status return - Governance and Leadership - ") for n in names)
    assert any(n.startswith("Status return - Prevention - ") for n in names)
    governance = next(f for f in files if f.scope.label == "Governance and Leadership")
    assert governance.for_whom == "Pip Mayo, Sam Lee"
    expected = [
        small_plan[t]
        for t in (
            "Agree the vision",
            "Publish the vision",
            "Set up the board",
            "Board terms of reference",
        )
    ]
    assert action_ids(governance.path) == expected


def test_one_return_per_lead(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir, by="lead")
    by_lead = {f.scope.label: action_ids(f.path) for f in files}
    assert by_lead == {
        "Ash Khan": [small_plan["Falls service"]],
        "Pip Mayo": [
            small_plan["Agree the vision"],
            small_plan["Publish the vision"],
            small_plan["Shared with Pip"],
        ],
        "Sam Lee": [small_plan["Set up the board"], small_plan["Board terms of reference"]],
    }
    assert all(f.path.name.startswith(f"Status return - {f.scope.label} - ") for f in files)


def test_rows_are_prefilled_and_protected(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    path = next(f.path for f in files if f.scope.label == "Governance and Leadership")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        layout.RETURN_SHEET,
        layout.INSTRUCTIONS_SHEET,
        layout.META_SHEET,
    ]
    sheet = workbook[layout.RETURN_SHEET]
    cols = columns(sheet)
    assert [c.value for c in sheet[layout.HEADER_ROW]] == list(layout.COLUMNS)
    row = layout.FIRST_DATA_ROW + 1  # "Publish the vision"
    value = lambda name: sheet.cell(row, cols[name]).value  # noqa: E731
    assert value(layout.REF) == "1.1 ii."
    assert value(layout.ACTION) == "Publish the vision"
    assert value(layout.STATUS) == "In progress"
    assert value(layout.RAG) == "A"
    assert value(layout.PERCENT) == 20
    assert value(layout.REVISED_DUE) == datetime(2019, 1, 31)
    assert sheet.cell(row, cols[layout.REVISED_DUE]).number_format == "dd/mm/yyyy"
    assert value(layout.ACTION_ID) == small_plan["Publish the vision"]
    assert len(value(layout.FINGERPRINT)) == 24 and len(value(layout.SIGNATURE)) == 64

    assert sheet.protection.sheet
    assert not sheet.protection.autoFilter and not sheet.protection.sort
    for name in layout.COLUMNS:
        locked = sheet.cell(row, cols[name]).protection.locked
        assert locked == (name not in layout.UPDATE_COLUMNS), name
    assert sheet.cell(row, cols[layout.NARRATIVE]).number_format == "@"
    for name in layout.HIDDEN_COLUMNS:
        letter = openpyxl.utils.get_column_letter(cols[name])
        assert sheet.column_dimensions[letter].hidden, name
    assert sheet.freeze_panes == f"C{layout.FIRST_DATA_ROW}"
    assert sheet.auto_filter.ref == f"A{layout.HEADER_ROW}:N{layout.HEADER_ROW + 4}"


def test_validations(database: Database, small_plan: dict[str, int], returns_dir: Path) -> None:
    files = export_status_returns(database, returns_dir)
    sheet = openpyxl.load_workbook(files[0].path)[layout.RETURN_SHEET]
    cols = columns(sheet)
    rules = {}
    for rule in sheet.data_validations.dataValidation:
        column = openpyxl.utils.column_index_from_string(
            str(rule.sqref).rstrip("0123456789:").split(":")[0].rstrip("0123456789")
        )
        rules[column] = rule
    status = rules[cols[layout.STATUS]]
    assert status.type == "list"
    assert status.formula1 == '"Not started,In progress,Complete,On hold"'
    assert str(status.sqref) == f"F{layout.FIRST_DATA_ROW}:F{layout.HEADER_ROW + 4}"
    assert rules[cols[layout.RAG]].formula1 == '"R,A,G"'
    percent = rules[cols[layout.PERCENT]]
    # "between" is the file format's default operator, left out when written.
    operator = "between" if percent.operator is None else percent.operator
    assert (percent.type, operator, percent.formula1, percent.formula2) == (
        "decimal",  # "45%" is stored as 0.45 and must be accepted
        "between",
        "0",
        "100",
    )
    assert rules[cols[layout.REVISED_DUE]].type == "date"
    assert all(rule.showErrorMessage for rule in rules.values())


def test_hidden_metadata_and_instructions(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    files = export_status_returns(database, returns_dir)
    workbook = openpyxl.load_workbook(files[0].path)
    meta = workbook[layout.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True) if row[0] != "sent"}
    assert values["format"] == layout.FORMAT_NAME
    assert values["return_id"] == files[0].return_id
    assert values["scope"] == f"workstream:{small_plan['ws_governance']}"
    assert len(values["signature"]) == 64
    text = " ".join(
        r[0] for r in workbook[layout.INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r and r[0]
    )
    assert "yellow columns" in text and "Reason for change" in text


def test_formula_like_narrative_is_exported_as_text(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    from datetime import date

    from tracker.services.action_rows import UpdateInput
    from tracker.services.action_updates import add_update

    action = small_plan["Agree the vision"]
    add_update(
        database,
        action,
        UpdateInput(
            date(2019, 2, 1), "Pip", "In progress", "R", 20, '=HYPERLINK("http://evil","x")'
        ),
    )
    files = export_status_returns(database, returns_dir)
    sheet = openpyxl.load_workbook(files[0].path)[layout.RETURN_SHEET]
    cell = sheet.cell(layout.FIRST_DATA_ROW, columns(sheet)[layout.NARRATIVE])
    assert cell.value == '=HYPERLINK("http://evil","x")'
    assert cell.data_type == "s" and cell.quotePrefix


def test_file_names_are_safe() -> None:
    assert safe_file_name('Enablers: IT / "Digital"?') == "Enablers- IT - -Digital"
    assert safe_file_name("...") == "return"


def test_empty_workstreams_get_no_return(
    database: Database, small_plan: dict[str, int], returns_dir: Path
) -> None:
    from tracker.db.models import Workstream

    with database.write() as session:
        session.add(Workstream(plan_id=small_plan["plan"], tab="IT", title="IT", position=9))
    assert len(load_snapshot(database).workstreams) == 3
    files = export_status_returns(database, returns_dir)
    assert [f.scope.label for f in files] == ["Governance and Leadership", "Prevention"]
