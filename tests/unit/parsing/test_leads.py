"""Reading real "Who is leading?" cells."""

from __future__ import annotations

import pytest

from tracker.parsing import PersonRole, parse_leads

P = PersonRole
R3 = ["i", "ii", "iii"]
N3 = ["1", "2", "3"]

# (lead cell, action labels, area leads, groups, per_action)
CASES = [
    pytest.param(
        "Birmingham Older People's Partnership Group "
        "(Graeme Betts and Karen Helliwell \u2013 co-chairs)",
        R3,
        [P("Graeme Betts", "Co-chair"), P("Karen Helliwell", "Co-chair")],
        ["Birmingham Older People's Partnership Group"],
        None,
        id="1.1 co-chairs in brackets",
    ),
    pytest.param(
        "Rachel O'Connor for STP\nWayne Harrison for HWB",
        R3,
        [P("Rachel O'Connor", "Lead"), P("Wayne Harrison", "Lead")],
        [],
        None,
        id="1.2 'for STP' is who they represent, not a lead body",
    ),
    pytest.param(
        "BSoI Ageing Well Portfolio Board:\nPaul Jennings/ Graeme Betts\ni. Louise Collett\n"
        "ii. Pip Mayo\niii. June Marshall\n"
        "iv. Dawn Baxendale/ Paul Jennings/ Richard Kirby/ Dame Julie Moore",
        ["i", "ii", "iii", "iv"],
        [P("Paul Jennings", "Lead"), P("Graeme Betts", "Lead")],
        ["BSoI Ageing Well Portfolio Board"],
        [["Louise Collett"], ["Pip Mayo"], ["June Marshall"],
         ["Dawn Baxendale", "Paul Jennings", "Richard Kirby", "Dame Julie Moore"]],
        id="1.3 joined cell with per-action leads",
    ),
    pytest.param(
        "Ageing Well Prevention Workstream\nGraeme Betts \u2013 SRO\n"
        "Operational Leads: Wayne Harrison/ Dennis Wilkes/ Mike Walsh/ Simon Doble\n"
        "Clinical lead - Will Taylor",
        ["1", "2", "3", "4"],
        [P("Graeme Betts", "SRO"), P("Wayne Harrison", "Operational lead"),
         P("Dennis Wilkes", "Operational lead"), P("Mike Walsh", "Operational lead"),
         P("Simon Doble", "Operational lead"), P("Will Taylor", "Clinical lead")],
        ["Ageing Well Prevention Workstream"],
        None,
        id="2.1 SRO, operational and clinical leads",
    ),
    pytest.param(
        "Ageing Well Prevention Workstream\nGraeme Betts \u2013 SRO\n"
        "Operational Lead: Wayne Harrison \u2013 Public Health",
        N3,
        [P("Graeme Betts", "SRO"), P("Wayne Harrison", "Operational lead")],
        ["Ageing Well Prevention Workstream"],
        None,
        id="2.2 an affiliation after a name is neither a person nor a lead body",
    ),
    pytest.param(
        "Ageing Well Early Intervention Workstream\nAndrew McKirgan (SRO)\n"
        "Operational Leads: Mark Lobban/Judith Davis",
        R3,
        [P("Andrew McKirgan", "SRO"), P("Mark Lobban", "Operational lead"),
         P("Judith Davis", "Operational lead")],
        ["Ageing Well Early Intervention Workstream"],
        None,
        id="3.2 role in brackets",
    ),
    pytest.param(
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational leads:\n1. Pip Mayo\n2. Pauline Mugridge\n3. Richard Kirby",
        N3,
        [P("Richard Kirby", "SRO")],
        ["Ageing Well Ongoing Personalised Support Workstream"],
        [["Pip Mayo"], ["Pauline Mugridge"], ["Richard Kirby"]],
        id="4.1 numbered operational leads are per action",
    ),
    pytest.param(
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational Lead - Alison Malik",
        N3,
        [P("Richard Kirby", "SRO"), P("Alison Malik", "Operational lead")],
        ["Ageing Well Ongoing Personalised Support Workstream"],
        None,
        id="4.2 role before the name with a dash",
    ),
    pytest.param(
        "Ageing Well Ongoing Personalised Support Workstream\nRichard Kirby - SRO\n"
        "Operational lead: Carmel O'Brien",
        R3,
        [P("Richard Kirby", "SRO"), P("Carmel O'Brien", "Operational lead")],
        ["Ageing Well Ongoing Personalised Support Workstream"],
        None,
        id="4.3 apostrophe in a name",
    ),
    pytest.param(
        "Live Healthy, Live Happy STP Comms workstream - Fiona Alexander (SRO)\n"
        "i. Fiona Alexander\nii. Pip Mayo\niii. Pip Mayo\niv. June Marshall\nv. June Marshall",
        ["i", "ii", "iii", "iv", "v"],
        [P("Fiona Alexander", "SRO")],
        ["Live Healthy, Live Happy STP Comms workstream"],
        [["Fiona Alexander"], ["Pip Mayo"], ["Pip Mayo"], ["June Marshall"], ["June Marshall"]],
        id="6.1 a comma inside a body's name",
    ),
    pytest.param(
        "Ageing Well Communications and Engagement Workstream \u2013 June Marshall",
        R3,
        [P("June Marshall", "Lead")],
        ["Ageing Well Communications and Engagement Workstream"],
        None,
        id="6.2 'and' inside a body's name",
    ),
    pytest.param(
        "STP Digital Roadmap Board\nOperational Lead: Ciaron Hoye",
        ["i", "ii", "iii", "iv", "v"],
        [P("Ciaron Hoye", "Operational lead")],
        ["STP Digital Roadmap Board"],
        None,
        id="6.3",
    ),
    pytest.param(
        "STP Local Workforce Action Board\nJohn Short (SRO)",
        R3,
        [P("John Short", "SRO")],
        ["STP Local Workforce Action Board"],
        None,
        id="6.5",
    ),
    pytest.param(
        "Maria Gavin, Assistant Director - Commissioning /Carl Griffiths, Assistant Director - ASC",
        ["1"],
        [P("Maria Gavin", "Lead"), P("Carl Griffiths", "Lead")],
        [],
        None,
        id="seed 003 job titles are dropped",
    ),
    pytest.param(
        "Peter Hay, Strategic Director for People",
        ["1"],
        [P("Peter Hay", "Lead")],
        [],
        None,
        id="seed 003 name, title",
    ),
    pytest.param(
        "i. Louise Collett\niii. June Marshall",
        R3,
        [],
        [],
        [["Louise Collett"], [], ["June Marshall"]],
        id="an action without its own lead gets an empty list",
    ),
    pytest.param("", R3, [], [], None, id="empty cell"),
]  # fmt: skip


@pytest.mark.parametrize(("cell", "labels", "area", "groups", "per_action"), CASES)
def test_parse_leads(cell, labels, area, groups, per_action):
    result = parse_leads(cell, labels)
    assert result.area_leads == area
    assert result.groups == groups
    assert result.per_action == per_action


def test_area_leads_have_no_duplicates():
    cell = "Graeme Betts \u2013 SRO\nBSol Ageing Well Portfolio Board:\nPaul Jennings/ Graeme Betts"
    names = [person.name for person in parse_leads(cell, ["1"]).area_leads]
    assert names == ["Graeme Betts", "Paul Jennings"]
