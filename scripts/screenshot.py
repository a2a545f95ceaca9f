"""Take the README's screenshot of the window, offscreen, at 1280x800.

    python scripts/screenshot.py [OUT.png] [--tab Governance] [--size 1280x800] [--timeline]

The README's other pictures:

    python scripts/screenshot.py resources/dashboard.png --tab Overview --size 1024x700
    python scripts/screenshot.py resources/timeline.png --timeline --size 1024x700

Imports the original 2018 plan into a temporary database, records a few progress updates
(as leads would, through the services), opens the window on 15 July 2018 with one action
selected and saves a PNG (default: resources/screenshot.png). Nothing outside the
temporary folder is touched: the window's settings live there too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2018, 7, 15)
# (ref, date, status, RAG, percent, narrative): what leads had reported by mid-July 2018.
UPDATES = (
    (
        "1.1 i",
        date(2018, 6, 29),
        "Complete",
        "G",
        100,
        "Terms of reference agreed at the Health and Wellbeing Board.",
    ),
    (
        "1.1 ii",
        date(2018, 7, 9),
        "In progress",
        "A",
        60,
        "Draft shared vision out to partners for comment; sign-off at July board.",
    ),
    (
        "1.1 iii",
        date(2018, 7, 2),
        "In progress",
        "G",
        40,
        "Workshop held with system leaders; second session booked.",
    ),
    (
        "1.1 iv",
        date(2018, 7, 12),
        "In progress",
        "R",
        20,
        "Delayed: awaiting nominations from two partners.",
    ),
    ("1.2 i", date(2018, 7, 10), "In progress", "A", 50, "Scoping complete."),
    ("1.3 i", date(2018, 7, 5), "Not started", "R", 0, "Lead on leave until August."),
    ("1.3 ii", date(2018, 7, 11), "In progress", "G", 70, "On track."),
)
# (ref, date, revised due date, reason): due dates moved later, for the timeline's slips.
SLIPS = (
    ("1.1 iv", date(2018, 7, 13), date(2018, 10, 31), "Nominations from two partners late."),
    ("1.1 viii", date(2018, 7, 13), date(2018, 9, 30), "Boards wait for the new terms."),
    ("1.2 ii", date(2018, 7, 14), date(2019, 1, 31), "Reporting cycle moved to quarterly."),
)


def build_database(folder: Path) -> Path:
    from tracker.db import open_database
    from tracker.paths import original_plan_path
    from tracker.services.action_rows import UpdateInput
    from tracker.services.action_updates import add_update
    from tracker.services.plan_import import import_plan
    from tracker.services.plan_snapshot import load_snapshot

    path = folder / "tracker.sqlite3"
    database = open_database(path)
    try:
        import_plan(database, original_plan_path())
        by_ref = {row.ref: row for row in load_snapshot(database).actions}
        for ref, when, status, rag, percent, narrative in UPDATES:
            row = by_ref[ref]
            lead = row.leads[0] if row.leads else "Programme office"
            add_update(database, row.id, UpdateInput(when, lead, status, rag, percent, narrative))
        for ref, when, revised, reason in SLIPS:
            row = by_ref[ref]
            lead = row.leads[0] if row.leads else "Programme office"
            entry = UpdateInput(when, lead, "In progress", "A", 30, reason, revised, reason)
            add_update(database, row.id, entry)
    finally:
        database.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "resources" / "screenshot.png")
    parser.add_argument("--tab", default="Governance", help="the tab to show (or Overview)")
    parser.add_argument("--select", default="1.1 ii", help="the action to select")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--timeline", action="store_true", help="show the tab's timeline")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tracker.ui.app import configure_application
    from tracker.ui.main_window import MainWindow
    from tracker.ui.session import WhenEmpty
    from tracker.ui.settings import Settings
    from tracker.ui.workers import InlineTaskRunner

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    with tempfile.TemporaryDirectory(prefix="tracker-screenshot-") as tmp:
        folder = Path(tmp)
        # The status bar shows paths under the home folder as "~/...": make the picture
        # show "~/tracker.sqlite3", not wherever this machine keeps temporary files.
        os.environ["HOME"] = str(folder)
        db_path = build_database(folder)
        settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        settings.user_name = "Pip Mayo"
        window = MainWindow(settings, InlineTaskRunner(), lambda: TODAY)
        window.resize(width, height)
        window.show()
        window.open_database(db_path, WhenEmpty.NOTHING)
        window.show_tab(args.tab)
        tab = window.current_tab()
        if tab is not None:
            row = next(r for r in window.state.actions.values() if r.ref == args.select)
            tab.select_action(row.id)
            if args.timeline:
                tab.show_timeline(True)
        for _ in range(5):
            app.processEvents()
        pixmap = window.grab()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(args.out), "PNG"):
            print(f"could not write {args.out}", file=sys.stderr)
            return 1
        window.close()
    print(f"wrote {args.out} ({pixmap.width()}x{pixmap.height()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
