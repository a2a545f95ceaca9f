"""Board report data made up in memory for the PDF tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tracker.excel.board_report import BoardReportData, ExceptionCounts, ExceptionLine
from tracker.services.action_rows import ActionRow, AreaRow, PlanSnapshot, WorkstreamInfo
from tracker.services.exceptions import list_exceptions
from tracker.services.overview import summarise

AS_AT = date(2018, 9, 30)


def row(
    action_id: int,
    *,
    due: date | None = None,
    revised: date | None = None,
    status: str = "In progress",
    rag: str | None = None,
    last_update: date | None = None,
    workstream_id: int = 1,
) -> ActionRow:
    return ActionRow(
        id=action_id, area_id=workstream_id, workstream_id=workstream_id,
        area_ref=f"{workstream_id}.1", label=str(action_id),
        text=f"Action number {action_id}", leads=("Pip Mayo",), deadline_text="",
        lead_text="Pip Mayo", start=None, due=due, revised_due=revised, status=status,
        rag=rag, percent=0, needs_review=False, review_reason=None, last_update=last_update,
        latest_narrative="", position=action_id,
    )  # fmt: skip


def report_data(actions: Sequence[ActionRow], as_at: date = AS_AT) -> BoardReportData:
    workstreams = [
        WorkstreamInfo(1, 1, "Plan", "Governance", "Governance and Leadership", 0),
        WorkstreamInfo(2, 1, "Plan", "Prevention", "Prevention", 1),
    ]
    areas = [
        AreaRow(w.id, w.id, f"{w.id}.1", "Area", "", "", "", "", "", (), 0) for w in workstreams
    ]
    snapshot = PlanSnapshot(workstreams=workstreams, areas=areas, actions=list(actions))
    summaries, total = summarise(snapshot, as_at)
    listed = list_exceptions(actions, as_at)
    return BoardReportData(
        plan_name="Test plan",
        as_at=as_at,
        workstreams=workstreams,
        areas=areas,
        actions=list(actions),
        summaries=summaries,
        total=total,
        exceptions=[ExceptionLine("; ".join(x.reasons()), x.action) for x in listed],
        exception_counts=ExceptionCounts(),
        reasons={},
        changes=[],
        since_at=None,
        since_label="as asked",
        author="Pip Mayo",
    )
