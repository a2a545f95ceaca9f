"""Step 6: measure the shared strings, which cells copy their text from.

calamine reserves the declared ``uniqueCount`` up front and copies a shared string into
every cell that uses it, so we record each string's weight (and any too long for a cell)
for the sheet scanners to charge per use. :class:`FastSharedStrings` handles the shapes
Excel and friends write; anything else goes to :class:`ExactSharedStrings` (expat).
"""

from __future__ import annotations

import codecs
import re
import zipfile
from array import array
from typing import TYPE_CHECKING

from tracker.importing.workbook_messages import FRESH_COPY, MALFORMED, TRIM
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

_SST_ROOT = re.compile(rb"<([^\s<>/!?=\"']+:)?sst[\s/>]")
_UNIQUE_COUNT = re.compile(rb"""\suniqueCount\s*=\s*["']([^"'<]*)["']""")
_XML_ENTITY = re.compile(rb"&(#[xX][0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ENTITY_CHARS = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"', b"apos": "'"}
_SI_PHONETIC = re.compile(rb"<rPh[\s>].*?</rPh\s*>", re.S)
_SI_TEXT = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t\s*>", re.S)
_count_si = literal_counter(b"<si")
# The least markup around a shared string's text: <si><t>...</t> (</si> is split off).
_SI_MARKUP = 11


def _plain_prolog(prolog: bytes) -> bool:
    """True if what precedes the root element is only a BOM, an XML declaration, spaces."""
    if prolog.startswith(codecs.BOM_UTF8):
        prolog = prolog[3:]
    if prolog.startswith(b"<?xml"):
        end = prolog.find(b"?>")
        if end < 0:
            return False
        prolog = prolog[end + 2 :]
    return not prolog.strip()


def _xml_text_chars(raw: bytes) -> int:
    """Characters in a run of XML text once entities are expanded (for rare long items)."""

    def expand(match: re.Match[bytes]) -> bytes:
        body = match.group(1)
        if body in _ENTITY_CHARS:
            return _ENTITY_CHARS[body].encode()
        try:
            code = int(body[2:], 16) if body[1:2] in b"xX" else int(body[1:])
            return chr(code).encode("utf-8", "surrogatepass")
        except (ValueError, OverflowError):
            return b"?"

    return len(_XML_ENTITY.sub(expand, raw).decode("utf-8", "replace"))


def _si_text_chars(item: bytes) -> int:
    """Exact characters calamine makes of one <si> item: its <t> runs, phonetics left out."""
    return _xml_text_chars(b"".join(_SI_TEXT.findall(_SI_PHONETIC.sub(b"", item))))


class FastSharedStrings:
    """Measure every shared string by splitting the part on its </si> end tags.

    Only for unprefixed XML (what Excel, LibreOffice, openpyxl and xlsxwriter write);
    anything else raises NeedExact and expat measures it instead.
    """

    def __init__(self, inspection: Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.buf = b""
        self.seen_root = False
        self.lens: array[int] = array("q")
        self.long_items: dict[int, int] = {}

    def feed(self, chunk: bytes) -> None:
        buf = self.buf + chunk if self.buf else chunk
        if not self.seen_root:
            root = _SST_ROOT.search(buf)
            root_end = buf.find(b">", root.end() - 1) if root else -1
            if root is None or root_end < 0:
                if len(buf) > TAG_CAP:
                    raise NeedExact
                self.buf = buf
                return
            if root.group(1) or not _plain_prolog(buf[: root.start()]):
                raise NeedExact  # a prefixed root, or comments/PIs/DTD before it
            self.check_unique_count(buf[root.start() : root_end])
            self.seen_root = True
            buf = buf[root_end + 1 :]
        close, empty = buf.rfind(b"</si>"), buf.rfind(b"<si/>")
        cut = max(close + 5 if close >= 0 else 0, empty + 5 if empty >= 0 else 0)
        if cut == 0:
            if len(buf) > REGION_CAP:
                raise NeedExact
            self.buf = buf
            return
        self.region(buf[:cut])
        self.buf = buf[cut:]

    def check_unique_count(self, root_tag: bytes) -> None:
        # calamine reserves uniqueCount entries before reading one: a forged count aborts.
        for value in _UNIQUE_COUNT.findall(root_tag):
            value = value.strip()
            if not value.isdigit() or int(value) > self.inspection.limits.max_cells:
                self.inspection.refuse(
                    f"{MALFORMED} (its shared strings claim "
                    f"{value[:20].decode('ascii', 'replace')} entries)",
                    FRESH_COPY,
                )

    def region(self, region: bytes) -> None:
        # Comments, CDATA and processing instructions could hide or fake an end tag, a
        # NUL is not XML at all, and a prefixed <x:si> would not be split: expat decides.
        if MARKUP_DECLARATION.search(region) or b"\x00" in region or b":si" in region:
            raise NeedExact
        region = region.replace(b"<si/>", b"<si></si>")
        pieces = region.split(b"</si>")
        pieces.pop()  # the region ends with an end tag, so the last piece is empty
        if _count_si(region) != len(pieces):  # no other tag starts with "<si"
            raise NeedExact
        base = len(self.lens)
        lens = [n - _SI_MARKUP if n > _SI_MARKUP else 0 for n in map(len, pieces)]
        limit = self.inspection.limits.max_cell_chars
        long_offsets = [offset for offset, n in enumerate(lens) if n > limit]
        if has_astral(region):
            lens = [n * 4 if has_astral(p) else n for n, p in zip(lens, pieces, strict=True)]
        lens = [n + TEXT_OVERHEAD for n in lens]
        for offset in long_offsets:  # rare: count the characters for real
            chars = _si_text_chars(pieces[offset])
            if chars > limit:
                self.long_items[base + offset] = chars
        self.lens.extend(lens)
        if len(self.lens) > self.inspection.limits.max_cells:
            self.inspection.refuse(
                "is too large to import safely: it holds more than "
                f"{self.inspection.limits.max_cells:,} different texts",
                TRIM,
            )

    def finish(self) -> None:
        # No root, or an item left open at the end: let expat judge the whole part.
        if not self.seen_root or b"<si" in self.buf or b"<!" in self.buf or b"<?" in self.buf:
            raise NeedExact
        self.inspection.add_shared_strings(self.lens, self.long_items)


class ExactSharedStrings:
    """Measure every shared string with expat, exactly as calamine will read them."""

    def __init__(self, inspection: Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.info = info
        self.lens: array[int] = array("q")
        self.long_items: dict[int, int] = {}
        self.depth_si = self.depth_t = self.depth_phonetic = 0
        self.chars = 0
        self.astral = False
        self.seen_root = False
        self.parser = new_parser(self.start, self.end, self.text)

    def feed(self, chunk: bytes) -> None:
        parse(self.inspection, self.info, self.parser, chunk, False)

    def finish(self) -> None:
        parse(self.inspection, self.info, self.parser, b"", True)
        self.inspection.add_shared_strings(self.lens, self.long_items)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if not self.seen_root:
            self.seen_root = True
            count = attrs.get("uniqueCount")
            limit = self.inspection.limits.max_cells
            if count is not None and (not count.strip().isdigit() or int(count) > limit):
                self.inspection.refuse(
                    f"{MALFORMED} (its shared strings claim {count[:20]} entries)", FRESH_COPY
                )
        if local == "si":
            self.depth_si += 1
            if self.depth_si == 1:
                self.chars = 0
                self.astral = False
        elif local == "t":
            self.depth_t += 1
        elif local == "rPh":
            self.depth_phonetic += 1

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "si":
            self.depth_si -= 1
            if self.depth_si == 0:
                limits = self.inspection.limits
                if self.chars > limits.max_cell_chars:
                    self.long_items[len(self.lens)] = self.chars
                weight = 4 if self.astral else 1
                self.lens.append(self.chars * weight + TEXT_OVERHEAD)
                if len(self.lens) > limits.max_cells:
                    self.inspection.refuse(
                        f"is too large to import safely: it holds more than "
                        f"{limits.max_cells:,} different texts",
                        TRIM,
                    )
        elif local == "t":
            self.depth_t -= 1
        elif local == "rPh":
            self.depth_phonetic -= 1

    def text(self, data: str) -> None:
        if self.depth_si and self.depth_t and not self.depth_phonetic:
            self.chars += len(data)
            if not self.astral and not data.isascii() and ASTRAL_STR.search(data):
                self.astral = True
