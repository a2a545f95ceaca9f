"""Splitting action cells into items, and reading the markers deadline/lead lines start with."""

from __future__ import annotations

import pytest

from tracker.parsing import Item, split_items
from tracker.parsing.markers import map_labels, read_label_prefix, roman_value

# Real action cells from the 2018 CQC local system review plan (seed 002 / fixture column E)
# and the 2016 peer-challenge plan (seed 003).
SPLIT_CASES = [
    pytest.param(
        "Implement the agreed governance arrangements for the Ageing Well Programme:\n"
        "i. BSoI Ageing Well and Later Life Portfolio Board\n"
        "ii. BSoI End of Life Workstream Board\n"
        "iii. Birmingham Older People's Partnership Group\n"
        "iv. Prevention Workstream Board\n"
        "v. Early Intervention Workstream Board\n"
        "vi. Ongoing Personalised Support Workstream Board\n"
        "vii. Agree ToR\n"
        "viii. Establish boards",
        "Implement the agreed governance arrangements for the Ageing Well Programme:",
        [("i", "roman"), ("ii", "roman"), ("iii", "roman"), ("iv", "roman"), ("v", "roman"),
         ("vi", "roman"), ("vii", "roman"), ("viii", "roman")],
        id="1.1 lead-in then i-viii (v is Roman after iv)",
    ),
    pytest.param(
        "Develop a multi-agency, system-wide approach to risk stratification:\n"
        "1. System wide session to be organised to include wider partners such as housing, "
        "fire, police, MH\n"
        "2. Review national best practice\n"
        "3. Agree scope, purpose and project plan \u2013 learning from best practice and current "
        "risk stratification tools\n"
        "4. Implement project plan",
        "Develop a multi-agency, system-wide approach to risk stratification:",
        [("1", "arabic"), ("2", "arabic"), ("3", "arabic"), ("4", "arabic")],
        id="2.1 lead-in then 1-4",
    ),
    pytest.param(
        "Develop a shared OD programme across the system to develop a collaborative culture "
        "and set of values and behaviours with a common purpose. To include:\n"
        "1. Building and sharing stories and success.\n"
        "2. Single team approach.",
        "Develop a shared OD programme across the system to develop a collaborative culture "
        "and set of values and behaviours with a common purpose. To include:",
        [("1", "arabic"), ("2", "arabic")],
        id="6.4 a lead-in that announces the list does not swallow it",
    ),
    pytest.param(
        "i) Translate 5 year strategy into year by year action plans \u2013 produce Year 1 plan "
        "for city-level workforce requirements\n"
        "ii) Undertake comprehensive workforce analysis of current/future needs in context "
        "of locality working\n"
        "iii) Develop Birmingham workforce/careforce strategy in context of locality working",
        "",
        [("i", "roman"), ("ii", "roman"), ("iii", "roman")],
        id="6.5 i) style",
    ),
    pytest.param(
        "i. Continue development of new IT solution for implementation 1 Oct 2018.",
        "",
        [("i", "roman")],
        id="4.4 a single marked action",
    ),
    pytest.param(
        "iii. Produce a shared short, sharp strategic statement for staff across the system\n"
        "iv. System leaders to visit front line teams across health and social care to share "
        "details of the vision for the system in Birmingham going forward.",
        "",
        [("iii", "roman"), ("iv", "roman")],
        id="1.3 second half of a split row starts at iii",
    ),
    pytest.param(
        "Development of a strategy for Commissioned Adult Social Care including changes to "
        "processes, systems and interfaces between Commissioning and Social Work teams",
        "",
        [("1", "none")],
        id="seed 003 B1 no markers",
    ),
    pytest.param(
        "• Permanent appointments to:\n"
        "    ◦ BCC CEO, BSoI CCG CEO & Executive, UHBFT CEO and Chair (post Merger)\n"
        "• Retirement planned of UHB CEO.\n"
        "• NHS Birmingham and Solihull CCG has appointed a substantive Chief Executive and "
        "Executive Team.\n"
        "• STP Refresh",
        "",
        [("1", "bullet"), ("2", "bullet"), ("3", "bullet"), ("4", "bullet")],
        id="bullets numbered by position, sub-bullet nested",
    ),
    pytest.param(
        "(i) Establish Directorate Savings Programme Board\n"
        "(ii) Review effectiveness of the Board prior to Peer Challenge 6 month visit",
        "",
        [("i", "roman"), ("ii", "roman")],
        id="(i) style",
    ),
    pytest.param(
        "a. Implement audit recommendations:\n"
        "i. Business Process Review - Care First to Voyager\n"
        "ii. Consultation with stakeholders\n"
        "b. Develop Benefits Cards for each budget savings line",
        "",
        [("a", "letter"), ("b", "letter")],
        id="Roman sub-items announced by a colon under lettered items",
    ),
    pytest.param(
        "i. Business Process Review - Care First to Voyager\n"
        "ii. Consultation with stakeholders\n"
        "iii. Review of Cost Centre structure and associated control totals/hierarchies\n"
        "iv. Improve data quality\n"
        "v. Placement Panel Impact\n"
        "vi. System Redesign & Implementation",
        "",
        [("i", "roman"), ("ii", "roman"), ("iii", "roman"), ("iv", "roman"), ("v", "roman"),
         ("vi", "roman")],
        id="seed 003 A3 i-vi",
    ),
    pytest.param(
        "a. MDT with 7 day working\n"
        "b. Quick response in a crisis\n"
        "c. Home and bed-based enablement\n"
        "d. Website restructured.\n"
        "e. Review national best practice\n"
        "f. Implement project plan\n"
        "g. Agree ToR\n"
        "h. Establish boards\n"
        "i. Audit of current engagement activity\n"
        "j. Mobilize locality exemplars.",
        "",
        [(chr(ord("a") + n), "letter") for n in range(10)],
        id="letter i after h is a letter, not Roman one",
    ),
    pytest.param(
        "i.\nAgree ToR\nii.\nEstablish boards",
        "",
        [("i", "roman"), ("ii", "roman")],
        id="marker alone on its line, text below",
    ),
    pytest.param("", "", [], id="empty cell"),
    pytest.param("   \n  ", "", [], id="blank cell"),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "lead_in", "labels"), SPLIT_CASES)
def test_split_items_labels_and_lead_in(cell: str, lead_in: str, labels: list[tuple[str, str]]):
    result = split_items(cell)
    assert result.lead_in == lead_in
    assert [(item.label, item.kind) for item in result.items] == labels


NESTED_CASES = [
    pytest.param(
        "i. Business case to BCC Cabinet for external support for the Early Intervention "
        "Workstream\n"
        "ii. Establish Early Intervention Workstream Board\n"
        "iii. Delivery of place-based pilot to design an integrated pathway for intermediate "
        "services with a one-team approach. To include the following components:\n"
        "    a. MDT with 7 day working\n"
        "    b. Quick response in a crisis\n"
        "    c. Home and bed-based enablement \u2013 with a focus on getting people home",
        2,
        "Delivery of place-based pilot to design an integrated pathway for intermediate "
        "services with a one-team approach. To include the following components:\n"
        "a. MDT with 7 day working\n"
        "b. Quick response in a crisis\n"
        "c. Home and bed-based enablement \u2013 with a focus on getting people home",
        id="3.2 iii keeps its indented a.-c. components",
    ),
    pytest.param(
        "• The Health & Wellbeing Operations Group (14 May) were tasked to:\n"
        "◦ Identify individuals from the wider health & social care system to co-produce "
        "specific areas of the JSNA.\n"
        "◦ Identify key documents from the wider health & social care system that should be "
        "included in the JSNA website.\n"
        "• First draft of Annual Report for June 2018.",
        0,
        "The Health & Wellbeing Operations Group (14 May) were tasked to:\n"
        "◦ Identify individuals from the wider health & social care system to co-produce "
        "specific areas of the JSNA.\n"
        "◦ Identify key documents from the wider health & social care system that should be "
        "included in the JSNA website.",
        id="◦ under • stays inside even without indentation",
    ),
    pytest.param(
        "a. Implement audit recommendations:\n"
        "i. Business Process Review - Care First to Voyager\n"
        "ii. Consultation with stakeholders\n"
        "b. Develop Benefits Cards for each budget savings line",
        0,
        "Implement audit recommendations:\n"
        "i. Business Process Review - Care First to Voyager\n"
        "ii. Consultation with stakeholders",
        id="announced Roman sub-items keep their markers",
    ),
    pytest.param(
        "1. Mobilise new contracts including commencing annual monitoring visits and\n"
        "using quality to prioritise providers used by BCC.\n"
        "2. Retender for home support providers.",
        0,
        "Mobilise new contracts including commencing annual monitoring visits and\n"
        "using quality to prioritise providers used by BCC.",
        id="an unmarked line continues the item above",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "index", "text"), NESTED_CASES)
def test_split_items_keeps_components_in_item_text(cell: str, index: int, text: str):
    assert split_items(cell).items[index].text == text


def test_split_items_cell_without_markers_is_one_item():
    cell = "Approach to be agreed by September 2018"
    assert split_items(cell).items == [Item("1", "none", cell)]


@pytest.mark.parametrize(
    ("label", "value"),
    [("i", 1), ("iv", 4), ("v", 5), ("viii", 8), ("ix", 9), ("x", 10), ("xiv", 14),
     ("iiii", None), ("vx", None), ("iix", None), ("a", None), ("", None)],
)  # fmt: skip
def test_roman_value(label: str, value: int | None):
    assert roman_value(label) == value


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("i. August 2018", (("i",), "August 2018")),
        ("1. Sept 18", (("1",), "Sept 18")),
        ("i) Sept 2018", (("i",), "Sept 2018")),
        ("(ii) Pip Mayo", (("ii",), "Pip Mayo")),
        ("ii) & iii) TBC", (("ii", "iii"), "TBC")),
        ("ii)-iv) End July 2018", (("ii", "iii", "iv"), "End July 2018")),
        ("1.-3. Sept 18", (("1", "2", "3"), "Sept 18")),
        ("Further deadlines TBC.", None),
        ("End of July18", None),
        ("01.06.18", None),
        ("2019/20", None),
        ("1st June", None),
        ("5 year strategy has been developed but not well communicated or embedded.", None),
    ],
)
def test_read_label_prefix(line: str, expected: tuple[tuple[str, ...], str] | None):
    assert read_label_prefix(line) == expected


@pytest.mark.parametrize(
    ("groups", "labels", "expected"),
    [
        ([["i"], ["ii", "iii"]], ["i", "ii", "iii"], [[0], [1, 2]]),
        ([["i"], ["ii"], ["iii"]], ["1", "2", "3"], [[0], [1], [2]]),  # style differs: by position
        ([["1"], ["2"]], ["i", "ii"], [[0], [1]]),
        ([["iv"]], ["1", "2", "3"], [[]]),  # nothing to match
    ],
)
def test_map_labels(groups: list[list[str]], labels: list[str], expected: list[list[int]]):
    assert map_labels(groups, labels) == expected
