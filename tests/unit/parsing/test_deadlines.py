"""Reading single deadline phrases; every phrase below was written in a real plan."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.parsing import DeadlineParse, parse_deadline, plan_base_year
from tracker.parsing.deadlines import (
    CALENDAR_QUARTER,
    NO_DATE,
    NO_DEADLINE,
    NO_YEAR,
    ONGOING,
    OPEN_ENDED,
    SEVERAL_DATES,
    TBC,
    TBC_WITH_DATE,
)

D = date

# (phrase, due) for phrases that are understood outright: no start, no review.
DUE_ONLY = [
    # seed 002 / fixture deadline column
    ("July 2018", D(2018, 7, 31)),
    ("October 2018", D(2018, 10, 31)),
    ("End July 2018", D(2018, 7, 31)),
    ("End of June 2018", D(2018, 6, 30)),
    ("End Dec 2018", D(2018, 12, 31)),
    ("End Sept 2018", D(2018, 9, 30)),
    ("End April 2019", D(2019, 4, 30)),
    ("End August 2018", D(2018, 8, 31)),
    ("Sept 18", D(2018, 9, 30)),
    ("Oct 18", D(2018, 10, 31)),
    ("June 18", D(2018, 6, 30)),
    ("August 18", D(2018, 8, 31)),
    ("End of July18", D(2018, 7, 31)),
    ("Dec 2019", D(2019, 12, 31)),
    ("June 2020", D(2020, 6, 30)),
    ("Approach to be agreed by July 2018", D(2018, 7, 31)),
    ("Commence with service user dialogue September 2018.", D(2018, 9, 30)),
    ("Launch tender July 2018.", D(2018, 7, 31)),
    ("End of June 2018 for all actions except ii)", D(2018, 6, 30)),
    # seed 002 other columns
    ("End of Life programme board will be established by the end of May 2018.", D(2018, 5, 31)),
    ("Continue development of new IT solution for implementation 1 Oct 2018.", D(2018, 10, 1)),
    ("New contracts went live on 30th April 2018", D(2018, 4, 30)),
    ("LA set Direct payment target of 30% of eligible clients by 31/3/19", D(2019, 3, 31)),
    ("On target for new service to be in place 01.06.18.", D(2018, 6, 1)),
    ("New care sector framework established on 1/5/18", D(2018, 5, 1)),
    ("Presentation to LWAB June 2018.", D(2018, 6, 30)),
    # seed 003 completion-date column (Excel "mmm-yy")
    ("Dec-16", D(2016, 12, 31)),
    ("Jan-17", D(2017, 1, 31)),
    ("Apr-17", D(2017, 4, 30)),
    ("Jul-17", D(2017, 7, 31)),
    ("due to take place in Dec '16", D(2016, 12, 31)),
    # seeds 000 / 001
    ("by June 2024", D(2024, 6, 30)),
    ("by March 2024", D(2024, 3, 31)),
    ("until May 2018", D(2018, 5, 31)),
    ("by July 2023", D(2023, 7, 31)),
    # case and abbreviations
    ("end sep 2018", D(2018, 9, 30)),
    ("SEPT 2018", D(2018, 9, 30)),
    ("june 1st, 2018", D(2018, 6, 1)),
    # where in the month
    ("mid-July 2018", D(2018, 7, 15)),
    ("by the start of April 2019", D(2019, 4, 1)),
]


@pytest.mark.parametrize(("phrase", "due"), DUE_ONLY)
def test_understood_due_dates(phrase: str, due: date):
    assert parse_deadline(phrase, base_year=2018) == DeadlineParse(None, due, None)


# (phrase, start, due): periods and ranges carry a start date too.
PERIODS = [
    ("Sept/Oct 2018", D(2018, 9, 1), D(2018, 10, 31)),
    ("Sept 2018 \u2013 March 2019", D(2018, 9, 1), D(2019, 3, 31)),
    ("Sept 2018 - March 2019", D(2018, 9, 1), D(2019, 3, 31)),
    ("Implementation from September 2018 through until November 2019",
     D(2018, 9, 1), D(2019, 11, 30)),
    ("2019/20", D(2019, 4, 1), D(2020, 3, 31)),
    ("2019-20", D(2019, 4, 1), D(2020, 3, 31)),
    ("2023/24", D(2023, 4, 1), D(2024, 3, 31)),
    ("Q3 2018/19", D(2018, 10, 1), D(2018, 12, 31)),
    ("Q1 2017/18", D(2017, 4, 1), D(2017, 6, 30)),
    ("quarter 4 of 2022/23", D(2023, 1, 1), D(2023, 3, 31)),
    ("Dec/Jan 2019", D(2018, 12, 1), D(2019, 1, 31)),
    ("Winter 2018/19", D(2018, 12, 1), D(2019, 2, 28)),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "start", "due"), PERIODS)
def test_periods_and_ranges(phrase: str, start: date, due: date):
    assert parse_deadline(phrase) == DeadlineParse(start, due, None)


# (phrase, base_year, start, due, reason): everything a person must look at.
FLAGGED = [
    ("", 2018, None, None, NO_DEADLINE),
    ("   ", 2018, None, None, NO_DEADLINE),
    ("TBC", 2018, None, None, TBC),
    ("tbc", 2018, None, None, TBC),
    ("Further deadlines TBC.", 2018, None, None, TBC),
    ("ii) & iii) TBC", 2018, None, None, TBC),
    ("Ongoing", 2018, None, None, ONGOING),
    ("Process mapping event complete", 2018, None, None, NO_DATE),
    ("Programme Leads", 2018, None, None, NO_DATE),
    ("From Nov 18", 2018, D(2018, 11, 1), None, OPEN_ENDED),
    ("From April 2015", None, D(2015, 4, 1), None, OPEN_ENDED),
    ("average in each quarter from July 2015 onwards", None, D(2015, 7, 1), None, OPEN_ENDED),
    ("July 2015 onwards", None, D(2015, 7, 1), None, OPEN_ENDED),
    ("New framework in place from 1 st May 2018.", None, D(2018, 5, 1), None, OPEN_ENDED),
    ("1st June", 2018, None, D(2018, 6, 1),
     "Year not given; assumed 2018 from the rest of the plan"),
    ("New CSU provider to take over contract on 1st June", 2018, None, D(2018, 6, 1),
     "Year not given; assumed 2018 from the rest of the plan"),
    ("All system workshop on 25 May", 2019, None, D(2019, 5, 25),
     "Year not given; assumed 2019 from the rest of the plan"),
    ("CCG Project to commence early July", 2018, None, D(2018, 7, 31),
     "Year not given; assumed 2018 from the rest of the plan"),
    ("1st June", None, None, None, NO_YEAR),
    ("Paper to STP Board clarifying roles on 14th May.", None, None, None, NO_YEAR),
    ("Approach to be agreed by September 2018\n"
     "Implementation from September 2018 through until November 2019",
     2018, None, D(2019, 11, 30), SEVERAL_DATES),
    ("Q3 2018", 2018, D(2018, 7, 1), D(2018, 9, 30), CALENDAR_QUARTER),
    ("TBC - possibly July 2018", 2018, None, D(2018, 7, 31), TBC_WITH_DATE),
    ("31/2/19", 2018, None, None, "Not a real date: 31/2/19"),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "base_year", "start", "due", "reason"), FLAGGED)
def test_flagged_phrases(phrase, base_year, start, due, reason):
    assert parse_deadline(phrase, base_year=base_year) == DeadlineParse(start, due, reason)


@pytest.mark.parametrize(
    "phrase",
    [
        "May need to slip to next quarter",  # "May" the verb, not the month
        "5 year strategy has been developed but not well communicated or embedded.",
        "Decommission inadequate providers",  # "Dec" inside a word
        "Marshall",
    ],
)
def test_no_date_invented(phrase: str):
    result = parse_deadline(phrase, base_year=2018)
    assert (result.start, result.due) == (None, None)
    assert result.review_reason


def test_two_digit_year_is_not_a_day():
    # "June 18th" is the 18th of June; "June 18" is June 2018.
    assert parse_deadline("June 18th", base_year=2019).due == D(2019, 6, 18)
    assert parse_deadline("June 18", base_year=2019).due == D(2018, 6, 30)


@pytest.mark.parametrize(
    ("cells", "year"),
    [
        (["End of June 2018 for all actions except ii)\nEnd of July18", "2019/20"], 2018),
        (["1. Sept 18\n2. Sept 18\n3. Oct 18\n4. From Nov 18"], 2018),
        (["i. Dec-16 ii. Apr-17", "Jan-17"], 2016),
        (["ii. New CSU provider to take over contract on 1st June", "iii. End April 2019"], 2019),
        (["TBC", "Process mapping event complete", "1st June"], None),
        ([], None),
    ],
)
def test_plan_base_year(cells: list[str], year: int | None):
    assert plan_base_year(cells) == year
