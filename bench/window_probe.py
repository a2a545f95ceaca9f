"""One fresh window process for the benchmark; prints its figures as one JSON line.

    python bench/window_probe.py --bare          a bare QMainWindow: the start-up floor
    python bench/window_probe.py --db PATH      the tracker's window on PATH

Start-up (``startup_s``) runs from the first line of this process to the window's first
paint, as for the bare window; the tracker paints before it opens the database, so
``plan_shown_s`` also says when the plan itself is on screen (after the ``loaded``
signal, the next paint of the active tab's tree): interpreter, imports and data load.
Then, in the same process: typing one character in the active tab's filter box until the
view has repainted with the filtered rows (median of several), switching tabs until the
new tab's tree has painted (median), and the peak resident memory. The probe reaches the
widgets as any Qt code can, by their object names ("workstreamTabs", and in each tab
"actionTree" and "filterText"): the window keeps nothing for the benchmark.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTabWidget, QTreeView  # noqa: E402

SAMPLES = 7


class FirstPaint(QObject):
    """Notes the time of the first paint of a widget after ``arm()``."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None
        self.armed = False

    def arm(self) -> None:
        self.at, self.armed = None, True

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.at, self.armed = time.perf_counter(), False
        return False


def wait_until(app: QApplication, done, timeout: float = 300.0) -> float:  # type: ignore[no-untyped-def]
    """Process events until ``done()``; returns the time it became true, which is after
    the events that made it true (a paint, say) have been handled in full."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        if not done():
            time.sleep(0.0002)
    return time.perf_counter()


def settle(app: QApplication, seconds: float = 0.2) -> None:
    """Let pending work and paints finish so one measurement does not bleed into the next."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def bare() -> dict[str, float]:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 800)
    painted = FirstPaint()
    window.installEventFilter(painted)
    painted.arm()
    window.show()
    wait_until(app, lambda: painted.at is not None)
    assert painted.at is not None
    return {"startup_s": painted.at - STARTED, "rss_mb": rss_mb()}


def tracker_window(db_path: Path) -> dict[str, float]:
    from tracker.ui.app import configure_application, create_window
    from tracker.ui.settings import Settings
    from tracker.ui.workers import TaskRunner

    app = QApplication(sys.argv)
    configure_application(app)
    first_paint = FirstPaint()
    app.installEventFilter(first_paint)  # any widget's first paint: the window appearing
    first_paint.arm()
    folder = tempfile.mkdtemp(prefix="tracker-probe-")
    qsettings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    settings = Settings(qsettings)
    settings.user_name = "Benchmark"
    settings.last_tab = "Governance"
    window = create_window(settings, TaskRunner(), db_path, explicit_db=True)
    window.resize(1280, 800)
    loaded = []
    window.loaded.connect(lambda: loaded.append(time.perf_counter()))
    wait_until(app, lambda: bool(loaded))
    tabs = window.findChild(QTabWidget, "workstreamTabs")
    view = tabs.currentWidget().findChild(QTreeView, "actionTree")
    assert view is not None
    painted = FirstPaint()
    view.viewport().installEventFilter(painted)
    painted.arm()
    view.viewport().update()
    wait_until(app, lambda: painted.at is not None)
    app.removeEventFilter(first_paint)
    assert first_paint.at is not None
    startup = first_paint.at - STARTED
    plan_shown = painted.at - STARTED

    # Let the window finish its idle work (building the other tabs) before timing.
    settle(app, 1.0)

    edit = tabs.currentWidget().findChild(QLineEdit, "filterText")
    assert edit is not None
    filter_times = []
    for index in range(SAMPLES):
        tab = tabs.currentWidget()  # a workstream tab: it reports its count
        counted: list[str] = []
        tab.countChanged.connect(counted.append)
        painted.arm()
        started = time.perf_counter()
        QTest.keyClick(edit, "aeiou"[index % 5])
        # Filtered (the tab reports its new count) and the tree painted with the result.
        finished = wait_until(app, lambda counted=counted: bool(counted) and painted.at is not None)
        filter_times.append(finished - started)
        tab.countChanged.disconnect(counted.append)
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        settle(app)

    switch_times = []
    workstream_tabs = [tabs.widget(i) for i in range(1, tabs.count())]  # 0: Overview
    for index in range(SAMPLES):
        target = workstream_tabs[(index + 1) % len(workstream_tabs)]
        target_view = target.findChild(QTreeView, "actionTree")
        shown = FirstPaint()
        target_view.viewport().installEventFilter(shown)
        shown.arm()
        started = time.perf_counter()
        tabs.setCurrentWidget(target)
        finished = wait_until(app, lambda shown=shown: shown.at is not None)
        switch_times.append(finished - started)
        target_view.viewport().removeEventFilter(shown)
        settle(app)
    figures = {
        "startup_s": startup,
        "plan_shown_s": plan_shown,
        "filter_ms": statistics.median(filter_times) * 1000,
        "tab_switch_ms": statistics.median(switch_times) * 1000,
        "rss_mb": rss_mb(),
    }
    window.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--bare", action="store_true")
    group.add_argument("--db", type=Path)
    args = parser.parse_args()
    figures = bare() if args.bare else tracker_window(args.db)
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
