"""The plan as the window holds it in memory, and the signals that say what changed.

Loaded once per database (on a worker thread, see :mod:`tracker.ui.loading`), then kept
current by the edit commands, which replace one row at a time after writing it. Tabs
build their models from here lazily and listen for the rows that change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from tracker.domain import tab_order
from tracker.rag_rule import DEFAULT_RULE, RagRule
from tracker.ui.models.search_text import action_search_text, area_search_text

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, AreaRow, WorkstreamInfo
    from tracker.services.workstreams import Layout
    from tracker.ui.loading import LoadedPlan


class PlanState(QObject):
    """Rows by id, grouped by tab, with each row's prepared search text."""

    reloaded = Signal()  # the rows were read again, or regrouped: rebuild the tabs
    actionChanged = Signal(int)
    areaChanged = Signal(int)
    changed = Signal()
    # The person using the window changed (Preferences): what they may do changes too.
    userChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workstreams: list[WorkstreamInfo] = []
        self._areas_by_workstream: dict[int, list[int]] = {}
        self._actions_by_area: dict[int, list[int]] = {}
        self.actions: dict[int, ActionRow] = {}
        self.areas: dict[int, AreaRow] = {}
        self.action_search: dict[int, str] = {}
        self.area_search: dict[int, str] = {}
        self.loaded = False
        self.rag_rule: RagRule = DEFAULT_RULE

    def load(self, loaded: LoadedPlan) -> None:
        self.workstreams = loaded.workstreams
        self._areas_by_workstream = loaded.areas_by_workstream
        self._actions_by_area = loaded.actions_by_area
        self.actions = {row.id: row for row in loaded.actions}
        self.areas = {row.id: row for row in loaded.areas}
        self.action_search = loaded.action_search
        self.area_search = loaded.area_search
        self.rag_rule = loaded.rag_rule
        self.loaded = True
        self.reloaded.emit()
        self.changed.emit()

    # Reading -------------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return not self.workstreams

    @property
    def plan_count(self) -> int:
        return len({w.plan_id for w in self.workstreams})

    def tab_names(self) -> list[str]:
        """The plan's own tabs: its workstreams' tabs in position order, "Unassigned" last
        and only when some rows sit there."""
        return tab_order(w.tab for w in self.workstreams)

    def workstreams_for_tab(self, tab: str) -> list[WorkstreamInfo]:
        return [w for w in self.workstreams if w.tab == tab]

    def workstream(self, workstream_id: int) -> WorkstreamInfo | None:
        for w in self.workstreams:
            if w.id == workstream_id:
                return w
        return None

    def areas_of(self, workstream_id: int) -> list[AreaRow]:
        return [self.areas[i] for i in self._areas_by_workstream.get(workstream_id, ())]

    def actions_of(self, area_id: int) -> list[ActionRow]:
        return [self.actions[i] for i in self._actions_by_area.get(area_id, ())]

    def all_actions(self) -> list[ActionRow]:
        return list(self.actions.values())

    # Changing ------------------------------------------------------------------------
    def replace_action(self, row: ActionRow) -> None:
        self.actions[row.id] = row
        self.action_search[row.id] = action_search_text(row, self.areas.get(row.area_id))
        self.actionChanged.emit(row.id)
        self.changed.emit()

    def replace_area(self, row: AreaRow) -> None:
        from dataclasses import replace

        old = self.areas.get(row.id)
        self.areas[row.id] = row
        self.area_search[row.id] = area_search_text(row)
        self.areaChanged.emit(row.id)
        if old is not None and old.ref != row.ref:
            # An action's reference starts with its area's: keep them in step.
            for action in self.actions_of(row.id):
                self.replace_action(replace(action, area_ref=row.ref))
        self.changed.emit()

    def regroup(self, layout: Layout) -> None:
        """The plan's workstreams were renamed, reordered or merged, or areas moved: take
        the new layout (from :mod:`tracker.services.workstreams`) without reading every
        row again, and have the tabs rebuilt."""
        from dataclasses import replace

        self.workstreams = list(layout.workstreams)
        grouped: dict[int, list[tuple[int, int]]] = {w.id: [] for w in self.workstreams}
        for area_id, (ws_id, position) in layout.area_places.items():
            area = self.areas.get(area_id)
            if area is None:
                continue
            if (area.workstream_id, area.position) != (ws_id, position):
                self.areas[area_id] = replace(area, workstream_id=ws_id, position=position)
                for action in self.actions_of(area_id):
                    if action.workstream_id != ws_id:
                        self.actions[action.id] = replace(action, workstream_id=ws_id)
            grouped.setdefault(ws_id, []).append((position, area_id))
        self._areas_by_workstream = {
            ws_id: [area_id for _position, area_id in sorted(places)]
            for ws_id, places in grouped.items()
        }
        self.reloaded.emit()
        self.changed.emit()
