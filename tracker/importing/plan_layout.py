"""Finding the action plan inside a workbook's cells: headers, sections and rows.

Plans arrive in many layouts. The original CQC plan has one sheet, a banner row per
section and the header row repeated wherever the printed table broke across a page; the
2016 peer-challenge plan has Recommendation / Activity / Start Date / Completion date /
Lead columns; other copies rename headers, put a section on each sheet, start the table
away from A1 or add columns. So headers are recognised by their wording (or mapped by the
user), sections come from banner rows or sheet names, and a row with an empty Ref
continues the area above. Rows that cannot be placed go to a visible "Unassigned"
workstream, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.domain import Tab
from tracker.errors import PlanImportError
from tracker.importing.workbook_file import SheetData

# Each field a column can hold, with the header wordings that name it. Wordings are
# compared after normalising case, punctuation and spacing.
FIELD_WORDINGS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "ref no", "no", "number", "item", "id", "#"),
    "area": (
        "cqc area for improvement",
        "area for improvement",
        "areas for improvement",
        "recommendation",
        "recommendations",
        "finding",
        "findings",
        "issue",
        "area",
        "improvement area",
        "key line of enquiry",
        "objective",
    ),
    "changed": (
        "what has changed since january",
        "what has changed",
        "progress to date",
        "progress so far",
        "what has changed so far",
    ),
    "plans": ("what plans are in place", "plans in place", "current plans", "existing plans"),
    "action": (
        "what action now needs to be taken",
        "action",
        "actions",
        "activity",
        "activities",
        "action required",
        "actions required",
        "what will we do",
        "action to be taken",
        "actions to be taken",
        "proposed action",
        "proposed actions",
    ),
    "lead": (
        "who is leading",
        "lead",
        "leads",
        "lead officer",
        "lead officers",
        "owner",
        "responsible",
        "responsible officer",
        "who",
        "accountable",
    ),
    "deadline": (
        "deadline",
        "deadlines",
        "completion date",
        "due date",
        "target date",
        "by when",
        "timescale",
        "timescales",
        "end date",
        "due",
        "completion",
        "target completion date",
    ),
    "start": ("start date", "start", "start by"),
    "workstream": ("workstream", "work stream", "section", "theme", "priority"),
}
FIELDS = tuple(FIELD_WORDINGS)
FIELD_LABELS = {
    "ref": "Ref",
    "area": "Area for improvement",
    "changed": "What has changed",
    "plans": "Plans in place",
    "action": "Action",
    "lead": "Lead",
    "deadline": "Deadline",
    "start": "Start date",
    "workstream": "Workstream",
}

# Banner wording -> tab. Checked in order: the first pattern found wins.
_TAB_PATTERNS: tuple[tuple[re.Pattern[str], Tab], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), tab)
    for pattern, tab in (
        (r"\bgovernance\b|\bleadership\b", Tab.GOVERNANCE),
        (r"\bprevent", Tab.PREVENTION),
        (r"\bearly intervention\b", Tab.EARLY_INTERVENTION),
        (r"\bpersonali[sz]|\bongoing (personalised )?support\b", Tab.PERSONALISATION),
        (r"\blocality\b|\blocalities\b", Tab.LOCALITY),
        (
            r"\benablers?\b|\bcommunications?\b|\bengagement\b|\bworkforce\b|\bdigital\b"
            r"|(?-i:\bIT\b)",
            Tab.ENABLERS,
        ),
    )
)
_SECTION_NUMBER = re.compile(r"^\s*\d+(\s*[a-z]\))?[.)]?\s+", re.IGNORECASE)
_ENABLER_TITLE = re.compile(r"^enablers?\s*[–—:-]\s*", re.IGNORECASE)
_MIN_HEADER_FIELDS = 2


def normalise_header(text: object) -> str:
    if text is None:
        return ""
    return " ".join(re.sub(r"[^\w#]+", " ", str(text).casefold()).split())


_WORDING_TO_FIELD = {
    normalise_header(w): name for name, wordings in FIELD_WORDINGS.items() for w in wordings
}


class HeaderNotRecognisedError(PlanImportError):
    """No row looks like the plan's header: the user has to say which column is which."""

    def __init__(self, message: str, candidates: list[tuple[str, int, list[str]]]) -> None:
        super().__init__(message)
        # (sheet name, 1-based row, header texts) of rows that might be the header.
        self.candidates = candidates


@dataclass
class ColumnMap:
    """Which 0-based column holds which field."""

    columns: dict[str, int]

    def get(self, row: tuple[object, ...], name: str) -> object:
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return None
        return row[index]


@dataclass
class RowSegment:
    """One spreadsheet row's contribution to an area (an area may span rows)."""

    row_number: int
    values: dict[str, object]


@dataclass
class AreaRows:
    ref: str
    sheet: str
    # False when the first row had no Ref/area of its own: it could not be placed.
    has_ref: bool = True
    segments: list[RowSegment] = field(default_factory=list)


@dataclass
class SectionRows:
    tab: Tab
    title: str
    areas: list[AreaRows] = field(default_factory=list)


@dataclass
class Layout:
    """The plan as found in the sheets, before any cell is interpreted."""

    title_lines: list[str]
    sections: list[SectionRows]
    has_start_column: bool


def tab_for_section(text: str) -> tuple[Tab, str] | None:
    """Map a banner or sheet name to its tab and the workstream's own title."""
    title = _SECTION_NUMBER.sub("", " ".join(str(text).split())).strip()
    for pattern, tab in _TAB_PATTERNS:
        if pattern.search(title):
            if tab is Tab.ENABLERS:
                title = _ENABLER_TITLE.sub("", title) or title
            return tab, title
    return None


def _cell_text(value: object) -> str:
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


def _leading_ref(text: str) -> str:
    match = _LEADING_REF.match(text)
    return match.group(1) if match else ""


def _non_empty(row: tuple[object, ...]) -> list[tuple[int, object]]:
    return [(i, v) for i, v in enumerate(row) if _cell_text(v)]


# No header wording is longer than this; longer cells are data, not worth normalising.
_LONGEST_HEADER = max(len(w) for w in _WORDING_TO_FIELD) + 10


def _header_fields(row: tuple[object, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        if not isinstance(value, str) or len(value) > _LONGEST_HEADER:
            continue
        name = _WORDING_TO_FIELD.get(normalise_header(value))
        if name and name not in found:
            found[name] = index
    return found


def _mapped_header_fields(
    row: tuple[object, ...], mapping: Mapping[str, str]
) -> dict[str, int] | None:
    """Columns named by the user's --map, plus any recognised wording for the rest."""
    by_text = {normalise_header(v): i for i, v in enumerate(row) if _cell_text(v)}
    mapped = {}
    for name, header in mapping.items():
        index = by_text.get(normalise_header(header))
        if index is None:
            return None
        mapped[name] = index
    recognised = {k: v for k, v in _header_fields(row).items() if v not in mapped.values()}
    return {**recognised, **mapped}


def _is_header(fields: dict[str, int]) -> bool:
    return "action" in fields and len(fields) >= _MIN_HEADER_FIELDS


def check_mapping(mapping: Mapping[str, str]) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise PlanImportError(
            f"--map does not know the field {', '.join(unknown)}; "
            f"the fields are: {', '.join(FIELDS)}."
        )


def find_layout(
    sheets: list[SheetData], file_name: str, mapping: Mapping[str, str] | None = None
) -> Layout:
    """Walk the sheets and group their rows into sections and areas."""
    mapping = dict(mapping or {})
    check_mapping(mapping)
    builder = _LayoutBuilder(file_name)
    for sheet in sheets:
        builder.walk_sheet(sheet, mapping)
    return builder.finish(sheets, mapping)


class _LayoutBuilder:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.title_lines: list[str] = []
        self.sections: list[SectionRows] = []
        self.headers_seen = 0
        self.has_start_column = False

    def _section(self, tab: Tab, title: str) -> SectionRows:
        for section in self.sections:
            if section.tab is tab and section.title == title:
                return section
        section = SectionRows(tab, title)
        self.sections.append(section)
        return section

    def walk_sheet(self, sheet: SheetData, mapping: dict[str, str]) -> None:
        columns: ColumnMap | None = None
        section: SectionRows | None = None
        sheet_section = tab_for_section(sheet.name)
        pending_banner: tuple[Tab, str] | None = None
        area: AreaRows | None = None

        for row_number, row in enumerate(sheet.rows, start=1):
            cells = _non_empty(row)
            if not cells:
                continue
            fields = _mapped_header_fields(row, mapping) if mapping else _header_fields(row)
            if fields and _is_header(fields):
                # A header row: the first one fixes the columns, a repeat (a page break in
                # the printed plan) changes nothing and the area above may continue.
                columns = ColumnMap(fields)
                self.headers_seen += 1
                self.has_start_column |= "start" in fields
                if pending_banner is not None:
                    section = self._section(*pending_banner)
                    pending_banner = None
                    area = None
                continue
            if len(cells) == 1 and (columns is None or not self._is_data_row(row, columns)):
                text = _cell_text(cells[0][1])
                placed = tab_for_section(text)
                if columns is None and placed is None:
                    self.title_lines.append(text)
                    continue
                pending_banner = placed or (Tab.UNASSIGNED, _SECTION_NUMBER.sub("", text))
                if columns is not None:
                    section = self._section(*pending_banner)
                    pending_banner = None
                    area = None
                continue
            if columns is None:
                self.title_lines.extend(_cell_text(v) for _, v in cells)
                continue
            values = self._row_values(row, columns)
            if not any(_cell_text(v) for v in values.values()):
                continue
            if section is None:
                section = self._default_section(sheet_section, values)
            elif "workstream" in columns.columns and _cell_text(values.get("workstream")):
                section = self._default_section(None, values)
            if "ref" in columns.columns:
                ref = _cell_text(values.get("ref"))
                starts_area = bool(ref)
            else:
                # No Ref column (the 2016 peer-challenge layout): a filled area cell starts
                # an area, its own numbering ("a.", "B.") serving as the ref.
                title = _cell_text(values.get("area"))
                starts_area = bool(title)
                ref = _leading_ref(title) or str(len(section.areas) + 1)
            if starts_area or area is None:
                area = AreaRows(ref=ref, sheet=sheet.name, has_ref=starts_area)
                section.areas.append(area)
            area.segments.append(RowSegment(row_number, values))

    @staticmethod
    def _is_data_row(row: tuple[object, ...], columns: ColumnMap) -> bool:
        # A lone cell under the action column (or another mapped column that is not the
        # first) is data of a continuing area, not a banner.
        ((index, _value),) = _non_empty(row)
        first = min(columns.columns.values())
        return index != first and index in columns.columns.values()

    @staticmethod
    def _row_values(row: tuple[object, ...], columns: ColumnMap) -> dict[str, object]:
        return {name: columns.get(row, name) for name in columns.columns}

    def _default_section(
        self, sheet_section: tuple[Tab, str] | None, values: dict[str, object]
    ) -> SectionRows:
        named = _cell_text(values.get("workstream"))
        if named:
            placed = tab_for_section(named)
            return self._section(*(placed or (Tab.UNASSIGNED, named)))
        if sheet_section is not None:
            return self._section(*sheet_section)
        return self._section(Tab.UNASSIGNED, "Unassigned")

    def finish(self, sheets: list[SheetData], mapping: dict[str, str]) -> Layout:
        if self.headers_seen == 0:
            raise _no_header_error(self.file_name, sheets, mapping)
        sections = [s for s in self.sections if s.areas]
        if not sections:
            raise PlanImportError(
                f"{self.file_name}: the header row was found but no rows of actions under it. "
                "Check that this is the action plan and that its rows are not hidden in "
                "another sheet."
            )
        return Layout(self.title_lines, sections, self.has_start_column)


def _candidate_headers(sheets: list[SheetData]) -> list[tuple[str, int, list[str]]]:
    """Rows that look like a header: several short text cells near the top of a sheet."""
    found = []
    for sheet in sheets:
        for row_number, row in enumerate(sheet.rows[:50], start=1):
            texts = [_cell_text(v) for v in row]
            short = [t for t in texts if t and len(t) <= 60 and not t[0].isdigit()]
            if len(short) >= 3:
                found.append((sheet.name, row_number, texts))
                break
    return found


def _no_header_error(
    file_name: str, sheets: list[SheetData], mapping: dict[str, str]
) -> HeaderNotRecognisedError:
    candidates = _candidate_headers(sheets)
    if mapping:
        wanted = ", ".join(f'{k}="{v}"' for k, v in mapping.items())
        message = (
            f"{file_name}: no row has all the headers given with --map ({wanted}). "
            "Check the spelling against the sheet's header row."
        )
    else:
        message = (
            f"{file_name}: no header row was recognised. The importer looks for columns "
            "such as Ref, Action, Lead and Deadline."
        )
    if candidates:
        sheet, row, texts = candidates[0]
        shown = ", ".join(f'"{_one_line(t)}"' for t in texts if t)
        message += (
            f" Row {row} of sheet '{sheet}' has {shown}: say which is which with "
            '--map, for example --map action="<header of the action column>".'
        )
    else:
        message += " No row in the workbook looks like a table header."
    return HeaderNotRecognisedError(message, candidates)


def _one_line(text: str, width: int = 40) -> str:
    """A cell's text fit for a one-line message: whitespace collapsed, long text cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def join_texts(parts: Iterable[object]) -> str:
    return "\n".join([t for t in map(_cell_text, parts) if t])


def cell_text(value: object) -> str:
    """A cell's value as text, the way the importer reads it."""
    return _cell_text(value)
