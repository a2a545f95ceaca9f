"""How a revised plan's actions are matched to the plan's: by label, then by text."""

from __future__ import annotations

from tracker.importing.plan_draft import ActionDraft
from tracker.services import plan_revision


def _old(action_id: int, label: str, text: str) -> plan_revision._Existing:
    return plan_revision._Existing(action_id, 1, "2.1", label, text, "", "", None, None, False, [])


def test_labels_match_however_they_are_punctuated() -> None:
    drafts = [ActionDraft("(ii)", "Second"), ActionDraft("i.", "First")]
    olds = [_old(1, "i", "First"), _old(2, "ii", "Second")]
    pairs = plan_revision._match(drafts, olds)
    assert [pairs[id(d)].id for d in drafts] == [2, 1]


def test_unlabelled_actions_match_by_likeness_and_unlike_ones_do_not() -> None:
    drafts = [
        ActionDraft("", "Agree the terms of reference for the board by July"),
        ActionDraft("", "Something quite different"),
    ]
    olds = [_old(1, "", "Agree terms of reference for the board"), _old(2, "", "Hire staff")]
    pairs = plan_revision._match(drafts, olds)
    assert pairs[id(drafts[0])].id == 1
    assert id(drafts[1]) not in pairs


def test_references_keep_their_inner_dots() -> None:
    assert plan_revision._key("1.1") != plan_revision._key("11")
    assert plan_revision._key(" 1.1. ") == plan_revision._key("1.1")
