"""The rows of a plan's table as the importer carries them, and how a cell reads as text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


def cell_text(value: object) -> str:
    """A cell's value as text, the way the importer reads it."""
    if value.__class__ is str:  # nearly every cell: checked first
        return value.strip()  # type: ignore[attr-defined]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_LEADING_REF = re.compile(r"^\s*([A-Za-z]|\d+(?:\.\d+)*)[.)]\s+")


def leading_ref(text: str) -> str:
    """The numbering an area's title opens with ("a." -> "a"), or ""."""
    match = _LEADING_REF.match(text)
    return match.group(1) if match else ""


def join_texts(parts: Iterable[object]) -> str:
    return "\n".join([t for t in map(cell_text, parts) if t])


@dataclass
class RowSegment:
    """One spreadsheet row's contribution to an area (an area may span rows)."""

    row_number: int
    values: dict[str, object]
    label: str = ""  # the action's own code (WBS number, ID, "A1"), when the table gives one


@dataclass
class AreaRows:
    ref: str
    sheet: str
    # False when the first row had no Ref/area of its own: it could not be placed.
    has_ref: bool = True
    segments: list[RowSegment] = field(default_factory=list)
    # A parent row (WBS, outline level, an Activities column) names the area itself;
    # its children are one action a row.
    title: str | None = None
    row_per_action: bool = False


@dataclass
class DataRow:
    row_number: int
    values: dict[str, object]
    section: tuple[str, str] | None  # the banner, workstream or recommendation in force
    run: int  # changes at every banner: a new banner always starts a new area
    # A lettered recommendation in the area column that opened a section on this row.
    opens_section: bool = False
