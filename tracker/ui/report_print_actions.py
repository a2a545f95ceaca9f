"""File > Print preview of highlight report: the highlight report (the PDF that
``tracker export-report OUT.pdf`` writes) in Qt's print preview, to print or save as PDF.

The key messages for the period are asked for first (kept for the next preview in this
session); the report's data is gathered on the task runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.main_actions import Availability, MainAction

if TYPE_CHECKING:
    from tracker.services.highlight_report import HighlightInputs


class ReportPrintActions(ActionGroup):
    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        self.key_messages = ""
        self.pages = 0  # how many pages the last preview painted

    @main_action(
        MainAction.PRINT_PREVIEW_REPORT,
        "Print preview of &highlight report…",
        shortcut="Ctrl+Shift+P",
        tip="The highlight report for board papers: key messages, figures, chart, exceptions",
        available=Availability.DATABASE,
    )
    def preview_highlight_report(self) -> None:
        context = self.context
        database, plan_id = context.database, context.session.plan_id
        if database is None or plan_id is None:
            from tracker.ui.plan_actions import NO_PLAN

            show_message(context.parent, NO_PLAN, icon=QMessageBox.Icon.Information)
            return
        text, ok = QInputDialog.getMultiLineText(
            context.parent,
            "Highlight report",
            "Key messages for the board this period (the report's first page):",
            self.key_messages,
        )
        if not ok:
            return
        self.key_messages = text
        today = context.today()

        def work() -> HighlightInputs:  # runs on a worker thread
            from tracker.services.highlight_report import gather_highlight_report

            return gather_highlight_report(database, as_at=today, plan=plan_id, key_messages=text)

        context.runner.run(work, self._preview, lambda error: show_error(context.parent, error))

    def _preview(self, inputs: HighlightInputs) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from tracker.pdf.highlight_report import paint_highlight_report, set_a4

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_a4(printer)
        dialog = QPrintPreviewDialog(printer, self.context.parent)
        dialog.setWindowTitle("Print preview: highlight report")

        def paint(target: QPrinter) -> None:
            self.pages = paint_highlight_report(
                target, inputs.report, key_messages=inputs.key_messages, trend=inputs.trend
            )

        dialog.paintRequested.connect(paint)
        dialog.exec()
        dialog.deleteLater()
