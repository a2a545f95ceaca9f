"""Matching the lines of a deadline cell to the actions of the same row.

A deadline cell serves every action in the row, and people write it many ways: one line
per marked action ("ii. April 2019"), one line for several ("ii) & iii) TBC"), a line for
"all actions except ii)" followed by the exception, one date for everything, or several
unmarked lines describing phases of the whole programme. ``align_deadlines`` decides
which text belongs to which action and parses each with ``parse_deadline``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from tracker.parsing.deadlines import parse_deadline
from tracker.parsing.markers import map_labels, read_bullet, read_label_prefix

NOTHING_FOR_ACTION = "No deadline given for this action"
PHASES = "Deadline lines do not say which action they belong to; check and set the due date"

# "End of June 2018 for all actions except ii)": the markers after the keyword name the
# actions the line does NOT apply to.
# A lone letter only counts with its bracket or dot, so "except a few" names no action.
_MARK = r"\(?(?:[ivx]{1,6}[.)]?|\d{1,3}[.)]?|[a-z][.)])"
_EXCEPT = re.compile(
    r"\b(?:except|apart from|other than|excluding)\b\s*(?:for\s+)?(?:actions?\s+)?"
    rf"(?P<marks>{_MARK}(?:\s*(?:,|&|\band\b)\s*{_MARK})*)(?!\w)",
    re.I,
)
_EXCEPT_MARK = re.compile(r"\(?(?P<label>[ivx]{1,6}|\d{1,3}|[a-z])[.)]?", re.I)


class ActionDeadline(NamedTuple):
    """The deadline text that applies to one action, and the dates read from it.

    Immutable, so one can be shared by every action with the same deadline line; a named
    tuple because a big import makes one per action.
    """

    text: str
    start: date | None
    due: date | None
    review_reason: str | None


@dataclass(slots=True)
class _Line:
    text: str  # as written, shown to the user
    parse: str  # what the dates are read from (markers stripped)
    targets: list[int] | None  # action indexes named by markers, None when unmarked
    excepted: list[int] | None  # action indexes an "except" line leaves out


def align_deadlines(
    cell: str, labels: list[str], *, base_year: int | None = None
) -> list[ActionDeadline]:
    """One ``ActionDeadline`` per label, in order, from the row's deadline cell."""
    if not labels:
        return []
    texts = [line.strip() for line in (cell or "").splitlines() if line.strip()]
    own_lines = _one_line_per_action(texts, labels)
    if own_lines is not None:
        # The usual cell, "i. July 2018" for i., "ii. TBC" for ii., ...: each line is its
        # action's deadline. The general rules give the same, only slower.
        return [_deadline(rest, rest, base_year) for rest in own_lines]
    return _align_by_rules(texts, labels, base_year)


def _align_by_rules(
    texts: list[str], labels: list[str], base_year: int | None
) -> list[ActionDeadline]:
    """Any deadline cell: marked lines, "except" lines, wrapped lines, unmarked lines."""
    lines = _read_lines(texts, labels)

    if all(line.targets is None and line.excepted is None for line in lines):
        return _unmarked(texts, labels, base_year)

    shown: list[list[str]] = [[] for _ in labels]
    parsed: list[list[str]] = [[] for _ in labels]
    covered: set[int] = set()
    pending: list[int] | None = None  # the actions an "except" line left for the next line
    last: list[int] = []

    def assign(indexes: list[int], line: _Line) -> None:
        nonlocal last
        for index in indexes:
            shown[index].append(line.text)
            parsed[index].append(line.parse)
        covered.update(indexes)
        last = indexes

    for line in lines:
        if line.targets is not None:
            assign(line.targets, line)
        elif line.excepted is not None:
            assign(
                [i for i in range(len(labels)) if i not in line.excepted and i not in covered], line
            )
            pending = [i for i in line.excepted if i not in covered]
        elif pending:
            assign(pending, line)
            pending = None
        elif uncovered := [i for i in range(len(labels)) if i not in covered]:
            # "Further deadlines TBC." after "i. July 2018": it is about the rest.
            assign(uncovered, line)
        else:
            # Every action already has its line, so this one wraps the line above.
            for index in last:
                shown[index][-1] += "\n" + line.text
                parsed[index][-1] += "\n" + line.parse

    return [
        _deadline("\n".join(shown[i]), "\n".join(parsed[i]), base_year)
        if shown[i]
        else ActionDeadline("", None, None, NOTHING_FOR_ACTION)
        for i in range(len(labels))
    ]


def _one_line_per_action(texts: list[str], labels: list[str]) -> list[str] | None:
    """The text after each line's marker when line n is marked with exactly the label of
    action n and the labels are all different (as ``map_labels`` would find), else None."""
    if len(texts) != len(labels):
        return None
    prefixes = list(map(read_label_prefix, texts))
    if None in prefixes:
        return None
    marks = [prefix[0] for prefix in prefixes if prefix is not None]
    lowered = [label.lower() for label in labels]
    # Labels are nearly always written alike in both cells; compare exactly first.
    if marks != [(label,) for label in labels] and [
        tuple(mark.lower() for mark in marked) for marked in marks
    ] != [(label,) for label in lowered]:
        return None
    if len(set(lowered)) != len(lowered):
        return None  # a repeated label means its first action: the general rules decide
    return [prefix[1] for prefix in prefixes if prefix is not None]


def _read_lines(texts: list[str], labels: list[str]) -> list[_Line]:
    """Classify each line: marked (and for which actions), "except", or plain."""
    prefixes = [read_label_prefix(text) for text in texts]
    excepts = [
        _EXCEPT.search(text) if prefix is None else None
        for text, prefix in zip(texts, prefixes, strict=True)
    ]
    # Marker labels of the whole cell are matched in one go, so the choice between
    # "spelled like the actions" and "numbered in another style" is made once per cell.
    groups: list[Sequence[str]] = [prefix[0] for prefix in prefixes if prefix is not None]
    groups += [_except_labels(match) for match in excepts if match is not None]
    mapped = iter(map_labels(groups, labels))
    marked = [next(mapped) if prefix is not None else None for prefix in prefixes]
    excepted = [next(mapped) if match is not None else None for match in excepts]

    lines = []
    for text, prefix, targets, left_out in zip(texts, prefixes, marked, excepted, strict=True):
        if prefix is not None and targets:
            # One action: the text after the marker; several: the whole line as written.
            shown = prefix[1] if len(targets) == 1 else text
            lines.append(_Line(shown, prefix[1], targets, None))
        elif left_out:
            lines.append(_Line(text, text, None, left_out))
        else:
            # A marker matching no action is read as a plain line rather than dropped.
            lines.append(_Line(text, text, None, None))
    return lines


def _except_labels(match: re.Match[str]) -> list[str]:
    return [mark["label"] for mark in _EXCEPT_MARK.finditer(match["marks"])]


def _unmarked(texts: list[str], labels: list[str], base_year: int | None) -> list[ActionDeadline]:
    """A cell with no markers: one line for all, bullets in order, or programme phases."""
    if not texts:
        return [ActionDeadline("", None, None, NOTHING_FOR_ACTION) for _ in labels]
    bullets = [read_bullet(text) for text in texts]
    if len(texts) == len(labels) > 1 and all(b is not None for b in bullets):
        return [_deadline(b or "", b or "", base_year) for b in bullets]
    whole = "\n".join(texts)
    if len(texts) == 1 or len(labels) == 1:
        return [_deadline(whole, whole, base_year) for _ in labels]
    # Several lines and nothing saying which action each is for: they describe stages of
    # the whole programme, and guessing an order would put wrong dates on actions.
    return [ActionDeadline(whole, None, None, PHASES) for _ in labels]


# A plan repeats its deadline lines ("i. End Sept 2019") across thousands of actions.
@lru_cache(maxsize=16384)
def _deadline(text: str, to_parse: str, base_year: int | None) -> ActionDeadline:
    result = parse_deadline(to_parse, base_year=base_year)
    return ActionDeadline(text, result.start, result.due, result.review_reason)
