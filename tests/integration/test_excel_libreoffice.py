"""The board report and a status return through LibreOffice, as people will see them.

The report is converted to PDF headless and its pages checked: A4 landscape, the summary on
one page, each sheet fitted to the page width with its header rows repeated on every page,
the footer carrying the as-at date and page numbers, formula-like text printed as text.
A filled-in return re-saved by LibreOffice (which rewrites the whole file) still imports.
Skipped where LibreOffice is not installed (``apt-get install libreoffice-calc-nogui
poppler-utils``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.board_report_export import export_board_report
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

from ..unit.excel.return_helpers import action_ids, fill_return

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdftoppm")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

EVIL = '=HYPERLINK("http://evil.example","click me")'


def _convert(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    outdir.mkdir(exist_ok=True)
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    target = outdir / f"{source.stem}.{to}"
    assert target.exists(), f"LibreOffice did not convert {source}:\n{done.stdout}{done.stderr}"
    return target


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


PERIOD_SHEETS = (
    "Completed this period",
    "New exceptions",
    "Slipped this period",
    "Look-ahead (90 days)",
)


@pytest.mark.slow
@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed")
def test_board_report_prints_as_designed(imported: Database, tmp_path: Path) -> None:
    snapshot = load_snapshot(imported)
    first = snapshot.actions[0]
    add_update(
        imported, first.id, UpdateInput(date(2018, 7, 1), "Pip Mayo", "In progress", "R", 10, EVIL)
    )
    report = tmp_path / "board.xlsx"
    export_board_report(imported, report, as_at=date(2018, 7, 15))
    pdf = _convert(report, "pdf", tmp_path / "pdf", tmp_path / "profile")

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info
    pages = _pages(pdf)
    total = len(pages)
    assert 8 < total < 40
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "As at 15 July 2018" in page
    # The summary fits one page: title, the total row and the chart's legend on page 1.
    summary = pages[0]
    assert "board report as at 15 July 2018" in summary
    assert "All workstreams" in summary and "No RAG" in summary
    assert "Summary" in summary.strip().splitlines()[-1]
    assert "Summary" not in pages[1].strip().splitlines()[-1]
    # Fitted to the width: the last column of every table is on each of its pages, and
    # the header rows are repeated on every page.
    for page in pages[1:]:
        last_line = page.strip().splitlines()[-1]
        if "Exceptions" in last_line:
            assert "Why listed" in page and "Latest narrative" in page
        elif "Changes" in last_line:
            assert "Reason for change" in page and "Source" in page
        elif last_line.endswith(PERIOD_SHEETS):
            assert "Latest narrative" in page and "Workstream" in page
        elif last_line.endswith("Returns"):
            assert "Sent to" in page and "File" in page
        elif last_line.endswith("Trend"):
            assert "Workstream" in page and "No RAG" in page
        elif "RAG check" in last_line:
            assert "Workstream" in page and "Reason given for the declared RAG" in page
        elif "Coverage" in last_line:
            assert "Kind" in page and "What the action does" in page
        else:
            assert "Latest narrative" in page and "Narrative" in page and "Ref" in page
    # No word is printed broken across two lines: every word on the pages is a word of
    # the workbook's cells or of the page furniture (footer, sheet names, the chart).
    workbook = openpyxl.load_workbook(report)
    furniture = "As at Page of Summary Returns Trend Actions by RAG rating, per workstream, period"
    words = set(re.findall(r"\w+", furniture))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            words.update(w for v in row if isinstance(v, str) for w in re.findall(r"\w+", v))
    printed = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    broken = {w for w in re.findall(r"\w+", printed) if w not in words and not w.isdigit()}
    assert not broken, f"words broken across lines: {sorted(broken)}"
    # Formula-like text is printed as text, never evaluated into a link.
    everything = "\n".join(pages)
    assert '=HYPERLINK("http://evil.example","click' in everything
    assert "Err:" not in everything and "#NAME?" not in everything

    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 5000 for p in pngs)


@pytest.mark.slow
def test_a_return_resaved_by_libreoffice_still_imports(imported: Database, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    files = export_status_returns(imported, folder)
    path = next(f.path for f in files if f.scope.label == "Prevention")
    first, second, third = action_ids(path)[:3]
    fill_return(
        path,
        {
            first: {layout.STATUS: "Complete", layout.PERCENT: 100, layout.NARRATIVE: EVIL},
            second: {
                layout.RAG: "A",
                layout.REVISED_DUE: "31/12/2018",
                layout.REASON: "Recruitment delayed",
            },
            third: {layout.PERCENT: 140},
        },
        returned_by="Mike Walsh",
    )
    resaved = _convert(path, "xlsx", tmp_path / "resaved", tmp_path / "profile")
    assert resaved.read_bytes() != path.read_bytes()

    review = review_return(imported, resaved)
    assert sorted(c.action_id for c in review.changes) == sorted([first, second])
    assert [r.ref for r in review.rejections] and "140" in review.rejections[0].reason
    result = apply_return(imported, review, accept_rejections=True)
    assert result.applied == 2
    assert list_updates(imported, first)[0].narrative == EVIL
    assert list_updates(imported, second)[0].revised_due == date(2018, 12, 31)
    assert review_return(imported, resaved).already_imported
