"""Finding the action plan inside a workbook's cells: the table, its sections and rows.

Plans arrive in many layouts. The original CQC plan has one sheet, a banner row per
section and the header row repeated wherever the printed table broke across a page; the
2016 peer-challenge plan has Recommendation / Activity / Start Date / Completion date /
Lead columns; task lists from partners are "Project Plan" templates (Task / Owner / Due
Date / Status) or MS Project exports (ID / Task Name / Outline Level / Start / Finish /
Resource Names). So every sheet is read for a header row recognised by its wording (or
mapped by the user), each sheet's table is scored by its rows that hold an action with a
date or an owner, and the best table wins (with any other sheets that repeat its header:
a sheet per section). Sections come from the plan itself: banner rows, sheet names, a
Workstream or Theme column, lettered recommendations, or the top of a WBS or outline
tree (:mod:`~tracker.importing.table_tree` groups rows into areas). Rows that cannot be
placed go to a visible "Unassigned" workstream, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from tracker.errors import PlanImportError
from tracker.importing.header_words import (
    FIELD_LABELS,
    FIELD_WORDINGS,
    FIELDS,
    LONGEST_HEADER,
    WEAK_WORDINGS,
    field_for_header,
    field_for_header_words,
    header_key,
    normalise_header,
)
from tracker.importing.layout_rows import (
    AreaRows,
    DataRow,
    RowSegment,
    cell_text,
    join_texts,
)
from tracker.importing.plan_draft import TableChoice
from tracker.importing.section_names import (
    NO_SECTION,
    UNASSIGNED,
    familiar_section,
    is_generic_sheet_name,
    section_for,
)
from tracker.importing.table_tree import group_areas
from tracker.importing.workbook_file import SheetData

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "FIELD_WORDINGS",
    "AreaRows",
    "ColumnMap",
    "HeaderNotRecognisedError",
    "Layout",
    "RowSegment",
    "SectionRows",
    "TableChoice",
    "cell_text",
    "check_mapping",
    "find_layout",
    "join_texts",
    "normalise_header",
    "tab_for_section",
]

_MIN_HEADER_FIELDS = 2
_MIN_LOOSE_FIELDS = 3


def tab_for_section(text: str) -> tuple[str, str] | None:
    """The familiar tab and title of a well-known section title, or None (kept for
    callers that ask only about the familiar names; any section gets a tab from
    :func:`~tracker.importing.section_names.section_for`)."""
    return familiar_section(text)


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
class SectionRows:
    tab: str
    title: str
    areas: list[AreaRows] = field(default_factory=list)

    @property
    def unassigned(self) -> bool:
        return self.tab == UNASSIGNED


@dataclass
class Layout:
    """The plan as found in the sheets, before any cell is interpreted."""

    title_lines: list[str]
    sections: list[SectionRows]
    has_start_column: bool
    sheets_used: list[str] = field(default_factory=list)
    # "sheet 'Tasks', rows 2-40" for each sheet used.
    rows_used: list[str] = field(default_factory=list)
    header_row: int = 0
    columns: tuple[str, ...] = ()  # the fields the table has
    unused_columns: list[str] = field(default_factory=list)  # headers nothing was read from
    tables: list[TableChoice] = field(default_factory=list)  # every table found, best first
    # (sheet, 1-based row) of data rows whose RAG cell is empty: its fill may carry it.
    empty_rag_cells: list[tuple[str, int]] = field(default_factory=list)
    rag_column: int | None = None


_NUMBERED_SECTION = re.compile(r"^\s*(section\s+)?\d+(\s*[a-z]\))?[.):]?\s+\S", re.I)
_RECOMMENDATION = re.compile(r"^\s*([A-Z])[.)]\s+\S")


def _non_empty(row: tuple[object, ...]) -> list[tuple[int, object]]:
    return [(i, v) for i, v in enumerate(row) if cell_text(v)]


def _header_fields(row: tuple[object, ...], *, loose: bool = False) -> dict[str, int]:
    """The fields a row's cells name. ``loose`` (a sheet's first header only) also reads
    longer headers by their words; a row read that way needs three fields to count."""
    found: dict[str, int] = {}
    by_words = False
    for index, value in enumerate(row):
        if not isinstance(value, str) or len(value) > LONGEST_HEADER:
            continue
        name = field_for_header(value)
        if name is None and loose:
            name = field_for_header_words(value)
            by_words |= name is not None
        if name is None:
            continue
        if name not in found:
            found[name] = index
        elif name == "action" and "area" not in found:
            # Two action columns ("Activities" then "Tasks"): the first names the parent
            # rows, the areas; the second holds the actions beneath them.
            found["area"] = found["action"]
            found["action"] = index
    if by_words and len(found) < _MIN_LOOSE_FIELDS:
        return {}
    return found


def _mapped_header_fields(
    row: tuple[object, ...], mapping: Mapping[str, str]
) -> dict[str, int] | None:
    """Columns named by the user's --map, plus any recognised wording for the rest."""
    by_text = {normalise_header(v): i for i, v in enumerate(row) if cell_text(v)}
    mapped = {}
    for name, header in mapping.items():
        index = by_text.get(normalise_header(header))
        if index is None:
            return None
        mapped[name] = index
    recognised = {
        k: v for k, v in _header_fields(row).items() if v not in mapped.values() and k not in mapped
    }
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


@dataclass
class _SheetTable:
    """One sheet's table as read, before it is chosen and grouped."""

    sheet: SheetData
    header_row: int
    columns: dict[str, int]
    header_texts: list[str]
    title_lines: list[str]
    rows: list[DataRow]
    weak: bool  # the action column's wording also heads lookup lists
    header_cells: int = 0  # filled cells of the header row, dates and numbers included

    @cached_property
    def header_keys(self) -> tuple[str, ...]:
        """The header as compared, to know it again where it repeats."""
        found = [header_key(t) for t in self.header_texts]
        while found and not found[-1]:
            found.pop()
        return tuple(found)

    # Read once the sheet is read: a table's rows do not change after that.
    @cached_property
    def action_rows(self) -> int:
        return sum(1 for r in self.rows if cell_text(r.values.get("action")))

    @cached_property
    def qualifying_rows(self) -> int:
        """Rows with action text and a date or an owner: what a plan's rows look like."""
        return sum(
            1
            for r in self.rows
            if cell_text(r.values.get("action"))
            and any(cell_text(r.values.get(f)) for f in ("deadline", "start", "lead"))
        )

    @cached_property
    def score(self) -> float:
        qualifying = self.qualifying_rows
        if self.weak and not qualifying:
            return 0.0
        base = qualifying + 0.1 * self.action_rows
        recognised = len(self.columns)
        unrecognised = self.header_cells - recognised
        if unrecognised > 2 * recognised + 5:
            base /= 4  # a Gantt drawing: a column per week beside a copy of the tasks
        if not self.sheet.visible:
            base /= 2
        return base * (1 + recognised)

    def header_signature(self) -> tuple[str, ...]:
        return tuple(sorted(self.columns))


def _read_sheet(sheet: SheetData, mapping: dict[str, str]) -> _SheetTable | None:
    """The sheet's table: its first header row, then every row below it."""
    columns: dict[str, int] | None = None
    table: _SheetTable | None = None
    title_lines: list[str] = []
    section: tuple[str, str] | None = None
    pending: tuple[str, str] | None = None
    run = 0
    # A lone cell in the action column reads as a banner ("Phase 1: Planning") when rows
    # follow it, but a task with nothing else filled in when another banner or the end
    # of the table comes next: then it is put back as a row, never lost.
    lone_task: DataRow | None = None
    for row_number, row in enumerate(sheet.rows, start=1):
        cells = _non_empty(row)
        if not cells:
            continue
        if mapping:
            fields = _mapped_header_fields(row, mapping)
        elif table is not None and _same_header(row, table.header_keys):
            fields = table.columns  # the first header repeated (a page break)
        else:
            fields = _header_fields(row, loose=columns is None)
        if fields and _is_header(fields):
            # A header row: the first fixes the table, a repeat (a page break in the
            # printed plan) changes nothing and the area above may continue.
            columns = fields
            if table is None:
                texts = [cell_text(v) if isinstance(v, str) else "" for v in row]
                weak = header_key(row[fields["action"]]) in WEAK_WORDINGS
                table = _SheetTable(
                    sheet, row_number, fields, texts, title_lines, [], weak, len(cells)
                )
            if pending is not None:
                section, pending = pending, None
                run += 1
            continue
        if len(cells) == 1 and (columns is None or not _is_data_row(row, columns)):
            text = cell_text(cells[0][1])
            if columns is None:
                familiar = familiar_section(text)
                if familiar is None:
                    title_lines.append(text)
                else:
                    pending = familiar
                continue
            if lone_task is not None and table is not None:
                table.rows.append(lone_task)
            lone_task = None
            if cells[0][0] == columns.get("action") and table is not None:
                values = {name: (row[i] if i < len(row) else None) for name, i in columns.items()}
                lone_task = DataRow(row_number, values, section, run)
            section = section_for(text)
            run += 1
            continue
        if columns is None or table is None:
            title_lines.extend(cell_text(v) for _, v in cells)
            continue
        values = {name: (row[i] if i < len(row) else None) for name, i in columns.items()}
        if not any(cell_text(v) for v in values.values()):
            continue
        opens = False
        named = cell_text(values.get("workstream"))
        if named:
            if section != section_for(named):
                section = section_for(named)
                run += 1
        elif "ref" not in columns and _RECOMMENDATION.match(cell_text(values.get("area"))):
            # A capital-lettered recommendation beside its first activity ("B. Strengthen
            # ..." | "B1. ..."): the recommendation is a section, and an area of itself.
            section = section_for(cell_text(values.get("area")))
            run += 1
            opens = True
            if not cell_text(values.get("action")):
                continue  # the recommendation alone on its row: a banner
        lone_task = None
        table.rows.append(DataRow(row_number, values, section, run, opens))
    if lone_task is not None and table is not None:
        table.rows.append(lone_task)
    return table


def _same_header(row: tuple[object, ...], header_keys: tuple[str, ...]) -> bool:
    """Is the row the first header again? Cell by cell, stopping at the first difference
    (most rows differ in their first cells: this runs for every row of the table)."""
    if len(row) < len(header_keys) or any(row[len(header_keys) :]):
        return False
    for value, key in zip(row, header_keys, strict=False):
        if not key:
            if value not in (None, ""):
                return False
        elif not isinstance(value, str) or len(value) > LONGEST_HEADER or header_key(value) != key:
            return False
    return True


def _is_data_row(row: tuple[object, ...], columns: dict[str, int]) -> bool:
    # A lone cell under the action column (or another mapped column that is not the
    # first) is data of a continuing area, not a banner. So is a parent row's text alone
    # in an area column with no Ref beside it ("Improve discharge" above its tasks),
    # unless it reads as a section: a familiar title or a numbered one.
    ((index, value),) = _non_empty(row)
    first = min(columns.values())
    if index != first and index in columns.values():
        return True
    if index == columns.get("area") and "ref" not in columns:
        text = cell_text(value)
        return familiar_section(text) is None and not _NUMBERED_SECTION.match(text)
    return False


def find_layout(
    sheets: list[SheetData],
    file_name: str,
    mapping: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> Layout:
    """Score every sheet's table, keep the best (and the sheets repeating its header),
    and group its rows into sections and areas. ``sheet`` names the table to use."""
    mapping = dict(mapping or {})
    check_mapping(mapping)
    tables = [t for t in (_read_sheet(s, mapping) for s in sheets) if t is not None]
    if not tables:
        raise _no_header_error(file_name, sheets, mapping)
    ranked = sorted(tables, key=lambda t: -t.score)
    if sheet is not None:
        chosen = [t for t in tables if t.sheet.name == sheet]
        if not chosen:
            names = ", ".join(f"'{t.sheet.name}'" for t in ranked)
            raise PlanImportError(
                f"{file_name}: the sheet '{sheet}' holds no table of actions. "
                f"Choose one of: {names}."
            )
    else:
        best = ranked[0]
        if best.score == 0 and not best.action_rows:
            raise _no_rows_error(file_name)
        signature = best.header_signature()
        chosen = [
            t
            for t in tables
            if t is best or (t.header_signature() == signature and t.score > 0 and best.score > 0)
        ]
    if not any(t.action_rows or t.rows for t in chosen):
        raise _no_rows_error(file_name)

    sections: list[SectionRows] = []
    several = len(chosen) > 1
    for table in chosen:
        sheet_section = _sheet_section(table.sheet.name, several)
        for key, areas in group_areas(table.rows, table.columns, table.sheet.name, sheet_section):
            _section_of(sections, key).areas.extend(areas)
    sections = [s for s in sections if s.areas]
    if not sections:
        raise _no_rows_error(file_name)
    _unique_tabs(sections)
    first = chosen[0]
    rag_column = first.columns.get("rag")
    empty_rag = (
        [
            (t.sheet.name, r.row_number)
            for t in chosen
            for r in t.rows
            if cell_text(r.values.get("action")) and not cell_text(r.values.get("rag"))
        ]
        if rag_column is not None
        else []
    )
    used = set(first.columns.values())
    return Layout(
        title_lines=first.title_lines,
        sections=sections,
        has_start_column=any("start" in t.columns for t in chosen),
        sheets_used=[t.sheet.name for t in chosen],
        rows_used=[_rows_used(t) for t in chosen],
        header_row=first.header_row,
        columns=tuple(first.columns),
        unused_columns=[t for i, t in enumerate(first.header_texts) if t and i not in used],
        tables=[
            TableChoice(t.sheet.name, t.header_row, t.action_rows, round(t.score, 1))
            for t in ranked
            if t.action_rows
        ],
        empty_rag_cells=empty_rag,
        rag_column=rag_column,
    )


def _rows_used(table: _SheetTable) -> str:
    numbers = [r.row_number for r in table.rows]
    span = f"rows {numbers[0]}-{numbers[-1]}" if numbers else "no rows"
    return f"sheet '{table.sheet.name}', header in row {table.header_row}, {span}"


def _sheet_section(name: str, several: bool) -> tuple[str, str]:
    """The section of rows that no banner places: the sheet's own name, unless it is a
    name a program gave (Sheet1) on the only sheet used."""
    if several or not is_generic_sheet_name(name):
        return section_for(name)
    return NO_SECTION, NO_SECTION


def _section_of(sections: list[SectionRows], key: tuple[str, str]) -> SectionRows:
    for section in sections:
        if (section.tab, section.title) == key:
            return section
    section = SectionRows(*key)
    sections.append(section)
    return section


def _unique_tabs(sections: list[SectionRows]) -> None:
    """Two different long titles cut to the same tab name get a number each; the
    familiar tabs (the three Enablers sections) stay shared."""
    by_tab: dict[str, list[str]] = {}
    for section in sections:
        if section.unassigned or familiar_section(section.title) is not None:
            continue
        titles = by_tab.setdefault(section.tab, [])
        if section.title not in titles:
            titles.append(section.title)
    for tab, titles in by_tab.items():
        if len(titles) < 2:
            continue
        for section in sections:
            if section.tab == tab and section.title in titles:
                section.tab = f"{tab} ({titles.index(section.title) + 1})"


def _no_rows_error(file_name: str) -> PlanImportError:
    return PlanImportError(
        f"{file_name}: the header row was found but no rows of actions under it. "
        "Check that this is the action plan and that its rows are not hidden in "
        "another sheet."
    )


def _candidate_headers(sheets: list[SheetData]) -> list[tuple[str, int, list[str]]]:
    """Rows that look like a header: several short text cells near the top of a sheet."""
    found = []
    for sheet in sheets:
        for row_number, row in enumerate(sheet.rows[:50], start=1):
            texts = [cell_text(v) for v in row]
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
