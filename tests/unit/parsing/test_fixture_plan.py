"""The whole 2018 CQC local system review plan, checked against the fixture README.

The action (E), lead (F) and deadline (G) cells are copied by hand from the original
plan (resources/cqc-lsr-action-plan-2018.xlsx, the fixture the app ships); area 1.3's two
rows are joined with "\\n" as the importer does. The expectations are the fixture
README's table, row by row.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.parsing import align_deadlines, parse_leads, plan_base_year, split_items

D = date

# ref -> (action cell, lead cell, deadline cell)
PLAN: dict[str, tuple[str, str, str]] = {
    "1.1": (
        "Implement the agreed governance arrangements for the Ageing Well Programme:\n"
        "i. BSoI Ageing Well and Later Life Portfolio Board\n"
        "ii. BSoI End of Life Workstream Board\n"
        "iii. Birmingham Older People's Partnership Group\n"
        "iv. Prevention Workstream Board\n"
        "v. Early Intervention Workstream Board\n"
        "vi. Ongoing Personalised Support Workstream Board\n"
        "vii. Agree ToR\n"
        "viii. Establish boards",
        "Birmingham Older People's Partnership Group "
        "(Graeme Betts and Karen Helliwell \u2013 co-chairs)",
        "End of June 2018 for all actions except ii)\nEnd of July18",
    ),
    "1.2": (
        "i. Mutually agree Terms of Reference for HWBB and STP Board.\n"
        "ii. Establish regular reporting from STP Board to HWBB\n"
        "iii. Review workplan of HWBB and Overview and Scrutiny in the context of Ageing Well "
        "Programme",
        "Rachel O'Connor for STP\nWayne Harrison for HWB",
        "i. July 2018\nFurther deadlines TBC.",
    ),
    "1.3": (
        "i. Development of BSoL Strategic Statement for Ageing Well and Later Life\n"
        "ii. Develop Birmingham Ageing Well Strategy \u2013 to incorporate the delivery framework "
        "and model.\n"
        "iii. Produce a shared short, sharp strategic statement for staff across the system\n"
        "iv. System leaders to visit front line teams across health and social care to share "
        "details of the vision for the system in Birmingham going forward.",
        "BSoI Ageing Well Portfolio Board:\nPaul Jennings/ Graeme Betts\n"
        "i. Louise Collett\nii. Pip Mayo\niii. June Marshall\n"
        "iv. Dawn Baxendale/ Paul Jennings/ Richard Kirby/ Dame Julie Moore",
        "i. August 2018\nii. April 2019\niii. August 2018\niv. Sept/Oct 2018",
    ),
    "2.1": (
        "Develop a multi-agency, system-wide approach to risk stratification:\n"
        "1. System wide session to be organised to include wider partners such as housing, "
        "fire, police, MH\n"
        "2. Review national best practice\n"
        "3. Agree scope, purpose and project plan \u2013 learning from best practice and current "
        "risk stratification tools\n"
        "4. Implement project plan",
        "Ageing Well Prevention Workstream\nGraeme Betts \u2013 SRO\n"
        "Operational Leads: Wayne Harrison/ Dennis Wilkes/ Mike Walsh/ Simon Doble\n"
        "Clinical lead - Will Taylor",
        "1. Sept 18\n2. Sept 18\n3. Oct 18\n4. From Nov 18",
    ),
    "2.2": (
        "1. Website restructured.\n"
        "2. Health & Wellbeing Operations Group to identify key individuals from the wider "
        "health & social care system to take joint editorial responsibility for specific "
        "sections of the JSNA to ensure relevant reports (such as the current work on "
        "predicting demand) are identified for inclusion and the content is kept up to date.\n"
        "3. Annual Report completed and published to website.",
        "Ageing Well Prevention Workstream\nGraeme Betts \u2013 SRO\n"
        "Operational Lead: Wayne Harrison \u2013 Public Health",
        "1. June 18\n2. August 18\n3. August 18",
    ),
    "3.1": (
        "i. Business case to BCC Cabinet for external support for the Early Intervention "
        "workstream and planning for locality based enablement pilot.\n"
        "ii. Locality pilot to commence\n"
        "iii. City wide projects to be identified.",
        "Ageing Well Early Intervention Workstream\nAndrew McKirgan - SRO\n"
        "Operational Leads: Mark Lobban/Judith Davis",
        "i. June 2018\nii. Sept 2018\niii. October 2018",
    ),
    "3.2": (
        "i. Business case to BCC Cabinet for external support for the Early Intervention "
        "Workstream\n"
        "ii. Establish Early Intervention Workstream Board\n"
        "iii. Delivery of place-based pilot to design an integrated pathway for intermediate "
        "services with a one-team approach. To include the following components:\n"
        "    a. MDT with 7 day working\n"
        "    b. Quick response in a crisis\n"
        "    c. Home and bed-based enablement \u2013 with a focus on getting people home",
        "Ageing Well Early Intervention Workstream\nAndrew McKirgan (SRO)\n"
        "Operational Leads: Mark Lobban/Judith Davis",
        "i. June 2018\nii. June 2018\niii. Sept 2018 \u2013 March 2019",
    ),
    "4.1": (
        "1. The system needs to develop a robust and shared vision of personalisation to "
        "underpin transformation (wider than personal budgets/direct payments) as part of "
        "Ageing Well Strategy formulation.\n"
        "2. Undertake analysis of reasons why citizens have declined the offer of direct "
        "payments\n"
        "3. Develop personalisation offer for Health and Social Care in the context of "
        "locality working.",
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational leads:\n1. Pip Mayo\n2. Pauline Mugridge\n3. Richard Kirby",
        "1. End August 2018\n2. End July 2018\n3. End Dec 2018",
    ),
    "4.2": (
        "1. Mobilise new contracts including commencing annual monitoring visits and using "
        "quality to prioritise providers used by BCC.\n"
        "2. Commence decommissioning of inadequate providers and ensure support provided to "
        "effected service users. DMT due to discuss/agree proposals June 2018.\n"
        "3. Retender for home support providers.",
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational Lead - Alison Malik",
        "1. End July 2018\n2. Commence with service user dialogue September 2018.\n"
        "3. Launch tender July 2018.",
    ),
    "4.3": (
        "i. All system workshop on 25 May to agree a refreshed and improved CHC pathway and "
        "processes.\n"
        "ii. CCG in contractual discussions for both short and mid-term fixes and to consider "
        "longer term commissioning solutions.\n"
        "iii. CCG Project to commence early July to scope an End to End service for CHC.",
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational lead: Carmel O'Brien",
        "i. Process mapping event complete\n"
        "ii. New CSU provider to take over contract on 1st June\n"
        "iii. End April 2019",
    ),
    "4.4": (
        "i. Continue development of new IT solution for implementation 1 Oct 2018.",
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational Lead: Alison Malik",
        "October 2018",
    ),
    "5.1": (
        "Design and implement models of locality working across the life-course:\n"
        "1. Identify a small number of neighbourhoods/localities to act as accelerator "
        "exemplars\n"
        "2. Agree locality governance model across the life-course including establishing the "
        "appropriate geographical level for different offers;\n"
        "3. Establish neighbourhood/locality exemplar shadow boards\n"
        "4. Map and evaluate the offer to citizens within exemplar areas\n"
        "5. Exemplars develop proposals for locality working in their area\n"
        "6. Exemplars undertake comprehensive needs analysis across the life course to "
        "establish local priorities\n"
        "7. Mobilize locality exemplars.",
        "Ageing Well Prevention Workstream\nGraeme Betts \u2013 SRO",
        "1. July 2018\n2. September 2018\n3. October 2018\n4. December 2018\n5. April 2019\n"
        "6. April 2019\n7. 2019/20",
    ),
    "6.1": (
        "i. Further development of Comms and Engagement Framework linked to STP to underpin "
        "all STP programmes\n"
        "ii. Re-commissioning of Healthwatch \u2013 review scope of contract and opportunity to "
        "embed system-wide feedback\n"
        "iii. Co-production of the Ageing Well Strategy for Birmingham\n"
        "iv. Establish Birmingham Ageing Well Communications and Engagement workstream\n"
        "v. Develop Birmingham Ageing Well Communications Strategy & Action Plan",
        "Live Healthy, Live Happy STP Comms workstream - Fiona Alexander (SRO)\n"
        "i. Fiona Alexander\nii. Pip Mayo\niii. Pip Mayo\niv. June Marshall\nv. June Marshall",
        "i. End August 2018\nii. Approach to be agreed by July 2018\niii. April 2019\n"
        "iv. End July 2018\nv. End July 2018",
    ),
    "6.2": (
        "i. Audit of current engagement activity\n"
        "ii. Map Ageing Well Stakeholders and agree engagement methods\n"
        "iii. Establish independent sector and voluntary sector reference arrangements.",
        "Ageing Well Communications and Engagement Workstream \u2013 June Marshall",
        "i. End July 2018\nii. End July 2018\niii. End Sept 2018",
    ),
    "6.3": (
        "i. Create an STP information sharing protocol\n"
        "ii. Review all STP Enabler action plans\n"
        "iii. Progress work on single health and care record (Phase 1 under way and will be "
        "delivering all GP records from the region into acute and urgent care settings by Sep "
        "2018. Phase 2 requirements being quantified in line provisionally with the Dec 2018 "
        "information sharing protocol).\n"
        "iv. Design and implement a system-wide single patient consent model for sharing data "
        "(pending agreement from the STP/region for a patient based consent model, and "
        "clarification of national policy with regards to consent and national "
        "infrastructure)\n"
        "v. Enable citizens to have access to their own data to support self-management and "
        "to remain well.",
        "STP Digital Roadmap Board\nOperational Lead: Ciaron Hoye",
        "i. Dec 2018\nii. Dec 2018\niii. June 2020\niv. Dec 2019\nv. Dec 2019",
    ),
    "6.4": (
        "Develop a shared OD programme across the system to develop a collaborative culture "
        "and set of values and behaviours with a common purpose. To include:\n"
        "1. Building and sharing stories and success.\n"
        "2. Single team approach.",
        "BSol Ageing Well Portfolio Board:\nPaul Jennings/ Graeme Betts",
        "Approach to be agreed by September 2018\n"
        "Implementation from September 2018 through until November 2019",
    ),
    "6.5": (
        "i) Translate 5 year strategy into year by year action plans \u2013 produce Year 1 plan "
        "for city-level workforce requirements\n"
        "ii) Undertake comprehensive workforce analysis of current/future needs in context of "
        "locality working\n"
        "iii) Develop Birmingham workforce/careforce strategy in context of locality working",
        "STP Local Workforce Action Board\nJohn Short (SRO)",
        "i) Sept 2018\nii) & iii) TBC",
    ),
}

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
ARABIC = ["1", "2", "3", "4", "5", "6", "7"]

# ref -> (labels, has a lead-in, due dates); the README's table.
EXPECTED: dict[str, tuple[list[str], bool, list[date | None]]] = {
    "1.1": (ROMAN[:8], True, [D(2018, 6, 30), D(2018, 7, 31)] + [D(2018, 6, 30)] * 6),
    "1.2": (ROMAN[:3], False, [D(2018, 7, 31), None, None]),
    "1.3": (ROMAN[:4], False, [D(2018, 8, 31), D(2019, 4, 30), D(2018, 8, 31), D(2018, 10, 31)]),
    "2.1": (ARABIC[:4], True, [D(2018, 9, 30), D(2018, 9, 30), D(2018, 10, 31), None]),
    "2.2": (ARABIC[:3], False, [D(2018, 6, 30), D(2018, 8, 31), D(2018, 8, 31)]),
    "3.1": (ROMAN[:3], False, [D(2018, 6, 30), D(2018, 9, 30), D(2018, 10, 31)]),
    "3.2": (ROMAN[:3], False, [D(2018, 6, 30), D(2018, 6, 30), D(2019, 3, 31)]),
    "4.1": (ARABIC[:3], False, [D(2018, 8, 31), D(2018, 7, 31), D(2018, 12, 31)]),
    "4.2": (ARABIC[:3], False, [D(2018, 7, 31), D(2018, 9, 30), D(2018, 7, 31)]),
    "4.3": (ROMAN[:3], False, [None, D(2018, 6, 1), D(2019, 4, 30)]),
    "4.4": (ROMAN[:1], False, [D(2018, 10, 31)]),
    "5.1": (ARABIC[:7], True, [D(2018, 7, 31), D(2018, 9, 30), D(2018, 10, 31),
                               D(2018, 12, 31), D(2019, 4, 30), D(2019, 4, 30), D(2020, 3, 31)]),
    "6.1": (ROMAN[:5], False, [D(2018, 8, 31), D(2018, 7, 31), D(2019, 4, 30),
                               D(2018, 7, 31), D(2018, 7, 31)]),
    "6.2": (ROMAN[:3], False, [D(2018, 7, 31), D(2018, 7, 31), D(2018, 9, 30)]),
    "6.3": (ROMAN[:5], False, [D(2018, 12, 31), D(2018, 12, 31), D(2020, 6, 30),
                               D(2019, 12, 31), D(2019, 12, 31)]),
    "6.4": (ARABIC[:2], True, [None, None]),
    "6.5": (ROMAN[:3], False, [D(2018, 9, 30), None, None]),
}  # fmt: skip

# The README: exactly these actions need a person to look at their deadline.
FLAGGED = {
    ("1.2", "ii"), ("1.2", "iii"), ("2.1", "4"), ("4.3", "i"), ("4.3", "ii"),
    ("6.4", "1"), ("6.4", "2"), ("6.5", "ii"), ("6.5", "iii"),
}  # fmt: skip

BASE_YEAR = plan_base_year(deadline for _, _, deadline in PLAN.values())


def _deadlines(ref: str):
    actions, _, deadline = PLAN[ref]
    labels = [item.label for item in split_items(actions).items]
    return labels, align_deadlines(deadline, labels, base_year=BASE_YEAR)


def test_plan_has_17_areas_and_63_actions():
    assert len(PLAN) == 17
    assert sum(len(split_items(actions).items) for actions, _, _ in PLAN.values()) == 63


def test_base_year_is_2018():
    assert BASE_YEAR == 2018


@pytest.mark.parametrize("ref", list(EXPECTED))
def test_actions_and_lead_in(ref: str):
    labels, has_lead_in, _ = EXPECTED[ref]
    split = split_items(PLAN[ref][0])
    assert [item.label for item in split.items] == labels
    assert bool(split.lead_in) == has_lead_in
    assert all(item.text for item in split.items)


@pytest.mark.parametrize("ref", list(EXPECTED))
def test_due_dates(ref: str):
    _, deadlines = _deadlines(ref)
    assert [d.due for d in deadlines] == EXPECTED[ref][2]


def test_exactly_the_readme_actions_are_flagged():
    flagged = {
        (ref, label)
        for ref in PLAN
        for label, deadline in zip(*_deadlines(ref), strict=True)
        if deadline.review_reason is not None
    }
    assert flagged == FLAGGED


@pytest.mark.parametrize(
    ("ref", "index", "start", "due"),
    [
        ("1.3", 3, D(2018, 9, 1), D(2018, 10, 31)),  # "Sept/Oct 2018"
        ("2.1", 3, D(2018, 11, 1), None),  # "From Nov 18"
        ("3.2", 2, D(2018, 9, 1), D(2019, 3, 31)),  # "Sept 2018 - March 2019"
        ("5.1", 6, D(2019, 4, 1), D(2020, 3, 31)),  # "2019/20"
    ],
)
def test_start_dates(ref: str, index: int, start: date, due: date | None):
    deadline = _deadlines(ref)[1][index]
    assert (deadline.start, deadline.due) == (start, due)


def test_deadline_text_is_kept():
    # 6.4: both actions keep the whole phase text; 6.5: "ii) & iii) TBC" as written.
    assert [d.text for d in _deadlines("6.4")[1]] == [PLAN["6.4"][2]] * 2
    assert [d.text for d in _deadlines("6.5")[1]] == [
        "Sept 2018",
        "ii) & iii) TBC",
        "ii) & iii) TBC",
    ]


def test_3_2_components_stay_in_iii():
    iii = split_items(PLAN["3.2"][0]).items[2]
    assert iii.text.endswith(
        "To include the following components:\na. MDT with 7 day working\n"
        "b. Quick response in a crisis\n"
        "c. Home and bed-based enablement \u2013 with a focus on getting people home"
    )


@pytest.mark.parametrize(
    ("ref", "per_action"),
    [
        ("1.3", [["Louise Collett"], ["Pip Mayo"], ["June Marshall"],
                 ["Dawn Baxendale", "Paul Jennings", "Richard Kirby", "Dame Julie Moore"]]),
        ("4.1", [["Pip Mayo"], ["Pauline Mugridge"], ["Richard Kirby"]]),
        ("6.1", [["Fiona Alexander"], ["Pip Mayo"], ["Pip Mayo"], ["June Marshall"],
                 ["June Marshall"]]),
    ]
    + [(ref, None) for ref in PLAN if ref not in {"1.3", "4.1", "6.1"}],
)  # fmt: skip
def test_per_action_leads(ref: str, per_action: list[list[str]] | None):
    actions, leads, _ = PLAN[ref]
    labels = [item.label for item in split_items(actions).items]
    assert parse_leads(leads, labels).per_action == per_action


@pytest.mark.parametrize("ref", list(PLAN))
def test_every_area_has_a_named_lead(ref: str):
    actions, leads, _ = PLAN[ref]
    labels = [item.label for item in split_items(actions).items]
    assert parse_leads(leads, labels).area_leads
