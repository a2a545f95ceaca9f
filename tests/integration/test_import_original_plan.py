"""The original 2018 plan, imported through the CLI, matches the fixture README line by line.

Runs ``tracker --db X import-plan FILE`` and ``tracker --db X show --json`` exactly as the
programme office would, and reads the JSON back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

TABS = {
    "Governance": ["1.1", "1.2", "1.3"],
    "Prevention": ["2.1", "2.2"],
    "Early Intervention": ["3.1", "3.2"],
    "Personalisation": ["4.1", "4.2", "4.3", "4.4"],
    "Locality working": ["5.1"],
    "Enablers": ["6.1", "6.2", "6.3", "6.4", "6.5"],
}

# area -> due date of each action in order (None: no date).
DUE = {
    "1.1": ["2018-06-30", "2018-07-31"] + ["2018-06-30"] * 6,
    "1.2": ["2018-07-31", None, None],
    "1.3": ["2018-08-31", "2019-04-30", "2018-08-31", "2018-10-31"],
    "2.1": ["2018-09-30", "2018-09-30", "2018-10-31", None],
    "2.2": ["2018-06-30", "2018-08-31", "2018-08-31"],
    "3.1": ["2018-06-30", "2018-09-30", "2018-10-31"],
    "3.2": ["2018-06-30", "2018-06-30", "2019-03-31"],
    "4.1": ["2018-08-31", "2018-07-31", "2018-12-31"],
    "4.2": ["2018-07-31", "2018-09-30", "2018-07-31"],
    "4.3": [None, "2018-06-01", "2019-04-30"],
    "4.4": ["2018-10-31"],
    "5.1": [
        "2018-07-31",
        "2018-09-30",
        "2018-10-31",
        "2018-12-31",
        "2019-04-30",
        "2019-04-30",
        "2020-03-31",
    ],
    "6.1": ["2018-08-31", "2018-07-31", "2019-04-30", "2018-07-31", "2018-07-31"],
    "6.2": ["2018-07-31", "2018-07-31", "2018-09-30"],
    "6.3": ["2018-12-31", "2018-12-31", "2020-06-30", "2019-12-31", "2019-12-31"],
    "6.4": [None, None],
    "6.5": ["2018-09-30", None, None],
}
FLAGGED = {
    ("1.2", "ii"),
    ("1.2", "iii"),
    ("2.1", "4"),
    ("4.3", "i"),
    ("4.3", "ii"),
    ("6.4", "1"),
    ("6.4", "2"),
    ("6.5", "ii"),
    ("6.5", "iii"),
}


@pytest.fixture(scope="module")
def outline(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from tests.conftest import FIXTURE_PLAN

    folder = tmp_path_factory.mktemp("cli")
    db = folder / "plan.sqlite3"
    plan = folder / FIXTURE_PLAN.name
    plan.write_bytes(FIXTURE_PLAN.read_bytes())
    assert main(["--db", str(db), "import-plan", str(plan)]) == 0
    out = folder / "show.json"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["--db", str(db), "show", "--json"]) == 0
    out.write_text(buffer.getvalue())
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def areas(outline: dict) -> dict[str, dict]:
    (plan,) = outline["plans"]
    return {a["ref"]: a for ws in plan["workstreams"] for a in ws["areas"]}


def test_tabs_and_their_areas(outline: dict) -> None:
    (plan,) = outline["plans"]
    by_tab: dict[str, list[str]] = {}
    for ws in plan["workstreams"]:
        by_tab.setdefault(ws["tab"], []).extend(a["ref"] for a in ws["areas"])
    assert by_tab == TABS


def test_enablers_has_three_workstreams(outline: dict) -> None:
    (plan,) = outline["plans"]
    enablers = [
        (w["title"], [a["ref"] for a in w["areas"]])
        for w in plan["workstreams"]
        if w["tab"] == "Enablers"
    ]
    assert enablers == [
        ("Communications and Engagement", ["6.1", "6.2"]),
        ("IT", ["6.3"]),
        ("Workforce", ["6.4", "6.5"]),
    ]
    titles = {w["tab"]: w["title"] for w in plan["workstreams"] if w["tab"] != "Enablers"}
    assert titles["Governance"] == "Governance and Leadership"
    assert titles["Personalisation"] == "Ongoing Personalised Support"


def test_seventeen_areas_sixty_three_actions(areas: dict) -> None:
    assert len(areas) == 17
    assert sum(len(a["actions"]) for a in areas.values()) == 63


@pytest.mark.parametrize("ref", sorted(DUE))
def test_due_dates_per_action(areas: dict, ref: str) -> None:
    assert [x["due"] for x in areas[ref]["actions"]] == DUE[ref]


def test_exactly_the_expected_actions_are_flagged(areas: dict) -> None:
    flagged = {
        (ref, x["label"]) for ref, a in areas.items() for x in a["actions"] if x["needs_review"]
    }
    assert flagged == FLAGGED
    for a in areas.values():
        for x in a["actions"]:
            assert bool(x["review_reason"]) == x["needs_review"]
            assert x["status"] == "Not started"
            assert x["percent"] == 0
            assert x["updates"] == []
            assert isinstance(x["id"], int)


def test_lead_in_sentence_belongs_to_the_area(areas: dict) -> None:
    assert areas["1.1"]["lead_in"] == (
        "Implement the agreed governance arrangements for the Ageing Well Programme:"
    )
    labels = [x["label"] for x in areas["1.1"]["actions"]]
    assert labels == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert areas["1.1"]["actions"][0]["text"] == "BSoI Ageing Well and Later Life Portfolio Board"
    assert areas["2.1"]["lead_in"].startswith("Develop a multi-agency")
    assert areas["6.4"]["lead_in"].startswith("Develop a shared OD programme")


def test_one_area_continues_across_the_repeated_header(areas: dict) -> None:
    area = areas["1.3"]
    assert [x["label"] for x in area["actions"]] == ["i", "ii", "iii", "iv"]
    assert area["title"] == (
        "System leaders should develop and drive forward a shared strategic vision for the "
        "future with a shared use of language,\nensuring it incorporates all parts of the "
        "pathway and is a collaborative approach."
    )
    assert area["actions"][3]["deadline_text"] == "Sept/Oct 2018"


def test_per_action_leads(areas: dict) -> None:
    leads = {ref: [x["leads"] for x in areas[ref]["actions"]] for ref in ("1.3", "4.1", "6.1")}
    assert leads["1.3"] == [
        ["Louise Collett"],
        ["Pip Mayo"],
        ["June Marshall"],
        ["Dawn Baxendale", "Paul Jennings", "Richard Kirby", "Dame Julie Moore"],
    ]
    assert leads["4.1"] == [["Pip Mayo"], ["Pauline Mugridge"], ["Richard Kirby"]]
    assert leads["6.1"] == [
        ["Fiona Alexander"],
        ["Pip Mayo"],
        ["Pip Mayo"],
        ["June Marshall"],
        ["June Marshall"],
    ]


def test_actions_without_their_own_lead_inherit_the_areas(areas: dict) -> None:
    for x in areas["2.2"]["actions"]:
        assert x["leads"] == ["Graeme Betts", "Wayne Harrison"]  # the SRO, then the lead
    for x in areas["6.5"]["actions"]:
        assert x["leads"] == ["John Short"]


def test_components_stay_inside_their_action(areas: dict) -> None:
    third = areas["3.2"]["actions"][2]
    assert len(areas["3.2"]["actions"]) == 3
    assert "a. MDT with 7 day working" in third["text"]
    assert "c. Home and bed-based enablement" in third["text"]
    assert third["start"] == "2018-09-01"
    assert third["due"] == "2019-03-31"


def test_open_ended_start_and_financial_year(areas: dict) -> None:
    fourth = areas["2.1"]["actions"][3]
    assert (fourth["start"], fourth["due"]) == ("2018-11-01", None)
    assert fourth["deadline_text"] == "From Nov 18"
    assert areas["5.1"]["actions"][6]["deadline_text"] == "2019/20"


def test_original_text_is_kept_beside_what_was_parsed(areas: dict) -> None:
    assert areas["1.1"]["deadline_text"] == (
        "End of June 2018 for all actions except ii)\nEnd of July18"
    )
    assert areas["6.4"]["actions"][0]["deadline_text"] == areas["6.4"]["deadline_text"]
    assert areas["4.3"]["actions"][1]["deadline_text"] == (
        "New CSU provider to take over contract on 1st June"
    )


def test_pip_mayo_leads_is_one_query(tmp_path: Path, plan_file: Path) -> None:
    from tracker.db import open_database
    from tracker.services.plan_import import import_plan
    from tracker.services.plan_snapshot import actions_led_by

    db = open_database(tmp_path / "p.sqlite3")
    try:
        import_plan(db, plan_file)
        refs = sorted(r.ref for r in actions_led_by(db, "pip mayo"))
        assert refs == ["1.3 ii", "4.1 1", "6.1 ii", "6.1 iii"]
    finally:
        db.close()
