"""The import's row writer: runs of ids for the lead copy, and leads resolved once each."""

from __future__ import annotations

from tracker.services.plan_writer import IdRuns, LeadResolver


def test_id_runs_join_consecutive_ids_in_any_order() -> None:
    runs = IdRuns()
    for row_id in (7, 8, 9, 12, 4, 5, 13):
        runs.add(row_id)
    assert runs.runs == [(7, 9), (12, 12), (4, 5), (13, 13)]
    covered = [i for first, last in runs.runs for i in range(first, last + 1)]
    assert sorted(covered) == [4, 5, 7, 8, 9, 12, 13]


def test_a_person_named_twice_in_a_lead_cell_leads_once() -> None:
    resolve = LeadResolver({"pip mayo": 1, "will taylor": 2})
    assert resolve([("Pip Mayo", "SRO"), ("Will Taylor", "Lead"), ("pip  mayo", "Lead")]) == (
        (1, "SRO"),
        (2, "Lead"),
    )
    assert resolve.names(["Will Taylor", "Pip Mayo", "WILL TAYLOR"]) == (2, 1)
