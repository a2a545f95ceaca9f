"""``tracker export-report OUT.pdf``: the highlight report from the command line, on the
original 2018 plan, read back page by page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tracker.cli import main
from tracker.db import Database
from tracker.pdf.report_sections import look_ahead
from tracker.services.exceptions import list_exceptions
from tracker.services.plan_snapshot import load_snapshot

from ..pdf_reading import page_count, pdf_pages_text, words

AS_AT = date(2018, 7, 15)
MESSAGES = "Governance boards are in place. The board is asked to agree the recovery plan."


def test_export_report_pdf(
    qapp: QApplication, capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    # In this process the tests' application is running: the command paints with it
    # (alone, it makes an offscreen one, as the next test shows).
    out = tmp_path / "highlight.pdf"
    code = main(["--db", str(imported.path), "export-report", str(out), "--as-at",
                 "2018-07-15", "--key-messages", MESSAGES])  # fmt: skip
    printed, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert f"Highlight report written to {out}" in printed
    pages = int(re.search(r"(\d+) pages", printed).group(1))  # type: ignore[union-attr]
    assert pages == page_count(out) >= 3
    text = [words(p) for p in pdf_pages_text(out)]
    assert len(text) == pages
    first = text[0]
    assert "highlight report" in first and "As at 15 July 2018 · Draft" in first
    assert MESSAGES in first
    # Tiles in rows of four: the values on one line, their names on the next.
    assert "Headline figures 63 " in first and "Actions Complete Red Amber" in first
    rest = " ".join(text[1:])
    actions = load_snapshot(imported).actions
    exceptions = len(list_exceptions(actions, AS_AT))
    ahead = len(look_ahead(actions, AS_AT))
    assert f"{exceptions} actions the board needs to know about" in rest
    assert "0 actions complete." in rest
    assert f"{ahead} actions due in the 90 days after 15 July 2018" in rest
    assert rest.index("Exceptions") < rest.index("Completed") < rest.index("Slipped")
    assert rest.index("Slipped") < rest.index("Look-ahead")
    assert all(f"Page {n} of {pages}" in page for n, page in enumerate(text, start=1))


def test_pdf_without_a_display(imported: Database, tmp_path: Path) -> None:
    """A fresh process with no display and no Qt platform chosen still writes it."""
    out = tmp_path / "report.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    imported.close()
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(imported.path), "export-report",
         str(out), "--as-at", "2018-07-15"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert page_count(out) >= 3


def test_other_suffixes_are_refused(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    code = main(["--db", str(imported.path), "export-report", str(tmp_path / "report.docx")])
    _out, err = capsys.readouterr()
    assert code == 1 and ".xlsx" in err and ".pdf" in err
    assert not (tmp_path / "report.docx").exists()


def test_periods_give_the_pdf_its_trend_arrows_and_key_messages(
    qapp: QApplication, capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    """Two boards closed from the command line: the report after them shows the trend
    and the key messages written for the last one, without --key-messages."""

    def tracker(*args: str) -> str:
        code = main(["--db", str(imported.path), "--user", "PMO", *args])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        return out

    tracker("close-period", "--date", "2018-07-31", "--label", "Board, July 2018")
    listed = tracker("periods")
    assert "Board, July 2018" in listed and "no key messages" in listed
    first_id = int(listed.splitlines()[1].split()[0])
    tracker("key-messages", str(first_id), "July: plans agreed.")
    assert "key messages written" in tracker("periods").splitlines()[1]
    tracker("add-update", "2.1 2", "--date", "2018-08-20", "--status", "Complete",
            "--percent", "100", "--rag", "G", "--narrative", "Done.")  # fmt: skip
    tracker("close-period", "--date", "2018-09-30", "--label", "Board, Sept 2018",
            "--key-messages", "Prevention is moving; the board is asked to note it.")  # fmt: skip
    assert "key messages written" in tracker("periods").splitlines()[2]
    # That board has met: July's words are history now.
    code = main(["--db", str(imported.path), "key-messages", str(first_id), "Rewritten"])
    assert code == 1 and "can no longer be changed" in capsys.readouterr().err

    out = tmp_path / "after.pdf"
    tracker("export-report", str(out), "--as-at", "2018-10-05")
    first = words(pdf_pages_text(out)[0])
    assert "Prevention is moving; the board is asked to note it." in first
    assert "Trend across reporting periods" in first
    assert "Board, July 2018" in first and "Board, Sept 2018" in first

    before = tmp_path / "before.pdf"
    tracker("export-report", str(before), "--as-at", "2018-08-05")
    first = words(pdf_pages_text(before)[0])
    assert "July: plans agreed." in first
    assert "Board, Sept 2018" not in first  # not yet closed on that day


def test_key_messages_for_an_unknown_period_are_refused(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    code = main(["--db", str(imported.path), "key-messages", "99", "Anything"])
    _out, err = capsys.readouterr()
    assert code == 1 and "no period numbered 99" in err and "tracker periods" in err
