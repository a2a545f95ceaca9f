"""Every workbook is either read faithfully or refused with one clear BadWorkbookError.

Hostile files are built in tmp_path by ``hostile_files``. Files that must be stopped by
the container checks use the ``no_child`` fixture: if the checks ever let one through, the
test fails on an assertion instead of starting the reading process. Files that would abort
or exhaust python-calamine reach the reading process on purpose: its limits must stop them
and the refusal must be ours.
"""

from __future__ import annotations

import datetime
import shutil
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import FIXTURE_PLAN
from tracker.errors import BadWorkbookError, TrackerError
from tracker.importing import calamine_child, workbook_file
from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_file import SheetData, read_workbook

from . import hostile_files as hf

FIXTURE = FIXTURE_PLAN  # the original plan, as the app ships it
UNSAFE = "is too large or malformed to open safely"
UNREADABLE = (
    "could not be read as an Excel workbook: it may be damaged, or saved by a program "
    "that does not follow Excel's format. Open it in Excel, save it as an Excel Workbook "
    "(File > Save As > Excel Workbook)"
)
# Fragments of the libraries' own error texts, which must never reach the user.
LIBRARY_TEXT = (
    "Range is missing",
    "Unrecognized sheet",
    "Relationship not found",
    "calamine",
    "Xml",
    "Zip",
    "EOCD",
    "Cfb",
    "Traceback",
)


@pytest.fixture
def no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reaching the reading process a test failure: the container checks must stop it."""

    def forbidden(path: Path, *_: object) -> list[SheetData]:
        raise AssertionError(f"{path.name} passed the container checks")

    monkeypatch.setattr(workbook_file, "_read_in_child", forbidden)


def refusal(path: Path, limits: WorkbookLimits | None = None) -> str:
    """The message read_workbook refuses ``path`` with: it names the file first, it is one
    line, and it carries no library's text."""
    with pytest.raises(BadWorkbookError) as caught:
        read_workbook(path, limits or WorkbookLimits())
    message = str(caught.value)
    assert message.startswith(path.name + " "), message
    assert "\n" not in message
    for fragment in LIBRARY_TEXT:
        assert fragment not in message, message
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


def test_cells_sharing_a_text_share_one_string(tmp_path: Path) -> None:
    path = hf.normal_workbook(
        tmp_path, rows=[("Not started", "a"), ("Not started", "b"), ("Not started", "c")]
    )

    (sheet,) = read_workbook(path)

    first, second, third = (row[0] for row in sheet.rows)
    assert first == "Not started"
    assert first is second
    assert second is third


def test_every_sheet_keeps_its_own_values(tmp_path: Path) -> None:
    # Repeated texts and dates on several sheets: each sheet travels from the reading
    # process on its own, and must not pick up another sheet's values.
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    due = datetime.date(2018, 9, 30)
    for index in range(3):
        sheet = first if index == 0 else workbook.create_sheet(f"Sheet {index + 1}")
        for row in range(4):
            sheet.append([f"sheet {index}", "Not started", due + datetime.timedelta(index), row])
    path = tmp_path / "sheets.xlsx"
    workbook.save(path)

    sheets = read_workbook(path)

    assert [sheet.rows for sheet in sheets] == [
        [(f"sheet {i}", "Not started", due + datetime.timedelta(i), float(r)) for r in range(4)]
        for i in range(3)
    ]


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
    assert sheet.rows[0] == (1.0,)
    assert sheet.rows[-1] == (40.0,)
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


def test_cells_without_references_are_placed_in_order(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "no-refs.xlsx",
        "<row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c><v>3</v></c></row>",
    )

    (sheet,) = read_workbook(path)

    assert sheet.rows == [(1.0, 2.0), (), (3.0,)]


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


# -- found in real use: each must be read -----------------------------------------------


def test_utf16_custom_xml_part_is_read(tmp_path: Path) -> None:
    (sheet,) = read_workbook(hf.with_utf16_custom_xml(tmp_path))
    assert sheet.rows[1][:2] == ("1.1", "Agree governance")


def test_package_with_its_parts_at_the_root_is_read(tmp_path: Path) -> None:
    path = hf.parts_at_root(tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert "workbook.xml" in archive.namelist()
        assert not any(name.startswith("xl/") for name in archive.namelist())

    (sheet,) = read_workbook(path)

    assert sheet.rows[0] == ("Ref", "Action", "Due")


def test_a_stray_value_far_below_the_plan_is_read(tmp_path: Path) -> None:
    # calamine holds the used range densely: 1,048,567 rows x 7 columns, about 250 MB in
    # the reading process, which its default memory cap allows.
    path = hf.stray_value_far_below(FIXTURE, tmp_path)

    (sheet,) = read_workbook(path)

    assert len(sheet.rows) == 1_048_567
    assert sheet.rows[-1] == (None,) * 6 + ("x",)
    assert sheet.rows[3][0] == "1. Governance and Leadership"
    assert all(row == () for row in sheet.rows[48:-1])


def test_a_workbook_with_a_duplicated_part_is_read_or_refused_in_our_words(
    tmp_path: Path,
) -> None:
    # zipfile and calamine's zip reader may pick different copies; either way no crash.
    (sheet,) = read_workbook(hf.duplicate_part(tmp_path))
    assert sheet.name == "Plan"


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
    assert "is not an Excel workbook: it looks like a CSV or text file" in message
    assert "Save As" in message


def test_pdf_renamed(tmp_path: Path) -> None:
    message = refusal(hf.pdf_renamed(tmp_path))
    assert "is not an Excel workbook: it is a PDF document" in message


def test_random_bytes(tmp_path: Path) -> None:
    assert "is not an Excel workbook: its contents are not in Excel's format" in refusal(
        hf.random_bytes(tmp_path)
    )


def test_password_protected(tmp_path: Path, no_child: None) -> None:
    path = hf.password_protected(tmp_path)
    assert refusal(path) == (
        "returns-prevention.xlsx is password-protected. Remove the password in Excel "
        "(File > Info > Protect Workbook) and import it again."
    )


def test_unreadable_xls_is_named_as_one(tmp_path: Path) -> None:
    # OLE2 bytes with a "Workbook" stream name but nothing else: an .xls calamine refuses.
    message = refusal(hf.old_xls(tmp_path))
    assert "is an Excel 97-2003 workbook (.xls) that could not be read" in message
    assert "File > Save As > Excel Workbook" in message


def test_word_document_in_an_old_office_file(tmp_path: Path, no_child: None) -> None:
    path = hf.ole_file(tmp_path, "letter.xlsx", ["WordDocument", "\x05SummaryInformation"])
    assert "is not an Excel workbook: it is a Word document" in refusal(path)


def test_word_document(tmp_path: Path, no_child: None) -> None:
    message = refusal(hf.docx_like(tmp_path))
    assert "is not an Excel workbook: it is a Word document" in message


def test_word_document_without_content_types(tmp_path: Path, no_child: None) -> None:
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "is not an Excel workbook: it is a Word document" in refusal(path)


def test_opendocument_text_is_not_a_spreadsheet(tmp_path: Path, no_child: None) -> None:
    path = tmp_path / "minutes.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "is not an Excel workbook: it is an OpenDocument file" in refusal(path)


def test_plain_zip(tmp_path: Path, no_child: None) -> None:
    assert "is not an Excel workbook: it is a zip archive" in refusal(hf.plain_zip(tmp_path))


# -- damaged files --------------------------------------------------------------------


def test_truncated(tmp_path: Path, no_child: None) -> None:
    message = refusal(hf.truncated(tmp_path))
    assert "is damaged or incomplete (was the download or copy interrupted?)" in message


def test_corrupted_data(tmp_path: Path) -> None:
    assert "is damaged or incomplete" in refusal(hf.corrupted(tmp_path))


def test_declared_size_that_lies(tmp_path: Path) -> None:
    # The worksheet's directory entry declares 16 bytes: calamine's zip reader refuses it
    # or reads on; either way the CRC check names the file damaged.
    assert "is damaged or incomplete" in refusal(hf.lying_size(tmp_path))


def test_refusals_are_tracker_errors(tmp_path: Path) -> None:
    # The CLI and the window show any TrackerError to the user as it is.
    with pytest.raises(TrackerError):
        read_workbook(hf.corrupted(tmp_path))


# -- zip bombs and zip tricks: stopped before anything is inflated ---------------------


def test_real_zip_bomb_is_refused_before_inflating(tmp_path: Path, no_child: None) -> None:
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


def test_part_size_limit(tmp_path: Path, no_child: None) -> None:
    path = hf.with_padding_part(tmp_path, "big-part.xlsx", 200_000)
    message = refusal(path, WorkbookLimits(max_member_bytes=100_000))
    assert "part xl/media/padding.bin expands to" in message


def test_total_size_limit(tmp_path: Path, no_child: None) -> None:
    path = hf.normal_workbook(tmp_path)
    assert "expand to more than" in refusal(path, WorkbookLimits(max_total_bytes=5_000))


def test_part_count_limit(tmp_path: Path, no_child: None) -> None:
    path = hf.with_extra_parts(tmp_path, 30)
    assert "it holds more than 20 parts" in refusal(path, WorkbookLimits(max_members=20))


# -- files that would abort or exhaust calamine: stopped by the reading process's limits


# Windows has no per-process address-space limit: there a reader that would exhaust memory
# is stopped by the parent's wall-clock watchdog instead (the time-limit test below).
needs_memory_cap = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows gives the reader no memory cap, only a time limit"
)


@needs_memory_cap
def test_far_cell_is_stopped_by_the_memory_cap(tmp_path: Path) -> None:
    # calamine would allocate A1:XFD1048576 densely (550 GB) and abort.
    path = hf.with_sheet_data(
        tmp_path,
        "far.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    )
    assert refusal(path) == (
        f"far.xlsx {UNSAFE}. Delete the rows, columns or sheets you do not need in Excel (or "
        "copy the table you need into a new workbook), save it and import it again."
    )


@needs_memory_cap
def test_forged_shared_string_count_is_stopped(tmp_path: Path) -> None:
    # calamine reserves uniqueCount strings before reading any: 4e9 aborts the process.
    path = hf.with_sheet_data(
        tmp_path,
        "forged-count.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_strings=hf.shared_strings_xml(["a"], unique_count="4000000000"),
    )
    assert UNSAFE in refusal(path)


@needs_memory_cap
def test_shared_string_copied_into_many_cells_is_stopped(tmp_path: Path) -> None:
    # calamine copies a shared string into every cell that uses it: 20,000 copies of 30,000
    # characters is 600 MB from a 100 KB file.
    path = hf.shared_string_in_many_cells(tmp_path, text_chars=30_000, cells=20_000)
    assert path.stat().st_size < 200_000
    assert UNSAFE in refusal(path, WorkbookLimits(max_memory_bytes=256 << 20))


def test_reading_that_outlasts_the_time_limit_is_stopped(tmp_path: Path) -> None:
    path = hf.normal_workbook(tmp_path)
    assert UNSAFE in refusal(path, WorkbookLimits(max_seconds=1e-6))


# -- cells over Excel's limit -----------------------------------------------------------


def test_long_inline_cell_is_refused(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "long-inline.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        f'<row r="7"><c r="C7" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>',
    )
    assert refusal(path) == (
        "long-inline.xlsx cannot be imported: cell C7 on sheet 'Plan' holds more than the "
        "32,767 characters a cell can hold. Shorten the text in that cell in Excel, save it "
        "and import it again."
    )


def test_long_shared_string_is_refused(tmp_path: Path) -> None:
    path = hf.with_sheet_data(
        tmp_path,
        "long-shared.xlsx",
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>',
        shared_strings=["short", "y" * 40_000],
    )
    assert "cell C2 on sheet 'Plan' holds more than" in refusal(path)


# -- calamine's own errors become our words -------------------------------------------


def _edit_workbook_xml(tmp_path: Path, name: str, old: bytes, new: bytes) -> Path:
    base = hf.normal_workbook(tmp_path, "base-" + name)
    return hf.rewrite(base, tmp_path / name, {"xl/workbook.xml": lambda xml: xml.replace(old, new)})


@pytest.mark.parametrize(
    "kind",
    ["reference without a row", "sheet state show", "missing relationship", "error value"],
)
def test_calamine_errors_become_one_message_of_ours(tmp_path: Path, kind: str) -> None:
    if kind == "reference without a row":  # calamine: "Range is missing the expected ..."
        path = hf.with_sheet_data(tmp_path, "ref.xlsx", '<row r="1"><c r="A"><v>1</v></c></row>')
    elif kind == "sheet state show":  # calamine: "Unrecognized sheet:state: show"
        path = _edit_workbook_xml(tmp_path, "show.xlsx", b"<sheet ", b'<sheet state="show" ')
    elif kind == "missing relationship":  # calamine: "Relationship not found"
        path = _edit_workbook_xml(tmp_path, "rel.xlsx", b'r:id="rId1"', b'r:id="rId9"')
    else:
        path = hf.with_sheet_data(
            tmp_path, "error.xlsx", '<row r="1"><c r="A1" t="e"><v>#FOO!</v></c></row>'
        )
    assert refusal(path) == f"{path.name} {UNREADABLE} and import the saved copy."


def test_entity_expansion_is_refused_in_our_words(tmp_path: Path) -> None:
    assert UNREADABLE in refusal(hf.billion_laughs(tmp_path))


# -- limits -----------------------------------------------------------------------------


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_memory_bytes"):
        WorkbookLimits(max_memory_bytes=0)


def test_limits_are_frozen() -> None:
    limits = WorkbookLimits()
    with pytest.raises(AttributeError):
        limits.max_seconds = 1  # type: ignore[misc]


# -- tidying calamine's rows, tested directly on shapes calamine may hand over ----------


class _FakeSheet:
    """Just enough of a calamine sheet for the tidying: values start at B2."""

    def __init__(self, rows: list[list[object]], start: tuple[int, int] | None, width: int):
        self.rows = rows
        self.start = start
        self.width = width

    def iter_rows(self) -> list[list[object]]:
        return self.rows


def test_tidying_pads_the_columns_left_of_the_first_value() -> None:
    sheet = _FakeSheet([["", ""], ["x", "y"], ["", ""]], start=(1, 1), width=2)
    assert calamine_child._tidy_rows(sheet) == [(), (None, "x", "y")]  # type: ignore[arg-type]


def test_tidying_an_empty_sheet() -> None:
    assert calamine_child._tidy_rows(_FakeSheet([], start=None, width=0)) == []  # type: ignore[arg-type]
