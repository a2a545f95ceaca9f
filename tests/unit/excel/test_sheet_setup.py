"""Sheet names, row heights and print setup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from tracker.db import Database
from tracker.excel.sheet_setup import (
    HEADER_TEXT_LIMIT,
    WORD_WIDTH_LIMIT,
    WORD_WIDTH_MARGIN,
    describe_workbook,
    lines_needed,
    print_ready,
    sheet_name,
    widths_for_words,
    wrapped_height,
)
from tracker.excel.streaming import streaming_workbook


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert sheet_name("Enablers – IT/Digital [draft]?", used) == "Enablers – IT-Digital -draft--"
    long = "Ongoing Personalised Support and more words beyond the limit"
    first = sheet_name(long, used)
    second = sheet_name(long, used)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second and second.endswith("(2)")
    assert sheet_name("summary", {"summary"}) == "summary (2)"


def test_sheet_names_fit_excels_limit_in_utf16_units(tmp_path: Path) -> None:
    used: set[str] = set()
    names = [sheet_name("🏥 Hospital discharge 🏠 home first", used) for _ in range(2)]
    names.append(sheet_name("'x" + "'" * 40, used))
    for name in names:
        assert len(name.encode("utf-16-le")) <= 62 and not name.endswith(("'", " "))
    with streaming_workbook(tmp_path / "n.xlsx") as workbook:
        for name in names:
            workbook.add_sheet(name)  # XlsxWriter refuses a name Excel would
    assert openpyxl.load_workbook(tmp_path / "n.xlsx").sheetnames == names


def test_row_heights_grow_with_wrapped_text() -> None:
    assert lines_needed("", 10) == 1
    assert lines_needed("x" * 25, 10) == 3
    assert lines_needed("a\nb\nc", 50) == 3
    assert wrapped_height([("short", 20)]) is None
    assert wrapped_height([("x" * 100, 20)]) > 60


def test_headers_and_footers_hold_long_names_and_ampersands(tmp_path: Path) -> None:
    name = "Health & Care " * 30  # far beyond Excel's 255 characters a header
    with streaming_workbook(tmp_path / "p.xlsx") as workbook:
        sheet = workbook.add_sheet("S")
        print_ready(sheet, footer_left=name, header_centre=name, title_rows=(1, 3))
    got = openpyxl.load_workbook(tmp_path / "p.xlsx")["S"]
    shown = got.oddHeader.center.text
    assert shown.startswith("Health && Care Health && Care") and shown.endswith("…")
    assert len(shown.replace("&&", "&")) <= HEADER_TEXT_LIMIT
    assert got.oddFooter.left.text == shown
    assert got.oddFooter.center.text == "Page &P of &N" and got.oddFooter.right.text == "&A"
    assert got.print_title_rows == "$1:$3"
    assert got.page_setup.orientation == "landscape" and got.page_setup.fitToHeight == 0


def test_status_returns_name_their_plan_and_the_user(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    from tracker.services.status_returns_export import export_status_returns

    database.actor = "Pat Programme"
    files = export_status_returns(database, tmp_path, today=date(2019, 3, 12))
    titles = set()
    for item in files:
        properties = openpyxl.load_workbook(item.path).properties
        assert properties.subject == "Test plan & co"
        assert properties.creator == "Pat Programme"
        titles.add(properties.title)
    assert titles == {
        "Status return: Governance and Leadership",
        "Status return: Prevention",
    }


def test_workbook_properties_hold_only_what_xml_can(tmp_path: Path) -> None:
    out = tmp_path / "p.xlsx"
    with streaming_workbook(out) as workbook:
        describe_workbook(workbook, title="Plan\x00 A", subject="S & co", author="Pip\x07")
        workbook.add_sheet("Sheet")
    properties = openpyxl.load_workbook(out).properties
    assert (properties.title, properties.subject, properties.creator) == (
        "Plan A",
        "S & co",
        "Pip",
    )


def test_columns_widen_to_hold_their_longest_word() -> None:
    widths = widths_for_words(
        [11, 30, 11, 9],
        [
            ("Implementation from September", None, "TBC", "1.1 i"),
            ("Plan", "Antidisestablishmentarianism is long", "https://example.org/a/long/path"),
        ],
    )
    assert widths[0] == len("Implementation") + WORD_WIDTH_MARGIN
    assert widths[1] == 30  # wide enough already
    assert widths[2] == WORD_WIDTH_LIMIT  # an address would take the page: capped
    assert widths[3] == 9
