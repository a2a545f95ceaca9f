"""Keeping the window on the screen it opens on.

A size and place saved on a large monitor can be restored on a laptop: the window then
reaches past the screen's edge, and everything to the right of the first columns is out of
sight. The window is shrunk to the screen's free area (less the task bar) and moved onto it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders the window manager adds, before they are known.
FRAME_ALLOWANCE = QSize(8, 32)


def fitted(frame: QRect, content: QSize, room: QRect, allowance: QSize) -> QRect:
    """Where a window whose frame is ``frame`` (content ``content``) goes to fit ``room``:
    its content rectangle's new size, at its frame's new top-left corner."""
    extra_w = max(frame.width() - content.width(), allowance.width())
    extra_h = max(frame.height() - content.height(), allowance.height())
    width = min(content.width(), room.width() - extra_w)
    height = min(content.height(), room.height() - extra_h)
    x = max(room.left(), min(frame.x(), room.right() + 1 - (width + extra_w)))
    y = max(room.top(), min(frame.y(), room.bottom() + 1 - (height + extra_h)))
    return QRect(x, y, width, height)


def fit_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` (not maximised) to lie within its screen's free area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    place = fitted(
        window.frameGeometry(), window.size(), screen.availableGeometry(), FRAME_ALLOWANCE
    )
    if place.size() != window.size():
        window.resize(place.size())
    if place.topLeft() != window.frameGeometry().topLeft():
        window.move(place.topLeft())
