"""Pure text parsing for action-plan cells: action items, deadlines and leads.

Everything here works on plain strings from a spreadsheet cell and returns small frozen
dataclasses; there is no Qt, database or file access, so the rules can be tested with
tables of real phrases. Where a cell cannot be read with confidence the result says why
(``review_reason``) instead of guessing.
"""

from __future__ import annotations

from tracker.parsing.align import ActionDeadline, align_deadlines
from tracker.parsing.deadlines import DeadlineParse, parse_deadline, plan_base_year
from tracker.parsing.leads import LeadAssignment, PersonRole, parse_leads
from tracker.parsing.markers import Item, SplitCell, split_items

__all__ = [
    "ActionDeadline",
    "DeadlineParse",
    "Item",
    "LeadAssignment",
    "PersonRole",
    "SplitCell",
    "align_deadlines",
    "parse_deadline",
    "parse_leads",
    "plan_base_year",
    "split_items",
]
