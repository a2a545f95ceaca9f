"""Reading and writing dates the British way, the same on every machine.

Everything that turns a date into text or text into a date goes through here: the window,
the command line, the workbooks and the status returns. Month names are spelled out in
this module rather than taken from ``strftime("%b")``, which follows the system locale
(a French laptop would write "juin"), and day-first is the only reading of ``03/04/2019``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
# Qt's display format matching short_date, for QDateEdit.
QT_SHORT_DATE_FORMAT = "d MMM yyyy"

# Month words a person may type: full names, three-letter forms and "Sept".
_MONTH_NUMBERS = {name.casefold(): n for n, name in enumerate(MONTH_NAMES, start=1)} | {
    name.casefold(): n for n, name in enumerate(MONTH_ABBREVIATIONS, start=1)
}
_MONTH_NUMBERS["sept"] = 9

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_WORDS = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s*[\s\-]\s*([A-Za-z]+)\.?\s*[\s\-,]\s*(\d{2}|\d{4})"
)

EXAMPLE = "31/03/2027"


def parse_date(text: str) -> date:
    """A date a person typed: ``2027-03-31``, ``31/03/2027``, ``31/3/27``, ``31.03.2027``,
    ``31-03-2027``, ``31 Mar 2027``, ``31 March 2027`` or ``31-Mar-27``.

    Day first, always. Two-digit years are 20xx. Raises ``ValueError`` with a message a
    person can act on when the text is none of these or names a day that does not exist.
    """
    cleaned = " ".join(str(text).split())
    match = _ISO.fullmatch(cleaned)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _NUMERIC.fullmatch(cleaned)
        if match:
            day, month, year = (int(part) for part in match.groups())
        else:
            match = _WORDS.fullmatch(cleaned)
            month = _MONTH_NUMBERS.get(match.group(2).casefold(), 0) if match else 0
            if not month:
                raise ValueError(f"{cleaned!r} is not a date; write it like {EXAMPLE}")
            day, year = int(match.group(1)), int(match.group(3))
        if year < 100:
            year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a day on the calendar") from None


def short_date(value: date | None) -> str:
    """``30 Jun 2018``; an empty string for no date (tables, the window)."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_ABBREVIATIONS[value.month - 1]} {value.year}"


def long_date(value: date) -> str:
    """``5 March 2019`` (report titles and sentences)."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def numeric_date(value: date) -> str:
    """``05/03/2019`` (cells people will type over, notes in workbooks)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def short_date_time(value: datetime) -> str:
    """``30 Jun 2018 14:32`` in the timestamp's own zone (convert before if needed)."""
    return f"{short_date(value.date())} {value.hour:02d}:{value.minute:02d}"


def numeric_date_time(value: datetime) -> str:
    """``30/06/2018 14:32`` in the timestamp's own zone."""
    return f"{numeric_date(value.date())} {value.hour:02d}:{value.minute:02d}"


def local_time(value: datetime) -> datetime:
    """A stored timestamp in the machine's zone; a naive one is taken as already local."""
    return value.astimezone() if value.tzinfo is not None else value
