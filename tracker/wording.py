"""Small rules of English shared by the CLI, the window and the exports."""

from __future__ import annotations


def count_text(count: int) -> str:
    """A count as people read it: ``1,234`` (every count shown goes through here)."""
    return f"{count:,}"


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """``1 action``, ``1,234 actions``: a number with its noun agreeing."""
    return f"{count_text(count)} {singular if count == 1 else plural or singular + 's'}"
