"""Undoable changes to a plan's workstreams: rename, reorder, merge, move an area.

Each command writes through :mod:`tracker.services.workstreams` (one audited transaction)
and keeps what the service returned, so undo and redo put back exactly what was there.
After each write the window's :class:`~tracker.ui.plan_state.PlanState` takes the plan's
new layout, which rebuilds the tabs; nothing else is read again.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.services import workstreams
from tracker.services.workstreams import Layout, Merged
from tracker.ui.undo_commands import CommandContext, ServiceCommand


class _LayoutCommand(ServiceCommand):
    def _show(self, layout: Layout) -> None:
        self.context.state.regroup(layout)


class RenameWorkstreamCommand(_LayoutCommand):
    def __init__(
        self, context: CommandContext, workstream_id: int, tab: str, title: str, old_title: str
    ) -> None:
        super().__init__(context, f"Rename workstream {old_title}")
        self.workstream_id = workstream_id
        self.tab, self.title = tab, title
        self.old: tuple[str, str] = ("", "")

    def _do(self, *, first: bool) -> None:
        renamed = workstreams.rename_workstream(
            self.context.database,
            self.workstream_id,
            tab=self.tab,
            title=self.title,
            cause=self.cause(first),
        )
        if first:
            self.old = (renamed.old_tab, renamed.old_title)
        self._show(renamed.layout)

    def _undo(self) -> None:
        tab, title = self.old
        renamed = workstreams.rename_workstream(
            self.context.database, self.workstream_id, tab=tab, title=title, cause="undo"
        )
        self._show(renamed.layout)


class ReorderWorkstreamsCommand(_LayoutCommand):
    def __init__(
        self, context: CommandContext, plan_id: int, order: Sequence[int], text: str
    ) -> None:
        super().__init__(context, text)
        self.plan_id = plan_id
        self.order = list(order)
        self.old_order: list[int] = []

    def _do(self, *, first: bool) -> None:
        done = workstreams.set_order(
            self.context.database, self.plan_id, self.order, cause=self.cause(first)
        )
        if first:
            self.old_order = done.old_order
        self._show(done.layout)

    def _undo(self) -> None:
        done = workstreams.set_order(
            self.context.database, self.plan_id, self.old_order, cause="undo"
        )
        self._show(done.layout)


class MoveAreaCommand(_LayoutCommand):
    def __init__(
        self, context: CommandContext, area_id: int, workstream_id: int, text: str
    ) -> None:
        super().__init__(context, text)
        self.area_id = area_id
        self.workstream_id = workstream_id
        self.position: int | None = None  # where it went, kept for redo
        self.old: tuple[int, int] = (0, 0)

    def _do(self, *, first: bool) -> None:
        moved = workstreams.move_area(
            self.context.database,
            self.area_id,
            self.workstream_id,
            position=self.position,
            cause=self.cause(first),
        )
        if first:
            self.old = (moved.old_workstream_id, moved.old_position)
            self.position = moved.layout.area_places[self.area_id][1]
        self._show(moved.layout)

    def _undo(self) -> None:
        workstream_id, position = self.old
        moved = workstreams.move_area(
            self.context.database, self.area_id, workstream_id, position=position, cause="undo"
        )
        self._show(moved.layout)


class MergeWorkstreamsCommand(_LayoutCommand):
    def __init__(self, context: CommandContext, source_id: int, target_id: int, text: str) -> None:
        super().__init__(context, text)
        self.source_id = source_id
        self.target_id = target_id
        self.merged: Merged | None = None

    def _do(self, *, first: bool) -> None:
        self.merged = workstreams.merge_workstreams(
            self.context.database, self.source_id, self.target_id, cause=self.cause(first)
        )
        self._show(self.merged.layout)

    def _undo(self) -> None:
        assert self.merged is not None
        self._show(workstreams.unmerge_workstreams(self.context.database, self.merged))
