"""Plans made up in memory for model tests: no database, any size."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.services.action_rows import ActionRow, AreaRow, WorkstreamInfo
from tracker.ui.loading import LoadedPlan
from tracker.ui.models.search_text import action_search_text, area_search_text

TABS = ("Governance", "Prevention", "Enablers")
PEOPLE = ("Pip Mayo", "June Marshall", "Louise Collett", "Fiona Alexander")
STATUSES = ("Not started", "In progress", "Complete", "On hold")


def make_plan(
    areas_per_workstream: int = 3,
    actions_per_area: int = 3,
    tabs: tuple[str, ...] = TABS,
    enablers_groups: int = 2,
) -> LoadedPlan:
    """Workstreams per tab (Enablers has several), areas, actions with varied fields."""
    plan = LoadedPlan()
    ws_id = area_id = action_id = 0
    start = date(2018, 6, 30)
    for tab_number, tab in enumerate(tabs, start=1):
        groups = enablers_groups if tab == "Enablers" else 1
        for group in range(groups):
            ws_id += 1
            title = tab if groups == 1 else f"{tab} part {group + 1}"
            plan.workstreams.append(WorkstreamInfo(ws_id, 1, "Plan", tab, title, ws_id))
            plan.areas_by_workstream[ws_id] = []
            for a in range(areas_per_workstream):
                area_id += 1
                ref = f"{tab_number}.{group * areas_per_workstream + a + 1}"
                area = AreaRow(
                    area_id,
                    ws_id,
                    ref,
                    f"Area {ref} about {tab.lower()}",
                    "",
                    PEOPLE[a % 4],
                    "",
                    "",
                    "",
                    (PEOPLE[a % 4],),
                    area_id,
                )
                plan.areas.append(area)
                plan.area_search[area_id] = area_search_text(area)
                plan.areas_by_workstream[ws_id].append(area_id)
                plan.actions_by_area[area_id] = []
                for x in range(actions_per_area):
                    action_id += 1
                    due = None if action_id % 7 == 0 else start + timedelta(days=31 * (x + a))
                    row = ActionRow(
                        id=action_id,
                        area_id=area_id,
                        workstream_id=ws_id,
                        area_ref=ref,
                        label=str(x + 1),
                        text=f"Action {action_id}: do thing {x}",
                        leads=(PEOPLE[(action_id + 1) % 4],),
                        deadline_text="",
                        lead_text=PEOPLE[(action_id + 1) % 4],
                        start=None,
                        due=due,
                        revised_due=None,
                        status=STATUSES[action_id % 4],
                        rag=("R", "A", "G", None)[action_id % 4],
                        percent=(action_id * 7) % 101,
                        needs_review=action_id % 5 == 0,
                        review_reason="TBC" if action_id % 5 == 0 else None,
                        last_update=None,
                        latest_narrative="",
                        position=x,
                    )
                    plan.actions.append(row)
                    plan.action_search[action_id] = action_search_text(row, area)
                    plan.actions_by_area[area_id].append(action_id)
    return plan
