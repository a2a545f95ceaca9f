"""Small rules of English shared by the CLI, the window and the exports."""

from __future__ import annotations


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """``1 action``, ``2 actions``: a number with its noun agreeing."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
