"""The lean sheet writes, byte for byte, what openpyxl writes for the same cells."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from tracker.excel import streaming, styles
from tracker.excel.safe_cells import CellMaker, clean_text, is_formula_like
from tracker.excel.sheet_setup import FittedRows, wrapped_height
from tracker.excel.streaming import LeanWorkbook
from tracker.excel.styles import Look, StyleBook

TEXTS = [
    "plain",
    " leading space",
    "trailing space ",
    "   ",
    "a & b < c > d ]]> e",
    "quotes \"double\" and 'single'",
    "line\nbreak",
    "carriage\rreturn",
    "windows\r\nline",
    "tab\tinside",
    "café – naïve · £5 ½",
    "emoji 😀 and 𝔘",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "\uff1d1",
    "control\x07\x0bchars",
    "lone \ud800 surrogate",
    "non\ufffecharacter",
    "x" * 300,
]
VALUES: list[Any] = [
    *TEXTS,
    None,
    "",
    0,
    42,
    -7,
    3.25,
    1e20,
    1 / 3,
    True,
    False,
    date(2019, 3, 12),
    date(1900, 2, 1),
    datetime(2019, 3, 12, 14, 30, 15),
]
LOOKS = [styles.WRAP, styles.BODY, styles.DATE, styles.NUMBER, Look(bold=True, fill="C00000")]


def _reference_cell(sheet: Any, book: StyleBook, value: Any, look: Look) -> WriteOnlyCell:
    """A cell as the exports made them before: openpyxl's own cell, typed by hand."""
    cell = WriteOnlyCell(sheet)
    quote = False
    if value is None or value == "":
        value, data_type = None, "n"
    elif isinstance(value, str):
        value, data_type = clean_text(value), "s"
        quote = is_formula_like(value)
    elif isinstance(value, bool):
        data_type = "b"
    elif isinstance(value, date):
        data_type = "d"
        if look.number_format == "General":
            look = look.but(number_format=styles.BRITISH_DATE)
    else:
        data_type = "n"
    cell._value = value
    cell.data_type = data_type
    cell._style = book.style(look, quote=quote)
    return cell


def _rows() -> list[tuple[list[tuple[Any, Look] | None], float | None]]:
    rows: list[tuple[list[tuple[Any, Look] | None], float | None]] = []
    for n, value in enumerate(VALUES):
        look = LOOKS[n % len(LOOKS)]
        cells: list[tuple[Any, Look] | None] = [(value, look), None, (value, styles.BANNER)]
        rows.append((cells, 27.75 if n % 3 == 0 else None))
    rows.append(([], None))  # an empty row
    rows.append(([None, None, ("far", styles.BODY)], 100.0))
    return rows


def _sheet_parts(path: Path) -> tuple[bytes, bytes]:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml"), archive.read("xl/styles.xml")


def _write_reference(path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    book = StyleBook(workbook)
    sheet.row_dimensions[2].height = 30
    for index, (cells, height) in enumerate(_rows(), start=1):
        if height is not None:
            sheet.row_dimensions[index].height = height
        sheet.append([c and _reference_cell(sheet, book, c[0], c[1]) for c in cells])
    workbook.save(path)


def _write_lean(path: Path) -> None:
    workbook = LeanWorkbook()
    sheet = workbook.create_sheet("S")
    cells_of = CellMaker(sheet, StyleBook(workbook))
    sheet.row_dimensions[2].height = 30
    for cells, height in _rows():
        sheet.append([c and cells_of.value(c[0], c[1]) for c in cells], height)
    workbook.save(path)


# Rows as bytes need lxml's stream (a project dependency); without it openpyxl writes
# through et_xmlfile (OPENPYXL_LXML=False) and the sheet writes rows through its elements.
WRITERS = [
    pytest.param(
        True,
        id="row-xml",
        marks=pytest.mark.skipif(not openpyxl.LXML, reason="openpyxl is not using lxml"),
    ),
    pytest.param(False, id="row-elements"),
]


@pytest.mark.skipif(not openpyxl.LXML, reason="openpyxl writes differently without lxml")
@pytest.mark.parametrize("raw", WRITERS)
def test_rows_are_what_openpyxl_writes_for_the_same_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bool
) -> None:
    monkeypatch.setattr(streaming, "RAW_ROWS", raw)
    _write_reference(tmp_path / "reference.xlsx")
    _write_lean(tmp_path / "lean.xlsx")
    assert _sheet_parts(tmp_path / "lean.xlsx") == _sheet_parts(tmp_path / "reference.xlsx")


@pytest.mark.parametrize("raw", WRITERS)
def test_rows_read_back_with_their_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bool
) -> None:
    monkeypatch.setattr(streaming, "RAW_ROWS", raw)
    _write_lean(tmp_path / "lean.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "lean.xlsx")["S"]
    for index, (cells, height) in enumerate(_rows(), start=1):
        if len(cells) == 3 and cells[2] is not None:
            value = cells[2][0]  # the third column: a look with no number format of its own
            got = sheet.cell(index, 3)
            if isinstance(value, str) and value:
                expected = clean_text(value)
                if not openpyxl.LXML:  # et_xmlfile writes a CR as it is: it reads back as LF
                    expected = expected.replace("\r\n", "\n").replace("\r", "\n")
                assert got.value == expected  # lxml keeps a carriage return as &#13;
                assert got.data_type == "s"
                assert got.quotePrefix == is_formula_like(got.value)
            elif value is None or value == "":
                assert got.value is None and got.font.bold  # blank, with its look
            elif isinstance(value, datetime):
                assert got.value == value and got.number_format == styles.BRITISH_DATE
            elif isinstance(value, date):
                assert got.value == datetime.combine(value, datetime.min.time())
            else:
                assert got.value == value and type(got.value) is type(value)
        if height is not None:
            assert sheet.row_dimensions[index].height == height
    assert sheet.row_dimensions[2].height == 30


def test_text_cells_never_hold_what_xml_cannot(tmp_path: Path) -> None:
    _write_lean(tmp_path / "lean.xlsx")
    xml, _ = _sheet_parts(tmp_path / "lean.xlsx")
    assert b"&#55296;" not in xml  # the lone surrogate was dropped, not referenced
    assert b"\x07" not in xml and b"<f>" not in xml
    from lxml import etree

    etree.fromstring(xml)  # well-formed


def test_an_aware_datetime_is_written_in_local_time(tmp_path: Path) -> None:
    workbook = LeanWorkbook()
    sheet = workbook.create_sheet("S")
    cells = CellMaker(sheet, StyleBook(workbook))
    moment = datetime(2019, 3, 12, 9, 0, tzinfo=UTC)
    sheet.append([cells.date(moment, styles.DATE)])
    workbook.save(tmp_path / "d.xlsx")
    got = openpyxl.load_workbook(tmp_path / "d.xlsx")["S"]["A1"].value
    assert abs(got - moment.astimezone().replace(tzinfo=None)).total_seconds() < 1


def test_fitted_rows_get_the_estimated_height(tmp_path: Path) -> None:
    widths = (10, 20)
    texts = [("short", "also short"), ("x" * 35, "y"), ("a", "b\n" * 4 + "z" * 30), ("", None)]
    workbook = LeanWorkbook()
    sheet = workbook.create_sheet("S")
    cells = CellMaker(sheet, StyleBook(workbook))
    rows = FittedRows(sheet, widths, 1)
    for left, right in texts:
        rows.append([cells.text(left, styles.WRAP), cells.text(right, styles.WRAP)])
    assert rows.last_row == len(texts)
    workbook.save(tmp_path / "h.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "h.xlsx")["S"]
    for index, (left, right) in enumerate(texts, start=1):
        long_ones = [
            (text, width)
            for text, width in zip((left, right), widths, strict=True)
            if text and len(text) > width
        ]
        assert sheet.row_dimensions[index].height == wrapped_height(long_ones)
    assert sheet.row_dimensions[2].height == 4 * 12.75 + 3  # 35 characters at 10 a line
    assert sheet.row_dimensions[3].height == 6 * 12.75 + 3  # four short lines, one of 30


def test_a_sheet_takes_no_rows_after_it_is_saved(tmp_path: Path) -> None:
    workbook = LeanWorkbook()
    sheet = workbook.create_sheet("S")
    cells = CellMaker(sheet, StyleBook(workbook))
    sheet.append([cells.text("one", styles.BODY)])
    workbook.save(tmp_path / "s.xlsx")
    from openpyxl.utils.exceptions import WorkbookAlreadySaved

    with pytest.raises(WorkbookAlreadySaved):
        sheet.append([cells.text("two", styles.BODY)])
    with pytest.raises(TypeError):
        workbook.create_sheet("T").append("not a row")  # type: ignore[arg-type]
