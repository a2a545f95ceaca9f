"""Reading one deadline phrase ("End of July18", "Sept/Oct 2018", "2019/20") as dates.

Deadline cells are free text typed by many people. ``parse_deadline`` finds every date
mention in a phrase, joins "X - Y" pairs into ranges, and returns a start and due date.
When it has to guess or cannot find a date it says why in ``review_reason`` so a person
checks it; it never invents a date and never raises. British conventions throughout: day
before month, two-digit years are 20xx, a bare month means its last day, and "2019/20" is
the financial year 1 April 2019 to 31 March 2020.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tracker.parsing.markers import read_label_prefix

# --- review reasons (one sentence each, shown to the user) -----------------------------

NO_DEADLINE = "No deadline given"
NO_DATE = "No date in the deadline text"
TBC = "Deadline to be confirmed (TBC)"
TBC_WITH_DATE = "Deadline marked TBC; the date may still change"
ONGOING = "Ongoing: no fixed deadline"
OPEN_ENDED = "Open-ended: has a start date but no due date"
YEAR_ASSUMED = "Year not given; assumed {year} from the rest of the plan"
NO_YEAR = "Year not given and no other year in the plan to go by"
SEVERAL_DATES = "Several dates in the deadline text; used the latest as the due date"
NOT_A_DATE = "Not a real date: {text}"
BACKWARDS = "The date range ends before it starts"
CALENDAR_QUARTER = "Quarter of a calendar year assumed; check it is not a financial quarter"


@dataclass(frozen=True)
class DeadlineParse:
    """Dates read from one deadline phrase; ``review_reason`` is None when understood."""

    start: date | None
    due: date | None
    review_reason: str | None


# --- vocabulary ------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# Meteorological seasons, as UK plans use them: (first month, last month); winter runs
# from December into the next year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "winter": (12, 2),
}

# Where in a month a qualifier puts the date. Anything else ("end", "early", "late", no
# qualifier) means the last day: a due date should not arrive before the writer meant it.
QUALIFIER_DAY: dict[str, int] = {"start": 1, "beginning": 1, "mid": 15, "middle": 15}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: "sept" > "sep"


def _month(name: str) -> str:
    return rf"\b(?P<{name}>{_MONTH_NAMES})\.?(?![a-z])"


def _year(name: str) -> str:
    # Two-digit years must not be a day ("June 18th") or part of a longer number.
    return rf"['\u2019]?(?P<{name}>(?:19|20)\d{{2}}|\d{{2}})(?!\d|st|nd|rd|th)"


_QUALIFIER = r"(?:(?:the\s+)?(?P<qual>start|beginning|mid|middle|end|early|late)(?:\s+of)?[\s\-]+)?"
_GLUE = r"[\s\-'\u2019,]*"  # between a month and its year: "July 2018", "Dec-16", "July18"
_FY = r"(?P<y1>(?:19|20)?\d{2})\s*[/-]\s*(?P<y2>(?:19|20)?\d{2})(?!\d)"

_RANGE_SEP = re.compile(
    r"\s*(?:-|\u2013|\u2014|/|to|until|till|through(?:\s+(?:to|until))?)\s*", re.I
)
# A start with no end: "From Nov 18", "from July 2015 onwards", "April 2018 onwards".
_FROM = re.compile(r"\b(?:from|starting|commencing from|with effect from)\s*$", re.I)
_ONWARDS = re.compile(r"\s*(?:onwards?|and beyond)\b", re.I)
_TBC = re.compile(r"\b(?:tbc|tbd|tba|to be (?:confirmed|determined|decided|arranged))\b", re.I)
_MONTH_CUE = re.compile(r"\b(?:by|in|from|until|till|before|during|on|of)\s*$", re.I)
_ONGOING = re.compile(r"\b(?:ongoing|on-going|continuous)\b", re.I)


@dataclass(frozen=True)
class _Mention:
    """One date found in the text and the span of text it came from."""

    pos: int
    end: int
    start: date | None
    due: date | None
    period: bool = False  # a financial year, quarter, etc.: its start date is meaningful
    years: tuple[int, ...] = ()  # years written out, for plan_base_year
    note: str | None = None


def _full_year(text: str) -> int:
    digits = int(text.lstrip("'\u2019"))
    return digits + 2000 if digits < 100 else digits


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _in_month(year: int, month: int, qualifier: str | None) -> tuple[date, date]:
    """(start, due) for a month, honouring "start of"/"mid" qualifiers."""
    day = QUALIFIER_DAY.get((qualifier or "").lower())
    if day is not None:
        return date(year, month, day), date(year, month, day)
    return date(year, month, 1), _last_day(year, month)


def _undated(match: re.Match[str], note: str) -> _Mention:
    return _Mention(match.start(), match.end(), None, None, note=note)


def _year_or_base(text: str | None, base_year: int | None) -> tuple[int | None, str | None]:
    """The written year, else the plan's base year with a note, else None with a note."""
    if text:
        return _full_year(text), None
    if base_year is None:
        return None, NO_YEAR
    return base_year, YEAR_ASSUMED.format(year=base_year)


def _financial_quarter(m: re.Match[str], _base: int | None) -> _Mention:
    first = _full_year(m["y1"])
    if _full_year(m["y2"]) % 100 != (first + 1) % 100:
        return _undated(m, NOT_A_DATE.format(text=m[0]))
    month = 4 + 3 * (int(m["q"]) - 1)  # Q1 is April-June
    year = first + (month - 1) // 12
    month = (month - 1) % 12 + 1
    start = date(year, month, 1)
    return _Mention(m.start(), m.end(), start, _last_day(year, month + 2), True, (first,))


def _calendar_quarter(m: re.Match[str], _base: int | None) -> _Mention:
    year, month = int(m["y"]), 1 + 3 * (int(m["q"]) - 1)
    start, due = date(year, month, 1), _last_day(year, month + 2)
    return _Mention(m.start(), m.end(), start, due, True, (year,), CALENDAR_QUARTER)


def _financial_years(m: re.Match[str], _base: int | None) -> _Mention:
    first = _full_year(m["y1"])
    last = _full_year(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if last <= first:
        return _undated(m, NOT_A_DATE.format(text=m[0]))
    # "2019/20" is one financial year; "2023-28" a run of them, read the same way.
    start, due = date(first, 4, 1), date(last, 3, 31)
    return _Mention(m.start(), m.end(), start, due, True, (first, last))


def _numeric_date(m: re.Match[str], _base: int | None) -> _Mention:
    year = _full_year(m["y"])
    try:
        day = date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return _undated(m, NOT_A_DATE.format(text=m[0]))
    return _Mention(m.start(), m.end(), day, day, years=(year,))


def _numeric_month(m: re.Match[str], _base: int | None) -> _Mention:
    year, month = int(m["y"]), int(m["m"])
    if not 1 <= month <= 12:
        return _undated(m, NOT_A_DATE.format(text=m[0]))
    return _Mention(m.start(), m.end(), date(year, month, 1), _last_day(year, month), years=(year,))


def _month_range(m: re.Match[str], _base: int | None) -> _Mention:
    first, last, year = MONTHS[m["m1"].lower()], MONTHS[m["m2"].lower()], _full_year(m["y"])
    # "Dec/Jan 2019": the year written belongs to the second month.
    start_year = year - 1 if first > last else year
    start, due = date(start_year, first, 1), _last_day(year, last)
    return _Mention(m.start(), m.end(), start, due, True, (year,))


def _day_month(m: re.Match[str], base_year: int | None) -> _Mention:
    year, note = _year_or_base(m["y"] or m.groupdict().get("y4"), base_year)
    if year is None:
        return _undated(m, note or NO_YEAR)
    try:
        day = date(year, MONTHS[m["m"].lower()], int(m["d"]))
    except ValueError:
        return _undated(m, NOT_A_DATE.format(text=m[0]))
    years = (year,) if note is None else ()
    return _Mention(m.start(), m.end(), day, day, years=years, note=note)


def _season(m: re.Match[str], _base: int | None) -> _Mention:
    year = _full_year(m["y"])
    first, last = SEASONS[m["s"].lower()]
    end_year = year + 1 if last < first else year
    start, due = date(year, first, 1), _last_day(end_year, last)
    return _Mention(m.start(), m.end(), start, due, True, (year,))


def _month_year(m: re.Match[str], _base: int | None) -> _Mention:
    year = _full_year(m["y"])
    start, due = _in_month(year, MONTHS[m["m"].lower()], m["qual"])
    return _Mention(m.start(), m.end(), start, due, years=(year,))


def _bare_month(m: re.Match[str], base_year: int | None) -> _Mention | None:
    # Without a day or year a month name must look like one: capitalised, and "May" or
    # "March" (so often a verb: "May need to slip") only after a cue such as "by" or "end".
    name = m["m"]
    if not name[0].isupper():
        return None
    before, after = m.string[: m.start()], m.string[m.end() :]
    cued = m["qual"] or _MONTH_CUE.search(before) or not after.strip(" .")
    if name.lower() in {"may", "march"} and not cued:
        return None
    year, note = _year_or_base(None, base_year)
    if year is None:
        return _undated(m, note or NO_YEAR)
    start, due = _in_month(year, MONTHS[m["m"].lower()], m["qual"])
    return _Mention(m.start(), m.end(), start, due, note=note)


def _bare_year(m: re.Match[str], _base: int | None) -> _Mention:
    year = int(m["y"])
    return _Mention(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), True, (year,))


_Y4 = r"(?:19|20)\d{2}"
_DAY = r"(?P<d>\d{1,2})"
_QUARTER = r"\b(?:Q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?"
_BETWEEN_MONTHS = r"\s*(?:/|-|\u2013|\u2014|\bto\b|&|\band\b)\s*"
_NUMBER_END = r"(?!\d|[/.]\d)"  # the number ends here; a full stop may follow

# Most specific first: a span taken by an earlier pattern is not looked at again, so
# "Q3 2018/19" is never also read as the financial year "2018/19" or the year "2018".
_PATTERNS: list[tuple[str, Callable[..., _Mention | None]]] = [
    # "Q3 2018/19", "quarter 4 of 2022/23"
    (rf"{_QUARTER}(?:FY\s*)?{_FY}", _financial_quarter),
    # "Q3 2018"
    (rf"{_QUARTER}(?P<y>{_Y4})(?![\d/-])", _calendar_quarter),
    # "2018-06-30"
    (rf"\b(?P<y>{_Y4})-(?P<m>\d{{1,2}})-{_DAY}\b", _numeric_date),
    # "31/3/19", "01.06.18", "1/5/18": British day first
    (
        rf"(?<![\d/.]){_DAY}(?P<sep>[/.\-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_NUMBER_END}",
        _numeric_date,
    ),
    # "Winter 2018/19", "Spring 2019"
    (
        rf"\b(?P<s>spring|summer|autumn|winter)\s+(?:of\s+)?{_year('y')}(?:\s*/\s*\d{{2,4}})?",
        _season,
    ),
    # "2019/20", "2019-20", "FY 2019/2020"
    (
        rf"(?<![\d/.])(?:FY\s*)?(?P<y1>{_Y4})\s*[/-]\s*(?P<y2>(?:19|20)?\d{{2}})(?!\d|[/.\-]\d)",
        _financial_years,
    ),
    # "03/2019"
    (rf"(?<![\d/.])(?P<m>\d{{1,2}})/(?P<y>{_Y4}){_NUMBER_END}", _numeric_month),
    # "Sept/Oct 2018"
    (rf"{_month('m1')}{_BETWEEN_MONTHS}{_month('m2')}{_GLUE}{_year('y')}", _month_range),
    # "1 Oct 2018", "30th April 2018", "1st June", "1 st May 2018"
    (
        rf"(?<!\d){_DAY}\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{_month('m')}(?:{_GLUE}{_year('y')})?",
        _day_month,
    ),
    # "June 1st", "June 1st 2018", "June 1, 2018"
    (
        rf"{_month('m')}\s+{_DAY}(?:(?:st|nd|rd|th)(?:,?\s*{_year('y')})?|,\s*(?P<y4>{_Y4}))(?!\d)",
        _day_month,
    ),
    # "End of July18", "Sept 18", "Dec-16", "by the end of May 2018"
    (rf"{_QUALIFIER}{_month('m')}{_GLUE}{_year('y')}", _month_year),
    # "early July", "September"
    (rf"{_QUALIFIER}{_month('m')}", _bare_month),
    # "2019"
    (rf"(?<![\d/.\u00a3$\-])(?P<y>{_Y4})(?!\d|%|[/.\-]\d)", _bare_year),
]
_COMPILED = [(re.compile(pattern, re.I), handler) for pattern, handler in _PATTERNS]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()


def _find_mentions(text: str, base_year: int | None) -> list[_Mention]:
    """Every date mention in the text, in reading order, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[_Mention] = []
    for pattern, handler in _COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = handler(match, base_year)
            if mention is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(mention)
    return sorted(found, key=lambda mention: mention.pos)


def _combine(text: str, mentions: list[_Mention]) -> tuple[date | None, date | None, list[str]]:
    """Fold "X - Y" pairs into ranges and turn the mentions into one (start, due)."""
    spans: list[tuple[date | None, date | None]] = []
    notes: list[str] = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        second = mentions[index + 1] if index + 1 < len(mentions) else None
        if second is not None and _RANGE_SEP.fullmatch(text[first.end : second.pos]):
            spans.append((first.start, second.due))
            if first.start and second.due and second.due < first.start:
                notes.append(BACKWARDS)
            index += 2
            continue
        if _FROM.search(text[: first.pos]) or _ONWARDS.match(text, first.end):
            spans.append((first.start, None))
            notes.append(OPEN_ENDED)
        else:
            spans.append((first.start if first.period else None, first.due))
        index += 1

    if len(spans) == 1:
        return spans[0][0], spans[0][1], notes
    dues = [due for _, due in spans if due is not None]
    notes = [note for note in notes if note != OPEN_ENDED]
    return None, max(dues) if dues else None, [*notes, SEVERAL_DATES]


# Plans repeat the same few phrases ("End July 2018") thousands of times; results are
# immutable, so a bounded cache makes a 50,000-action import parse each phrase once.
@lru_cache(maxsize=16384)
def parse_deadline(text: str, *, base_year: int | None = None) -> DeadlineParse:
    """Read one deadline phrase (for one action) as a start date and a due date.

    ``base_year`` is the year to assume for phrases such as "1st June" that name no year;
    the result is then flagged so a person can confirm it.
    """
    clean = _normalise(text)
    if not clean:
        return DeadlineParse(None, None, NO_DEADLINE)
    mentions = _find_mentions(clean, base_year)
    notes = [m.note for m in mentions if m.note]
    dated = [m for m in mentions if m.due is not None or m.start is not None]

    if not dated:
        if notes:
            reason = notes[0]
        elif _TBC.search(clean):
            reason = TBC
        elif _ONGOING.search(clean):
            reason = ONGOING
        else:
            reason = NO_DATE
        return DeadlineParse(None, None, reason)

    start, due, more = _combine(clean, dated)
    notes += more
    if _TBC.search(clean):
        notes.append(TBC_WITH_DATE)
    unique = list(dict.fromkeys(notes))
    return DeadlineParse(start, due, "; ".join(unique) if unique else None)


def plan_base_year(texts: Iterable[str]) -> int | None:
    """The earliest year written in any of the given deadline cells, or None.

    Used as ``base_year`` for day-month phrases with no year ("1st June"): a plan's
    undated deadlines almost always fall in the year it was written.
    """
    years = [
        year
        for text in texts
        for line in (text or "").splitlines()
        for year in _years_in(_phrase_of(line))
    ]
    return min(years) if years else None


def _phrase_of(line: str) -> str:
    """The line without its action markers ("iii. Sept 2019" -> "Sept 2019").

    Markers hold no year (at most three digits), and without them the few phrases a plan
    repeats on every line are looked up once each rather than once per marker.
    """
    found = read_label_prefix(line)
    return found[1] if found is not None else line.strip()


@lru_cache(maxsize=16384)
def _years_in(line: str) -> tuple[int, ...]:
    return tuple(
        year for mention in _find_mentions(_normalise(line), None) for year in mention.years
    )
