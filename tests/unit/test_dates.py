"""tracker.dates: every way a person writes a date reads day first, the same everywhere."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.dates import long_date, numeric_date, numeric_date_time, parse_date, short_date


@pytest.mark.parametrize(
    "text",
    [
        "2027-03-31",
        "31/03/2027",
        "31/3/27",
        "31.03.2027",
        "31-03-2027",
        " 31 / 03 / 2027 ",
        "31 Mar 2027",
        "31 mar 2027",
        "31 March 2027",
        "31st March 2027",
        "31-Mar-27",
        "31 Mar. 2027",
    ],
)
def test_reads_the_ways_people_write_a_date(text: str) -> None:
    assert parse_date(text) == date(2027, 3, 31)


def test_day_comes_first() -> None:
    assert parse_date("03/04/2019") == date(2019, 4, 3)


def test_sept_is_september() -> None:
    assert parse_date("1 Sept 2018") == date(2018, 9, 1)


@pytest.mark.parametrize("text", ["", "soon", "31/13/2027", "Mar 2027", "31 Foo 2027"])
def test_refuses_what_is_not_a_date_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=r"31/03/2027|not a day"):
        parse_date(text)


def test_refuses_a_day_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="'30/02/2027' is not a day on the calendar"):
        parse_date("30/02/2027")


def test_writing_is_locale_free_and_british() -> None:
    day = date(2019, 3, 5)
    assert short_date(day) == "5 Mar 2019"
    assert long_date(day) == "5 March 2019"
    assert numeric_date(day) == "05/03/2019"
    assert numeric_date_time(datetime(2019, 3, 5, 9, 7)) == "05/03/2019 09:07"
    assert short_date(None) == ""
