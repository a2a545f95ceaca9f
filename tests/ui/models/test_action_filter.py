"""The filter state and the matcher built from it."""

from __future__ import annotations

from tests.ui.conftest import TODAY
from tests.ui.factories import make_plan
from tracker.ui.models.action_filter import FilterState, build_matcher, figure_label
from tracker.ui.models.search_text import search_terms


def test_an_empty_filter_matches_without_a_matcher() -> None:
    assert FilterState().is_empty
    assert build_matcher(FilterState(), TODAY, "Pip Mayo") is None
    assert not FilterState(overdue=True).is_empty


def test_terms_are_casefolded_words_each_of_which_must_appear() -> None:
    assert search_terms("  Pip   MAYO pip ") == ("pip", "mayo")
    matcher = build_matcher(FilterState(text="Mayo pip"), TODAY, "")
    assert matcher is not None and not matcher.has_criteria
    assert matcher.text_matches("pip mayo\nleads")
    assert not matcher.text_matches("pip marshall")


def test_my_actions_without_a_name_shows_nothing() -> None:
    rows = make_plan().actions
    matcher = build_matcher(FilterState(mine=True), TODAY, "  ")
    assert matcher is not None
    assert not any(matcher.criteria_match(r) for r in rows)
    named = build_matcher(FilterState(mine=True), TODAY, "pip mayo")
    assert named is not None
    assert {r.leads for r in rows if named.criteria_match(r)} == {("Pip Mayo",)}


def test_overview_figures_read_in_words() -> None:
    assert figure_label("overdue") == "Overdue"
    assert figure_label("status:On hold") == "Status: On hold"
    assert figure_label("rag:") == "RAG: Not rated"
    assert figure_label("rag:G") == "RAG: Green"
