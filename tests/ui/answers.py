"""Answers to the questions the window asks before an export, for tests that go through
the menus: one place, so a change to a dialog is followed in one place too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tracker.ui.dialogs.export_returns_dialog import ExportReturnsDialog, ReturnsRequest


def answer_returns_export(
    monkeypatch: pytest.MonkeyPatch, folder: Path, by: str = "workstream"
) -> None:
    """Export status returns: split ``by`` workstream or lead, no due-back date, no
    contact, into ``folder``."""
    request = ReturnsRequest(None, "", by)
    monkeypatch.setattr(ExportReturnsDialog, "ask", staticmethod(lambda *a, **k: request))
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )


def answer_board_report_export(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    """Export board report: to ``out``, as a draft."""
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(out), "Excel workbooks (*.xlsx)")),
    )
    monkeypatch.setattr(
        "tracker.ui.excel_actions.ExcelActions._ask_sent_to_board", lambda self: False
    )


def answer_print_preview(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    """Print preview: instead of showing the preview, print what it would show to the PDF
    ``out`` (the printer keeps the page set up by the code under test)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    def print_to_pdf(dialog: QPrintPreviewDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_to_pdf)


def answer_key_messages(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """The highlight report's key messages question: answered with ``text``."""
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: (text, True))
    )
