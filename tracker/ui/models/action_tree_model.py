"""The item model of one workstream tab: areas for improvement and their actions.

One ``QAbstractItemModel`` over :mod:`tree_nodes`. It sorts and filters itself:

* ``sort()`` sorts each node's children with ``list.sort`` and emits ``layoutChanged``
  (a ``QSortFilterProxyModel`` sort calls back into Python for every comparison: 36 s
  at 100,000 rows against 88 ms);
* ``set_matcher()`` recomputes which children each node shows from text prepared at load
  time and resets the model (a proxy's ``filterAcceptsRow`` is a Python call per row and
  its row-by-row removals cost the tree view seconds at 10,000 rows).

The hot methods (``index``, ``parent``, ``rowCount``, ``data``) are kept to attribute
reads and list look-ups: the tree view calls them for every row it lays out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt

from tracker.rag_rule import DEFAULT_RULE, RagRule, calculated_rag
from tracker.ui.formatting import first_line, format_date, format_percent, rag_label
from tracker.ui.models import columns as col
from tracker.ui.models.action_filter import Matcher
from tracker.ui.models.tree_nodes import ACTION, AREA, GROUP, Node
from tracker.ui.widgets import palette
from tracker.wording import count_noun

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, AreaRow

_NO_INDEX = QModelIndex()
_R = Qt.ItemDataRole
DISPLAY = int(_R.DisplayRole)
TOOLTIP = int(_R.ToolTipRole)
DECORATION = int(_R.DecorationRole)
BACKGROUND = int(_R.BackgroundRole)
FOREGROUND = int(_R.ForegroundRole)
FONT = int(_R.FontRole)
ALIGNMENT = int(_R.TextAlignmentRole)
ACCESSIBLE = int(_R.AccessibleTextRole)
ITEM_ROLE = int(_R.UserRole) + 1  # the row: ActionRow, AreaRow or WorkstreamInfo
KIND_ROLE = int(_R.UserRole) + 2  # tree_nodes.GROUP, AREA or ACTION
SORT_ROLE = int(_R.UserRole) + 3  # the column's native sort value
RAG_ROLE = int(_R.UserRole) + 4  # "R", "A", "G" or None
MARKS_ROLE = int(_R.UserRole) + 5  # ("overdue", "needs review") as they apply

_LEAF_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_BRANCH_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_HANDLED_ROLES = frozenset(
    {
        DISPLAY,
        TOOLTIP,
        DECORATION,
        BACKGROUND,
        FOREGROUND,
        FONT,
        ALIGNMENT,
        ACCESSIBLE,
        ITEM_ROLE,
        KIND_ROLE,
        SORT_ROLE,
        RAG_ROLE,
        MARKS_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


class ActionTreeModel(QAbstractItemModel):
    """Groups (when a tab has several workstreams) > areas > actions, eight columns."""

    def __init__(
        self,
        root: Node,
        actions: dict[int, Node],
        areas: dict[int, Node],
        today: Callable[[], date],
        parent: QObject | None = None,
        rule: RagRule = DEFAULT_RULE,
    ) -> None:
        super().__init__(parent)
        self.rule = rule
        # action id: (calculated RAG, reason, the row it was worked out for)
        self._calculated: dict[int, tuple[str | None, str, ActionRow]] = {}
        self._root = root
        self._actions = actions
        self._areas = areas
        self._clock = today
        self.today = today()
        self._matcher: Matcher | None = None
        self._sort: tuple[int, bool] = (col.REF, False)
        self.shown_actions = len(actions)

    # Structure -----------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = _NO_INDEX) -> QModelIndex:
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            node = parent.internalPointer()
        else:
            node = self._root
        shown = node.shown
        if 0 <= row < len(shown) and 0 <= column < col.COLUMN_COUNT:
            return self.createIndex(row, column, shown[row])
        return QModelIndex()

    def parent(self, child: QModelIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        up = child.internalPointer().parent
        if up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: QModelIndex = _NO_INDEX) -> int:
        if not parent.isValid():
            return len(self._root.shown)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().shown)

    def columnCount(self, parent: QModelIndex = _NO_INDEX) -> int:
        return col.COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex = _NO_INDEX) -> bool:
        if not parent.isValid():
            return bool(self._root.shown)
        return parent.column() == 0 and bool(parent.internalPointer().shown)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        node = index.internalPointer()
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        return _LEAF_FLAGS if node.kind == ACTION else _BRANCH_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < col.COLUMN_COUNT:
            return None
        if role == DISPLAY:
            return col.HEADERS[section]
        if role == TOOLTIP:
            return col.HEADER_TIPS[section]
        if role == ALIGNMENT and section == col.PERCENT:
            return _RIGHT
        return None

    # Data ----------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        # The view asks for about ten roles per cell on every paint: answer the ones we
        # never use at once, and the text from a per-row cache.
        if role not in _HANDLED_ROLES:
            return None
        node: Node | None = index.internalPointer()
        if node is None:
            return None
        if role == DISPLAY:
            cells = node.cells
            if cells is None:
                cells = node.cells = _cells(node, self.calculated_rag)
            return cells[index.column()]
        kind = node.kind
        if kind == ACTION:
            return self._action_data(node.item, index.column(), role)
        if role == FONT:
            return palette.bold_font()
        if role == ITEM_ROLE:
            return node.item
        if role == KIND_ROLE:
            return kind
        if kind == AREA and role == TOOLTIP and index.column() == col.ACTION_TEXT:
            return node.item.title or None
        return None

    def _action_data(self, row: ActionRow, column: int, role: int) -> Any:
        if role == BACKGROUND:
            if row.is_overdue(self.today):
                return palette.brush(palette.OVERDUE_BACKGROUND)
            if row.needs_review:
                return palette.brush(palette.REVIEW_BACKGROUND)
            return None
        if role == DECORATION:
            if column == col.REF and row.needs_review:
                return palette.review_icon()
            if column == col.DUE and row.is_overdue(self.today):
                return palette.overdue_icon()
            return None
        if role == FOREGROUND:
            if column == col.DUE and row.is_overdue(self.today):
                return palette.brush(palette.OVERDUE_TEXT)
            return None
        if role == ALIGNMENT:
            if column == col.PERCENT:
                return _RIGHT
            if column in (col.RAG, col.CALC_RAG):
                return _CENTRE
            return None
        if role == FONT:
            # A revised due date is in italics (its tooltip and the panel say more).
            return palette.italic_font() if column == col.DUE and row.revised_due else None
        if role == TOOLTIP:
            return self._action_tooltip(row, column)
        if role == ACCESSIBLE:
            return self._action_accessible(row, column)
        if role == ITEM_ROLE:
            return row
        if role == KIND_ROLE:
            return ACTION
        if role == RAG_ROLE:
            return self.calculated_rag(row) if column == col.CALC_RAG else row.brag
        if role == SORT_ROLE:
            return col.action_sort_value(row, column, self.calculated_rag)
        if role == MARKS_ROLE:
            return self._marks(row)
        return None

    def _marks(self, row: ActionRow) -> tuple[str, ...]:
        marks = []
        if row.is_overdue(self.today):
            marks.append("overdue")
        if row.needs_review:
            marks.append("needs review")
        return tuple(marks)

    def _action_tooltip(self, row: ActionRow, column: int) -> str | None:
        if column == col.REF:
            if row.needs_review:
                return f"Needs review: {row.review_reason or 'flagged on import'}"
            return None
        if column == col.ACTION_TEXT:
            return row.text or None
        if column == col.LEAD:
            return row.lead_text or None
        if column == col.DUE:
            lines = []
            if row.revised_due:
                lines.append(f"Revised due {format_date(row.revised_due)}")
                lines.append(f"Originally due {format_date(row.due) or 'not set'}")
            elif row.due:
                lines.append(f"Due {format_date(row.due)}")
            if row.deadline_text:
                lines.append(f"Deadline as written: {row.deadline_text}")
            if row.is_overdue(self.today):
                lines.append("Overdue")
            return "\n".join(lines) or None
        if column == col.RAG:
            return rag_label(row.brag)
        if column == col.CALC_RAG:
            return self.calculated_text(row)
        if column == col.LAST_UPDATE and row.latest_narrative:
            return row.latest_narrative
        return None

    def _action_accessible(self, row: ActionRow, column: int) -> str | None:
        if column == col.RAG:
            return rag_label(row.brag)
        if column == col.CALC_RAG:
            return self.calculated_text(row)
        if column == col.REF and row.needs_review:
            return f"{row.ref}, needs review"
        if column == col.DUE and row.is_overdue(self.today):
            return f"{format_date(row.revised_due or row.due)}, overdue"
        return None

    # The calculated RAG --------------------------------------------------------------
    def calculation(self, row: ActionRow) -> tuple[str | None, str]:
        """The action's calculated RAG and its reason, as of the model's today."""
        found = self._calculated.get(row.id)
        if found is None or found[2] is not row:
            value = calculated_rag(
                row.start, row.due, row.revised_due, row.status, row.percent, self.today, self.rule
            )
            found = self._calculated[row.id] = (*value, row)
        return found[0], found[1]

    def calculated_rag(self, row: ActionRow) -> str | None:
        return self.calculation(row)[0]

    def calculated_text(self, row: ActionRow) -> str:
        rag, reason = self.calculation(row)
        return f"Calculated {rag_label(rag)}: {reason}"

    def set_rule(self, rule: RagRule) -> None:
        """Rate the actions under another rule (the plan's rule changed)."""
        self.beginResetModel()
        self.rule = rule
        self._forget_calculations()
        self.endResetModel()

    def _forget_calculations(self) -> None:
        self._calculated.clear()
        for node in self._actions.values():
            node.cells = None

    # Sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < col.COLUMN_COUNT:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == self._sort:
            return  # already in this order (a new model is in the plan's order)
        self.layoutAboutToBeChanged.emit()
        before = self._persistent_nodes()
        self._sort = (column, descending)
        self._sort_tree(self._root)
        self._reshow(self._root)
        self._restore_persistent(before)
        self.layoutChanged.emit()

    def _sort_tree(self, node: Node) -> None:
        column, descending = self._sort
        for child in node.children:
            if child.children:
                self._sort_tree(child)
        col.sort_nodes(node.children, column, descending, self.calculated_rag)

    # Filtering -----------------------------------------------------------------------
    def set_matcher(self, matcher: Matcher | None) -> None:
        """Show only what the matcher lets through (everything for None)."""
        self.beginResetModel()
        self._matcher = matcher
        today = self._clock()
        if today != self.today:
            self.today = today
            self._forget_calculations()
        self._reshow(self._root)
        self.endResetModel()

    def _reshow(self, root: Node) -> None:
        """Recompute every node's shown children from its (sorted) children."""
        matcher = self._matcher
        count = 0
        for top in root.children:
            if top.kind == GROUP:
                for area in top.children:
                    count += self._reshow_area(area, matcher)
                top.shown = [a for a in top.children if a.row >= 0]
            else:
                count += self._reshow_area(top, matcher)
            top.renumber()
        root.shown = [n for n in root.children if _visible(n)]
        root.renumber()
        self.shown_actions = count

    @staticmethod
    def _reshow_area(area: Node, matcher: Matcher | None) -> int:
        if matcher is None:
            area.shown = area.children
            area.row = 0
        else:
            in_area = matcher.text_matches(area.search)
            if matcher.has_criteria:
                test = matcher.criteria_match
                if in_area:
                    shown = [n for n in area.children if test(n.item)]
                else:
                    shown = [
                        n for n in area.children if matcher.text_matches(n.search) and test(n.item)
                    ]
                visible = bool(shown)
            else:
                shown = (
                    area.children
                    if in_area
                    else [n for n in area.children if matcher.text_matches(n.search)]
                )
                visible = in_area or bool(shown)
            area.shown = shown
            area.row = 0 if visible else -1  # -1: hidden until the parent renumbers
        area.renumber()
        return len(area.shown) if area.row >= 0 else 0

    # Rows changing -------------------------------------------------------------------
    def replace_action(self, row: ActionRow, search: str) -> None:
        """An edited action: repaint its row where it is (no re-sort, no re-filter)."""
        node = self._actions.get(row.id)
        if node is None:
            return
        node.item = row
        node.search = search
        node.cells = None
        index = self.node_index(node)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(col.COLUMN_COUNT - 1))

    def replace_area(self, row: AreaRow, search: str) -> None:
        node = self._areas.get(row.id)
        if node is None:
            return
        node.item = row
        node.search = search
        node.cells = None
        index = self.node_index(node)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(col.COLUMN_COUNT - 1))

    # Finding -------------------------------------------------------------------------
    def node_index(self, node: Node, column: int = 0) -> QModelIndex:
        """The node's index, or an invalid one when the filter hides it."""
        parent = node.parent
        if parent is None or node.row < 0:
            return QModelIndex()
        if node.row >= len(parent.shown) or parent.shown[node.row] is not node:
            return QModelIndex()
        if parent is not self._root and not self.node_index(parent).isValid():
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def action_index(self, action_id: int) -> QModelIndex:
        node = self._actions.get(action_id)
        return self.node_index(node) if node is not None else QModelIndex()

    def branch_indexes(self) -> list[QModelIndex]:
        """Indexes of the shown groups and areas (the rows that can expand)."""
        found = []
        for top in self._root.shown:
            found.append(self.createIndex(top.row, 0, top))
            if top.kind == GROUP:
                found.extend(self.createIndex(a.row, 0, a) for a in top.shown)
        return found

    def group_indexes(self) -> list[QModelIndex]:
        return [self.createIndex(n.row, 0, n) for n in self._root.shown if n.kind == GROUP]

    @property
    def action_count(self) -> int:
        return len(self._actions)

    # Persistent indexes across a sort ------------------------------------------------
    def _persistent_nodes(self) -> list[tuple[QModelIndex, Node, int]]:
        return [
            (i, i.internalPointer(), i.column()) for i in self.persistentIndexList() if i.isValid()
        ]

    def _restore_persistent(self, before: list[tuple[QModelIndex, Node, int]]) -> None:
        if not before:
            return
        old = [pair[0] for pair in before]
        new = [self.node_index(node, column) for _i, node, column in before]
        self.changePersistentIndexList(old, new)


def _cells(node: Node, calc: Callable[[ActionRow], str | None]) -> tuple[str, ...]:
    """What each column shows for a row: computed once, until the row changes."""
    kind = node.kind
    if kind == ACTION:
        row: ActionRow = node.item
        due = format_date(row.revised_due or row.due)
        return (
            row.ref,
            first_line(row.text),
            ", ".join(row.leads) or first_line(row.lead_text, 80),
            due,
            row.status,
            row.brag or "",
            calc(row) or "",
            format_percent(row.percent),
            format_date(row.last_update),
        )
    if kind == AREA:
        area: AreaRow = node.item
        count = len(node.children)
        return (
            area.ref,
            first_line(area.title),
            ", ".join(area.leads) or first_line(area.lead_text, 80),
            "",
            count_noun(count, "action"),
            "",
            "",
            "",
            "",
        )
    return (node.item.title, "", "", "", "", "", "", "", "")


def _visible(node: Node) -> bool:
    if node.kind == GROUP:
        return bool(node.shown)
    return node.row >= 0
