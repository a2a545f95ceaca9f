"""Reading a plan for the window, off the UI thread.

:func:`open_and_load` runs on a worker: it opens (and if need be migrates) the database,
reads the snapshot in one transaction and prepares every row's search text, so the UI
thread only wraps ready-made data. :func:`compute_overview` counts the Overview's figures
from rows already in memory. The service layer is imported inside these functions: they
are the first to need it, and importing SQLAlchemy takes about a second that the window
should not spend before it appears.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.rag_rule import DEFAULT_RULE, RagRule
from tracker.ui.models.search_text import action_search_text, area_search_text

if TYPE_CHECKING:
    from tracker.db import Database
    from tracker.services.action_rows import ActionRow, AreaRow, WorkstreamInfo
    from tracker.services.overview import Summary
    from tracker.services.plans import PlanInfo


@dataclass
class LoadedPlan:
    """Everything the window shows, grouped for the tabs, with prepared search text."""

    workstreams: list[WorkstreamInfo] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    action_search: dict[int, str] = field(default_factory=dict)
    area_search: dict[int, str] = field(default_factory=dict)
    areas_by_workstream: dict[int, list[int]] = field(default_factory=dict)
    actions_by_area: dict[int, list[int]] = field(default_factory=dict)
    # Every plan in the file, and the one these rows belong to (None: no plan to show).
    plans: list[PlanInfo] = field(default_factory=list)
    plan: PlanInfo | None = None
    # The plan's calculated-RAG rule (the defaults until it is changed).
    rag_rule: RagRule = DEFAULT_RULE

    @property
    def is_empty(self) -> bool:
        return not self.workstreams


@dataclass
class Overview:
    summaries: list[Summary]
    total: Summary


def load_plan(
    database: Database,
    wanted: int | None = None,
    *,
    include_archived: bool = False,
    as_at: date | None = None,
) -> LoadedPlan:
    """The plan numbered ``wanted`` if it can be shown, else the first live plan; with the
    list of every plan for the plan selector. With ``as_at``, the plan as it stood at the
    end of that day (history-true, for reading only)."""
    from tracker.services.plan_snapshot import load_snapshot
    from tracker.services.plans import list_plans, plan_to_show
    from tracker.services.rag_rules import plan_rule

    plans = list_plans(database)
    shown = plan_to_show(plans, wanted, include_archived=include_archived)
    if shown is None:
        return LoadedPlan(plans=plans)
    snapshot = load_snapshot(database, shown.id, as_at=as_at)
    areas_by_id = {area.id: area for area in snapshot.areas}
    areas_by_ws: dict[int, list[int]] = defaultdict(list)
    actions_by_area: dict[int, list[int]] = defaultdict(list)
    for area in snapshot.areas:
        areas_by_ws[area.workstream_id].append(area.id)
    for action in snapshot.actions:
        actions_by_area[action.area_id].append(action.id)
    return LoadedPlan(
        workstreams=snapshot.workstreams,
        areas=snapshot.areas,
        actions=snapshot.actions,
        action_search={
            row.id: action_search_text(row, areas_by_id.get(row.area_id))
            for row in snapshot.actions
        },
        area_search={row.id: area_search_text(row) for row in snapshot.areas},
        areas_by_workstream=dict(areas_by_ws),
        actions_by_area=dict(actions_by_area),
        plans=plans,
        plan=shown,
        rag_rule=plan_rule(database, shown.id),
    )


@dataclass
class Opened:
    """An open database, its plan, and anything the user should be warned about."""

    database: Database
    plan: LoadedPlan
    warnings: list[str] = field(default_factory=list)
    marker: int = 0  # the file's change marker when it was read


def open_and_load(path: Path, wanted: int | None = None) -> Opened:
    """Open a database file as the CLI does (refuse a damaged file, warn about a network
    share, take the daily backup) and read its plan (``wanted``, if it can be shown); the
    caller owns the database."""
    from tracker.db import open_checked_database
    from tracker.db.health import change_marker

    checked = open_checked_database(path)
    database = checked.database
    try:
        marker = change_marker(database)
        return Opened(database, load_plan(database, wanted), checked.warnings, marker)
    except BaseException:
        database.close()
        raise


def read_change_marker(database: Database) -> int:
    """The file's change marker: it grows with every write, whoever makes it."""
    from tracker.db.health import change_marker

    return change_marker(database)


def compute_overview(
    workstreams: list[WorkstreamInfo], actions: list[ActionRow], today: date
) -> Overview:
    from tracker.services.action_rows import PlanSnapshot
    from tracker.services.overview import summarise

    summaries, total = summarise(PlanSnapshot(list(workstreams), [], list(actions)), today)
    return Overview(summaries, total)


def import_original_plan(database: Database) -> str:
    """Seed an empty database with the plan that ships with the app; returns the summary."""
    from tracker.paths import original_plan_path
    from tracker.services.import_report import format_import_summary
    from tracker.services.plan_import import import_plan

    result = import_plan(database, original_plan_path())
    return format_import_summary(result.draft, dry_run=False)
