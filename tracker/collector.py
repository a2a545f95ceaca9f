"""Pausing Python's cyclic garbage collector around bulk work.

An import, a plan snapshot or an export makes hundreds of thousands of small objects and
no reference cycles. Left running, the collector walks the growing heap again and again
while they pile up: at 50,000 actions that was a tenth of a board report's time, and a
larger share than at 5,000, so the time grew faster than the plan. Paused, it looks at
them once, afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; nests, and is safe across threads.

    Only the outermost pause that found the collector running starts it again, so a
    pause inside another (or in another thread) never leaves it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
