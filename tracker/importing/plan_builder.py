"""Turning the rows of a recognised layout into a plan draft.

The cell-level rules (how an action cell splits into items, how a deadline phrase reads,
who a lead cell names) live in :mod:`tracker.parsing`; this module only decides which
cells to feed them and stitches the answers into areas and actions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from tracker.importing.plan_draft import (
    ActionDraft,
    AreaDraft,
    PersonRoleDraft,
    PlanDraft,
    WorkstreamDraft,
)
from tracker.importing.plan_layout import AreaRows, Layout, cell_text, join_texts
from tracker.importing.progress_cells import is_fraction_column, read_progress
from tracker.parsing import (
    Item,
    align_deadlines,
    parse_deadline,
    parse_leads,
    plan_base_year,
    split_items,
)

NO_REF_REASON = "This row has no Ref; check which area it belongs to"
UNASSIGNED_REASON = "Not under any section of the plan; move it to the right workstream"

# An activity's own code at the start of its text: "A1. Establish ...", "D2) ...".
_ACTION_CODE = re.compile(r"^\s*([A-Z]{1,3}\d+(?:\.\d+)*[a-z]?)[.):]\s+(?=\S)")

# (sheet, 1-based row) -> R, A, G or B read from the RAG cell's fill colour.
Fills = Mapping[tuple[str, int], str]


class _Position:
    """Reads each row's Status, RAG, % complete and Comments cells."""

    def __init__(self, layout: Layout, fills: Fills) -> None:
        self.fills = fills
        segments = [
            segment
            for section in layout.sections
            for area in section.areas
            for segment in area.segments
        ]
        self.wanted = bool(fills) or bool(
            {"status", "rag", "percent", "comments"} & set(layout.columns)
        )
        self.fractions = is_fraction_column([s.values.get("percent") for s in segments])
        self.note_fractions = is_fraction_column([s.values.get("comments") for s in segments])

    def apply(self, action: ActionDraft, sheet: str, segment_rows: list) -> None:
        if not self.wanted:
            return  # the table has no position columns: nothing to read
        for segment in segment_rows:
            values = segment.values
            percent, note = values.get("percent"), values.get("comments")
            note_value = note
            if "percent" not in values and _looks_like_percent(note):
                percent, note = note, None  # a "Progress" column holding 50% or 0.5
            progress = read_progress(
                cell_text(values.get("status")),
                cell_text(values.get("rag")),
                self.fills.get((sheet, segment.row_number)),
                percent,
                cell_text(note),
                fractions=self.note_fractions if percent is note_value else self.fractions,
            )
            if progress is None:
                continue
            action.status, action.rag, action.percent = (
                progress.status,
                progress.rag,
                progress.percent,
            )
            action.progress_note = progress.narrative
            if progress.review_reason:
                action.review_reasons.append(progress.review_reason)
            return


def _looks_like_percent(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return 0 <= value <= 100
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{1,3}(\.\d+)?\s*%\s*", value))


def build_plan_draft(
    layout: Layout,
    *,
    name: str,
    source_file: str,
    source_sha256: str,
    fills: Fills | None = None,
) -> PlanDraft:
    base_year = plan_base_year(
        cell_text(segment.values.get("deadline"))
        for section in layout.sections
        for area in section.areas
        for segment in area.segments
    )
    draft = PlanDraft(
        name=name,
        source_file=source_file,
        source_sha256=source_sha256,
        sheets_used=list(layout.sheets_used),
        rows_used=list(layout.rows_used),
        unused_columns=list(layout.unused_columns),
        tables=list(layout.tables),
    )
    position = _Position(layout, fills or {})
    for section in layout.sections:
        workstream = WorkstreamDraft(tab=str(section.tab), title=section.title)
        for rows in section.areas:
            area = _build_area(rows, base_year, position)
            if section.unassigned:
                for action in area.actions:
                    action.review_reasons.append(UNASSIGNED_REASON)
            workstream.areas.append(area)
        draft.workstreams.append(workstream)
    return draft


def _joined(rows: AreaRows, field: str) -> str:
    segments = rows.segments
    if len(segments) == 1:  # most areas are one row
        return cell_text(segments[0].values.get(field))
    return join_texts(segment.values.get(field) for segment in segments)


def _describe_source(rows: AreaRows) -> str:
    numbers = [s.row_number for s in rows.segments]
    where = f"row {numbers[0]}" if len(numbers) == 1 else "rows " + ", ".join(map(str, numbers))
    return f"sheet '{rows.sheet}', {where}"


def _build_area(rows: AreaRows, base_year: int | None, position: _Position) -> AreaDraft:
    area = AreaDraft(
        ref=rows.ref,
        title=rows.title if rows.title is not None else _joined(rows, "area"),
        what_has_changed=_joined(rows, "changed"),
        plans_in_place=_joined(rows, "plans"),
        lead_text=_joined(rows, "lead"),
        deadline_text=_joined(rows, "deadline"),
        source=_describe_source(rows),
    )
    splits = [split_items(cell_text(s.values.get("action"))) for s in rows.segments]
    coded = any(_ACTION_CODE.match(cell_text(s.values.get("action"))) for s in rows.segments)
    one_action_per_row = (
        rows.row_per_action
        or coded
        or (
            len(splits) > 1
            and all(
                len(s.items) <= 1 and (not s.items or s.items[0].kind == "none") for s in splits
            )
        )
    )
    if one_action_per_row:
        _fill_row_per_action(area, rows, base_year, position)
    else:
        _fill_from_joined_cells(area, rows, splits, base_year)
        for action in area.actions:
            position.apply(action, rows.sheet, rows.segments)
    if not rows.has_ref:
        for action in area.actions:
            action.review_reasons.append(NO_REF_REASON)
    return area


def _merge_items(area: AreaDraft, splits: list) -> list[Item]:
    """Items of every row of the area in order; text before the first marker of a later
    row continues the item the previous row ended with (a page break mid-item)."""
    items: list[Item] = []
    for index, split in enumerate(splits):
        if split.lead_in:
            if index == 0 or not items:
                area.lead_in = "\n".join(t for t in (area.lead_in, split.lead_in) if t)
            else:
                last = items[-1]
                items[-1] = Item(last.label, last.kind, f"{last.text}\n{split.lead_in}")
        items.extend(i for i in split.items if i.text or i.kind != "none")
    return items


def _fill_from_joined_cells(
    area: AreaDraft, rows: AreaRows, splits: list, base_year: int | None
) -> None:
    items = _merge_items(area, splits)
    labels = [item.label for item in items]
    deadlines = align_deadlines(area.deadline_text, labels, base_year=base_year)
    leads = parse_leads(area.lead_text, labels)
    area.leads = [PersonRoleDraft(p.name, p.role) for p in leads.area_leads]
    area_lead_names = [p.name for p in leads.area_leads]
    real_dates = _real_dates(rows, "deadline")
    starts = _real_dates(rows, "start")
    # A real Excel date in the deadline (or start) cell applies to all the area's actions.
    one_due = real_dates[0] if len(real_dates) == 1 else None
    one_start = starts[0] if len(starts) == 1 else None
    per_action = leads.per_action or [()] * len(items)
    names_nobody = bool(area.lead_text) and not area_lead_names and not any(per_action)
    for item, deadline, own in zip(items, deadlines, per_action, strict=True):
        if one_due is not None:
            due, deadline_text, reasons = one_due, one_due.isoformat(), []
        else:
            due, deadline_text = deadline.due, deadline.text
            reasons = [deadline.review_reason] if deadline.review_reason else []
        area.actions.append(
            ActionDraft(
                item.label,
                item.text,
                deadline_text,
                area.lead_text,
                one_start if one_start is not None else deadline.start,
                due,
                list(own) if own else list(area_lead_names),
                not own and bool(area_lead_names),
                reasons
                + ([f"The lead '{area.lead_text}' names nobody yet"] if names_nobody else []),
            )
        )


def _fill_row_per_action(
    area: AreaDraft, rows: AreaRows, base_year: int | None, position: _Position
) -> None:
    """Layouts like the 2016 peer-challenge plan and task lists: each row is one activity
    with its own start date, completion date and lead. Its label is its own code (a WBS
    number, an ID, "A1." at the start of its text), else its place in the area."""
    number = 0
    for segment in rows.segments:
        text = cell_text(segment.values.get("action"))
        if not text:
            continue
        number += 1
        label = segment.label
        code = _ACTION_CODE.match(text)
        if code is not None:
            label = label or code.group(1)
            text = text[code.end() :]
        action = ActionDraft(label=label or str(number), text=text)
        position.apply(action, rows.sheet, [segment])
        due_value = segment.values.get("deadline")
        action.due, action.deadline_text, reason = _read_date_cell(due_value, base_year)
        if reason:
            action.review_reasons.append(reason)
        start_value = segment.values.get("start")
        if cell_text(start_value):
            action.start, _text, _reason = _read_date_cell(start_value, base_year, first=True)
        lead_cell = cell_text(segment.values.get("lead"))
        action.lead_text = lead_cell
        leads = parse_leads(lead_cell, [action.label])
        own = leads.per_action[0] if leads.per_action else []
        action.leads = list(own) or [p.name for p in leads.area_leads]
        if lead_cell and not action.leads:
            action.review_reasons.append(f"The lead '{lead_cell}' names nobody yet")
        for person in leads.area_leads:
            if person.name not in {p.name for p in area.leads}:
                area.leads.append(PersonRoleDraft(person.name, person.role))
        area.actions.append(action)


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _real_dates(rows: AreaRows, field: str) -> list[date]:
    found = [_as_date(s.values.get(field)) for s in rows.segments]
    return [d for d in found if d is not None]


def _read_date_cell(
    value: object, base_year: int | None, *, first: bool = False
) -> tuple[date | None, str, str | None]:
    """A date column's cell: a real Excel date, or a phrase to parse."""
    real = _as_date(value)
    if real is not None:
        return real, real.isoformat(), None
    text = cell_text(value)
    parsed = parse_deadline(text, base_year=base_year)
    when = parsed.due
    if first:
        when = parsed.start or _month_start(text, parsed.due)
    return when, text, parsed.review_reason


def _month_start(text: str, due: date | None) -> date | None:
    """A start column's "Dec-16" means the first of the month, not the last: unless the
    text names the day, move the parsed date back to the 1st."""
    if due is None or re.search(rf"(?<!\d)0?{due.day}(?!\d)", text):
        return due
    return due.replace(day=1)
