"""A row of controls that wraps onto a second line rather than squeezing its controls on
top of each other when the window is narrow (a laptop's 1024 pixels).

Controls are added in groups that stay together; a group that does not fit on the current
line starts the next one. One control may stretch to take the spare width of its line.
Hidden controls take no room.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

SPACING = 6


class WrappingRow(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._group_of: list[int] = []
        self._stretch: QLayoutItem | None = None
        self.setContentsMargins(0, 0, 0, 0)

    def add_group(self, widgets: Iterable[QWidget], stretch: QWidget | None = None) -> None:
        """Controls that stay on one line together; ``stretch`` takes the spare width."""
        group = (self._group_of[-1] + 1) if self._group_of else 0
        for widget in widgets:
            self.addChildWidget(widget)
            item = QWidgetItem(widget)
            self._items.append(item)
            self._group_of.append(group)
            if widget is stretch:
                self._stretch = item
        self.invalidate()

    # QLayout ------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._group_of.append((self._group_of[-1] + 1) if self._group_of else 0)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        del self._group_of[index]
        item = self._items.pop(index)
        if item is self._stretch:
            self._stretch = None
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(self._width(i) for i in shown) + SPACING * max(len(shown) - 1, 0)
        return QSize(width, self._line_height(shown))

    def minimumSize(self) -> QSize:
        shown = self._shown()
        widest_group = 0
        for group in {self._group_of[i] for i in shown}:
            members = [i for i in shown if self._group_of[i] == group]
            width = sum(self._width(i) for i in members) + SPACING * (len(members) - 1)
            widest_group = max(widest_group, width)
        return QSize(widest_group, self._line_height(shown))

    # Laying out ----------------------------------------------------------------------
    def _shown(self) -> list[int]:
        return [i for i, item in enumerate(self._items) if not item.isEmpty()]

    def _width(self, index: int) -> int:
        item = self._items[index]
        if item is self._stretch:
            return item.minimumSize().width()
        return item.sizeHint().width()

    def _line_height(self, indexes: list[int]) -> int:
        return max((self._items[i].sizeHint().height() for i in indexes), default=0)

    def _lines(self, width: int) -> list[list[int]]:
        shown = self._shown()
        groups: list[list[int]] = []
        for index in shown:
            if groups and self._group_of[groups[-1][-1]] == self._group_of[index]:
                groups[-1].append(index)
            else:
                groups.append([index])
        lines: list[list[int]] = []
        used = 0
        for group in groups:
            need = sum(self._width(i) for i in group) + SPACING * (len(group) - 1)
            if lines and used + SPACING + need <= width:
                lines[-1].extend(group)
                used += SPACING + need
            else:
                lines.append(list(group))
                used = need
        return lines

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        y = rect.y()
        for number, line in enumerate(self._lines(rect.width())):
            if number:
                y += SPACING
            height = self._line_height(line)
            used = sum(self._width(i) for i in line) + SPACING * (len(line) - 1)
            spare = max(rect.width() - used, 0)
            x = rect.x()
            for index in line:
                item = self._items[index]
                width = self._width(index)
                if item is self._stretch:
                    width += spare
                if place:
                    item_height = min(item.sizeHint().height(), height)
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                x += width + SPACING
            y += height
        return y - rect.y()
