"""Matching the lines of a real deadline cell to the actions of its row."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parsing import ActionDeadline, align_deadlines
from tracker.parsing.align import NOTHING_FOR_ACTION, PHASES, _align_by_rules
from tracker.parsing.deadlines import TBC

D = date
ROMAN_8 = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
YEAR_2018 = "Year not given; assumed 2018 from the rest of the plan"

# (deadline cell, action labels, [(text, start, due, reason) per action])
CASES = [
    pytest.param(
        "End of June 2018 for all actions except ii)\nEnd of July18",
        ROMAN_8,
        [("End of June 2018 for all actions except ii)", None, D(2018, 6, 30), None)] * 1
        + [("End of July18", None, D(2018, 7, 31), None)]
        + [("End of June 2018 for all actions except ii)", None, D(2018, 6, 30), None)] * 6,
        id="1.1 all except ii, then the exception",
    ),
    pytest.param(
        "i. July 2018\nFurther deadlines TBC.",
        ["i", "ii", "iii"],
        [("July 2018", None, D(2018, 7, 31), None),
         ("Further deadlines TBC.", None, None, TBC),
         ("Further deadlines TBC.", None, None, TBC)],
        id="1.2 an unmarked line covers the rest",
    ),
    pytest.param(
        "i. August 2018\nii. April 2019\niii. August 2018\niv. Sept/Oct 2018",
        ["i", "ii", "iii", "iv"],
        [("August 2018", None, D(2018, 8, 31), None),
         ("April 2019", None, D(2019, 4, 30), None),
         ("August 2018", None, D(2018, 8, 31), None),
         ("Sept/Oct 2018", D(2018, 9, 1), D(2018, 10, 31), None)],
        id="1.3 joined over a page break",
    ),
    pytest.param(
        "1. Sept 18\n2. Sept 18\n3. Oct 18\n4. From Nov 18",
        ["1", "2", "3", "4"],
        [("Sept 18", None, D(2018, 9, 30), None),
         ("Sept 18", None, D(2018, 9, 30), None),
         ("Oct 18", None, D(2018, 10, 31), None),
         ("From Nov 18", D(2018, 11, 1), None, "Open-ended: has a start date but no due date")],
        id="2.1 arabic markers",
    ),
    pytest.param(
        "i) Sept 2018\nii) & iii) TBC",
        ["i", "ii", "iii"],
        [("Sept 2018", None, D(2018, 9, 30), None),
         ("ii) & iii) TBC", None, None, TBC),
         ("ii) & iii) TBC", None, None, TBC)],
        id="6.5 one line for two actions keeps the whole line",
    ),
    pytest.param(
        "i. Process mapping event complete\nii. New CSU provider to take over contract on "
        "1st June\niii. End April 2019",
        ["i", "ii", "iii"],
        [("Process mapping event complete", None, None, "No date in the deadline text"),
         ("New CSU provider to take over contract on 1st June", None, D(2018, 6, 1), YEAR_2018),
         ("End April 2019", None, D(2019, 4, 30), None)],
        id="4.3 dates inside sentences and a missing year",
    ),
    pytest.param(
        "October 2018",
        ["i"],
        [("October 2018", None, D(2018, 10, 31), None)],
        id="4.4 one action, one line",
    ),
    pytest.param(
        "Jan-17",
        ["i", "ii"],
        [("Jan-17", None, D(2017, 1, 31), None)] * 2,
        id="seed 003 one unmarked line applies to every action",
    ),
    pytest.param(
        "Approach to be agreed by September 2018\n"
        "Implementation from September 2018 through until November 2019",
        ["1", "2"],
        [("Approach to be agreed by September 2018\n"
          "Implementation from September 2018 through until November 2019",
          None, None, PHASES)] * 2,
        id="6.4 phases of the programme are not split by order",
    ),
    pytest.param(
        "i. Jan-17\nii. Mar-17\niii. Feb-17",
        ["1", "2", "3"],
        [("Jan-17", None, D(2017, 1, 31), None),
         ("Mar-17", None, D(2017, 3, 31), None),
         ("Feb-17", None, D(2017, 2, 28), None)],
        id="Roman deadlines against arabic actions match by position",
    ),
    pytest.param(
        "• End July 2018\n• End Sept 2018",
        ["i", "ii"],
        [("End July 2018", None, D(2018, 7, 31), None),
         ("End Sept 2018", None, D(2018, 9, 30), None)],
        id="bullets align by order when the counts match",
    ),
    pytest.param(
        "i. Dec 2018\nii. Dec 2018",
        ["i", "ii", "iii"],
        [("Dec 2018", None, D(2018, 12, 31), None),
         ("Dec 2018", None, D(2018, 12, 31), None),
         ("", None, None, NOTHING_FOR_ACTION)],
        id="an action nothing applies to",
    ),
    pytest.param(
        "",
        ["i", "ii"],
        [("", None, None, NOTHING_FOR_ACTION)] * 2,
        id="empty cell",
    ),
    pytest.param(
        "ii)-iv) End July 2018\ni) End August 2018",
        ["i", "ii", "iii", "iv"],
        [("End August 2018", None, D(2018, 8, 31), None)]
        + [("ii)-iv) End July 2018", None, D(2018, 7, 31), None)] * 3,
        id="a marker range",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "labels", "expected"), CASES)
def test_align_deadlines(cell: str, labels: list[str], expected: list[tuple]):
    result = align_deadlines(cell, labels, base_year=2018)
    assert result == [ActionDeadline(*row) for row in expected]


def test_one_result_per_label_even_without_labels():
    assert align_deadlines("July 2018", []) == []


# Deadline cells written for the action labels, one line each, so the one-line-per-action
# fast path is taken often; a changed case, a second label, a missing marker or a repeated
# action label make it decline often too.
_LABEL = st.sampled_from(["i", "ii", "iii", "iv", "1", "2", "a", "b"])
_DEADLINE = st.sampled_from(["July 2018", "End Sept 19", "TBC", "", "2019/20", "except ii)"])


@st.composite
def _labels_and_cell(draw: st.DrawFn) -> tuple[list[str], str]:
    labels = draw(st.lists(_LABEL, min_size=1, max_size=5))
    lines = []
    for label in labels:
        marker = draw(st.sampled_from([label, label, label.upper(), "", draw(_LABEL)]))
        after = draw(st.sampled_from([". ", ") ", ") & ii) ", ")-iii) ", "."]))
        lines.append(f"{marker}{after}{draw(_DEADLINE)}" if marker else draw(_DEADLINE))
    lines = draw(st.sampled_from([lines, lines, lines[:-1], [*lines, "Further TBC"]]))
    return labels, "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(_labels_and_cell())
def test_one_line_per_action_fast_path_agrees_with_the_general_rules(
    labels_and_cell: tuple[list[str], str],
):
    labels, cell = labels_and_cell
    texts = [line.strip() for line in cell.splitlines() if line.strip()]
    assert align_deadlines(cell, labels, base_year=2018) == _align_by_rules(texts, labels, 2018)
