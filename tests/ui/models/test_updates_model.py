"""An action's update history, newest first, each entry readable on its own."""

from __future__ import annotations

from datetime import date

from tracker.services.action_rows import UpdateRow
from tracker.ui.models.updates_model import ITEM_ROLE, UpdatesModel, describe_update


def update(number: int, **changes: object) -> UpdateRow:
    values: dict[str, object] = dict(
        id=number,
        action_id=1,
        date=date(2018, 7, number),
        author="Pip Mayo",
        status="In progress",
        rag="A",
        percent=10 * number,
        narrative=f"Note {number}",
        revised_due=None,
        revision_reason=None,
        source="window",
    )
    values.update(changes)
    return UpdateRow(**values)  # type: ignore[arg-type]


def test_updates_model(qtmodeltester) -> None:
    model = UpdatesModel()
    qtmodeltester.check(model)
    rows = [
        update(3),
        update(2, revised_due=date(2018, 9, 30), revision_reason="Staff"),
        update(1, rag=None, source="status return"),
    ]
    model.set_updates(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, 0).data() == "3 Jul 2018 · Pip Mayo · In progress · Amber · 30%\nNote 3"
    assert "Due date revised to 30 Sep 2018 (Staff)" in model.index(1, 0).data()
    assert "Not rated" in model.index(2, 0).data()
    assert model.index(2, 0).data(ITEM_ROLE) is rows[2]
    assert describe_update(rows[0]).endswith("Note 3")
