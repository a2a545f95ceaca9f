"""Values as a status return hands them back: dates, percentages, statuses and blanks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.excel import return_layout as layout
from tracker.excel.return_values import (
    State,
    parse_returned_date,
    parse_returned_percent,
    parse_returned_rag,
    parse_returned_status,
    returned_state,
    show_value,
)

NEW_YEARS_EVE = date(2019, 12, 31)
SENT = State("In progress", "A", 20, date(2019, 6, 30), "Started")


@pytest.mark.parametrize(
    "value",
    [
        NEW_YEARS_EVE,
        datetime(2019, 12, 31),
        datetime(2019, 12, 31, 14, 30),
        43830,  # the Excel serial number of 31 December 2019
        43830.0,
        43830.75,
        "31/12/2019",
        "31/12/19",
        "31-12-2019",
        "31.12.2019",
        "31 Dec 2019",
        "31 December 2019",
        "31-Dec-19",
        "2019-12-31",
        "2019-12-31 00:00:00",
        "2019-12-31T00:00:00",
        " 31/12/2019 ",
    ],
)
def test_a_date_comes_back_in_any_form_a_spreadsheet_gives(value: object) -> None:
    assert parse_returned_date(value) == NEW_YEARS_EVE


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_blank_date_is_no_date(value: object) -> None:
    assert parse_returned_date(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("next spring", "Revised due date 'next spring' is not a date"),
        ("31/02/2019", "Revised due date '31/02/2019' is not a day on the calendar"),
        (12, "Revised due date 12 is not a date"),
        (float("nan"), "Revised due date nan is not a date"),
        (True, "Revised due date 'True' is not a date"),
    ],
)
def test_what_is_not_a_date_is_refused_saying_so(value: object, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_returned_date(value)
    assert str(caught.value).startswith(reason)


@pytest.mark.parametrize(("value", "number"), [(45, 45), (45.0, 45), ("45", 45), ("45%", 45)])
def test_percent_complete_is_a_whole_number(value: object, number: int) -> None:
    assert parse_returned_percent(value) == number


@pytest.mark.parametrize("value", [150, -1, 12.5, "lots", True, float("inf")])
def test_percent_complete_outside_0_to_100_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="not a whole number from 0 to 100"):
        parse_returned_percent(value)


def test_status_and_rag_read_as_people_write_them() -> None:
    assert parse_returned_status(" complete ") == "Complete"
    assert parse_returned_rag("amber") == "A"
    assert parse_returned_rag("") is None
    with pytest.raises(ValueError, match="Status is blank"):
        parse_returned_status(None)
    with pytest.raises(ValueError, match="not a status"):
        parse_returned_status("Done")


def test_values_are_shown_the_british_way() -> None:
    assert show_value(date(2019, 3, 5)) == "05/03/2019"
    assert show_value(datetime(2019, 3, 5, 9, 0)) == "05/03/2019"
    assert show_value(45.0) == "45"
    assert show_value(None) == "(blank)"
    assert show_value("") == "(blank)"


def test_blank_update_cells_keep_what_was_sent_but_a_blank_rag_is_none() -> None:
    state, reason = returned_state({layout.STATUS: "In progress"}, SENT)
    assert state == State("In progress", None, 20, date(2019, 6, 30), "Started")
    assert reason is None


def test_filled_update_cells_replace_what_was_sent() -> None:
    cells = {
        layout.STATUS: "Complete",
        layout.RAG: "G",
        layout.PERCENT: 100.0,
        layout.REVISED_DUE: "31/12/2019",
        layout.NARRATIVE: "Done\r\nat last ",
        layout.REASON: " Board moved ",
    }
    state, reason = returned_state(cells, SENT)
    assert state == State("Complete", "G", 100, NEW_YEARS_EVE, "Done\nat last")
    assert reason == "Board moved"


@pytest.mark.parametrize(
    ("value", "complete", "number"),
    [
        (0.5, False, 50),  # a cell showing 50%
        (0.07, False, 7),
        ("0.45", False, 45),
        ("50%", False, 50),
        (50, False, 50),
        (1.0, False, 1),  # 1 typed plainly
        (1.0, True, 100),  # "100%" typed next to Complete
        (0, False, 0),
    ],
)
def test_percentages_are_read_as_people_type_them(
    value: object, complete: bool, number: int
) -> None:
    assert parse_returned_percent(value, complete=complete) == number


@pytest.mark.parametrize("value", [0.125, "0.5%", "12.5%"])
def test_a_fraction_of_a_percent_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="not a whole number from 0 to 100"):
        parse_returned_percent(value)


def test_returned_by_must_be_one_persons_name() -> None:
    from tracker.excel.return_values import parse_returned_name

    assert parse_returned_name("  Carmel   O'Brien ") == "Carmel O'Brien"
    assert parse_returned_name("Dame Julie Moore-Smith") == "Dame Julie Moore-Smith"
    for bad in ("", "x", "42", "Pip Mayo, Sam Lee", "pip@example.nhs.uk", "P" * 81):
        with pytest.raises(ValueError, match="not one person's name"):
            parse_returned_name(bad)
