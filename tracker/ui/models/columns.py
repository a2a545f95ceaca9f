"""The action tree's columns: names, what each shows and how each sorts.

Sort keys are native values (dates sort as dates, statuses in their workflow order,
RAG red first). A key of ``None`` means "no value": such rows go last whichever way the
column is sorted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tracker.domain import BLUE, RAGS, STATUSES
from tracker.ui.models.tree_nodes import ACTION, AREA, Node

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, AreaRow

REF, ACTION_TEXT, LEAD, DUE, STATUS, RAG, CALC_RAG, PERCENT, LAST_UPDATE = range(9)
COLUMN_COUNT = 9
HEADERS = (
    "Ref",
    "Action",
    "Lead",
    "Due",
    "Status",
    "RAG",
    # "Calc RAG" in words: the short heading keeps every column in sight at 1024 wide.
    "Calc",
    "% complete",
    "Last update",
)
HEADER_TIPS = (
    "The area's reference and the action's number",
    "What will be done",
    "Who leads it",
    "When it is due: the revised due date when there is one",
    "Not started, In progress, Complete or On hold",
    "Red, Amber or Green rating; Blue when complete and verified",
    "Calc RAG: the RAG calculated from the dates and progress under the plan's RAG rule",
    "Percent complete",
    "Date of the most recent progress update",
)

_STATUS_ORDER = {status: i for i, status in enumerate(STATUSES)}
_RAG_ORDER = {rag: i for i, rag in enumerate((*RAGS, BLUE))}


_ACTION_KEYS: dict[int, Callable[[ActionRow], Any]] = {
    REF: lambda r: r.position,
    ACTION_TEXT: lambda r: r.text.casefold() or None,
    LEAD: lambda r: ", ".join(r.leads).casefold() or None,
    DUE: lambda r: r.revised_due or r.due,
    STATUS: lambda r: _STATUS_ORDER.get(r.status, len(_STATUS_ORDER)),
    RAG: lambda r: _RAG_ORDER.get(r.brag) if r.brag else None,
    CALC_RAG: lambda r: None,  # depends on the plan's rule and today: see sort_nodes
    PERCENT: lambda r: r.percent,
    LAST_UPDATE: lambda r: r.last_update,
}
# Areas sort by their own value in these columns, otherwise by their first action's.
_AREA_KEYS: dict[int, Callable[[AreaRow], Any]] = {
    REF: lambda a: a.position,
    ACTION_TEXT: lambda a: a.title.casefold() or None,
    LEAD: lambda a: ", ".join(a.leads).casefold() or None,
}


CalculatedRag = Callable[["ActionRow"], "str | None"]


def _calc_key(calc: CalculatedRag | None) -> Callable[[ActionRow], Any]:
    def key(row: ActionRow) -> Any:
        rag = calc(row) if calc is not None else None
        return _RAG_ORDER.get(rag) if rag else None

    return key


def action_sort_value(row: ActionRow, column: int, calc: CalculatedRag | None = None) -> Any:
    """The native value an action sorts by in this column (None: no value); ``calc`` gives
    an action's calculated RAG."""
    if column == CALC_RAG:
        return _calc_key(calc)(row)
    return _ACTION_KEYS[column](row)


def sort_nodes(
    nodes: list[Node], column: int, descending: bool, calc: CalculatedRag | None = None
) -> None:
    """Sort sibling nodes in place by a column; rows without a value go last."""
    if not nodes:
        return
    kind = nodes[0].kind
    keys = {**_ACTION_KEYS, CALC_RAG: _calc_key(calc)}
    if kind == ACTION:
        action_key = keys[column]

        def key(node: Node) -> Any:
            return action_key(node.item)
    elif kind == AREA:
        area_key = _AREA_KEYS.get(column)
        if area_key is not None:
            own = area_key

            def key(node: Node) -> Any:
                return own(node.item)
        else:
            first = keys[column]

            def key(node: Node) -> Any:
                return first(node.children[0].item) if node.children else None
    else:
        return  # workstream groups stay in plan order
    # Stable: equal keys keep the plan's order.
    nodes.sort(key=lambda n: n.item.position)
    keyed = [(key(n), n) for n in nodes]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    nodes[:] = [n for _k, n in present] + [n for k, n in keyed if k is None]
