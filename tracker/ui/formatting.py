"""How dates, times and ratings read in the window: the British way (30 Jun 2018).

Dates and times are written by :mod:`tracker.dates` (in Python, not through the system
locale), so the window reads the same on every machine, in the offscreen tests and in
the workbooks.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tracker.dates import local_time, short_date, short_date_time
from tracker.domain import BRAG_LABELS

# Red, Amber, Green, and Blue for an action complete and verified (BRAG).
RAG_LABELS = dict(BRAG_LABELS)
NO_RAG_LABEL = "Not rated"


def format_date(value: date | None) -> str:
    """``30 Jun 2018``; an empty string for no date."""
    return short_date(value)


def format_local_time(value: datetime | None, today: date | None = None) -> str:
    """A timestamp in local time: ``14:32:05`` today, ``30 Jun 2018 14:32`` otherwise."""
    if value is None:
        return ""
    local = local_time(value)
    if local.date() == (today or date.today()):
        return f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    return short_date_time(local)


def rag_label(rag: str | None) -> str:
    """``Red``, ``Amber``, ``Green``, ``Blue`` or ``Not rated``."""
    if not rag:
        return NO_RAG_LABEL
    return RAG_LABELS.get(rag, rag)


def format_percent(value: int) -> str:
    return f"{value}%"


def first_line(text: str, limit: int = 200) -> str:
    """The text on one line for a table cell (rows have uniform heights)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def label_text(text: str) -> str:
    """Text from the plan or the user for a tab, button or menu entry, where Qt reads "&"
    as marking the Alt+letter key: "R&D" must show as "R&D", not "RD" with D underlined."""
    return text.replace("&", "&&")


def display_path(path: Path) -> str:
    """A file's path as people read it: under the home folder it starts with "~"."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
