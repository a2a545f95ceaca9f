"""Grouping a table's rows into sections and areas, by the hierarchy the data shows.

- An Outline Level column (MS Project) or WBS numbers in the Ref column (1, 1.1, 1.1.1):
  a row with deeper rows beneath it is a parent. The nearest parent of a task is its area;
  with two or more levels of parents the top one is its section.
- A Ref column of plain numbers (S.No 1, 2, 3) with no area column: one area, the numbers
  the actions' labels.
- A Ref column: each ref starts an area, a row with an empty Ref continues the one above
  (the 2018 plan's layout).
- An area column (Recommendation, or an Activities column with Tasks beneath): a filled
  cell starts an area, its own numbering serving as the ref.
- Neither: a plain task list, one area per section, an action a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.importing.layout_rows import AreaRows, DataRow, RowSegment, cell_text, leading_ref
from tracker.importing.section_names import UNASSIGNED, section_for

SectionKey = tuple[str, str]
Grouped = list[tuple[SectionKey, list[AreaRows]]]

_WBS = re.compile(r"^\d+(?:\.\d+)*\.?$")
_PLAIN_ID = re.compile(r"^\d+$")


def group_areas(
    rows: list[DataRow], columns: dict[str, int], sheet: str, sheet_section: SectionKey
) -> Grouped:
    """The table's areas in order, each under the key (tab, title) of its section."""
    has_sections = any(r.section is not None for r in rows)

    def key_of(row: DataRow) -> SectionKey:
        if row.section is not None:
            return row.section
        return (UNASSIGNED, UNASSIGNED) if has_sections else sheet_section

    depths = _outline_depths(rows) if "outline" in columns else None
    if depths is None and "ref" in columns:
        depths = _wbs_depths(rows)
    if depths is not None:
        return _tree(rows, sheet, depths, key_of, has_sections)
    if "ref" in columns and "area" not in columns and _plain_ids(rows):
        return _flat(rows, sheet, key_of, labelled=True)
    if "ref" in columns or "area" in columns:
        return _by_area_cells(rows, "ref" in columns, sheet, key_of)
    return _flat(rows, sheet, key_of, labelled=False)


class _Groups:
    """Areas in order, each under its section key."""

    def __init__(self) -> None:
        self.grouped: Grouped = []

    def add(self, key: SectionKey, area: AreaRows) -> None:
        if self.grouped and self.grouped[-1][0] == key:
            self.grouped[-1][1].append(area)
        else:
            self.grouped.append((key, [area]))

    def count(self, key: SectionKey) -> int:
        return sum(len(areas) for k, areas in self.grouped if k == key)


def _segment(row: DataRow, label: str = "") -> RowSegment:
    return RowSegment(row.row_number, row.values, label)


def _by_area_cells(
    rows: list[DataRow],
    has_ref_column: bool,
    sheet: str,
    key_of: Callable[[DataRow], SectionKey],
) -> Grouped:
    groups = _Groups()
    area: AreaRows | None = None
    current: tuple[SectionKey, int] | None = None
    last_title = ""
    for row in rows:
        key = key_of(row)
        if (key, row.run) != current:
            current, area, last_title = (key, row.run), None, ""
        if has_ref_column:
            ref = cell_text(row.values.get("ref"))
            # The same ref on the next row (a copy that gives each action a row of its
            # own) continues the area.
            starts = bool(ref) and not (area is not None and area.has_ref and ref == area.ref)
        else:
            # No Ref column (the 2016 peer-challenge layout): a filled area cell starts
            # an area, its own numbering ("a.", "B.") serving as the ref; the same text
            # repeated on the next row continues it.
            title = cell_text(row.values.get("area"))
            starts = bool(title) and title != last_title
            last_title = title or last_title
            ref = leading_ref(title) or str(groups.count(key) + 1)
        if starts or area is None:
            area = AreaRows(ref=ref, sheet=sheet, has_ref=starts)
            groups.add(key, area)
        area.segments.append(_segment(row))
    return groups.grouped


def _flat(
    rows: list[DataRow], sheet: str, key_of: Callable[[DataRow], SectionKey], *, labelled: bool
) -> Grouped:
    groups = _Groups()
    area: AreaRows | None = None
    current: tuple[SectionKey, int] | None = None
    for row in rows:
        key = key_of(row)
        if (key, row.run) != current or area is None:
            current = (key, row.run)
            area = AreaRows(ref="", sheet=sheet, title="", row_per_action=True)
            groups.add(key, area)
        label = cell_text(row.values.get("ref")) if labelled else ""
        area.segments.append(_segment(row, label))
    return groups.grouped


def _plain_ids(rows: list[DataRow]) -> bool:
    refs = [cell_text(r.values.get("ref")) for r in rows]
    filled = [r for r in refs if r]
    return (
        bool(filled)
        and len(filled) == len(refs)
        and all(_PLAIN_ID.match(r) for r in filled)
        and len(set(filled)) == len(filled)
    )


def _outline_depths(rows: list[DataRow]) -> list[int] | None:
    found: list[int | None] = []
    for row in rows:
        value = row.values.get("outline")
        try:
            found.append(int(float(cell_text(value))))
        except ValueError:
            found.append(None)
    known = [d for d in found if d is not None]
    if len(known) < max(2, len(rows) // 2) or len(set(known)) < 2:
        return None
    return _fill_gaps(found)


def _wbs_depths(rows: list[DataRow]) -> list[int] | None:
    refs = [cell_text(r.values.get("ref")).rstrip(".") for r in rows]
    numbered = {r for r in refs if _WBS.match(r)}
    filled = [r for r in refs if r]
    if not filled or len(numbered) < 0.6 * len(filled):
        return None
    # A tree only when some number's parent is itself a row: the 2018 plan's 1.1, 1.2 ...
    # with no row "1" are areas of one level, not a WBS.
    if not any(r.rsplit(".", 1)[0] in numbered for r in numbered if "." in r):
        return None
    return _fill_gaps([r.count(".") + 1 if r in numbered else None for r in refs])


def _fill_gaps(found: list[int | None]) -> list[int]:
    """A row with no level of its own is a sibling of the row above it."""
    depths: list[int] = []
    previous = min((d for d in found if d is not None), default=1)
    for depth in found:
        previous = depth if depth is not None else previous
        depths.append(previous)
    return depths


def _tree(
    rows: list[DataRow],
    sheet: str,
    depths: list[int],
    key_of: Callable[[DataRow], SectionKey],
    has_sections: bool,
) -> Grouped:
    groups = _Groups()
    stack: list[tuple[int, DataRow]] = []
    areas: dict[int, AreaRows] = {}  # by the parent row's number
    loose: dict[tuple[SectionKey, int], AreaRows] = {}
    for index, row in enumerate(rows):
        depth = depths[index]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if index + 1 < len(rows) and depths[index + 1] > depth:
            stack.append((depth, row))
            continue
        parents = [parent for _depth, parent in stack]
        if not has_sections and len(parents) >= 2:
            key = section_for(cell_text(parents[0].values.get("action")))
        else:
            key = key_of(row)
        label = cell_text(row.values.get("ref")).rstrip(".")
        if parents:
            parent = parents[-1]
            area = areas.get(parent.row_number)
            if area is None:
                area = AreaRows(
                    ref=cell_text(parent.values.get("ref")).rstrip("."),
                    sheet=sheet,
                    title=cell_text(parent.values.get("action")),
                    row_per_action=True,
                )
                areas[parent.row_number] = area
                groups.add(key, area)
        else:
            area = loose.get((key, row.run))
            if area is None:
                area = AreaRows(ref="", sheet=sheet, title="", row_per_action=True)
                loose[key, row.run] = area
                groups.add(key, area)
        area.segments.append(_segment(row, label))
    return groups.grouped
