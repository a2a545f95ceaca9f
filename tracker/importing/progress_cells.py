"""Reading a hand-kept copy's current position: Status, RAG, % complete and Comments.

A programme office's own copy of a plan says where each action stands: a RAG column
(letters, words, or only the cell's fill colour; "B" or Blue means complete), status words
("Completed", "On track", "Delayed"), a % complete typed as 0.5, 50 or "50%", and a
Comments or Latest update column. These become the action's first update, obeying the
domain's rules (Complete means 100%). A word the rules have no place for is kept in the
update's narrative, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain import Rag, Status

COMPLETE_RAG = "B"  # blue: done

_STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        (
            "complete", "completed", "done", "closed", "finished", "achieved", "delivered",
            "implemented", "complete closed", "blue",
        ),
        Status.COMPLETE,
    ),
    **dict.fromkeys(
        (
            "in progress", "on track", "ongoing", "on going", "started", "underway",
            "under way", "in hand", "progressing", "active", "delayed", "behind",
            "behind schedule", "at risk", "overdue", "slipped", "late", "wip",
            "work in progress", "on target", "off track", "partially complete",
            "partially completed", "in train",
        ),
        Status.IN_PROGRESS,
    ),
    **dict.fromkeys(
        (
            "not started", "not yet started", "planned", "to do", "todo", "not due",
            "not yet due", "open", "new", "pending", "scheduled", "future", "yet to start",
        ),
        Status.NOT_STARTED,
    ),
    **dict.fromkeys(
        ("on hold", "paused", "deferred", "suspended", "hold", "postponed", "parked"),
        Status.ON_HOLD,
    ),
}  # fmt: skip

_RAG_WORDS = {
    "r": "R", "red": "R", "a": "A", "amber": "A", "orange": "A", "yellow": "A",
    "g": "G", "green": "G", "b": COMPLETE_RAG, "blue": COMPLETE_RAG, "complete": COMPLETE_RAG,
    "completed": COMPLETE_RAG, "a g": "A", "amber green": "A", "r a": "R", "red amber": "R",
}  # fmt: skip
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*$")


@dataclass(frozen=True)
class Progress:
    """An action's position as read: always a status; the rest when the sheet gave it."""

    status: str
    rag: str | None
    percent: int
    narrative: str
    review_reason: str | None = None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def read_rag(text: str) -> str | None:
    """ "G", "Green", "amber/green", "B" (complete) -> R, A, G or B; None if not a rating."""
    return _RAG_WORDS.get(_key(text))


def rag_from_fill(rgb: str) -> str | None:
    """A cell's fill colour (hex "RRGGBB" or "AARRGGBB") as R, A, G or B, or None."""
    digits = rgb.strip().lstrip("#")
    if len(digits) == 8:
        digits = digits[2:]
    if len(digits) != 6:
        return None
    try:
        red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return None
    high, low = max(red, green, blue), min(red, green, blue)
    if high - low < 60 or high < 120:
        return None  # white, grey or black: no rating
    if blue == high and blue - red > 40:
        return COMPLETE_RAG
    if red == high and green < 0.45 * red:
        return "R"
    if red == high and green >= 0.45 * red:
        return "A"
    if green == high:
        return "G"
    return None


def read_percent(value: object, *, fractions: bool) -> int | None:
    """0.5 (when the column holds fractions), 50 or "50%" -> 50; None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value) * (100 if fractions else 1)
    else:
        text = str(value)
        match = _PERCENT.match(text)
        if match is None:
            return None
        number = float(match.group(1))
        if "%" not in text and fractions:
            number *= 100
    if not 0 <= number <= 100:
        return None
    return round(number)


def is_fraction_column(values: list[object]) -> bool:
    """Excel keeps 50% as 0.5: a column whose every number is at most 1 holds fractions."""
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return bool(numbers) and all(0 <= v <= 1 for v in numbers)


def read_progress(
    status_text: str,
    rag_text: str,
    fill_rag: str | None,
    percent_value: object,
    note: str,
    *,
    fractions: bool,
) -> Progress | None:
    """The position a row records, or None when it records none."""
    percent_text = "" if percent_value is None else str(percent_value).strip()
    if not (status_text or rag_text or fill_rag or percent_text or note):
        return None
    reasons: list[str] = []
    extra: list[str] = []
    rag = read_rag(rag_text) if rag_text else fill_rag
    if rag_text and rag is None:
        reasons.append(f"the RAG rating '{rag_text}' was not understood")
        extra.append(f"RAG: {rag_text}")
    status: Status | None = None
    if status_text:
        status = _STATUS_WORDS.get(_key(status_text))
        if status is None and read_rag(status_text) is not None:
            rag = rag or read_rag(status_text)  # a status column holding RAG letters
        elif status is None:
            reasons.append(f"the status '{status_text}' was not understood")
        if status is None or _key(status_text) != status.value.casefold():
            extra.append(f"Status: {status_text}")
    percent = read_percent(percent_value, fractions=fractions) if percent_text else None
    if percent_text and percent is None:
        reasons.append(f"the % complete '{percent_text}' was not understood")
        extra.append(f"% complete: {percent_text}")
    if rag == COMPLETE_RAG:
        status, rag = Status.COMPLETE, None
    if status is None:
        if percent == 100:
            status = Status.COMPLETE
        elif (percent or 0) > 0 or rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            status = Status.IN_PROGRESS
        else:
            status = Status.NOT_STARTED
    if status is Status.COMPLETE:
        percent = 100  # the domain's rule: complete is 100%
    narrative = "\n".join([*extra, note] if note else extra)
    return Progress(status.value, rag, percent or 0, narrative, "; ".join(reasons) or None)
