"""The nodes of a workstream tab's tree: workstream groups, areas and actions.

Plain Python objects with ``__slots__``: a tab of thousands of actions builds in
milliseconds and the item model's ``index()``/``parent()`` are list look-ups. Each node
keeps all its children in ``children`` and the ones the filter lets through, in the
current sort order, in ``shown``; ``row`` is the node's place in its parent's ``shown``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.ui.plan_state import PlanState

ROOT, GROUP, AREA, ACTION = 0, 1, 2, 3


class Node:
    __slots__ = ("cells", "children", "item", "kind", "parent", "row", "search", "shown")

    def __init__(self, kind: int, item: Any, parent: Node | None, search: str = "") -> None:
        self.kind = kind
        self.item = item
        self.parent = parent
        self.search = search
        self.children: list[Node] = []
        self.shown: list[Node] = self.children
        self.row = 0
        self.cells: tuple[str, ...] | None = None  # the row's column texts, cached

    def renumber(self) -> None:
        for row, child in enumerate(self.shown):
            child.row = row


def build_tab_tree(state: PlanState, tab: str) -> tuple[Node, dict[int, Node], dict[int, Node]]:
    """The tree for one tab; with its action and area nodes by id.

    A tab with more than one workstream (Enablers' three, or a second imported plan)
    shows each as a group; a tab with one lists its areas at the top level.
    """
    from tracker.ui.models.search_text import workstream_search_text

    root = Node(ROOT, None, None)
    actions: dict[int, Node] = {}
    areas: dict[int, Node] = {}
    workstreams = state.workstreams_for_tab(tab)
    grouped = len(workstreams) > 1
    for ws in workstreams:
        holder = root
        if grouped:
            holder = Node(GROUP, ws, root, workstream_search_text(ws))
            root.children.append(holder)
        for area in state.areas_of(ws.id):
            area_node = Node(AREA, area, holder, state.area_search[area.id])
            holder.children.append(area_node)
            areas[area.id] = area_node
            for action in state.actions_of(area.id):
                node = Node(ACTION, action, area_node, state.action_search[action.id])
                area_node.children.append(node)
                actions[action.id] = node
            area_node.renumber()
        holder.renumber()
    root.renumber()
    return root, actions, areas
