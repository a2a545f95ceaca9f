"""Step 7: find each <sheetData>'s value extent and the text its cells expand to.

:class:`FastSheet` matches cells with byte-level regexes in the shapes Excel and friends
write; anything it does not recognise with certainty sends the whole part to
:class:`ExactSheet`, which follows calamine's rules with expat. Both report to the
:class:`~tracker.importing.workbook_inspection.Inspection`, which applies the limits.
"""

from __future__ import annotations

import operator
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from itertools import compress, islice, repeat
from typing import TYPE_CHECKING, NoReturn

from tracker.importing.workbook_messages import col_letters, col_number
from tracker.importing.xml_scan import (
    ASTRAL_STR,
    MARKUP_DECLARATION,
    REGION_CAP,
    TAG_CAP,
    TEXT_OVERHEAD,
    NeedExact,
    _local,
    has_astral,
    literal_counter,
    new_parser,
    parse,
)

if TYPE_CHECKING:
    from tracker.importing.workbook_inspection import Inspection


@dataclass
class SheetPart:
    """What the scan learnt about one part that holds a <sheetData>."""

    label: str
    max_row: int = 0
    max_col: int = 0
    literal: int = 0  # text written in the cells themselves (inline strings, <v> text)
    shared: int = 0  # text the cells pull from the shared strings


def _carry_from(buf: bytes) -> int:
    """Where the unfinished tag at the end of ``buf`` starts (len(buf) if there is none)."""
    lt = buf.rfind(b"<")
    if lt >= 0 and buf.find(b">", lt) < 0:
        return lt
    return len(buf)


# A namespace prefix is any run of name characters, non-ASCII ones included: quick-xml
# matches local names, so "<é:sheetData>" is a sheetData to calamine.
_PREFIX = rb"[^\s<>/!?=\"']+:"
_SHEETDATA_START = re.compile(rb"<(" + _PREFIX + rb")?sheetData(?:\s[^<>]*)?>")
_SHEETDATA_END = re.compile(rb"</sheetData\s*>")
_COLON_NAME = re.compile(rb":(?:c|v|is|row|f|sheetData)[\s/>]")
_PREFIXED_TAG = re.compile(rb"</?" + _PREFIX + rb"(?:c|v|is|row|f|sheetData)[\s/>]")
_ATTR = rb'(?: [^\s=<>"/]+="[^"<]*")'
# One match per cell, in the shapes Excel and friends write: r first, then s and t if
# present, double quotes, no prefix. Groups: 1 column, 2 row, 3 ' t="..."' when t comes
# right after r or s, 4 the other attributes, 5 "/" if self-closing, 6 "</c>" if closed
# at once (5 and 6 mean a formatting-only cell), 7 "<v>" and its text when a value
# element follows (after an optional formula).
_CELL = re.compile(
    rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"(?: s="[^"<]*")?( t="[^"<]*")?(' + _ATTR + rb"*)"
    rb"\s*(/?)>(?:(</c>)|(?:<f" + _ATTR + rb"*\s*(?:/>|>[^<]*</f>))?(<v>[^<]*)</v>)?"
)
_SHARED_TYPE = b' t="s"'
_count_c, _count_v, _count_is, _count_co, _count_ch, _count_ve = map(
    literal_counter, (b"<c", b"<v", b"<is", b"<co", b"<ch", b"<ve")
)
_count_is_start, _count_is_end = literal_counter(b"<is>"), literal_counter(b"</is>")

# Columns of a _CELL match, read with C-level map() rather than a Python loop per cell.
_COL, _ROW, _TYPE, _ATTRS, _CLOSED, _EMPTY, _VALUE = map(operator.itemgetter, range(7))
_AFTER_V_TAG = slice(3, None)  # b"<v>12" -> b"12"


class FastSheet:
    """Find the value extent and the text of every <sheetData> with byte-level regexes.

    The part is cut into regions that end after a </row>, so no cell straddles two
    regions. Each region must pass sanity counts (every <c> and <v> tag accounted for by
    the cell pattern) or the whole part goes to :class:`ExactSheet`. Only unprefixed
    XML takes this path.
    """

    def __init__(self, inspection: Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.sheet = SheetPart(inspection.label(info.filename))
        self.buf = b""
        self.in_data = False

    def feed(self, chunk: bytes) -> None:
        buf = self.buf + chunk if self.buf else chunk
        while True:
            if not self.in_data:
                start = _SHEETDATA_START.search(buf) if b"sheetData" in buf else None
                if start is None:
                    keep = _carry_from(buf)  # a <sheetData> tag cut in two
                    if len(buf) - keep > TAG_CAP:
                        raise NeedExact
                    self.buf = buf[keep:]
                    return
                if start.group(1):
                    raise NeedExact  # prefixed XML: the exact path handles it
                buf = buf[start.end() :]
                # <sheetData/> holds nothing (expanded to a start and an end, like calamine).
                self.in_data = not start.group(0).endswith(b"/>")
                continue
            end = _SHEETDATA_END.search(buf)
            if end is not None:
                self.region(buf[: end.start()])
                buf = buf[end.end() :]
                self.in_data = False
                continue
            cut = buf.rfind(b"</row>")
            if cut >= 0:
                self.region(buf[: cut + 6])
                buf = buf[cut + 6 :]
            if len(buf) > REGION_CAP:
                raise NeedExact  # a row of 16 MB is not something to guess about
            self.buf = buf
            return

    def finish(self) -> None:
        if self.in_data and self.buf:
            self.region(self.buf)  # an unclosed <sheetData>: count what is there
        self.inspection.finish_sheet(self.sheet)

    def region(self, region: bytes) -> None:
        if not region:
            return
        inspection, sheet, limits = self.inspection, self.sheet, self.inspection.limits
        # Comments, CDATA and processing instructions can fake or hide tags; calamine
        # matches local names, so a cell under any prefix is still a cell.
        if MARKUP_DECLARATION.search(region):
            raise NeedExact
        if _COLON_NAME.search(region) and _PREFIXED_TAG.search(region):
            raise NeedExact
        cells = _CELL.findall(region)
        # Every tag named c must be one the pattern matched, or a cell escaped it, and
        # every <v> one whose text it read. Inside <sheetData> the only other tags that
        # start like them are rich-text <color>, <charset> and <vertAlign> in <is>.
        n_cells = _count_c(region)
        n_values = _count_v(region)
        n_inline = _count_is(region)
        if n_inline:
            n_cells -= _count_co(region) + _count_ch(region)
            n_values -= _count_ve(region)
            self.inline(region, n_inline)
        if len(cells) != n_cells:
            raise NeedExact  # a cell without r, with odd quoting or attribute order
        values_seen = list(map(_VALUE, cells))
        if len(values_seen) - values_seen.count(b"") != n_values:
            raise NeedExact
        if not cells:
            return
        if any(map(_CLOSED, cells)) or any(map(_EMPTY, cells)):
            # Formatting-only cells (<c .../>, <c ...></c>) hold nothing: calamine skips them.
            cells = [cell for cell in cells if not (cell[4] or cell[5])]
            if not cells:
                return
        other_attrs = b"\x00".join(map(_ATTRS, cells))
        if b" r=" in other_attrs or b" t=" in other_attrs:
            raise NeedExact  # a second r, or t out of place: let the exact path judge
        row_numbers = set(map(int, set(map(_ROW, cells))))
        if min(row_numbers) == 0:  # calamine would wrap row 0 - 1 around to 4 billion
            col, row = next((c[0], c[1]) for c in cells if int(c[1]) == 0)
            inspection.refuse_bad_ref(sheet, (col + row).decode())
        top_row = max(row_numbers)
        top_col = max(map(col_number, set(map(_COL, cells))))
        if top_row > sheet.max_row or top_col > sheet.max_col:
            sheet.max_row = max(sheet.max_row, top_row)
            sheet.max_col = max(sheet.max_col, top_col)
            inspection.check_extent(sheet)
        value_lens = list(map(len, map(_VALUE, cells)))  # 3 more than the text: "<v>"
        if max(value_lens) - 3 > limits.max_cell_chars:
            raise NeedExact  # a long <v> text: the exact path counts and names it
        literal = sum(value_lens) - 3 * (len(value_lens) - value_lens.count(0))
        types = list(map(_TYPE, cells))
        if _SHARED_TYPE in types:
            is_shared = list(map(operator.eq, types, repeat(_SHARED_TYPE)))
            shared_values = list(filter(None, compress(map(_VALUE, cells), is_shared)))
            indexes = list(map(operator.getitem, shared_values, repeat(_AFTER_V_TAG)))
            literal -= sum(map(len, indexes))
            sheet.shared += self.shared_strings(indexes, cells)
        if literal and has_astral(region):
            literal *= 4
        sheet.literal += literal

    def shared_strings(self, indexes: list[bytes], cells: list[tuple[bytes, ...]]) -> int:
        """What a region's shared-string cells cost: calamine copies the text into each."""
        inspection = self.inspection
        lens = inspection.sst_lens
        used = list(filter(None, indexes))  # <v></v> is an empty cell to calamine
        if not used or not lens:
            return 0
        if b"".join(used).isdigit():
            numbers = list(map(int, used))
            if max(numbers) < len(lens):
                if inspection.sst_long and not inspection.sst_long.keys().isdisjoint(numbers):
                    self.refuse_long_shared(cells)
                return sum(map(lens.__getitem__, numbers))
        # Odd or out-of-range indexes: charge them one by one (see _shared_cost).
        cost = 0
        for text, uses in Counter(used).items():
            each, index = _shared_cost(inspection, text.decode("ascii", "replace"))
            cost += uses * each
            if index in inspection.sst_long:
                self.refuse_long_shared(cells)
        return cost

    def refuse_long_shared(self, cells: list[tuple[bytes, ...]]) -> NoReturn:
        inspection = self.inspection
        for col, row, kind, _, _, _, value in cells:
            text = value[3:]
            if kind == _SHARED_TYPE and text.isdigit() and int(text) in inspection.sst_long:
                inspection.refuse_long_cell(
                    self.sheet, f"{col.decode().upper()}{int(row)}", inspection.sst_long[int(text)]
                )
        raise AssertionError("a long shared string was found but not the cell using it")

    def inline(self, region: bytes, n_inline: int) -> None:
        """Measure inline strings (<is>...</is>) by splitting on their start tags."""
        if _count_is_start(region) != n_inline or _count_is_end(region) != n_inline:
            raise NeedExact  # <is> with attributes, <is/>, or unbalanced
        pieces = region.split(b"<is>")
        ends = list(map(bytes.find, islice(pieces, 1, None), repeat(b"</is>")))
        if -1 in ends:
            raise NeedExact
        if max(ends) > self.inspection.limits.max_cell_chars:
            raise NeedExact  # maybe a too-long cell: the exact path counts characters
        total = sum(ends)
        if has_astral(region):
            total *= 4
        self.sheet.literal += total + TEXT_OVERHEAD * len(ends)


def _shared_cost(inspection: Inspection, text: str) -> tuple[int, int | None]:
    """What one cell pointing at shared string ``text`` costs, and which string it gets.

    calamine treats an empty <v> as an empty cell and fails on an index past the end;
    an index it cannot parse becomes 0. We charge the longest string for anything but a
    plain in-range index, which is never less than calamine will copy.
    """
    lens = inspection.sst_lens
    if not text or not lens:
        return 0, None
    if text.isascii() and text.isdigit() and int(text) < len(lens):
        index = int(text)
        return lens[index], index
    return inspection.longest_shared(), None


_REF = re.compile(r"([A-Za-z]{1,3})0*([0-9]{1,7})\Z")
_ROW_REF = re.compile(r"[A-Za-z]{0,3}0*([0-9]{1,7})\Z")


class ExactSheet:
    """Walk a part's cells with expat, following calamine's rules, for the unusual files.

    calamine (quick-xml with expand_empty_elements) sees ``<x/>`` as a start and an end,
    matches local names whatever the prefix, reads cells only inside <sheetData>, and
    places a cell without ``r`` at running (row, column) counters that ``<row r>`` sets
    and the end of a row or cell advances. Expat gives the same events, so we can follow
    it exactly; a cell counts once it has a <v> or <is> child (conservatively: calamine
    drops some of those as empty).
    """

    def __init__(self, inspection: Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.info = info
        self.sheet = SheetPart(inspection.label(info.filename))
        self.in_data = 0
        self.row_index = 0  # 0-based, like calamine's counters
        self.col_index = 0
        self.cell: tuple[int, int] | None = None  # 0-based position of the open cell
        self.cell_type: str | None = None
        self.has_value = self.in_inline_seen = False
        self.in_v = self.in_inline = self.in_t = self.in_phonetic = 0
        self.v_chars = self.inline_chars = 0
        self.v_text = ""
        self.astral = False
        self.nested_cells = 0
        self.parser = new_parser(self.start, self.end, self.text)

    def feed(self, chunk: bytes) -> None:
        parse(self.inspection, self.info, self.parser, chunk, False)

    def finish(self) -> None:
        parse(self.inspection, self.info, self.parser, b"", True)
        self.inspection.finish_sheet(self.sheet)

    def ref(self) -> str:
        assert self.cell is not None
        return f"{col_letters(self.cell[1] + 1)}{self.cell[0] + 1}"

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if self.cell is not None:
            self.inside_cell(local)
        elif local == "sheetData":
            self.in_data += 1
        elif not self.in_data:
            return
        elif local == "row":
            r = attrs.get("r")
            if r is not None:
                match = _ROW_REF.match(r)
                if match is None or int(match.group(1)) == 0:
                    self.inspection.refuse_bad_ref(self.sheet, r)
                self.row_index = int(match.group(1)) - 1
        elif local == "c":
            r = attrs.get("r")
            if r is None:
                self.cell = (self.row_index, self.col_index)
            else:
                match = _REF.match(r)
                if match is None or int(match.group(2)) == 0:
                    self.inspection.refuse_bad_ref(self.sheet, r)
                col = col_number(match.group(1)) - 1
                self.col_index = col
                self.cell = (int(match.group(2)) - 1, col)
            self.cell_type = attrs.get("t")
            self.has_value = self.in_inline_seen = False
            self.v_chars = self.inline_chars = 0
            self.v_text = ""
            self.astral = False
            self.nested_cells = 0

    def inside_cell(self, local: str) -> None:
        # calamine reads a cell's children whole (read_value), so a <row> or <c> nested in
        # them moves no counter; it ends the cell at the first </c> by local name.
        if local == "v":
            self.in_v += 1
            self.has_value = True
        elif local == "is":
            self.in_inline += 1
            self.in_inline_seen = True
            self.has_value = True
        elif local == "t":
            self.in_t += 1
        elif local == "rPh":
            self.in_phonetic += 1
        elif local == "c":
            self.nested_cells += 1

    def end(self, name: str) -> None:
        local = _local(name)
        if self.cell is not None:
            if local == "c":
                if self.nested_cells:
                    self.nested_cells -= 1
                    return
                if self.has_value:
                    self.count_cell()
                self.cell = None
                self.col_index += 1
            elif local == "v":
                self.in_v -= 1
            elif local == "is":
                self.in_inline -= 1
            elif local == "t":
                self.in_t -= 1
            elif local == "rPh":
                self.in_phonetic -= 1
        elif local == "sheetData":
            self.in_data = max(0, self.in_data - 1)
        elif self.in_data and local == "row":
            self.row_index += 1
            self.col_index = 0

    def text(self, data: str) -> None:
        if self.cell is None:
            return
        if self.in_v:
            self.v_chars += len(data)
            if self.cell_type == "s" and len(self.v_text) < 32:
                self.v_text += data[:32]
        elif self.in_inline and self.in_t and not self.in_phonetic:
            self.inline_chars += len(data)
        else:
            return
        if not self.astral and not data.isascii() and ASTRAL_STR.search(data):
            self.astral = True

    def count_cell(self) -> None:
        assert self.cell is not None
        inspection, sheet, limits = self.inspection, self.sheet, self.inspection.limits
        row, col = self.cell[0] + 1, self.cell[1] + 1
        if row > sheet.max_row or col > sheet.max_col:
            sheet.max_row = max(sheet.max_row, row)
            sheet.max_col = max(sheet.max_col, col)
            inspection.check_extent(sheet)
        weight = 4 if self.astral else 1
        chars = self.inline_chars
        if self.in_inline_seen:
            sheet.literal += TEXT_OVERHEAD
        if self.cell_type == "s":
            cost, index = _shared_cost(inspection, self.v_text)
            sheet.shared += cost
            if index in inspection.sst_long:
                inspection.refuse_long_cell(sheet, self.ref(), inspection.sst_long[index])
        else:
            chars += self.v_chars
        if chars > limits.max_cell_chars:
            inspection.refuse_long_cell(sheet, self.ref(), chars)
        sheet.literal += chars * weight
