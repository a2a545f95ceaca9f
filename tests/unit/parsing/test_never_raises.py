"""No cell text, however odd, makes a parser raise: the import must always finish."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parsing import align_deadlines, parse_deadline, parse_leads, split_items

# Fragments of real cells, so generated text hits the interesting branches (markers,
# month names, ranges, brackets) far more often than random characters would.
FRAGMENTS = [
    "i.", "ii)", "(iii)", "iv.", "v.", "x.", "1.", "2)", "a.", "b)", "•", "◦", "-", "*",
    "ii) & iii)", "ii)-iv)", "except ii)", "End of", "July18", "Sept/Oct", "2019/20", "Q3",
    "2018/19", "From", "Nov 18", "1st June", "31/2/19", "01.06.18", "TBC", "Ongoing", "\u2013",
    "(", ")", ":", "/", ",", " and ", "&", "SRO", "co-chairs", "Operational leads:",
    "Graeme Betts", "Board", "O'Connor", "\n", "    ", " ", "May", "Dec-16", "Winter",
    "29 Feb 2019", "00/00/00", "Q9 2018", "9999", "2019-18",
]  # fmt: skip
fragment = st.sampled_from(FRAGMENTS) | st.text(max_size=5)
# Cells are lines of "indent, marker, text"; half the generated cells are built that way so
# that empty items, markers on their own and odd nesting come up often.
line = st.tuples(
    st.sampled_from(["", "", "  ", "    "]),
    st.sampled_from(
        ["", "i. ", "ii. ", "iii) ", "1. ", "2. ", "a. ", "b. ", "\u2022 ", "i.", "x. "]
    ),
    st.lists(fragment, max_size=4).map("".join),
).map("".join)
cell_text = st.lists(fragment, max_size=25).map("".join) | st.lists(line, max_size=8).map("\n".join)
labels = st.lists(st.sampled_from(["i", "ii", "iii", "1", "2", "a", "x"]), max_size=6)


@settings(max_examples=300, deadline=None)
@given(cell_text, labels, st.none() | st.integers(min_value=1990, max_value=2099))
def test_parsers_never_raise(cell: str, action_labels: list[str], base_year: int | None):
    split_items(cell)
    parse_deadline(cell, base_year=base_year)
    result = align_deadlines(cell, action_labels, base_year=base_year)
    assert len(result) == len(action_labels)
    leads = parse_leads(cell, action_labels)
    assert leads.per_action is None or len(leads.per_action) == len(action_labels)


@settings(max_examples=300, deadline=None)
@given(cell_text)
def test_a_deadline_without_a_due_date_always_says_why(cell: str):
    result = parse_deadline(cell, base_year=2018)
    assert result.due is not None or result.review_reason
