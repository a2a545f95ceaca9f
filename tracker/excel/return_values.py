"""Values as a status return hands them back, read into what the tracker stores.

A spreadsheet program may give back a real date, an Excel serial number or text for a date,
a float for a whole number, and text in any case for a status. Each reader here takes one
cell as it came back and returns the tracker's value, or raises ``ValueError`` saying, in
the lead's words, what is wrong with it. :class:`State` is a row's update columns as values.
Nothing here touches the database.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import from_excel

from tracker import domain
from tracker.dates import numeric_date, parse_date
from tracker.excel import return_layout as layout
from tracker.excel.return_layout import FIRST_DATE_SERIAL, LAST_DATE_SERIAL
from tracker.excel.signing import normalise_newlines

# A date written back as text with a time after it ("2019-12-31 00:00:00"): the date counts.
_ISO_WITH_TIME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?")


@dataclass(frozen=True)
class State:
    """The update fields of an action at one moment (sent, now or returned)."""

    status: str
    rag: str | None
    percent: int
    revised_due: date | None
    narrative: str

    def shown(self, name: str) -> str:
        return show_value(getattr(self, name))


def show_value(value: Any) -> str:
    """A value as the review shows it: dates the British way, blanks as ``(blank)``."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return numeric_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets hand whole numbers back as floats
    return str(value)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any, *, strip: bool = True) -> str:
    """A cell as text; dates in ISO form, the form the return's signed details use."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text.strip() if strip else text


def tidy(text: str) -> str:
    """Text with line breaks as spreadsheets store them and no surrounding space."""
    return normalise_newlines(text).strip()


def as_action_id(value: Any) -> int | None:
    """A hidden action id cell as a number, or ``None`` when it holds none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def parse_returned_date(value: Any) -> date | None:
    """A date as a spreadsheet may hand it back: a date, a serial number or British text."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and FIRST_DATE_SERIAL <= value <= LAST_DATE_SERIAL:
            return from_excel(value).date()
        raise ValueError(f"{layout.REVISED_DUE} {value!r} is not a date")
    text = str(value).strip()
    with_time = _ISO_WITH_TIME.fullmatch(text)
    try:
        return parse_date(with_time.group(1) if with_time else text)
    except ValueError as exc:
        raise ValueError(f"{layout.REVISED_DUE} {exc}") from None


def parse_returned_percent(value: Any, *, complete: bool = False) -> int:
    """``% complete`` as a whole number from 0 to 100, read as people type it.

    ``45``, ``45.0``, ``"45"`` and ``"45%"`` are 45. A cell that shows "45%" in Excel or
    LibreOffice holds 0.45 (typing ``45%`` stores the fraction and formats the cell as a
    percentage), and calamine hands back the value without its number format, so a number
    between 0 and 1 is read as that fraction: 0.45 is 45. No whole percentage lies between
    0 and 1, so this can mislead nobody. Exactly 1 is ambiguous: 1% typed plainly, or
    "100%" typed with the sign. It reads as 100 when the row's status is Complete (which
    means 100) and as 1 otherwise; the review shows both values before anything is applied.
    """
    wrong = f"% complete {show_value(value)} is not a whole number from 0 to 100"
    if isinstance(value, bool):
        raise ValueError(f"% complete {value!r} is not a whole number from 0 to 100")
    if isinstance(value, int | float):
        number = float(value)  # int has no is_integer() before Python 3.12
        if math.isfinite(number) and (0 < number < 1 or (number == 1 and complete)):
            number = round(number * 100, 6)
    else:
        raw = cell_text(value)
        text = raw.removesuffix("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"% complete {raw!r} is not a whole number from 0 to 100") from None
        if text == raw and math.isfinite(number) and 0 < number < 1:
            number = round(number * 100, 6)  # "0.45" typed into a text cell: a fraction too
        wrong = f"% complete {raw!r} is not a whole number from 0 to 100"
    if not math.isfinite(number) or not number.is_integer() or not 0 <= number <= 100:
        raise ValueError(wrong)
    return int(number)


_NAME_PUNCTUATION = frozenset(" .-'’")


def parse_returned_name(value: Any) -> str:
    """A person's name as typed in "Returned by": letters, spaces, hyphens, apostrophes and
    full stops, 2 to 80 characters; one person, so no commas, digits or email addresses."""
    text = " ".join(cell_text(value).split())
    ok = (
        2 <= len(text) <= layout.RETURNED_BY_LIMIT
        and any(c.isalpha() for c in text)
        and all(c.isalpha() or c in _NAME_PUNCTUATION for c in text)
    )
    if not ok:
        raise ValueError(
            f"'Returned by' holds {text!r}, which is not one person's name (letters, spaces, "
            "hyphens and apostrophes only)"
        )
    return text


def parse_returned_status(value: Any) -> str:
    """A status as people write it; a blank one is refused."""
    text = cell_text(value)
    if not text:
        raise ValueError("Status is blank; choose one of " + ", ".join(domain.STATUSES))
    return domain.parse_status(text).value


def parse_returned_rag(value: Any) -> str | None:
    """A RAG rating as a letter or a colour; blank for none."""
    text = cell_text(value)
    return domain.parse_rag(text).value if text else None


@dataclass(frozen=True)
class ReadRow:
    """A returned row's update columns read: the state (None when any value is wrong),
    the reason for a changed date, and every problem found, in column order."""

    state: State | None
    reason: str | None
    problems: tuple[str, ...]


def read_returned(cells: Mapping[str, Any], sent: State) -> ReadRow:
    """A row's update columns (by header) over what was sent; every wrong value is named,
    not only the first."""
    problems: list[str] = []

    def read(parse: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return parse(*args, **kwargs)
        except ValueError as exc:
            problems.append(str(exc))
            return None

    status = read(parse_returned_status, cells.get(layout.STATUS))
    rag = read(parse_returned_rag, cells.get(layout.RAG))
    percent_cell = cells.get(layout.PERCENT)
    percent = (
        sent.percent
        if is_blank(percent_cell)
        else read(
            parse_returned_percent, percent_cell, complete=status == domain.Status.COMPLETE.value
        )
    )
    revised = read(parse_returned_date, cells.get(layout.REVISED_DUE))
    narrative = tidy(cell_text(cells.get(layout.NARRATIVE), strip=False))
    reason = tidy(cell_text(cells.get(layout.REASON), strip=False)) or None
    if problems:
        return ReadRow(None, reason, tuple(problems))
    state = State(
        status,
        rag,
        percent,
        # A blank revised due date keeps the one sent: an update cannot remove a date.
        revised if revised is not None else sent.revised_due,
        # A blank narrative means "nothing new", not "erase the last one".
        narrative or sent.narrative,
    )
    return ReadRow(state, reason, ())


def returned_state(cells: Mapping[str, Any], sent: State) -> tuple[State, str | None]:
    """A row's update columns over what was sent, and the reason for a changed date;
    ``ValueError`` names every value that is wrong."""
    row = read_returned(cells, sent)
    if row.state is None:
        raise ValueError("; ".join(row.problems))
    return row.state, row.reason
