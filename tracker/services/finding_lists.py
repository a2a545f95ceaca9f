"""Reading a list of findings from a file: plain text (one finding a line, an optional
reference first), CSV, or a spreadsheet (a column of text, with "Ref", "Kind" and "Source"
columns when it has a header row). Nothing is written here.

Spreadsheets are read through the sandboxed reader, like any workbook from a stranger.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import TrackerError
from tracker.services.findings import FindingInput, parse_kind

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# "AFI-01 text", "1.2: text", "KF3) text", "7. text": a reference, then the finding.
_REF_FIRST = re.compile(r"^([A-Za-z]{0,6}-?\d+(?:\.\d+)*)[.:)\t]?\s+(\S.*)$")
_BULLET = re.compile(r"^[-•*–]\s+")
_HEADERS = {
    "ref": "ref",
    "reference": "ref",
    "text": "text",
    "finding": "text",
    "area for improvement": "text",
    "kind": "kind",
    "type": "kind",
    "source": "source",
}


def read_finding_list(path: Path, *, source: str = "") -> list[FindingInput]:
    """The findings listed in ``path``; raises a :class:`TrackerError` saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise TrackerError(f"{path} is not a file: give the list of findings to import.")
    suffix = path.suffix.casefold()
    source = source or path.stem
    if suffix in SPREADSHEET_SUFFIXES:
        from tracker.importing.workbook_file import read_workbook

        sheets = [s for s in read_workbook(path) if s.visible] or read_workbook(path)
        rows = [tuple("" if v is None else str(v) for v in row) for row in sheets[0].rows]
        return _from_rows(rows, source, path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TrackerError(
            f"{path.name} is not a text, CSV or spreadsheet file: save the list as one of "
            "those and import it again. Nothing was changed."
        ) from None
    if suffix == ".csv":
        return _from_rows([tuple(r) for r in csv.reader(io.StringIO(text))], source, path.name)
    return _from_lines(text.splitlines(), source)


def _from_lines(lines: Sequence[str], source: str) -> list[FindingInput]:
    found = []
    for line in lines:
        line = _BULLET.sub("", line.strip())
        if not line:
            continue
        match = _REF_FIRST.match(line)
        ref, text = (match.group(1), match.group(2)) if match else ("", line)
        found.append(FindingInput(ref, text, source=source))
    return _numbered(found)


def _from_rows(rows: Sequence[tuple[str, ...]], source: str, name: str) -> list[FindingInput]:
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise TrackerError(f"{name} lists no findings. Nothing was changed.")
    header = [_HEADERS.get(" ".join(c.split()).casefold()) for c in rows[0]]
    if "text" in header:
        columns = {field: header.index(field) for field in set(header) - {None}}
        body = rows[1:]
    elif len(rows[0]) == 1:
        columns, body = {"text": 0}, rows
    else:
        columns, body = {"ref": 0, "text": 1, "kind": 2, "source": 3}, rows

    def cell(row: tuple[str, ...], field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    found = []
    for number, row in enumerate(body, start=2 if body is not rows else 1):
        try:
            kind = parse_kind(cell(row, "kind"))
        except ValueError as exc:
            raise TrackerError(f"{name}, row {number}: {exc}. Nothing was changed.") from None
        found.append(
            FindingInput(cell(row, "ref"), cell(row, "text"), kind, cell(row, "source") or source)
        )
    return _numbered(found)


def _numbered(found: list[FindingInput]) -> list[FindingInput]:
    """Findings without a reference get F-01, F-02… in list order."""
    return [
        f if f.ref else FindingInput(f"F-{number:02d}", f.text, f.kind, f.source)
        for number, f in enumerate(found, start=1)
    ]
