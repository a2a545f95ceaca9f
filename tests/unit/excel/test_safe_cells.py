"""The formula-injection rule: typed text never becomes a formula in an export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tracker.excel import styles
from tracker.excel.safe_cells import (
    EXCEL_CELL_LIMIT,
    CellMaker,
    clean_text,
    is_formula_like,
)
from tracker.excel.streaming import streaming_workbook
from tracker.excel.styles import StyleBook

DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\uff1d1+1",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_recognised(text: str) -> None:
    assert is_formula_like(text)


@pytest.mark.parametrize("text", ["Plain", "1+1", "a=b", "", " =x", "Pip's plan"])
def test_ordinary_text_is_not(text: str) -> None:
    assert not is_formula_like(text)


def test_clean_text_drops_control_characters_and_cuts_long_text() -> None:
    assert clean_text("a\x00b\x07c\td\ne") == "abc\td\ne"
    assert clean_text("lone \ud800 surrogate\ufffe") == "lone  surrogate"
    assert clean_text("café – 😀\u00a0\u200b\r\n") == "café – 😀\u00a0\u200b\r\n"
    long = clean_text("x" * (EXCEL_CELL_LIMIT + 10))
    assert len(long) == EXCEL_CELL_LIMIT
    assert long.endswith("cell can hold]")


def _write(tmp_path: Path, values: list[object]) -> Path:
    out = tmp_path / "cells.xlsx"
    with streaming_workbook(out) as workbook:
        sheet = workbook.add_sheet("S")
        cells = CellMaker(sheet, StyleBook(workbook))
        sheet.append([cells.value(v, styles.WRAP) for v in values])
    return out


def test_formula_like_text_is_saved_as_quoted_text(tmp_path: Path) -> None:
    out = _write(tmp_path, [*DANGEROUS, "ordinary"])
    sheet = openpyxl.load_workbook(out)["S"]
    for column, text in enumerate(DANGEROUS, start=1):
        cell = sheet.cell(1, column)
        assert cell.data_type == "s"
        # Line breaks are written as spreadsheets keep them, as LF.
        assert cell.value == text.replace("\r", "\n")
        assert cell.quotePrefix is True
    plain = sheet.cell(1, len(DANGEROUS) + 1)
    assert plain.data_type == "s" and plain.quotePrefix is False


def test_no_formula_element_in_the_sheet_xml(tmp_path: Path) -> None:
    import zipfile

    out = _write(tmp_path, DANGEROUS)
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_values_keep_their_types(tmp_path: Path) -> None:
    from datetime import date

    out = _write(tmp_path, [date(2019, 3, 12), 42, None, True])
    sheet = openpyxl.load_workbook(out)["S"]
    assert sheet["A1"].value.date() == date(2019, 3, 12)
    assert sheet["A1"].is_date
    assert sheet["B1"].value == 42
    assert sheet["C1"].value is None
    assert sheet["D1"].value is True
