"""The File menu's Excel entries: export the board report, export status returns, import
returns that came back.

Each asks the person (file dialogs), runs the work on the window's task runner so the
window stays live, and reports the outcome in the services' own words. Importing a return
shows the review dialog before anything is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.file_actions import start_folder
from tracker.wording import count_noun

if TYPE_CHECKING:
    from tracker.excel.status_returns import ReturnFile
    from tracker.services.return_apply import ApplyResult
    from tracker.services.return_changes import ReturnReview
    from tracker.ui.main_window import MainWindow

XLSX_FILTER = "Excel workbooks (*.xlsx)"
BY_CHOICES = {"One workbook per workstream": "workstream", "One workbook per lead": "lead"}


def register_excel_actions(window: MainWindow) -> None:
    window.add_file_action(
        "import",
        "Import status &returns…",
        lambda: import_status_returns(window),
        tip="Read status returns that leads filled in, review the changes, then apply them",
    )
    window.add_file_action(
        "export",
        "Export &board report…",
        lambda: export_board_report(window),
        shortcut="Ctrl+E",
        tip="Write the board report workbook",
    )
    window.add_file_action(
        "export",
        "Export status r&eturns…",
        lambda: export_status_returns(window),
        tip="Write one status return workbook per workstream or lead, to send out",
    )


def _exports_folder(window: MainWindow) -> str:
    from tracker.paths import default_exports_dir

    folder = window.settings.last_folder or default_exports_dir()
    return str(folder)


def export_board_report(window: MainWindow) -> None:
    database = window.database
    if database is None:
        return
    suggestion = Path(_exports_folder(window)) / f"Board report {date.today():%Y-%m-%d}.xlsx"
    name, _ = QFileDialog.getSaveFileName(
        window, "Export board report", str(suggestion), XLSX_FILTER
    )
    if not name:
        return
    out = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
    window.settings.last_folder = out.parent

    def work():  # type: ignore[no-untyped-def]  (runs on a worker thread)
        from tracker.excel.board_report import export_board_report as export

        return export(database, out, as_at=window.today())

    window.statusBar().showMessage(f"Writing the board report to {out.name}…")
    window.runner.run(
        work,
        lambda report: window.statusBar().showMessage(
            f"Board report written to {report.path} ({report.actions} actions, "
            f"{report.exceptions} exceptions).",
            15000,
        ),
        lambda error: show_error(window, error),
    )


def export_status_returns(window: MainWindow) -> None:
    database = window.database
    if database is None:
        return
    choice, ok = QInputDialog.getItem(
        window, "Export status returns", "Write:", list(BY_CHOICES), 0, False
    )
    if not ok:
        return
    folder = QFileDialog.getExistingDirectory(
        window, "Folder for the status returns", _exports_folder(window)
    )
    if not folder:
        return
    window.settings.last_folder = Path(folder)

    def work():  # type: ignore[no-untyped-def]
        from tracker.excel.status_returns import export_status_returns as export

        return export(database, Path(folder), by=BY_CHOICES[choice], today=window.today())

    def done(files: list[ReturnFile]) -> None:
        window.statusBar().clearMessage()
        show_message(
            window,
            f"{len(files)} status returns written to {folder}.",
            icon=QMessageBox.Icon.Information,
        )

    window.statusBar().showMessage("Writing status returns…")
    window.runner.run(work, done, lambda error: show_error(window, error))


def import_status_returns(window: MainWindow) -> None:
    database = window.database
    if database is None:
        return
    names, _ = QFileDialog.getOpenFileNames(
        window, "Import status returns", start_folder(window), XLSX_FILTER
    )
    if not names:
        return
    window.settings.last_folder = Path(names[0]).parent
    _review_next(window, [Path(n) for n in names], applied=[])


def _review_next(window: MainWindow, paths: list[Path], applied: list[str]) -> None:
    """Review and apply the returns one after another; reload once at the end."""
    database = window.database
    if not paths or database is None:
        if applied:
            window.reload("; ".join(applied))
        return
    path, rest = paths[0], paths[1:]

    def review():  # type: ignore[no-untyped-def]
        from tracker.services.return_review import review_return

        return review_return(database, path, author=None, today=window.today())

    def reviewed(review: ReturnReview) -> None:
        from tracker.ui.dialogs.return_review_dialog import ReturnReviewDialog

        if not review.changes and not review.conflicts and not review.rejections:
            applied.append(f"{path.name}: nothing to apply")
            _review_next(window, rest, applied)
            return
        selection = ReturnReviewDialog.ask(review, window)
        if selection is None:
            applied.append(f"{path.name}: not applied")
            _review_next(window, rest, applied)
            return

        def apply():  # type: ignore[no-untyped-def]
            from tracker.services.return_apply import apply_return

            return apply_return(
                database,
                review,
                apply_conflicts=selection.apply_conflicts,
                accept_rejections=selection.accept_rejections,
            )

        def finished(result: ApplyResult) -> None:
            applied.append(f"{path.name}: {count_noun(result.applied, 'update')} applied")
            _review_next(window, rest, applied)

        window.runner.run(apply, finished, lambda error: _failed(window, error, rest, applied))

    window.runner.run(review, reviewed, lambda error: _failed(window, error, rest, applied))


def _failed(window: MainWindow, error: BaseException, rest: list[Path], applied: list[str]) -> None:
    show_error(window, error)
    _review_next(window, rest, applied)
