"""The board report, checked cell by cell with openpyxl on a small plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import board_report
from tracker.excel.board_report import export_board_report
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.database_settings import last_report_exported_at
from tracker.services.overview import summarise
from tracker.services.plan_snapshot import load_snapshot

AS_AT = date(2019, 3, 12)


def _export(database: Database, tmp_path: Path, **kwargs: object) -> openpyxl.Workbook:
    out = tmp_path / "board.xlsx"
    export_board_report(database, out, as_at=AS_AT, **kwargs)
    return openpyxl.load_workbook(out)


def _header_map(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.value: c.column for c in sheet[board_report.HEADER_ROW] if c.value}


def test_sheets_in_order(database: Database, small_plan: dict[str, int], tmp_path: Path) -> None:
    workbook = _export(database, tmp_path)
    assert workbook.sheetnames == [
        "Summary",
        "Governance and Leadership",
        "Prevention",
        "Exceptions",
        "Changes",
    ]


def test_summary_agrees_with_the_overview(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    workbook = _export(database, tmp_path)
    sheet = workbook["Summary"]
    assert "Test plan & co" in sheet["A1"].value and "12 March 2019" in sheet["A1"].value
    columns = _header_map(sheet)
    summaries, total = summarise(load_snapshot(database), AS_AT)
    for offset, summary in enumerate([*summaries, total]):
        row = board_report.FIRST_DATA_ROW + offset
        assert sheet.cell(row, 1).value == summary.title
        assert sheet.cell(row, columns["Actions"]).value == summary.actions
        assert sheet.cell(row, columns["Red"]).value == summary.by_rag.get("R", 0)
        assert sheet.cell(row, columns["Green"]).value == summary.by_rag.get("G", 0)
        assert sheet.cell(row, columns["No RAG"]).value == summary.by_rag.get(None, 0)
        assert sheet.cell(row, columns["Overdue"]).value == summary.overdue
        assert sheet.cell(row, columns["Due in next 30 days"]).value == summary.due_soon
        assert sheet.cell(row, columns["Complete"]).value == summary.complete
        assert sheet.cell(row, columns["Slipped"]).value == summary.slipped
    total_row = board_report.FIRST_DATA_ROW + len(summaries)
    assert sheet.cell(total_row, 1).value == "All workstreams"
    assert sheet.cell(total_row, columns["Actions"]).value == 6
    assert sheet.cell(total_row, columns["Slipped"]).value == 1
    assert sheet.cell(total_row, 1).font.bold


def test_summary_has_a_rag_chart(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    import zipfile
    from xml.etree import ElementTree

    out = tmp_path / "board.xlsx"
    export_board_report(database, out, as_at=AS_AT)
    names = zipfile.ZipFile(out).namelist()
    charts = [n for n in names if n.startswith("xl/charts/chart")]
    assert len(charts) == 1
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = ElementTree.fromstring(zipfile.ZipFile(out).read(charts[0]))
    bar = root.find(f".//{c}barChart")
    assert bar is not None
    assert bar.find(f"{c}barDir").get("val") == "bar"
    assert bar.find(f"{c}grouping").get("val") == "stacked"
    series = bar.findall(f"{c}ser")
    names_of = [s.find(f"{c}tx//{c}f").text for s in series]
    assert names_of == [f"Summary!${letter}$3" for letter in "GHIJ"]  # Red to No RAG
    values = [s.find(f"{c}val//{c}f").text for s in series]
    assert values[0] == "Summary!$G$4:$G$5"  # the two workstreams, not the total
    assert series[0].find(f"{c}cat//{c}f").text == "Summary!$A$4:$A$5"
    fills = [s.find(f"{c}spPr/{a}solidFill/{a}srgbClr").get("val") for s in series]
    assert fills == ["C00000", "FFC000", "00B050", "A6A6A6"]
    orientations = [o.get("val") for o in root.iter(f"{c}orientation")]
    assert "maxMin" in orientations  # the first workstream at the top


def test_workstream_sheet_cells(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    sheet = _export(database, tmp_path)["Governance and Leadership"]
    assert [c.value for c in sheet[board_report.HEADER_ROW]] == list(
        board_report.WORKSTREAM_HEADERS
    )
    rows = list(sheet.iter_rows(min_row=board_report.FIRST_DATA_ROW))
    banner = rows[0]
    assert banner[0].value == "1.1" and banner[1].value == "Leaders should share a vision"
    assert banner[1].font.bold
    first = rows[1]
    assert first[0].value == "1.1 i."
    assert first[1].value == "Agree the vision"
    assert first[2].value == "Pip Mayo"
    assert first[3].value == datetime(2018, 6, 30)
    assert first[3].number_format == "dd/mm/yyyy"
    assert first[5].value == "In progress"
    assert first[6].value == "R"
    assert first[6].fill.fgColor.rgb.endswith("C00000")
    assert first[7].value == 20
    slipped = rows[2]
    assert slipped[4].value == datetime(2019, 1, 31)
    assert slipped[6].fill.fgColor.rgb.endswith("FFC000")
    tbc = rows[5]
    assert tbc[1].value == "Board terms of reference" and tbc[3].value == "TBC"
    assert rows[1][1].alignment.wrap_text


def _fit(pages: int | None) -> int:
    """Pages to fit to, as written: left out when it is 1, the file format's default."""
    return 1 if pages is None else pages


def test_print_and_view_settings(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    workbook = _export(database, tmp_path)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert str(setup.paperSize) == "9"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert _fit(setup.fitToWidth) == 1
        assert "12 March 2019" in sheet.oddFooter.left.text
        assert sheet.oddFooter.center.text == "Page &P of &N"
        assert sheet.oddHeader.center.text == "Test plan && co"
    for name in ("Governance and Leadership", "Exceptions", "Changes"):
        sheet = workbook[name]
        assert sheet.freeze_panes == f"A{board_report.FIRST_DATA_ROW}"
        assert sheet.auto_filter.ref.startswith(f"A{board_report.HEADER_ROW}:")
        assert sheet.print_title_rows == f"$1:${board_report.HEADER_ROW}"
        assert sheet.page_setup.fitToHeight == 0
    assert _fit(workbook["Summary"].page_setup.fitToHeight) == 1
    assert workbook["Governance and Leadership"].column_dimensions["B"].width > 40


def test_exceptions_list_red_overdue_and_slipped_with_reasons(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    add_update(
        database,
        small_plan["Publish the vision"],
        UpdateInput(
            date(2019, 2, 1),
            "Pip Mayo",
            "In progress",
            "A",
            40,
            "Waiting",
            date(2019, 5, 31),
            "Consultation ran late",
        ),
    )
    sheet = _export(database, tmp_path)["Exceptions"]
    columns = _header_map(sheet)
    rows = {
        r[columns["Ref"] - 1].value: r for r in sheet.iter_rows(min_row=board_report.FIRST_DATA_ROW)
    }
    assert set(rows) == {"1.1 i.", "1.1 ii."}
    why = rows["1.1 i."][columns["Why listed"] - 1].value
    assert "Red" in why and "Overdue by 255 days" in why
    slipped = rows["1.1 ii."]
    assert "Slipped" in slipped[columns["Why listed"] - 1].value
    assert slipped[columns["Reason given for the revised date"] - 1].value.startswith(
        "Consultation ran late"
    )
    assert slipped[columns["Latest narrative"] - 1].value == "Waiting"


def test_changes_since_the_last_report(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    action = small_plan["Set up the board"]
    add_update(
        database, action, UpdateInput(date(2019, 1, 5), "Sam", "In progress", "G", 30, "First")
    )
    out = tmp_path / "first.xlsx"
    export_board_report(database, out)
    first = openpyxl.load_workbook(out)["Changes"]
    assert [r[5].value for r in first.iter_rows(min_row=board_report.FIRST_DATA_ROW)] == ["Sam"]
    assert last_report_exported_at(database) is not None
    add_update(
        database,
        action,
        UpdateInput(date(2019, 2, 5), "Ash", "In progress", "G", 50, '=HYPERLINK("http://x","y")'),
    )
    out = tmp_path / "second.xlsx"
    export_board_report(database, out)
    second = openpyxl.load_workbook(out)["Changes"]
    rows = list(second.iter_rows(min_row=board_report.FIRST_DATA_ROW))
    assert [r[5].value for r in rows] == ["Ash"]
    narrative = rows[0][9]
    assert narrative.data_type == "s" and narrative.value.startswith("=HYPERLINK")
    assert narrative.quotePrefix
    explicit = tmp_path / "third.xlsx"
    export_board_report(database, explicit, since=date.today() - timedelta(days=1))
    assert openpyxl.load_workbook(explicit)["Changes"].max_row == board_report.HEADER_ROW + 2
    # A report as at a day before the updates were recorded does not list them.
    old = _export(database, tmp_path, since=date.today() - timedelta(days=1))["Changes"]
    assert old.max_row == board_report.HEADER_ROW


def test_a_failed_export_leaves_nothing(
    database: Database,
    small_plan: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"previous report")

    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    real_close = xlsxwriter.Workbook.close

    def broken_close(self: xlsxwriter.Workbook) -> None:
        real_close(self)  # the whole file is there under its temporary name...
        # ...when the disk fills up (XlsxWriter wraps the operating system's error)
        raise FileCreateError(OSError(28, "No space left on device"))

    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    from tracker.errors import TrackerError

    with pytest.raises(TrackerError, match="No space left"):
        export_board_report(database, out)
    assert out.read_bytes() == b"previous report"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]
    assert last_report_exported_at(database) is None
