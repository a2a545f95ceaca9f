"""The 2018 plan imports the same from every format the importer reads.

``tests/data/plan/`` holds the plan saved as .ods, .xls and .xlsm by LibreOffice and as
.xlsb (see its README); each goes through ``tracker import-plan`` as a user would, and
must give the 17 areas and 63 actions the .xlsx gives, with the same texts and dates.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_PLAN
from tests.unit.importing import hostile_files as hf
from tracker.cli import main
from tracker.errors import PlanImportError
from tracker.services.plan_import import read_plan

PLAN_COPIES = Path(__file__).parent.parent / "data" / "plan"
FORMATS = ["xlsx", "xlsm", "xlsb", "xls", "ods"]


def _plan_file(fmt: str, folder: Path, name: str | None = None) -> Path:
    source = FIXTURE_PLAN if fmt == "xlsx" else PLAN_COPIES / f"{FIXTURE_PLAN.stem}.{fmt}"
    copy = folder / (name or source.name)
    shutil.copyfile(source, copy)
    return copy


def _outline(draft_path: Path) -> list[tuple[str, str, list[tuple[str, str, str | None]]]]:
    draft = read_plan(draft_path)
    return [
        (
            area.ref,
            area.title,
            [(x.label, x.text, x.due.isoformat() if x.due else None) for x in area.actions],
        )
        for area in draft.areas
    ]


@pytest.fixture(scope="module")
def xlsx_outline(tmp_path_factory: pytest.TempPathFactory) -> list:
    return _outline(_plan_file("xlsx", tmp_path_factory.mktemp("xlsx")))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_imports_seventeen_areas_and_sixty_three_actions(
    tmp_path: Path, fmt: str
) -> None:
    plan = _plan_file(fmt, tmp_path)
    db = tmp_path / "plan.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(db), "import-plan", str(plan)]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(db), "show", "--json"]) == 0
    (saved,) = json.loads(out.getvalue())["plans"]
    areas = [area for ws in saved["workstreams"] for area in ws["areas"]]
    assert len(areas) == 17
    assert sum(len(area["actions"]) for area in areas) == 63


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "xlsx"])
def test_every_format_gives_the_same_plan_as_the_xlsx(
    tmp_path: Path, fmt: str, xlsx_outline: list
) -> None:
    assert _outline(_plan_file(fmt, tmp_path)) == xlsx_outline


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_workbook_saved_under_the_wrong_extension_still_imports(
    tmp_path: Path, fmt: str, xlsx_outline: list
) -> None:
    renamed = _plan_file(fmt, tmp_path, name="plan-from-email.xlsx")
    assert _outline(renamed) == xlsx_outline


def test_a_stray_value_at_row_1048567_does_not_stop_the_plan(
    tmp_path: Path, xlsx_outline: list
) -> None:
    stray = hf.stray_value_far_below(FIXTURE_PLAN, tmp_path)
    assert stray.stat().st_size < 40_000
    assert _outline(stray) == xlsx_outline


def test_a_plan_with_a_utf16_custom_xml_part_imports(tmp_path: Path, xlsx_outline: list) -> None:
    path = hf.with_utf16_custom_xml(tmp_path, FIXTURE_PLAN)
    assert _outline(path) == xlsx_outline


def test_a_package_with_its_parts_at_the_root_gets_the_ordinary_answer(tmp_path: Path) -> None:
    # Read, then judged as a plan: a sheet with no plan's header is no plan.
    workbook_rows = [("Notes",), ("nothing to import here",)]
    path = hf.parts_at_root(tmp_path, rows=workbook_rows)
    with pytest.raises(PlanImportError) as caught:
        read_plan(path)
    assert str(caught.value).startswith(path.name)
