"""Rows written through the streaming sheet read back as the values and looks given."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest

from tracker.excel import styles
from tracker.excel.safe_cells import CellMaker, clean_text, is_formula_like
from tracker.excel.sheet_setup import FittedRows, wrapped_height
from tracker.excel.streaming import streaming_workbook
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
    "\r=1",
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
    float("nan"),
    True,
    False,
    date(2019, 3, 12),
    date(1900, 2, 1),
    datetime(2019, 3, 12, 14, 30, 15),
]
LOOKS = [styles.WRAP, styles.BODY, styles.DATE, styles.NUMBER, Look(bold=True, fill="C00000")]


def _rows() -> list[tuple[list[tuple[Any, Look] | None], float | None]]:
    rows: list[tuple[list[tuple[Any, Look] | None], float | None]] = []
    for n, value in enumerate(VALUES):
        look = LOOKS[n % len(LOOKS)]
        cells: list[tuple[Any, Look] | None] = [(value, look), None, (value, styles.BANNER)]
        rows.append((cells, 27.75 if n % 3 == 0 else None))
    rows.append(([], None))  # an empty row
    # Heights in whole pixels (0.75 points), as XlsxWriter writes them.
    rows.append(([None, None, ("far", styles.BODY)], 99.75))
    return rows


def _write(path: Path) -> None:
    with streaming_workbook(path) as workbook:
        sheet = workbook.add_sheet("S")
        cells_of = CellMaker(sheet, StyleBook(workbook))
        sheet.set_height(2, 30)
        for cells, height in _rows():
            sheet.append([c and cells_of.value(c[0], c[1]) for c in cells], height)


def _as_read(text: str) -> str:
    """Text as it comes back: cleaned, line breaks as LF."""
    return clean_text(text).replace("\r\n", "\n").replace("\r", "\n")


def test_rows_read_back_with_their_values_and_looks(tmp_path: Path) -> None:
    _write(tmp_path / "rows.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "rows.xlsx")["S"]
    for index, (cells, height) in enumerate(_rows(), start=1):
        if len(cells) == 3 and cells[0] is not None and cells[2] is not None:
            value = cells[2][0]  # the third column: a look with no number format of its own
            got = sheet.cell(index, 3)
            assert got.font.bold and got.fill.fgColor.rgb.endswith(styles.BANNER_FILL)
            assert got.border.left.style == "thin"
            if isinstance(value, str) and value:
                assert got.value == _as_read(value)
                assert got.data_type == "s"
                assert got.quotePrefix == is_formula_like(clean_text(value))
            elif value is None or value == "" or value != value:  # blank, NaN
                assert got.value is None
            elif isinstance(value, datetime):
                assert got.value == value and got.number_format == styles.BRITISH_DATE
            elif isinstance(value, date):
                assert got.value == datetime.combine(value, datetime.min.time())
                assert got.is_date and got.number_format == styles.BRITISH_DATE
            else:
                assert got.value == value and type(got.value) is type(value)
        if height is not None:
            assert sheet.row_dimensions[index].height == height
    assert sheet.row_dimensions[2].height == 30
    assert sheet.cell(len(_rows()), 3).value == "far"
    assert sheet.cell(len(_rows()) - 1, 1).value is None  # the empty row


def test_looks_become_formats(tmp_path: Path) -> None:
    out = tmp_path / "looks.xlsx"
    with streaming_workbook(out) as workbook:
        sheet = workbook.add_sheet("S")
        cells = CellMaker(sheet, StyleBook(workbook))
        sheet.append(
            [
                cells.text("Header", styles.HEADER),
                cells.text("R", styles.rag_look("R")),
                cells.number(50, styles.NUMBER),
                cells.text("Free", Look(locked=False, number_format=styles.TEXT_FORMAT)),
                cells.text("Title", styles.TITLE),
            ]
        )
    row = openpyxl.load_workbook(out)["S"][1]
    header, rag, number, free, title = row
    assert header.font.bold and header.font.color.rgb.endswith("FFFFFF")
    assert header.fill.fgColor.rgb.endswith(styles.HEADER_FILL)
    assert header.alignment.wrap_text and header.alignment.vertical == "center"
    assert rag.fill.fgColor.rgb.endswith("C00000") and rag.alignment.horizontal == "center"
    assert number.number_format == styles.INTEGER and number.alignment.horizontal == "right"
    assert header.protection.locked and not free.protection.locked
    assert free.number_format == "@"
    assert title.font.size == 14 and title.border.left.style is None
    assert header.font.name == styles.FONT_NAME


def test_text_cells_never_hold_what_xml_cannot(tmp_path: Path) -> None:
    _write(tmp_path / "rows.xlsx")
    xml = zipfile.ZipFile(tmp_path / "rows.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"\xed\xa0\x80" not in xml  # the lone surrogate was dropped
    assert b"\x07" not in xml and b"<f>" not in xml
    ElementTree.fromstring(xml)  # well-formed


def test_an_aware_datetime_is_written_in_local_time(tmp_path: Path) -> None:
    moment = datetime(2019, 3, 12, 9, 0, tzinfo=UTC)
    with streaming_workbook(tmp_path / "d.xlsx") as workbook:
        sheet = workbook.add_sheet("S")
        cells = CellMaker(sheet, StyleBook(workbook))
        sheet.append([cells.date(moment, styles.DATE)])
    got = openpyxl.load_workbook(tmp_path / "d.xlsx")["S"]["A1"].value
    assert abs(got - moment.astimezone().replace(tzinfo=None)).total_seconds() < 1


def test_fitted_rows_get_the_estimated_height(tmp_path: Path) -> None:
    widths = (10, 20)
    texts = [("short", "also short"), ("x" * 35, "y"), ("a", "b\n" * 4 + "z" * 30), ("", None)]
    with streaming_workbook(tmp_path / "h.xlsx") as workbook:
        sheet = workbook.add_sheet("S")
        cells = CellMaker(sheet, StyleBook(workbook))
        rows = FittedRows(sheet, widths, 1)
        for left, right in texts:
            rows.append([cells.text(left, styles.WRAP), cells.text(right, styles.WRAP)])
        assert rows.last_row == len(texts)
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


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def test_a_failed_build_is_closed_and_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the sheets' rows wait
    out = tmp_path / "half.xlsx"
    with pytest.raises(RuntimeError, match="query failed"), streaming_workbook(out) as workbook:
        sheet = workbook.add_sheet("S")
        sheet.append([CellMaker(sheet, StyleBook(workbook)).text("one", styles.BODY)])
        assert _leftovers(scratch)  # the sheet's rows are in a working file...
        raise RuntimeError("query failed")
    assert _leftovers(scratch) == []  # ...which went with the failure


def test_a_folder_that_cannot_be_written_fails_before_any_work(tmp_path: Path) -> None:
    with (
        pytest.raises(FileNotFoundError),
        streaming_workbook(tmp_path / "no such folder" / "r.xlsx"),
    ):
        pytest.fail("the block ran")


def test_a_write_error_is_the_operating_systems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    def full_disk(self: xlsxwriter.Workbook) -> None:
        raise FileCreateError(OSError(28, "No space left on device"))

    monkeypatch.setattr(xlsxwriter.Workbook, "close", full_disk)
    with pytest.raises(OSError, match="No space left"), streaming_workbook(tmp_path / "r.xlsx"):
        pass
