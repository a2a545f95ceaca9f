"""The return verbs as a programme officer uses them: a due-back date and contact on the
returns, a corrected re-send applied, the lead who sent a return recorded as its author."""

from __future__ import annotations

import openpyxl
import pytest

from tracker.cli import main
from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_updates import list_updates

from ..unit.excel.return_helpers import action_ids, fill_return


def _run(capsys: pytest.CaptureFixture[str], database: Database, *args: str) -> tuple[int, str]:
    code = main(["--db", str(database.path), *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_export_returns_with_a_due_date_and_contact(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path
) -> None:
    folder = tmp_path / "returns"
    code, printed = _run(
        capsys,
        imported,
        "export-returns",
        str(folder),
        "--due-back",
        "12/04/2019",
        "--contact",
        "Jo Bloggs, programme office",
    )
    assert code == 0
    assert "Each asks for it back by 12 April 2019 to Jo Bloggs, programme office." in printed
    path = next(folder.glob("*Prevention*.xlsx"))
    workbook = openpyxl.load_workbook(path)
    assert workbook[layout.RETURN_SHEET]["A3"].value == (
        "Please send it back by 12 April 2019 to Jo Bloggs, programme office."
    )
    column = [r[0] for r in workbook[layout.INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
    assert "Due back by: 12 April 2019" in column
    assert "Send it back to: Jo Bloggs, programme office" in column


def test_a_bad_due_date_is_one_line(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(imported.path), "export-returns", str(tmp_path), "--due-back", "soon"])
    assert stopped.value.code == 2
    assert "--due-back" in capsys.readouterr().err


def test_a_corrected_resend_is_applied_by_the_cli(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path
) -> None:
    folder = tmp_path / "returns"
    _run(capsys, imported, "export-returns", str(folder))
    path = next(folder.glob("*Governance*.xlsx"))
    target = action_ids(path)[0]
    # Several leads and nobody named: the CLI says how to name the author, applies nothing.
    fill_return(path, {target: {layout.PERCENT: 10}})
    code, printed = _run(capsys, imported, "import-return", str(path))
    assert code == 1 and "--author NAME" in printed
    assert list_updates(imported, target) == []

    fill_return(path, {}, returned_by="Wayne Harrison")
    code, printed = _run(capsys, imported, "import-return", str(path))
    assert code == 0 and "Applied 1 update from" in printed
    fill_return(path, {target: {layout.PERCENT: 15}})
    code, printed = _run(capsys, imported, "import-return", str(path))
    assert code == 0
    assert "% complete: 10 -> 15" in printed
    assert "Applied 1 update from" in printed
    assert [(u.percent, u.author) for u in list_updates(imported, target)] == [
        (15, "Wayne Harrison"),
        (10, "Wayne Harrison"),
    ]
