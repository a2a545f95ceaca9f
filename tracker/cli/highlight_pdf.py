"""``tracker export-report OUT.pdf``: the highlight report as a PDF for board papers.

The PDF is painted with Qt's own printing support, which needs a GUI application: an
offscreen one is made when none is running, so no display is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import open_for_command
from tracker.dates import long_date


def export_highlight_pdf(args: argparse.Namespace) -> int:
    """Write the highlight report named by ``args.out`` (a .pdf path)."""
    from tracker.services.highlight_report import gather_highlight_report

    out = Path(args.out)
    database = open_for_command(args)
    try:
        inputs = gather_highlight_report(
            database, as_at=args.as_at, plan=args.plan, key_messages=args.key_messages or ""
        )
    finally:
        database.close()
    _gui_application()
    from tracker.pdf.highlight_report import write_highlight_report

    pages = write_highlight_report(
        out, inputs.report, key_messages=inputs.key_messages, trend=inputs.trend
    )
    print(f"Highlight report written to {out}")
    print(f"  {inputs.report.plan_name}, as at {long_date(inputs.report.as_at)}, {pages} pages")
    return 0


def _gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Kept for the life of the command: painting needs it until the file is written.
        _gui_application.app = QGuiApplication(["tracker", "-platform", "offscreen"])  # type: ignore[attr-defined]
