"""A revised copy of the 2018 plan's workbook, as a board might approve it again."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def revised_copy(plan_file: Path, out: Path) -> Path:
    """Area 2.1 gains a fifth action; in 2.2 action 1 is reworded, action 2 moves from
    August to October 2018 and action 3 is dropped."""
    book = openpyxl.load_workbook(plan_file)
    sheet = book["Action Plan"]
    # Area 2.1 gains a fifth action.
    sheet["E14"] = f"{sheet['E14'].value}\n5. Evaluate the risk stratification pilot"
    sheet["G14"] = f"{sheet['G14'].value}\n5. March 19"
    # Area 2.2: 1. reworded, 2. moved from August to October, 3. dropped.
    sheet["E15"] = (
        "1. Website restructured and tested with users.\n" + sheet["E15"].value.split("\n")[1]
    )
    sheet["G15"] = "1. June 18\n2. October 18"
    book.save(out)
    return out
