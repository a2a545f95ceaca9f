"""Steps 2 to 8 over one open file: the order of the checks and the running totals.

:class:`Inspection` drives the container checks, finds the workbook's parts, streams every
part through the shared-strings and sheet scanners (fast path first, exact path when the
fast one gives up) and applies the limits to what they report, per sheet and in total.
"""

from __future__ import annotations

import zipfile
from array import array
from typing import BinaryIO, NoReturn

from tracker.errors import BadWorkbookError
from tracker.importing.container_checks import PartReader, read_zip_directory
from tracker.importing.limits import WorkbookLimits
from tracker.importing.shared_strings_scan import ExactSharedStrings, FastSharedStrings
from tracker.importing.sheet_scan import ExactSheet, FastSheet, SheetPart
from tracker.importing.workbook_messages import (
    FRESH_COPY,
    MALFORMED,
    TRIM,
    col_letters,
    damaged,
    millions,
    refusal,
)
from tracker.importing.workbook_parts import check_is_spreadsheet
from tracker.importing.xml_scan import NeedExact, check_xml_head, refuse_dtd


class Inspection:
    """What the checks learn about one open file, and the limits applied as they learn it."""

    def __init__(self, fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
        self.fp = fp
        self.name = name
        self.limits = limits
        self.parts = PartReader(fp, name, limits)
        self.part_labels: dict[str, str] = {}
        # Per shared string: its length in (weighted) bytes, an upper bound of the memory
        # it costs each cell that uses it. array keeps a million of them in 8 MB.
        self.sst_lens: array[int] = array("q")
        self.sst_long: dict[int, int] = {}  # index -> exact characters, over the cell limit
        self.sheets: list[SheetPart] = []
        self.rows_before = 0  # value rows in parts already finished
        self.cells_before = 0
        self._longest_shared: int | None = None
        self.sst_parts: set[str] = set()

    # -- helpers --------------------------------------------------------------------

    def refuse(self, problem: str, action: str) -> NoReturn:
        raise refusal(self.name, problem, action)

    def damaged(self) -> BadWorkbookError:
        return damaged(self.name)

    def label(self, part: str) -> str:
        sheet = self.part_labels.get(part)
        return f"sheet '{sheet}'" if sheet is not None else f"part {part}"

    # -- the steps, in order ---------------------------------------------------------

    def run(self) -> None:
        infos, by_name = read_zip_directory(self.fp, self.name, self.limits)
        self.sst_parts, self.part_labels = check_is_spreadsheet(self.parts, by_name)
        self.scan_parts(infos, by_name)
        self.check_totals()

    def scan_parts(self, infos: list[zipfile.ZipInfo], by_name: dict[str, zipfile.ZipInfo]) -> None:
        """Stream every part: shared strings first, because cells refer to them.

        Every part, not only the ones named .xml: calamine opens worksheets at whatever
        path the relationships give, literally, so we do not guess which it will read.
        """
        sst_names = self.sst_parts | {"xl/sharedStrings.xml"}
        sst_infos = [
            info
            for info in infos
            if info.filename in sst_names or info.filename.lower().endswith("sharedstrings.xml")
        ]
        for info in sst_infos:
            self.scan_with_fallback(info, FastSharedStrings, ExactSharedStrings)
        # The shared strings too: a relationship may name that part as a worksheet.
        for info in infos:
            if not info.is_dir():
                self.scan_with_fallback(info, FastSheet, ExactSheet)

    def check_totals(self) -> None:
        limits = self.limits
        text = sum(self.sst_lens) + sum(s.literal + s.shared for s in self.sheets)
        if text > limits.max_text_chars:
            self.refuse(
                f"is too large to import safely: its cells hold about {millions(text)} "
                f"characters of text (the limit is {millions(limits.max_text_chars)})",
                "Split it into smaller workbooks, or delete the sheets and columns you do "
                "not need, and import it again.",
            )

    # -- reading parts -----------------------------------------------------------------

    def scan_with_fallback(
        self,
        info: zipfile.ZipInfo,
        fast: type[FastSheet] | type[FastSharedStrings],
        exact: type[ExactSheet] | type[ExactSharedStrings],
    ) -> None:
        try:
            self.scan(info, fast(self, info), count=True)
        except NeedExact:
            self.scan(info, exact(self, info), count=False)

    def scan(
        self,
        info: zipfile.ZipInfo,
        reader: FastSheet | FastSharedStrings | ExactSheet | ExactSharedStrings,
        *,
        count: bool,
    ) -> None:
        # Pictures and other binary parts are only searched for cells (see scan_parts);
        # the XML checks below would trip over their bytes.
        xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        first = True
        tail = b""
        for chunk in self.parts.member_chunks(info, count=count):
            if xml:
                if first:
                    check_xml_head(self.name, info, chunk[:4096])
                    first = False
                # The whole part, not only its start: a DTD may hide behind a long comment.
                if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                    refuse_dtd(self.name, info)
                seam = tail + chunk[:16]
                if b"<!DOCTYPE" in seam or b"<!ENTITY" in seam:
                    refuse_dtd(self.name, info)
                tail = chunk[-16:]
            reader.feed(chunk)
        reader.finish()

    # -- results from the sheet readers --------------------------------------------------

    def add_shared_strings(self, lens: array[int], long_items: dict[int, int]) -> None:
        if not self.sst_lens:
            self.sst_lens = lens
        else:
            # Two shared-string parts: assume each index costs the longer of the two.
            merged = array("q", map(max, self.sst_lens, lens))
            longer = self.sst_lens if len(self.sst_lens) > len(lens) else lens
            merged.extend(longer[len(merged) :])
            self.sst_lens = merged
        self._longest_shared = None
        for index, chars in long_items.items():
            self.sst_long[index] = max(chars, self.sst_long.get(index, 0))

    def longest_shared(self) -> int:
        if self._longest_shared is None:
            self._longest_shared = max(self.sst_lens, default=0)
        return self._longest_shared

    def check_extent(self, sheet: SheetPart) -> None:
        """Refuse as soon as the value area of one sheet, or of all so far, is too big."""
        limits = self.limits
        rows, cols = sheet.max_row, sheet.max_col
        corner = f"{col_letters(cols)}{rows}"
        where = f"{sheet.label} has data as far as cell {corner}"
        if rows > limits.max_rows:
            self.refuse(
                f"is too large to import safely: {where} (row {rows:,}; the limit is "
                f"{limits.max_rows:,} rows)",
                TRIM,
            )
        if cols > limits.max_columns:
            self.refuse(
                f"is too large to import safely: {where} (column {col_letters(cols)}; the "
                f"limit is {limits.max_columns:,} columns)",
                TRIM,
            )
        if rows * cols > limits.max_cells:
            self.refuse(
                f"is too large to import safely: {where} ({rows:,} rows x {cols:,} columns, "
                f"over the limit of {limits.max_cells:,} cells)",
                "Delete the unused rows and columns below and to the right of your table in "
                "Excel (select them, right-click > Delete), save it and import it again.",
            )
        if self.rows_before + rows > limits.max_rows:
            self.refuse(
                f"is too large to import safely: its sheets hold more than "
                f"{limits.max_rows:,} rows of data in total",
                TRIM,
            )
        if self.cells_before + rows * cols > limits.max_cells:
            self.refuse(
                f"is too large to import safely: its sheets hold more than "
                f"{limits.max_cells:,} cells of data in total",
                TRIM,
            )

    def finish_sheet(self, sheet: SheetPart) -> None:
        if sheet.max_row:
            self.sheets.append(sheet)
            self.rows_before += sheet.max_row
            self.cells_before += sheet.max_row * sheet.max_col

    def refuse_long_cell(self, sheet: SheetPart, ref: str, chars: int) -> NoReturn:
        self.refuse(
            f"cannot be imported: cell {ref} on {sheet.label} holds {chars:,} characters, "
            f"more than the {self.limits.max_cell_chars:,} a cell can hold",
            "Shorten the text in that cell in Excel, save it and import it again.",
        )

    def refuse_bad_ref(self, sheet: SheetPart, ref: str) -> NoReturn:
        self.refuse(
            f"{MALFORMED} ({sheet.label} has a cell with the invalid reference {ref[:20]!r})",
            FRESH_COPY,
        )
