"""The text a filter searches, prepared once per row: every field, folded.

Fields are joined with newlines so a search cannot match across two of them. Folding is
casefolding plus plain ASCII for typographic punctuation (an en dash, curly quotes,
bullets), applied to the text and to what is typed alike: "-" finds "–", and the
prepared strings stay one byte a character (50,000 actions' worth is 15 MB, not 30).
An action's text leaves out the deadline cell it shares with its area: a match on the
area shows all its actions anyway.

People are found by each action's own leads, as its Lead column shows them. An area's
leads, and the lead cell as imported (which often heads every action's lines with the
area's board and chairs), name people who do not lead the action; were they searched,
typing one person's name would show every action of an area they chair, those led by
others too. A person filtering by a name wants the actions that person leads. The lead
cell is searched only for an action with no leads read from it, as the column then
shows that cell.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.ui.formatting import format_date, rag_label

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, AreaRow, WorkstreamInfo

_ASCII = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2022": "*", "\u2023": "*",
    "\u2043": "*", "\u25aa": "*", "\u25cf": "*", "\u2026": "...", "\u00a0": " ",
    "\u2009": " ", "\u202f": " ", "\u200b": "",
})  # fmt: skip


_TYPOGRAPHIC = re.compile("|".join(re.escape(chr(c)) for c in _ASCII))


def _plain(match: re.Match[str]) -> str:
    return match.group().translate(_ASCII)


def fold(text: str) -> str:
    """How text is compared: casefolded, typographic punctuation as plain ASCII."""
    folded = text.casefold()
    # Most text is plain ASCII; otherwise only the few typographic characters change
    # (a regex finds them far faster than translate() walks every character).
    return folded if folded.isascii() else _TYPOGRAPHIC.sub(_plain, folded)


def action_search_text(row: ActionRow, area: AreaRow | None = None) -> str:
    lead_text = "" if row.leads else row.lead_text
    deadline = (
        "" if area is not None and row.deadline_text == area.deadline_text else (row.deadline_text)
    )
    parts = (
        row.ref,
        row.text,
        "\n".join(row.leads),
        lead_text,
        deadline,
        row.status,
        rag_label(row.brag) if row.brag else "",
        format_date(row.start),
        format_date(row.due),
        format_date(row.revised_due),
        row.review_reason or "",
        row.latest_narrative,
        format_date(row.last_update),
        f"{row.percent}%",
    )
    return fold("\n".join(parts))


def area_search_text(row: AreaRow) -> str:
    parts = (
        row.ref,
        row.title,
        row.lead_in,
        row.deadline_text,
        row.what_has_changed,
        row.plans_in_place,
    )
    return fold("\n".join(parts))


def workstream_search_text(row: WorkstreamInfo) -> str:
    return fold(f"{row.tab}\n{row.title}")


def search_terms(text: str) -> tuple[str, ...]:
    """A query as the words that must all appear: ``"pip  June"`` -> ``("pip", "june")``."""
    return tuple(dict.fromkeys(fold(text).split()))
