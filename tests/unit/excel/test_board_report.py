"""The board report, checked cell by cell with openpyxl on a small plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import board_report, styles
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.board_report_export import export_board_report
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
        "Completed this period",
        "New exceptions",
        "Slipped this period",
        "Look-ahead (90 days)",
        "Returns",
        "Trend",
        "RAG check",
        "Coverage",
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
        assert sheet.cell(row, columns["Green"]).value == summary.by_brag.get("G", 0)
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
    assert names_of == [f"Summary!${letter}$3" for letter in "GHIJK"]  # Red to No RAG
    values = [s.find(f"{c}val//{c}f").text for s in series]
    assert values[0] == "Summary!$G$4:$G$5"  # the two workstreams, not the total
    assert series[0].find(f"{c}cat//{c}f").text == "Summary!$A$4:$A$5"
    fills = [s.find(f"{c}spPr/{a}solidFill/{a}srgbClr").get("val") for s in series]
    assert fills == ["C00000", "FFC000", "00B050", "0070C0", "A6A6A6"]
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


def _update(database: Database, action: int, rag: str | None, revised: date | None) -> None:
    add_update(
        database,
        action,
        UpdateInput(
            date(2019, 2, 1),
            "Pip Mayo",
            "In progress",
            rag,
            40,
            "Waiting",
            revised,
            "Consultation ran late" if revised else None,
            rag_reason="Recovery plan agreed",
        ),
    )


def _data_rows(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    columns = _header_map(sheet)
    return [
        {name: row[column - 1] for name, column in columns.items()}
        for row in sheet.iter_rows(min_row=board_report.FIRST_DATA_ROW)
    ]


def test_exceptions_most_severe_first_with_how_late_in_words(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    # Overdue by over a year: the revised date was brought forward, so not slipped.
    _update(database, small_plan["Falls service"], "A", date(2018, 1, 31))
    # Slipped, and not yet due.
    _update(database, small_plan["Shared with Pip"], None, date(2030, 6, 30))
    sheet = _export(database, tmp_path)["Exceptions"]
    rows = _data_rows(sheet)
    listed = [(r["Ref"].value, r["Why listed"].value) for r in rows]
    assert listed == [
        ("1.1 i.", "Red; overdue by 8 months"),
        ("2.1 i.", "Overdue by 1 year 1 month"),
        ("1.1 ii.", "Overdue by 5 weeks; slipped 4 months"),
        ("2.1 ii.", "Slipped 4 months"),
        ("1.2 ii.", "No due date"),
    ]
    assert "5 actions need attention (1 red, 2 overdue, 1 slipped, 1 with no due date)" in (
        sheet["A2"].value
    )
    slipped = rows[3]
    assert slipped["Reason given for the revised date"].value.startswith("Consultation ran late")
    assert slipped["Latest narrative"].value == "Waiting"
    undated = rows[4]
    assert undated["Original due"].value == "TBC"
    # The date each overdue action is late against is highlighted here too.
    assert undated["Original due"].fill.fill_type is None
    assert rows[1]["Revised due"].fill.fgColor.rgb.endswith(styles.OVERDUE_FILL)


def test_changes_since_the_last_report(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    action = small_plan["Set up the board"]
    add_update(
        database, action, UpdateInput(date(2019, 1, 5), "Sam", "In progress", "G", 30, "First")
    )
    out = tmp_path / "first.xlsx"
    export_board_report(database, out, final=True)
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


def test_a_draft_leaves_changes_since_the_last_report_alone(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    action = small_plan["Set up the board"]
    add_update(
        database, action, UpdateInput(date(2019, 1, 5), "Sam", "In progress", "G", 30, "First")
    )
    draft = tmp_path / "draft.xlsx"
    report = export_board_report(database, draft)
    assert not report.final and last_report_exported_at(database) is None
    assert openpyxl.load_workbook(draft).properties.contentStatus == "Draft"
    # The next draft still lists the same change; so does the report sent to the board.
    again = tmp_path / "again.xlsx"
    export_board_report(database, again)
    changes = openpyxl.load_workbook(again)["Changes"]
    assert [r[5].value for r in changes.iter_rows(min_row=board_report.FIRST_DATA_ROW)] == ["Sam"]
    sent = tmp_path / "sent.xlsx"
    assert export_board_report(database, sent, final=True).final
    assert openpyxl.load_workbook(sent).properties.contentStatus == "Sent to the board"
    sent_at = last_report_exported_at(database)
    assert sent_at is not None
    # After the report sent to the board, the next one starts from it.
    after = tmp_path / "after.xlsx"
    export_board_report(database, after)
    assert openpyxl.load_workbook(after)["Changes"].max_row == board_report.HEADER_ROW
    assert last_report_exported_at(database) == sent_at


def test_summary_rag_columns_carry_their_colours(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    sheet = _export(database, tmp_path)["Summary"]
    columns = _header_map(sheet)
    for label, rag in (("Red", "R"), ("Amber", "A"), ("Green", "G")):
        header = sheet.cell(board_report.HEADER_ROW, columns[label])
        assert header.fill.fgColor.rgb.endswith(styles.RAG_FILLS[rag])
        assert header.font.color.rgb.endswith(styles.RAG_FONTS[rag])
        for row in range(board_report.FIRST_DATA_ROW, board_report.FIRST_DATA_ROW + 3):
            cell = sheet.cell(row, columns[label])
            assert cell.fill.fgColor.rgb.endswith(styles.RAG_TINTS[rag])
    # The other columns keep the plain header.
    other = sheet.cell(board_report.HEADER_ROW, columns["No RAG"])
    assert other.fill.fgColor.rgb.endswith(styles.HEADER_FILL)


def test_overdue_dates_are_highlighted(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    sheet = _export(database, tmp_path)["Governance and Leadership"]
    rows = {r["Action"].value: r for r in _data_rows(sheet)}

    def highlighted(cell) -> bool:  # type: ignore[no-untyped-def]
        return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith(
            styles.OVERDUE_FILL
        )

    vision = rows["Agree the vision"]  # due 30/06/2018: overdue on 12 March 2019
    assert highlighted(vision["Original due"]) and vision["Original due"].font.bold
    assert not highlighted(vision["Revised due"])
    published = rows["Publish the vision"]  # revised to 31/01/2019: late against that
    assert highlighted(published["Revised due"]) and not highlighted(published["Original due"])
    board = rows["Set up the board"]  # due 31/03/2019: not yet
    assert not highlighted(board["Original due"]) and not highlighted(board["Revised due"])
    assert "overdue dates are shaded red" in sheet["A2"].value


def test_counts_agree_with_their_nouns(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    add_update(
        database,
        small_plan["Set up the board"],
        UpdateInput(date(2019, 1, 5), "Sam", "In progress", "G", 30, "First"),
    )
    workbook = _export(database, tmp_path)
    # Prevention holds one area for improvement and two actions.
    assert workbook["Prevention"]["A2"].value.startswith("1 area for improvement, 2 actions ·")
    assert workbook["Governance and Leadership"]["A2"].value.startswith(
        "2 areas for improvement, 4 actions ·"
    )
    assert workbook["Summary"]["A2"].value.startswith("6 actions in 2 workstreams;")
    today = tmp_path / "today.xlsx"  # as at today: the update recorded just now is listed
    export_board_report(database, today)
    assert openpyxl.load_workbook(today)["Changes"]["A2"].value.startswith("1 update recorded ·")


def test_no_word_is_wider_than_its_column(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    """A word longer than its column prints broken in two: the columns hold every word."""
    from tracker.db.models import Action

    with database.write() as session:
        action = session.get(Action, small_plan["Board terms of reference"])
        assert action is not None
        action.deadline_text = "Implementation from September 2018, Multidisciplinary"
    workbook = _export(database, tmp_path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=board_report.HEADER_ROW):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                longest = max(len(word) for word in cell.value.split())
                width = sheet.column_dimensions[cell.column_letter].width
                assert longest + 1 <= width, (sheet.title, cell.coordinate, cell.value, width)
    due = workbook["Governance and Leadership"]
    assert due.column_dimensions["D"].width >= len("Multidisciplinary") + 1


def test_workbook_properties_name_the_plan_and_the_user(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    database.actor = "Pat Programme"
    properties = _export(database, tmp_path).properties
    assert properties.title == "Test plan & co: board report as at 12 March 2019"
    assert properties.subject == "Test plan & co"
    assert properties.creator == "Pat Programme"
    assert properties.lastModifiedBy == "Pat Programme"


def test_period_sheets_compare_with_the_last_closed_period(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    import zipfile

    from sqlalchemy import text

    from tracker.services.periods import close_period

    with database.read() as session:
        plan_id = session.execute(text("SELECT id FROM plan")).scalar_one()
    close_period(database, plan_id, date(2019, 1, 31), "Board, Jan 2019", user="PMO")
    add_update(
        database,
        small_plan["Set up the board"],
        UpdateInput(date(2019, 2, 10), "Sam Lee", "Complete", "G", 100, "Board meets"),
    )
    add_update(
        database,
        small_plan["Falls service"],
        UpdateInput(
            date(2019, 2, 11),
            "Ash Khan",
            "In progress",
            "R",
            30,
            "No staff",
            cause="Vacancies",
            mitigation="Agency cover",
            recovery_date=date(2019, 6, 1),
            decision_asked="Fund two posts",
        ),
    )
    close_period(database, plan_id, date(2019, 2, 28), "Board, Feb 2019", user="PMO")
    out = tmp_path / "board.xlsx"
    export_board_report(database, out, as_at=AS_AT)
    workbook = openpyxl.load_workbook(out)

    summary = workbook["Summary"]
    columns = _header_map(summary)
    first = board_report.FIRST_DATA_ROW
    # Compared with February: nothing moved since, in either workstream.
    assert summary.cell(first, columns["Since last period"]).value == "► Unchanged"
    completed = _data_rows(workbook["Completed this period"])
    assert completed == []
    assert "since Board, Feb 2019 (2019-02-28)" in workbook["Completed this period"]["A2"].value

    exceptions = {r["Ref"].value: r for r in _data_rows(workbook["Exceptions"])}
    falls = exceptions["2.1 i."]
    assert falls["Cause"].value == "Vacancies"
    assert falls["Mitigation"].value == "Agency cover"
    assert falls["Recovery date"].value == datetime(2019, 6, 1)
    assert falls["Decision asked of the board"].value == "Fund two posts"
    assert falls["Decision asked of the board"].fill.fgColor.rgb.endswith("C00000")

    trend = workbook["Trend"]
    rows = [
        [c.value for c in row]
        for row in trend.iter_rows(min_row=board_report.FIRST_DATA_ROW)
        if row[0].value
    ]
    assert rows == [
        ["Governance and Leadership", "31 Jan 2019", "Board, Jan 2019", 1, 1, 1, 0, 1],
        ["Governance and Leadership", "28 Feb 2019", "Board, Feb 2019", 1, 1, 0, 1, 1],
        ["Prevention", "31 Jan 2019", "Board, Jan 2019", 0, 0, 1, 0, 1],
        ["Prevention", "28 Feb 2019", "Board, Feb 2019", 1, 0, 0, 0, 1],
    ]
    charts = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2  # the Summary's RAG chart and the trend

    # As at January's closing day the report compares with nothing earlier, and the
    # trend stops at the periods closed by then.
    export_board_report(database, out, as_at=date(2019, 1, 31))
    earlier = openpyxl.load_workbook(out)
    assert "nothing to compare with" in earlier["Completed this period"]["A2"].value
    assert [r["Workstream"].value for r in _data_rows(earlier["Trend"])] == [
        "Governance and Leadership",
        "Prevention",
    ]
