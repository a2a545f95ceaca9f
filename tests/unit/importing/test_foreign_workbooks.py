"""Workbooks written by other programs, from other spreadsheet libraries' test suites.

Honest input: nobody here built them to pass. Each must be read as its author's tests
describe it (sheet names, visibility, the first cells), or be refused in our own words;
all of these are read. Sources and licence: ``tests/data/foreign/README.md``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tracker.importing.workbook_file import read_workbook

FOREIGN = Path(__file__).parent.parent.parent / "data" / "foreign"

# file -> [(sheet name, visible, first two rows)]
EXPECTED: dict[str, list[tuple[str, bool, list[tuple[object, ...]]]]] = {
    "comment-in-cell.ods": [("Sheet1", True, [("test",)])],
    "date_field.xls": [
        (
            "Sheet1",
            True,
            [("Date", "Time"), (datetime.date(2014, 12, 25), datetime.time(11, 11, 11))],
        ),
        ("Sheet2", True, []),
        ("Sheet3", True, []),
    ],
    "example.xls": [
        ("Sheet1", True, [(1, 2, 3), (4, 5, 6)]),
        ("Sheet2", True, []),
        ("Sheet3", True, []),
    ],
    "example.xlsm": [
        ("Sheet1", True, [(1.0, 2.0, 3.0), (4.0, 5.0, 6.0)]),
        ("Sheet2", True, []),
        ("Sheet3", True, []),
    ],
    "hidden_sheets.xls": [("shown", True, [("A", "B")]), ("hidden", False, [("a", "b")])],
    "hidden_sheets.xlsx": [("shown", True, [("A", "B")]), ("hidden", False, [("a", "b")])],
    "ods_formats.ods": [
        (
            "Sheet1",
            True,
            [
                (
                    "Date",
                    "Time",
                    "Boolean",
                    "Float",
                    "Currency",
                    "Percentage",
                    "Int",
                    "Scientific",
                    "Fractions",
                    "Text",
                ),
                (
                    datetime.date(2014, 11, 11),
                    datetime.time(11, 12, 12),
                    True,
                    11.11,
                    1.0,
                    2.0,
                    3.0,
                    100000.0,
                    1.25,
                    "abc",
                ),
            ],
        ),
        ("Sheet2", True, []),
        ("Sheet3", True, []),
    ],
    "pyexcel_issue_151.xlsx": [("Лист1", True, [(None, "zzzz1234")])],
    "repeated.ods": [("Sheet1", True, [("repeated",) * 4])],
}


def test_every_foreign_file_is_listed() -> None:
    assert sorted(p.name for p in FOREIGN.iterdir() if p.suffix != ".md") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_foreign_workbook_is_read_as_its_authors_describe_it(name: str) -> None:
    sheets = read_workbook(FOREIGN / name)
    assert [(s.name, s.visible, s.rows[:2]) for s in sheets] == EXPECTED[name]
