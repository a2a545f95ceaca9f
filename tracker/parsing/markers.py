"""Item markers ("i.", "2)", "(a)", "•") and splitting an action cell into its items.

Action plans number their actions by hand inside one spreadsheet cell, one action a line.
This module reads those markers, decides which numbering scheme a cell uses, and splits the
cell into a lead-in sentence plus one ``Item`` per action. The helpers at the bottom
(``read_label_prefix``, ``map_labels``) are shared by the deadline and lead parsers, whose
cells refer back to the action labels ("ii) & iii) TBC", "1. Pip Mayo").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

ROMAN = "roman"
ARABIC = "arabic"
LETTER = "letter"
BULLET = "bullet"
NONE = "none"

# "-" is deliberately not a bullet: a wrapped line often starts with a dash that belongs
# to the sentence above ("Home and bed-based enablement - with a focus ...").
BULLET_CHARS = "•◦▪▫‣●○·*-"

# Roman labels are limited to i/v/x: plans never reach forty actions, and letting
# "c", "d", "l" or "m" be Roman would turn lettered sub-lists into numbers.
_LABEL = r"[ivxIVX]{1,6}|\d{1,3}|[a-zA-Z]"
_MARKER = rf"""
    (?:\((?P<paren>{_LABEL})\)           # (i)  (1)  (a)
      |(?P<label>{_LABEL})[.)]           # i.  i)  1.  1)  a.  a)
      |(?P<bullet>[{re.escape(BULLET_CHARS)}])
    )(?=\s|$)"""
_LINE_MARKER = re.compile(rf"^(?P<indent>[ \t]*){_MARKER}\s*(?P<rest>.*)$", re.VERBOSE)
# Every line of a cell at once, marked or not: one regex call per cell rather than one per
# line. Groups: indent, the line after its indent, paren, label, bullet, rest.
_CELL_LINES = re.compile(rf"^([ \t]*)((?:{_MARKER})?(?P<rest>.*))$", re.VERBOSE | re.MULTILINE)

# A line is "deeper" only when it is indented at least this much more than the first
# item: a stray single space is typing noise, the fixture's sub-lists use four spaces.
_NESTED_INDENT = 2

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def to_roman(number: int) -> str:
    """Lower-case Roman numeral for 1..39 (the only range markers use)."""
    tens, units = divmod(number, 10)
    unit_forms = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    return "x" * tens + unit_forms[units]


@lru_cache(maxsize=4096)
def roman_value(label: str) -> int | None:
    """Value of a canonical Roman numeral made of i/v/x ("iv" -> 4), else None ("iiii")."""
    text = label.lower()
    if not text or any(ch not in _ROMAN_VALUES for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    # Only the canonical spelling counts, so "iiv" or "vv" are not numerals.
    return total if 0 < total < 40 and to_roman(total) == text else None


def ordinal(label: str, kind: str) -> int | None:
    """Position a label stands for in a list of the given kind ("iii"/roman -> 3)."""
    if kind == ROMAN:
        return roman_value(label)
    if kind == ARABIC:
        return int(label) if label.isdigit() else None
    if kind == LETTER:
        return ord(label.lower()) - ord("a") + 1 if len(label) == 1 and label.isalpha() else None
    return None


def first_kind(label: str) -> str:
    """Kind of a list from its first label: a list starting at "i" or "v" is Roman."""
    if label.isdigit():
        return ARABIC
    if roman_value(label) is not None:
        return ROMAN
    return LETTER


class Item(NamedTuple):
    """One action of a cell: its marker label, the marker kind and its text.

    A named tuple rather than a frozen dataclass: a big import makes one per action, and
    a frozen dataclass takes three times as long to build.
    """

    label: str
    kind: str
    text: str


@dataclass(frozen=True)
class SplitCell:
    """An action cell split into the lead-in sentence and its items."""

    lead_in: str
    items: list[Item]


def _is_label(label: str) -> bool:
    """Whether a label is one: "xv" is, "ivx" is a word fragment that only looks like one."""
    return len(label) < 2 or label.isdigit() or roman_value(label) is not None


@dataclass(slots=True)
class _Draft:
    label: str
    kind: str
    lines: list[str]


def split_items(cell: str) -> SplitCell:
    """Split an action cell into its lead-in and one item per top-level marker.

    The first marker fixes the cell's numbering kind. Later markers of that kind, next in
    sequence and not indented deeper, start new items; anything else (deeper-indented lines,
    a different kind after an item ending with ":", bullets under numbers) stays inside the
    current item with its marker kept. A cell without markers is a single item.
    """
    lead: list[str] = []
    drafts: list[_Draft] = []
    top_kind = ""
    top_indent = 0
    top_bullet = ""
    previous = 0  # ordinal of the last top-level item, to check the sequence
    nested = False

    # Rejoined on "\n" so that the regex sees the same lines as str.splitlines() would.
    text = "\n".join((cell or "").splitlines())
    for indent, line, paren, label, bullet, rest in _CELL_LINES.findall(text):
        line = line.strip()
        if not line:
            continue
        label = paren or label
        if not (bullet or (label and _is_label(label))):
            (drafts[-1].lines if drafts else lead).append(line)  # no marker: more text
            continue
        width = len(indent.expandtabs(4)) if "\t" in indent else len(indent)
        rest = rest.strip()
        if not drafts:
            top_kind = BULLET if bullet else first_kind(label)
            top_indent, top_bullet = width, bullet
            previous = ordinal(label, top_kind) or 1
            drafts.append(_new_draft(label, rest, top_kind, 1))
            continue

        current = drafts[-1]
        deeper = width >= top_indent + _NESTED_INDENT
        # Does the marker continue the top-level list (allowing one skipped number)?
        if top_kind == BULLET or bullet:
            value = None
            fits = bullet == top_bullet
        else:
            value = ordinal(label, top_kind)
            fits = value is not None and previous < value <= previous + 2
        announced = bool(current.lines) and current.lines[-1].endswith(":")
        if deeper or (not fits and (nested or announced or bullet)):
            # A component of the current item: keep its marker so the text reads as written.
            current.lines.append(line)
            nested = True
            continue

        kind = top_kind if fits else _kind_in(label, top_kind)
        drafts.append(_new_draft(label, rest, kind, len(drafts) + 1))
        previous = (value if fits else ordinal(label, kind)) or previous + 1
        nested = False

    if not drafts:
        text = "\n".join(lead)
        return SplitCell("", [Item("1", NONE, text)] if text else [])
    items = [Item(d.label, d.kind, "\n".join(d.lines)) for d in drafts]
    return SplitCell("\n".join(lead), items)


def _new_draft(label: str, rest: str, kind: str, position: int) -> _Draft:
    # Bullets have no label of their own, so they are numbered by position.
    return _Draft(str(position) if kind == BULLET else label, kind, [rest] if rest else [])


def _kind_in(label: str, preferred: str) -> str:
    """Kind of a label, reading "i"/"v"/"x" the way the surrounding list does."""
    if preferred in (ROMAN, LETTER, ARABIC) and ordinal(label, preferred) is not None:
        return preferred
    return first_kind(label)


# --- markers in deadline and lead cells -----------------------------------------------

_TOKEN = r"\(?(?:[ivxIVX]{1,6}|\d{1,3}|[a-zA-Z])[.)]"
_TOKEN_SEP = r"\s*(?:&|\band\b|,|-|\u2013|\bto\b)\s*"
_PREFIX = re.compile(rf"^\s*(?P<tokens>{_TOKEN}(?:{_TOKEN_SEP}{_TOKEN})*)(?=\s|$)\s*(?P<rest>.*)$")
_TOKEN_PARTS = re.compile(
    rf"(?P<sep>{_TOKEN_SEP})?\(?(?P<label>[ivxIVX]{{1,6}}|\d{{1,3}}|[a-zA-Z])[.)]"
)
_RANGE_SEPS = {"-", "\u2013", "to"}


# Deadline and lead lines repeat across a plan ("i. July 2018"); each is read once, and
# the answer is immutable so every caller can share it.
@lru_cache(maxsize=16384)
def read_label_prefix(line: str) -> tuple[tuple[str, ...], str] | None:
    """Labels a deadline/lead line starts with, ranges expanded, and the rest of the line.

    "ii) & iii) TBC" -> (("ii", "iii"), "TBC"); "ii)-iv) July 2018" -> (("ii", "iii", "iv"),
    "July 2018"); "Further deadlines TBC." -> None.
    """
    match = _PREFIX.match(line)
    if match is None:
        return None
    labels: list[str] = []
    for part in _TOKEN_PARTS.finditer(match["tokens"]):
        label = part["label"]
        sep = (part["sep"] or "").strip().lower()
        if labels and sep in _RANGE_SEPS:
            labels.extend(_expand_range(labels[-1], label))
        labels.append(label)
    return tuple(labels), match["rest"].strip()


def _expand_range(first: str, last: str) -> list[str]:
    """Labels strictly between two range ends of the same kind ("ii", "v" -> iii, iv)."""
    kind = first_kind(first)
    if first_kind(last) != kind:
        kind = LETTER  # e.g. "c"-"i": Roman "i" cannot close a range that starts at "c"
    start, end = ordinal(first, kind), ordinal(last, kind)
    if start is None or end is None or end - start > 40:
        return []
    upper = first.isupper()
    between = range(start + 1, end)
    if kind == ROMAN:
        return [to_roman(n).upper() if upper else to_roman(n) for n in between]
    if kind == ARABIC:
        return [str(n) for n in between]
    base = ord("A") if upper else ord("a")
    return [chr(base + n - 1) for n in between]


def map_labels(groups: Sequence[Sequence[str]], labels: Sequence[str]) -> list[list[int]]:
    """For each group of marker labels, the indexes of the actions they refer to.

    Markers that spell the action labels match directly. Otherwise the cell numbers its
    lines in another style ("i, ii, iii" against actions "1, 2, 3") and markers match by
    position. A marker that fits neither way maps to nothing.
    """
    wanted: dict[str, int] = {}
    for index, label in enumerate(labels):
        wanted.setdefault(label.lower(), index)  # a repeated label means its first action
    lowered = [[label.lower() for label in group] for group in groups]
    if all(label in wanted for group in lowered for label in group):
        return [[wanted[label] for label in group] for group in lowered]
    used = [label for group in lowered for label in group]
    kind = _common_kind(used)
    result = []
    for group in groups:
        indexes = []
        for label in group:
            value = ordinal(label, kind or first_kind(label))
            if value is not None and 1 <= value <= len(labels):
                indexes.append(value - 1)
        result.append(indexes)
    return result


def _common_kind(labels: list[str]) -> str | None:
    for kind in (ARABIC, ROMAN, LETTER):
        if all(ordinal(label, kind) is not None for label in labels):
            return kind
    return None


def read_bullet(line: str) -> str | None:
    """Text after a leading bullet, or None when the line does not start with one."""
    match = _LINE_MARKER.match(line)
    return match["rest"].strip() if match is not None and match["bullet"] else None
