"""Every workbook is either read faithfully or refused with one clear BadWorkbookError.

Hostile files are built in tmp_path by ``hostile_files``. Tests that feed a file which
would abort or exhaust the process inside python-calamine use the ``no_calamine`` fixture:
if the checks ever let such a file through, the test fails on an assertion instead of
taking the test run down with it.
"""

from __future__ import annotations

import datetime
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import FIXTURE_PLAN
from tracker.errors import BadWorkbookError, TrackerError
from tracker.importing import sheet_scan, workbook_file, xml_scan
from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_file import SheetData, check_workbook_file, read_workbook

from . import hostile_files as hf

FIXTURE = FIXTURE_PLAN  # the original plan, as the app ships it


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reaching calamine a test failure rather than a crash of the whole run."""

    def forbidden(path: Path, limits: WorkbookLimits) -> list[SheetData]:
        raise AssertionError(f"{path.name} passed the checks and reached calamine")

    monkeypatch.setattr(workbook_file, "_read_with_calamine", forbidden)


def refusal(path: Path, limits: WorkbookLimits | None = None) -> str:
    """The message read_workbook refuses ``path`` with; it always names the file first."""
    with pytest.raises(BadWorkbookError) as caught:
        read_workbook(path, limits or WorkbookLimits())
    message = str(caught.value)
    assert message.startswith(path.name + " "), message
    return message


# -- the real plan and ordinary workbooks -----------------------------------------------


def test_reads_the_original_action_plan(tmp_path: Path) -> None:
    copy = tmp_path / FIXTURE.name
    shutil.copyfile(FIXTURE, copy)

    sheets = read_workbook(copy)

    assert [sheet.name for sheet in sheets] == ["Action Plan"]
    plan = sheets[0]
    assert plan.visible
    assert len(plan.rows) == 48
    assert plan.rows[3][0] == "1. Governance and Leadership"  # cell A4
    assert plan.rows[2] == ()  # row 3 is empty and kept, so row numbers stay true


def test_check_alone_accepts_the_original_action_plan(tmp_path: Path) -> None:
    copy = tmp_path / FIXTURE.name
    shutil.copyfile(FIXTURE, copy)
    check_workbook_file(copy)


def test_dates_come_back_as_dates_and_values_are_kept_exactly(tmp_path: Path) -> None:
    path = hf.normal_workbook(
        tmp_path,
        rows=[
            ("  spaced  ", 3, 2.5, True),
            ("Due", datetime.date(2018, 6, 30), datetime.datetime(2018, 7, 31, 9, 30)),
        ],
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows[0] == ("  spaced  ", 3.0, 2.5, True)
    assert isinstance(sheet.rows[0][1], float)  # whole numbers stay floats
    due, reviewed = sheet.rows[1][1:]
    assert isinstance(due, datetime.date)
    assert due == datetime.date(2018, 6, 30)
    assert reviewed == datetime.datetime(2018, 7, 31, 9, 30)


def test_positions_are_real_sheet_positions(tmp_path: Path) -> None:
    # The first value is at C3: calamine starts its range there, we must not.
    path = hf.with_sheet_data(
        tmp_path,
        "offset.xlsx",
        '<row r="3"><c r="C3" t="inlineStr"><is><t>first</t></is></c></row>'
        '<row r="5"><c r="E5"><v>5</v></c></row>',
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows == [(), (), (None, None, "first"), (), (None, None, None, None, 5.0)]


def test_hidden_sheets_are_marked(tmp_path: Path) -> None:
    path = hf.normal_workbook(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Lists").sheet_state = "hidden"
    workbook.save(path)

    sheets = read_workbook(path)

    assert [(sheet.name, sheet.visible) for sheet in sheets] == [
        ("Plan", True),
        ("Lists", False),
    ]


def test_rows_below_a_long_gap_of_empty_rows_are_still_read(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "gap.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="4000"><c r="A4000"><v>40</v></c></row>',
    )

    (sheet,) = read_workbook(path)

    assert len(sheet.rows) == 4000
    assert sheet.rows[0] == (1.0,) and sheet.rows[-1] == (40.0,)
    assert all(row == () for row in sheet.rows[1:-1])


def test_shared_strings_are_read(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "shared.xlsx",
        '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>',
        shared_strings=["zero", "one"],
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows == [("one", "zero")]


# -- files that are not workbooks -------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    message = refusal(tmp_path / "gone.xlsx")
    assert "cannot be found" in message


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "is a folder" in refusal(folder)


def test_empty_file(tmp_path: Path) -> None:
    assert "is empty" in refusal(hf.empty_file(tmp_path))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = hf.normal_workbook(tmp_path)
    message = refusal(path, WorkbookLimits(max_file_bytes=1024))
    assert "is too large to import" in message


def test_csv_renamed(tmp_path: Path) -> None:
    message = refusal(hf.csv_renamed(tmp_path))
    assert "is not an Excel workbook (.xlsx)" in message
    assert "CSV" in message
    assert "Save As" in message


def test_pdf_renamed(tmp_path: Path) -> None:
    message = refusal(hf.pdf_renamed(tmp_path))
    assert "is not an Excel workbook (.xlsx)" in message
    assert "PDF" in message


def test_random_bytes(tmp_path: Path) -> None:
    assert "is not an Excel workbook (.xlsx)" in refusal(hf.random_bytes(tmp_path))


def test_password_protected(tmp_path: Path) -> None:
    path = hf.password_protected(tmp_path)
    assert refusal(path) == (
        "returns-prevention.xlsx is password-protected. Remove the password in Excel "
        "(File > Info > Protect Workbook) and import it again."
    )


def test_old_xls(tmp_path: Path) -> None:
    message = refusal(hf.old_xls(tmp_path))
    assert "Excel 97-2003 workbook" in message
    assert "File > Save As > Excel Workbook" in message


def test_word_document(tmp_path: Path) -> None:
    message = refusal(hf.docx_like(tmp_path))
    assert "is not an Excel workbook (.xlsx): it is a Word document" in message


def test_plain_zip(tmp_path: Path) -> None:
    assert "it is a zip archive" in refusal(hf.plain_zip(tmp_path))


# -- damaged files --------------------------------------------------------------------


def test_truncated(tmp_path: Path) -> None:
    message = refusal(hf.truncated(tmp_path))
    assert "is damaged or incomplete (was the download or copy interrupted?)" in message


def test_corrupted_data(tmp_path: Path) -> None:
    assert "is damaged or incomplete" in refusal(hf.corrupted(tmp_path))


def test_refusals_are_tracker_errors(tmp_path: Path) -> None:
    # The CLI and the window show any TrackerError to the user as it is.
    with pytest.raises(TrackerError):
        read_workbook(hf.corrupted(tmp_path))


# -- zip bombs and zip tricks ---------------------------------------------------------


def test_real_zip_bomb_is_refused_before_inflating(tmp_path: Path, no_calamine: None) -> None:
    # 64 MB of zeros squeezed into about 64 KB.
    path = hf.with_padding_part(tmp_path, "bomb.xlsx", 64 << 20)
    assert path.stat().st_size < 1 << 20
    message = refusal(path)
    assert "looks like a zip bomb" in message
    assert "xl/media/padding.bin" in message


def test_compression_ratio_limit(tmp_path: Path) -> None:
    path = hf.with_padding_part(tmp_path, "ratio.xlsx", 200_000)
    limits = WorkbookLimits(ratio_min_bytes=100_000)
    assert "looks like a zip bomb" in refusal(path, limits)
    read_workbook(path, WorkbookLimits(ratio_min_bytes=100_000, max_ratio=10_000))


def test_part_size_limit(tmp_path: Path) -> None:
    path = hf.with_padding_part(tmp_path, "big-part.xlsx", 200_000)
    message = refusal(path, WorkbookLimits(max_member_bytes=100_000))
    assert "part xl/media/padding.bin expands to" in message


def test_total_size_limit(tmp_path: Path) -> None:
    path = hf.normal_workbook(tmp_path)
    assert "expand to more than" in refusal(path, WorkbookLimits(max_total_bytes=5_000))


def test_part_count_limit(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_extra_parts(tmp_path, 30)
    assert "parts" in refusal(path, WorkbookLimits(max_members=20))


def test_declared_size_that_lies(
    tmp_path: Path, no_calamine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zipfile would stop at the declared 16 bytes; calamine's zip crate would not. We stop
    # inflating the moment more comes out than declared, before scanning any of it.
    scanned: list[int] = []
    feed = sheet_scan.FastSheet.feed

    def counting_feed(self: sheet_scan.FastSheet, chunk: bytes) -> None:
        if self.sheet.label == "sheet 'Plan'":
            scanned.append(len(chunk))
        feed(self, chunk)

    monkeypatch.setattr(sheet_scan.FastSheet, "feed", counting_feed)
    assert "is damaged or incomplete" in refusal(hf.lying_size(tmp_path))
    assert scanned == []


def test_duplicate_part_names(tmp_path: Path, no_calamine: None) -> None:
    assert "appears twice" in refusal(hf.duplicate_part(tmp_path))


# -- XML attacks ----------------------------------------------------------------------


def test_billion_laughs_in_shared_strings(tmp_path: Path, no_calamine: None) -> None:
    message = refusal(hf.billion_laughs(tmp_path))
    assert "xl/sharedStrings.xml contains an XML document type declaration" in message


def test_dtd_hidden_behind_a_long_comment(tmp_path: Path, no_calamine: None) -> None:
    message = refusal(hf.doctype_after_comment(tmp_path))
    assert "document type declaration" in message


def test_utf16_part(tmp_path: Path, no_calamine: None) -> None:
    assert "text encoding" in refusal(hf.utf16_sheet(tmp_path))


def test_declared_foreign_encoding(tmp_path: Path, no_calamine: None) -> None:
    # Our byte-level scans read ASCII tags; an encoding that is not ASCII-compatible
    # could hide every cell from them.
    path = hf.rewrite(
        hf.normal_workbook(tmp_path),
        tmp_path / "ebcdic.xlsx",
        {hf.SHEET: lambda xml: b'<?xml version="1.0" encoding="IBM037"?>' + xml},
    )
    assert "uses the text encoding IBM037" in refusal(path)


def test_forged_shared_string_count(tmp_path: Path, no_calamine: None) -> None:
    # calamine reserves uniqueCount strings before reading any: 4e9 aborts the process.
    path = hf.with_sheet_data(
        tmp_path,
        "forged-count.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_strings=hf.shared_strings_xml(["a"], unique_count="4000000000"),
    )
    assert "its shared strings claim 4000000000 entries" in refusal(path)


# -- the value area -------------------------------------------------------------------


def test_far_cell_is_refused_before_calamine(tmp_path: Path, no_calamine: None) -> None:
    # calamine would allocate A1:XFD1048576 densely (550 GB) and abort.
    path = hf.with_sheet_data(
        tmp_path,
        "far.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    )
    message = refusal(path)
    assert "sheet 'Plan'" in message
    assert "cell XFD1048576" in message


def test_moderately_far_cell_is_refused(tmp_path: Path, no_calamine: None) -> None:
    # A1 + G1048576 costs calamine about 250 MB: over the default cell limit.
    path = hf.with_sheet_data(
        tmp_path,
        "tall.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="G1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    )
    message = refusal(path)
    assert "cell G1048576" in message
    assert "1,048,576 rows x 7 columns" in message


def test_formatted_empty_cells_far_away_are_fine(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "formatted.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"></c></row>'
        '<row r="1048576"><c r="A1048576" s="1"/><c r="XFD1048576" s="1"></c></row>',
        dimension="A1:XFD1048576",
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows == [(1.0,)]


def test_wrong_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    path = hf.with_sheet_data(tmp_path, "dimension.xlsx", hf.rows_xml(50), dimension="A1")

    (sheet,) = read_workbook(path)

    assert len(sheet.rows) == 50
    assert sheet.rows[49] == (50.0, 50.0, 50.0)


def test_row_and_column_limits_name_the_cell(tmp_path: Path) -> None:
    path = hf.with_sheet_data(tmp_path, "wide.xlsx", hf.rows_xml(3, columns="ABCDEFGH"))
    assert "cell H3" in refusal(path, WorkbookLimits(max_columns=5))
    assert "row 3" in refusal(path, WorkbookLimits(max_rows=2))
    assert "over the limit of 20 cells" in refusal(path, WorkbookLimits(max_cells=20))


def test_cell_limit_counts_all_sheets_together(tmp_path: Path) -> None:
    path = hf.with_sheet_data(tmp_path, "two.xlsx", hf.rows_xml(4))
    workbook = openpyxl.load_workbook(path)
    second = workbook.create_sheet("More")
    for _ in range(4):
        second.append([1, 2, 3])
    workbook.save(path)

    read_workbook(path, WorkbookLimits(max_cells=24))
    assert "in total" in refusal(path, WorkbookLimits(max_cells=20))


def test_too_many_sheets(tmp_path: Path) -> None:
    path = hf.many_sheets(tmp_path, 6)
    assert "has 6 sheets" in refusal(path, WorkbookLimits(max_sheets=5))
    assert len(read_workbook(path, WorkbookLimits(max_sheets=6))) == 6


def test_invalid_row_zero(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(tmp_path, "row0.xlsx", '<row r="1"><c r="A0"><v>1</v></c></row>')
    assert "invalid reference" in refusal(path)


# -- cells in unusual but valid shapes take the exact path ----------------------------


def test_cells_without_references_are_placed_like_calamine(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "no-refs.xlsx",
        "<row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c><v>3</v></c></row>",
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows == [(1.0, 2.0), (), (3.0,)]


def test_far_cell_without_reference_is_refused(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "no-refs-far.xlsx",
        '<row><c><v>1</v></c></row><row r="1048576"><c r="XFD1048576"/><c><v>1</v></c></row>',
    )
    # The formatting-only XFD cell still moves the column counter, as in calamine.
    assert "cell XFE1048576" in refusal(path, WorkbookLimits(max_columns=20_000))
    assert "cell XFE1048576" in refusal(path)


def test_prefixed_worksheet(tmp_path: Path) -> None:
    path = hf.with_sheet_data(tmp_path, "prefixed.xlsx", "")

    def prefix(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
            b"</worksheet>", b"</x:worksheet>"
        )
        return xml.replace(
            b"<sheetData></sheetData>",
            b'<x:sheetData><x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row></x:sheetData>',
        )

    fixed = hf.rewrite(path, tmp_path / "prefixed-x.xlsx", {hf.SHEET: prefix})

    (sheet,) = read_workbook(fixed)

    assert sheet.rows == [(), (None, 7.0)]


def test_row_nested_in_a_cell_does_not_reset_the_row_count(
    tmp_path: Path, no_calamine: None
) -> None:
    # calamine reads a cell's children whole, so the <row r="1"/> inside this formula-only
    # (valueless) cell moves nothing: the value after it lands on B2002, not B1.
    path = hf.with_sheet_data(
        tmp_path,
        "nested-row.xlsx",
        "<row><c><v>1</v></c></row>"
        + "<row></row>" * 2000
        + '<row><c><f><row r="1"/></f></c><c><v>1</v></c></row>',
    )
    assert "cell B2002" in refusal(path, WorkbookLimits(max_rows=1_000))


@pytest.mark.parametrize("prefix", ["x", "\u00e9"])
def test_prefixed_far_cell_in_plain_sheet(tmp_path: Path, no_calamine: None, prefix: str) -> None:
    # calamine matches local names, so <x:c> counts as a cell wherever it appears, whatever
    # characters the prefix is made of.
    path = hf.with_sheet_data(
        tmp_path,
        "sneaky-prefix.xlsx",
        f'<row r="1"><c r="A1"><v>1</v></c><{prefix}:c xmlns:{prefix}="urn:x" '
        f'r="XFD1048576"><{prefix}:v>1</{prefix}:v></{prefix}:c></row>',
    )
    assert "cell XFD1048576" in refusal(path)


def test_non_ascii_prefixed_sheet_data(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(tmp_path, "accent.xlsx", "")
    far = (
        '<\u00e9:sheetData xmlns:\u00e9="urn:x"><\u00e9:row r="1"><\u00e9:c r="XFD1048576">'
        "<\u00e9:v>1</\u00e9:v></\u00e9:c></\u00e9:row></\u00e9:sheetData>"
    ).encode()
    hostile = hf.rewrite(
        path,
        tmp_path / "accent-far.xlsx",
        {hf.SHEET: lambda xml: xml.replace(b"<sheetData></sheetData>", far)},
    )
    assert "cell XFD1048576" in refusal(hostile)


def test_quoted_angle_bracket_does_not_hide_a_cell(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "quoted.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576" x="/>"><v>1</v></c></row>',
    )
    assert "cell XFD1048576" in refusal(path)


def test_comment_and_cdata_take_the_exact_path(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "cdata.xlsx",
        '<!-- note --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>',
    )
    (sheet,) = read_workbook(path)
    assert sheet.rows == [("a<b",)]


# -- text limits ----------------------------------------------------------------------


def test_long_inline_cell_is_refused(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "long-inline.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        f'<row r="7"><c r="C7" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>',
    )
    message = refusal(path)
    assert "cell C7 on sheet 'Plan' holds 40,000 characters" in message


def test_long_shared_string_is_refused(tmp_path: Path, no_calamine: None) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "long-shared.xlsx",
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>',
        shared_strings=["short", "y" * 40_000],
    )
    assert "cell C2 on sheet 'Plan' holds 40,000 characters" in refusal(path)


def test_entities_count_as_one_character(tmp_path: Path) -> None:
    # 10,000 "&amp;" is 50,000 bytes of XML but 10,000 characters: within the limit.
    path = hf.with_sheet_data(
        tmp_path,
        "entities.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_strings=["&amp;" * 10_000],
    )
    (sheet,) = read_workbook(path, WorkbookLimits(max_cell_chars=20_000))
    assert sheet.rows == [("&" * 10_000,)]


def test_shared_string_copied_into_many_cells_is_refused(tmp_path: Path, no_calamine: None) -> None:
    # calamine copies a shared string into every cell that uses it.
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 201))
    path = hf.with_sheet_data(tmp_path, "copies.xlsx", cells, shared_strings=["z" * 1_000])
    message = refusal(path, WorkbookLimits(max_text_chars=100_000))
    assert "characters of text" in message


# -- calamine's own errors ------------------------------------------------------------


def test_calamine_error_becomes_a_clear_message(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path, "bad-error.xlsx", '<row r="1"><c r="A1" t="e"><v>#FOO!</v></c></row>'
    )
    with pytest.raises(BadWorkbookError) as caught:
        read_workbook(path)
    assert str(caught.value).startswith("bad-error.xlsx could not be read as an Excel workbook")
    assert caught.value.__cause__ is not None


# -- limits -----------------------------------------------------------------------------


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_cells"):
        WorkbookLimits(max_cells=0)


def test_limits_are_frozen() -> None:
    limits = WorkbookLimits()
    with pytest.raises(AttributeError):
        limits.max_cells = 1  # type: ignore[misc]


def test_every_zip_part_is_scanned(tmp_path: Path, no_calamine: None) -> None:
    # A DTD in a part calamine may never read is still refused: we do not guess which.
    path = hf.normal_workbook(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("customXml/item1.xml", '<!DOCTYPE x [<!ENTITY a "a">]><x/>')
    assert "customXml/item1.xml" in refusal(path)


# -- second lines of defence, tested directly because the first line catches every file --


class _FakeSheet:
    """Just enough of a calamine sheet for _sheet_rows: values start at B2."""

    start = (1, 1)
    end = (1, 2)
    width = 2

    def __init__(self, value: str) -> None:
        self.value = value

    def iter_rows(self) -> list[list[object]]:
        return [["", ""], ["x", self.value]]


def test_text_longer_than_a_cell_is_refused_after_reading() -> None:
    with pytest.raises(BadWorkbookError, match=r"cell C2 on sheet 'S'"):
        workbook_file._sheet_rows(
            _FakeSheet("y" * 11), WorkbookLimits(max_cell_chars=10), "a.xlsx", "S"
        )
    rows = workbook_file._sheet_rows(
        _FakeSheet("y" * 10), WorkbookLimits(max_cell_chars=10), "a.xlsx", "S"
    )
    assert rows == [(), (None, "x", "y" * 10)]


def test_exact_parser_refuses_a_dtd_on_its_own() -> None:
    parser = xml_scan.new_parser(lambda *_: None, lambda *_: None, lambda *_: None)
    with pytest.raises(xml_scan.DtdFound):
        parser.Parse(b'<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>', True)
