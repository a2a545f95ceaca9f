"""The Overview's model: a row per workstream and the total, a figure behind each count."""

from __future__ import annotations

from tests.ui.conftest import TODAY
from tracker.services.overview import summarise
from tracker.services.plan_snapshot import load_snapshot
from tracker.ui.models.overview_model import (
    COLUMNS,
    FIGURE_ROLE,
    WORKSTREAM_ROLE,
    OverviewModel,
    figure_value,
)


def test_overview_model(qtmodeltester, imported) -> None:
    snapshot = load_snapshot(imported)
    summaries, total = summarise(snapshot, TODAY)
    model = OverviewModel()
    qtmodeltester.check(model)
    model.set_summaries(summaries, total, [s.title for s in summaries])
    qtmodeltester.check(model)
    assert model.rowCount() == len(snapshot.workstreams) + 1
    overdue = next(i for i, c in enumerate(COLUMNS) if c.figure == "overdue")
    first = model.index(0, overdue)
    assert first.data(FIGURE_ROLE) == "overdue"
    assert first.data(WORKSTREAM_ROLE) == ("Governance", summaries[0].workstream_id)
    assert first.data() == str(summaries[0].overdue)
    assert model.index(model.rowCount() - 1, overdue).data(WORKSTREAM_ROLE) is None
    # Status and RAG columns add up to the actions in each row.
    for summary in [*summaries, total]:
        statuses = sum(
            figure_value(summary, c.figure) for c in COLUMNS if c.figure.startswith("status:")
        )
        ratings = sum(
            figure_value(summary, c.figure) for c in COLUMNS if c.figure.startswith("rag:")
        )
        assert statuses == ratings == summary.actions
    model.clear()
    assert model.rowCount() == 0
