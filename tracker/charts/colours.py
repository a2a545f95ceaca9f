"""The colours the charts use: RAG in its own colours, statuses in calm ones.

The RAG colours are the window's (see ``tracker.ui.widgets.palette``); "Complete" is blue
and "not rated" grey, as in the board report's chart.
"""

from __future__ import annotations

RAG_COLOURS = {"R": "#c62828", "A": "#ef8f00", "G": "#2e7d32"}
COMPLETE_COLOUR = "#1f5fa8"
NOT_RATED_COLOUR = "#9e9e9e"
TEXT_ON = {"R": "#ffffff", "A": "#000000", "G": "#ffffff", "Complete": "#ffffff"}
STATUS_COLOURS = {
    "Not started": "#b0bec5",
    "In progress": "#4f8fd6",
    "Complete": COMPLETE_COLOUR,
    "On hold": "#8d6e63",
}
# The trend's keys, in the order they are stacked (worst at the bottom).
TREND_KEYS = ("R", "A", "G", "Complete", "None")
TREND_LABELS = {"R": "Red", "A": "Amber", "G": "Green", "Complete": "Complete", "None": "Not rated"}
TREND_COLOURS = {**RAG_COLOURS, "Complete": COMPLETE_COLOUR, "None": NOT_RATED_COLOUR}
AXIS_COLOUR = "#607080"
GRID_COLOUR = "#dde3ea"
FOCUS_COLOUR = "#1a1a1a"
