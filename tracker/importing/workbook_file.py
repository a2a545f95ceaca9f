"""Open a workbook sent by a stranger and hand back its cell values, or one clear refusal.

Every spreadsheet the app reads (the original action plan, status returns coming back by
email) goes through :func:`read_workbook`. It either returns the values of every sheet or
raises a single :class:`~tracker.errors.BadWorkbookError` whose message names the file, the
problem and what to do about it. It never lets a file crash or exhaust the process.

We read with python-calamine because it is fast, but it trusts the file. Two kinds of file
make it *abort* the process (a Rust allocation failure, which no ``except`` catches) and a
third exhausts memory (all found by experiment with python-calamine 0.9.1):

* a value at A1 and another at XFD1048576: calamine stores the value area densely, so it
  asks for 17 billion cells (550 GB). A1 + G1048576 already costs about 250 MB;
* ``<sst uniqueCount="4000000000">``: calamine reserves that many shared strings up front;
* a shared string used by many cells is copied into each of them, so one 32 KB text used by
  100,000 cells becomes 3 GB.

So before calamine touches the file, :func:`check_workbook_file` walks the zip and its XML
itself, streaming, in bounded memory, cheapest checks first:

1. the path: missing, a folder, unreadable, empty, too big;
2. the first bytes: an OLE2 container (password-protected .xlsx or old .xls), something
   that is not a zip at all (CSV, PDF, web page...);
3. the zip directory, before inflating anything: part count, declared sizes, compression
   ratios, duplicate names, encryption, compression methods;
4. is it a spreadsheet at all (a .docx or a plain zip is not), parsing
   ``[Content_Types].xml``, ``xl/workbook.xml`` and its relationships with defusedxml;
5. every part is inflated by our own code (declared sizes and CRCs are verified, never
   trusted); an XML part is refused if it is not UTF-8 (or an ASCII-compatible cousin) or
   carries a DTD anywhere (``<!DOCTYPE``/``<!ENTITY``: OOXML never needs one; that is how
   entity-expansion bombs start);
6. the shared strings: how many, how long each (for point 7), and the declared
   ``uniqueCount``;
7. every ``<sheetData>`` in any part (calamine opens worksheets at whatever path the
   relationships name): the extent of the cells that carry a *value* (a cell that only
   carries formatting does not count: calamine does not store it), the text the cells will
   expand to, and cells longer than Excel's 32,767 characters;
8. totals over all sheets: rows, cells and text.

Steps 6 and 7 have a fast path (one cell pattern plus a few ``bytes.count`` calls per
megabyte, for the unprefixed shapes Excel, LibreOffice, openpyxl and xlsxwriter write) and
an exact path (expat, with the rules calamine follows: local names whatever the prefix,
start+end events for ``<x/>``, a cell's children read whole, running row and column
counters for cells without an ``r``). Anything the fast path does not recognise with
certainty sends the whole part to the exact path, so odd but valid files are slower, never
wrongly accepted.

After the checks, :func:`read_workbook` reads with calamine and maps every exception it
raises (``CalamineError``, ``PasswordError``, ``XmlError``, ``ZipError``, even a Rust panic)
to a BadWorkbookError chained to the original.
"""

from __future__ import annotations

import codecs
import operator
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, islice, repeat
from pathlib import Path
from typing import BinaryIO, NoReturn
from xml.parsers import expat

import defusedxml.ElementTree as defused_et
import python_calamine
from defusedxml import DefusedXmlException

from tracker.errors import BadWorkbookError
from tracker.importing.limits import WorkbookLimits

__all__ = ["SheetData", "WorkbookLimits", "check_workbook_file", "read_workbook"]


@dataclass
class SheetData:
    """One sheet's values, positioned as in Excel.

    ``rows[i]`` is sheet row ``i + 1`` and ``rows[i][j]`` is column ``j + 1``, so error
    messages can quote real cell references. Values are what calamine gives: ``str``,
    ``int``, ``float`` (whole numbers stay floats), ``bool``, ``datetime.date``,
    ``datetime.datetime``, ``datetime.time``, ``datetime.timedelta`` (durations), or
    ``None`` for an empty cell. Each row's trailing ``None``s are trimmed, an empty row is
    ``()``, trailing empty rows are dropped, and reading stops after
    ``WorkbookLimits.max_blank_rows`` empty rows in a row.
    """

    name: str
    rows: list[tuple[object, ...]]
    visible: bool = True


# --------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------


def check_workbook_file(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> None:  # noqa: B008
    """Raise :class:`BadWorkbookError` unless ``path`` is an .xlsx that is safe to read.

    Safe means: calamine can open it without aborting the process or using more memory
    than ``limits`` allow. It does not mean the workbook holds an action plan.
    """
    path = Path(path)
    fp = _open_checked(path, limits)
    with fp:
        _Inspection(fp, path.name, limits).run()


def read_workbook(path: Path, limits: WorkbookLimits = WorkbookLimits()) -> list[SheetData]:  # noqa: B008
    """Check ``path`` (see :func:`check_workbook_file`) and return every sheet's values."""
    path = Path(path)
    check_workbook_file(path, limits)
    return _read_with_calamine(path, limits)


# --------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------

_RESAVE = (
    "Open it in Excel, save it as an Excel Workbook (File > Save As > Excel Workbook) "
    "and import the saved copy."
)
_FRESH_COPY = "Download or copy it again, or ask the sender for a fresh copy saved from Excel."
_ASK_SENDER = "Ask the sender for the Excel workbook (.xlsx) itself."
_TRIM = (
    "Delete the rows, columns or sheets you do not need in Excel (or copy the table you "
    "need into a new workbook), save it and import it again."
)
_MALFORMED = "is not a normal Excel workbook: it may be damaged or deliberately malformed"


def _refusal(name: str, problem: str, action: str) -> BadWorkbookError:
    return BadWorkbookError(f"{name} {problem}. {action}")


def _damaged(name: str) -> BadWorkbookError:
    return _refusal(
        name, "is damaged or incomplete (was the download or copy interrupted?)", _FRESH_COPY
    )


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def _col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _col_number(letters: bytes | str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) if isinstance(ch, str) else ch) - 64
    return number


# --------------------------------------------------------------------------------------
# Step 1: the path
# --------------------------------------------------------------------------------------


def _open_checked(path: Path, limits: WorkbookLimits) -> BinaryIO:
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _refusal(
            name,
            "cannot be found",
            "It may have been moved, renamed or deleted; choose the file again.",
        ) from None
    except PermissionError:
        raise _refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise _refusal(
            name, f"cannot be opened ({exc.strerror or exc})", "Choose the file again."
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise _refusal(name, "is a folder, not a file", "Choose the Excel workbook inside it.")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or device would block or never end; only plain files are workbooks.
        raise _refusal(name, "is not a regular file", "Choose the Excel workbook itself.")
    if info.st_size == 0:
        raise _refusal(
            name,
            "is empty (0 bytes)",
            "It may not have finished downloading or saving; "
            + _FRESH_COPY[0].lower()
            + _FRESH_COPY[1:],
        )
    if info.st_size > limits.max_file_bytes:
        raise _refusal(
            name,
            f"is too large to import ({_megabytes(info.st_size)}; the limit is "
            f"{_megabytes(limits.max_file_bytes)})",
            _TRIM,
        )
    try:
        return open(path, "rb")  # closed by the caller's with-block
    except PermissionError:
        raise _refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise _refusal(
            name, f"cannot be opened ({exc.strerror or exc})", "Choose the file again."
        ) from exc


# --------------------------------------------------------------------------------------
# Step 2: what the first bytes say
# --------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

# Stream names in an OLE2 directory are stored as UTF-16-LE, so a byte search finds them.
_OLE_MARKERS = {
    "encrypted": ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le")),
    "excel": ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le")),
    "word": ("WordDocument".encode("utf-16-le"),),
    "powerpoint": ("PowerPoint Document".encode("utf-16-le"),),
}


def _classify_ole(fp: BinaryIO, name: str) -> NoReturn:
    found: set[str] = set()
    overlap = b""
    fp.seek(0)
    while chunk := fp.read(1 << 20):
        window = overlap + chunk
        for kind, needles in _OLE_MARKERS.items():
            if kind not in found and any(needle in window for needle in needles):
                found.add(kind)
        if "encrypted" in found:
            break
        overlap = chunk[-64:]
    if "encrypted" in found:
        raise _refusal(
            name,
            "is password-protected",
            "Remove the password in Excel (File > Info > Protect Workbook) and import it again.",
        )
    if "excel" in found:
        raise _refusal(
            name,
            "is an Excel 97-2003 workbook (.xls), which this app cannot read",
            "Open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), then "
            "import the .xlsx file.",
        )
    if "word" in found:
        raise _refusal(name, "is not an Excel workbook (.xlsx): it is a Word document", _ASK_SENDER)
    if "powerpoint" in found:
        raise _refusal(
            name, "is not an Excel workbook (.xlsx): it is a PowerPoint presentation", _ASK_SENDER
        )
    raise _refusal(name, "is not an Excel workbook (.xlsx): it is an older Office file", _RESAVE)


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        # An incremental decoder tolerates a character cut at the end of the sample.
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        text = sample.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls <= len(text) // 100


def _describe_non_zip(head: bytes) -> tuple[str, str]:
    """Say what a file that is not a zip looks like, and what to do about it."""
    body = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    lowered = body[:2048].lstrip().lower()
    if body.startswith(b"%PDF"):
        return "it is a PDF document", _ASK_SENDER
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered[:1024]:
        return "it is a web page (HTML) saved with an Excel file name", _RESAVE
    if lowered.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in (
        body.lower()
    ):
        return "it is an Excel 2003 XML spreadsheet", _RESAVE
    if body.startswith(b"{\\rtf"):
        return "it is a Rich Text (RTF) document", _ASK_SENDER
    if body.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "it is a picture", _ASK_SENDER
    if body.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "it is a compressed archive", "Extract the .xlsx file from it and import that."
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export: UTF-16 with a byte order mark.
        return "it looks like a text or CSV file", _RESAVE
    if _looks_like_text(body[:4096]):
        sample = body[:4096]
        if b"\n" in sample and any(sep in sample for sep in (b",", b";", b"\t")):
            return "it looks like a CSV or text file", _RESAVE
        return "it looks like a text file", _RESAVE
    return (
        "its contents are not in Excel's format",
        "Check that you chose the right file; if it opens in Excel, "
        + _RESAVE[0].lower()
        + _RESAVE[1:],
    )


# --------------------------------------------------------------------------------------
# Internal plumbing shared by the steps below
# --------------------------------------------------------------------------------------

_CHUNK = 1 << 20  # inflate output per step: big enough for fast regexes, small for memory
_RAW_CHUNK = 256 << 10  # compressed bytes read per step
_REGION_CAP = 16 << 20  # fast path gives up if a row or shared string is bigger than this
_SMALL_PART_CAP = 16 << 20  # parts we parse whole with defusedxml (workbook, rels, types)
_TAG_CAP = 1 << 20  # no legitimate XML tag is a megabyte long

_SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
    "application/vnd.ms-excel.template.macroenabled.main+xml",
    "application/vnd.ms-excel.addin.macroenabled.main+xml",
}
_XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroenabled.main"

# Encodings quick-xml and our byte-level scans agree on. Excel only ever writes UTF-8.
_ASCII_COMPATIBLE = {
    b"utf-8",
    b"utf8",
    b"us-ascii",
    b"ascii",
    b"iso-8859-1",
    b"latin1",
    b"latin-1",
    b"windows-1252",
    b"cp1252",
}
_XML_DECL_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)""")

# Characters outside the Basic Multilingual Plane make Python store a whole string with 4
# bytes per character, so text containing them weighs 4 times its UTF-8 length.
_BIG_CHAR_REF = re.compile(rb"&#(?:[xX]0*[1-9a-fA-F][0-9a-fA-F]{4}|0*[1-9][0-9]{4})")
_ASTRAL_STR = re.compile("[\U00010000-\U0010ffff]")
_BELOW_ASTRAL = bytes(range(0xF0))


def _has_astral(data: bytes) -> bool:
    # translate() deleting every byte below 0xF0 leaves only 4-byte UTF-8 lead bytes.
    return bool(data.translate(None, _BELOW_ASTRAL)) or (
        b"&#" in data and _BIG_CHAR_REF.search(data) is not None
    )


# What a text costs beyond its characters: calamine's String (24 bytes plus a heap block)
# and Python's str header (49 bytes). Charged once per shared string, once per cell that
# copies one, and once per inline string, so a million tiny texts cannot slip through.
_TEXT_OVERHEAD = 32


class _NeedExact(Exception):
    """The fast path met something it does not recognise with certainty."""


def _local(tag: str) -> str:
    """Local name of an ElementTree tag ("{ns}sheet" -> "sheet") or expat name ("x:c")."""
    return tag.rpartition("}")[2].rpartition(":")[2]


_Element = tuple[str, dict[str, str]]  # (local name, attributes) of a collected element
_MAX_ELEMENTS = 20_000  # more sheets, relationships or content types than any workbook


class _TooManyElements(Exception):
    pass


class _Collector:
    """An XMLParser target that keeps the attributes of a few element types, no tree."""

    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted
        self.found: list[_Element] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = _local(tag)
        if local in self.wanted:
            if len(self.found) >= _MAX_ELEMENTS:
                raise _TooManyElements
            self.found.append((local, dict(attrib)))

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        pass


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


def _carry_from(buf: bytes) -> int:
    """Where the unfinished tag at the end of ``buf`` starts (len(buf) if there is none)."""
    lt = buf.rfind(b"<")
    if lt >= 0 and buf.find(b">", lt) < 0:
        return lt
    return len(buf)


# --------------------------------------------------------------------------------------
# Steps 3-7: the inspection of one open file
# --------------------------------------------------------------------------------------


@dataclass
class _SheetPart:
    """What the scan learnt about one part that holds a <sheetData>."""

    label: str
    max_row: int = 0
    max_col: int = 0
    literal: int = 0  # text written in the cells themselves (inline strings, <v> text)
    shared: int = 0  # text the cells pull from the shared strings


class _Inspection:
    def __init__(self, fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
        self.fp = fp
        self.name = name
        self.limits = limits
        self.size = 0
        self.inflated = 0
        self.part_labels: dict[str, str] = {}
        # Per shared string: its length in (weighted) bytes, an upper bound of the memory
        # it costs each cell that uses it. array keeps a million of them in 8 MB.
        self.sst_lens: array[int] = array("q")
        self.sst_long: dict[int, int] = {}  # index -> exact characters, over the cell limit
        self.sheets: list[_SheetPart] = []
        self.rows_before = 0  # value rows in parts already finished
        self.cells_before = 0
        self._longest_shared: int | None = None
        self.sst_parts: set[str] = set()

    # -- helpers --------------------------------------------------------------------

    def refuse(self, problem: str, action: str) -> NoReturn:
        raise _refusal(self.name, problem, action)

    def damaged(self) -> BadWorkbookError:
        return _damaged(self.name)

    def label(self, part: str) -> str:
        sheet = self.part_labels.get(part)
        return f"sheet '{sheet}'" if sheet is not None else f"part {part}"

    # -- the steps, in order ---------------------------------------------------------

    def run(self) -> None:
        fp = self.fp
        fp.seek(0, 2)
        self.size = fp.tell()
        fp.seek(0)
        head = fp.read(4096)
        if head.startswith(_OLE_MAGIC):
            _classify_ole(fp, self.name)
        if not head.startswith(_ZIP_MAGICS):
            what, action = _describe_non_zip(head)
            self.refuse(f"is not an Excel workbook (.xlsx): {what}", action)
        self.check_directory_record()
        try:
            archive = zipfile.ZipFile(fp)
            infos = archive.infolist()
        except Exception as exc:  # zipfile raises many types for a broken directory
            raise self.damaged() from exc
        by_name = self.check_members(infos)
        self.check_is_spreadsheet(by_name)
        self.scan_parts(infos, by_name)
        self.check_totals()

    def check_directory_record(self) -> None:
        """Count the zip's entries before zipfile builds an object for each of them."""
        fp, size, limits = self.fp, self.size, self.limits
        tail_len = min(size, 22 + 0xFFFF)
        fp.seek(size - tail_len)
        tail = fp.read(tail_len)
        # zipfile takes the last end-of-directory record too (it searches backwards).
        pos = tail.rfind(b"PK\x05\x06")
        if pos < 0 or pos + 22 > len(tail):
            raise self.damaged()
        _, _, _, _, entries, cd_size, _, _ = struct.unpack("<4s4H2LH", tail[pos : pos + 22])
        directory_end = size - tail_len + pos
        # Like zipfile: a zip64 locator right before that record means the zip64 record
        # (56 bytes, just before the locator) holds the real count and directory size.
        if directory_end >= 76:
            fp.seek(directory_end - 76)
            z64 = fp.read(76)
            if z64[56:60] == b"PK\x06\x07":
                if z64[:4] != b"PK\x06\x06":
                    raise self.damaged()
                entries, cd_size = struct.unpack_from("<QQ", z64, 32)
                directory_end -= 76
        if entries > limits.max_members:
            self.refuse(
                f"{_MALFORMED} (its zip directory lists {entries:,} parts; a workbook has at "
                f"most {limits.max_members:,})",
                _FRESH_COPY,
            )
        cd_start = directory_end - cd_size
        if cd_start < 0:
            raise self.damaged()
        # zipfile walks cd_size bytes whatever the count says, so count what it will walk.
        fp.seek(cd_start)
        directory = fp.read(cd_size)
        count = offset = 0
        while offset + 46 <= len(directory) and directory[offset : offset + 4] == b"PK\x01\x02":
            name_len, extra_len, comment_len = struct.unpack_from("<3H", directory, offset + 28)
            offset += 46 + name_len + extra_len + comment_len
            count += 1
            if count > limits.max_members:
                self.refuse(
                    f"{_MALFORMED} (it holds more than {limits.max_members:,} parts)",
                    _FRESH_COPY,
                )

    def check_members(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        """Judge every part from the central directory alone, before inflating any."""
        limits = self.limits
        if len(infos) > limits.max_members:
            self.refuse(
                f"{_MALFORMED} (it holds {len(infos):,} parts; the limit is "
                f"{limits.max_members:,})",
                _FRESH_COPY,
            )
        by_name: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            if info.filename in by_name:
                # zipfile and calamine's zip crate might not pick the same copy.
                self.refuse(f"{_MALFORMED} (part {info.filename} appears twice)", _FRESH_COPY)
            by_name[info.filename] = info
            if info.flag_bits & 0x1:
                self.refuse(f"{_MALFORMED} (its parts use zip encryption)", _RESAVE)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                self.refuse(
                    f"{_MALFORMED} (it uses a compression method Excel does not use)", _RESAVE
                )
            if info.file_size > limits.max_member_bytes:
                self.refuse(
                    f"is too large to import safely: part {info.filename} expands to "
                    f"{_megabytes(info.file_size)} (the limit is "
                    f"{_megabytes(limits.max_member_bytes)})",
                    _TRIM,
                )
            total += info.file_size
            if total > limits.max_total_bytes:
                self.refuse(
                    "is too large to import safely: its contents expand to more than "
                    f"{_megabytes(limits.max_total_bytes)}",
                    _TRIM,
                )
            if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
                raise self.damaged()
            if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                self.refuse(
                    f"looks like a zip bomb: part {info.filename} would expand from "
                    f"{_megabytes(info.compress_size)} to {_megabytes(info.file_size)}, far "
                    "more than any real workbook compresses",
                    "Do not open it; ask the sender for a fresh copy saved from Excel.",
                )
        return by_name

    def check_is_spreadsheet(self, by_name: dict[str, zipfile.ZipInfo]) -> None:
        if "xl/workbook.xml" not in by_name:
            lowered = {name.lower() for name in by_name}
            if "word/document.xml" in lowered:
                what, action = "a Word document (.docx)", _ASK_SENDER
            elif "ppt/presentation.xml" in lowered:
                what, action = "a PowerPoint presentation (.pptx)", _ASK_SENDER
            elif "xl/workbook.bin" in lowered:
                what, action = "an Excel Binary Workbook (.xlsb)", _RESAVE
            elif "mimetype" in by_name and by_name["mimetype"].file_size <= 256:
                mimetype = self.read_small(by_name["mimetype"])
                if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                    what, action = "an OpenDocument spreadsheet (.ods)", _RESAVE
                else:
                    what, action = "an OpenDocument file", _ASK_SENDER
            else:
                what = "a zip archive"
                action = "If the workbook is inside it, extract the .xlsx file and import that."
            self.refuse(f"is not an Excel workbook (.xlsx): it is {what}", action)
        types_info = by_name.get("[Content_Types].xml")
        if types_info is None:
            self.refuse(f"{_MALFORMED} (it has no [Content_Types].xml part)", _RESAVE)
        declared = {
            attrs.get("ContentType", "").strip().lower()
            for _, attrs in self.parse_small(types_info, {"Override", "Default"})
        }
        if not declared & _SPREADSHEET_TYPES:
            if any(t.startswith(_XLSB_TYPE) for t in declared):
                self.refuse("is not an Excel workbook (.xlsx): it is an .xlsb workbook", _RESAVE)
            self.refuse(
                "is not an Excel workbook (.xlsx): its content types do not describe a spreadsheet",
                _ASK_SENDER,
            )
        sheets = [attrs for _, attrs in self.parse_small(by_name["xl/workbook.xml"], {"sheet"})]
        if len(sheets) > self.limits.max_sheets:
            self.refuse(
                f"has {len(sheets):,} sheets; this app reads at most {self.limits.max_sheets:,}",
                _TRIM,
            )
        targets: dict[str, tuple[str, str]] = {}
        rels_info = by_name.get("xl/_rels/workbook.xml.rels")
        if rels_info is not None:
            for _, attrs in self.parse_small(rels_info, {"Relationship"}):
                targets[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))
        self.sst_parts = {
            _resolve_target(target)
            for kind, target in targets.values()
            if kind.endswith("/sharedStrings")
        }
        for sheet in sheets:
            rel_id = next((v for k, v in sheet.items() if _local(k) == "id"), None)
            if rel_id is None or rel_id not in targets:
                continue
            part = _resolve_target(targets[rel_id][1])
            self.part_labels.setdefault(part, sheet.get("name") or part)

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
            self.scan_with_fallback(info, _FastSharedStrings, _ExactSharedStrings)
        # The shared strings too: a relationship may name that part as a worksheet.
        for info in infos:
            if not info.is_dir():
                self.scan_with_fallback(info, _FastSheet, _ExactSheet)

    def check_totals(self) -> None:
        limits = self.limits
        text = sum(self.sst_lens) + sum(s.literal + s.shared for s in self.sheets)
        if text > limits.max_text_chars:
            self.refuse(
                f"is too large to import safely: its cells hold about {_millions(text)} "
                f"characters of text (the limit is {_millions(limits.max_text_chars)})",
                "Split it into smaller workbooks, or delete the sheets and columns you do "
                "not need, and import it again.",
            )

    # -- reading parts -----------------------------------------------------------------

    def member_chunks(self, info: zipfile.ZipInfo, *, count: bool = True) -> Iterator[bytes]:
        """Inflate one part ourselves, trusting nothing its directory entry declares.

        zipfile would stop at the declared size; calamine's zip crate would not. So we
        inflate the raw stream and refuse as soon as more comes out than was declared.
        """
        fp = self.fp
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise self.damaged()
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        position = info.header_offset + 30 + name_len + extra_len
        left = info.compress_size
        declared = info.file_size
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        produced = crc = 0
        pending = b""
        while True:
            if not pending and left > 0:
                fp.seek(position)
                raw = fp.read(min(_RAW_CHUNK, left))
                if not raw:
                    raise self.damaged()
                position += len(raw)
                left -= len(raw)
                pending = raw
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflater.decompress(pending, _CHUNK)
                except zlib.error as exc:
                    raise self.damaged() from exc
                pending = inflater.unconsumed_tail
            if out:
                produced += len(out)
                if produced > declared:
                    # A lying directory or a corrupt stream: either way, stop inflating now.
                    raise self.damaged()
                if count:
                    self.inflated += len(out)
                    if self.inflated > self.limits.max_total_bytes:
                        self.refuse(
                            "is too large to import safely: its contents expand to more than "
                            f"{_megabytes(self.limits.max_total_bytes)}",
                            _TRIM,
                        )
                crc = zlib.crc32(out, crc)
                yield out
                continue
            if inflater is None or inflater.eof or (not pending and left == 0):
                break
        if (inflater is not None and not inflater.eof) or produced != declared or crc != info.CRC:
            raise self.damaged()

    def read_small(self, info: zipfile.ZipInfo, cap: int = _SMALL_PART_CAP) -> bytes:
        if info.file_size > cap:
            self.refuse(f"{_MALFORMED} (part {info.filename} is unusually large)", _RESAVE)
        return b"".join(self.member_chunks(info, count=False))

    def parse_small(self, info: zipfile.ZipInfo, wanted: set[str]) -> list[_Element]:
        """Parse a small part with defusedxml, which refuses DTDs and entities.

        The parser feeds a collector instead of building a tree: a 16 MB part of nested
        empty elements would otherwise become two million Element objects.
        """
        data = self.read_small(info)
        self.check_xml_head(info, data[:4096])
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            self.refuse_dtd(info)
        collector = _Collector(wanted)
        try:
            parser = defused_et.DefusedXMLParser(target=collector, forbid_dtd=True)
            parser.feed(data)
            parser.close()
        except DefusedXmlException as exc:
            raise _refusal(
                self.name,
                f"{_MALFORMED} (part {info.filename} contains an XML document type "
                "declaration, which Excel never writes)",
                _FRESH_COPY,
            ) from exc
        except _TooManyElements as exc:
            raise _refusal(
                self.name, f"{_MALFORMED} (part {info.filename} is unusually large)", _RESAVE
            ) from exc
        except (defused_et.ParseError, ValueError) as exc:
            raise self.damaged() from exc
        return collector.found

    def refuse_dtd(self, info: zipfile.ZipInfo) -> NoReturn:
        # <!DOCTYPE>/<!ENTITY> is how entity-expansion ("billion laughs") bombs start.
        self.refuse(
            f"{_MALFORMED} (part {info.filename} contains an XML document type declaration, "
            "which Excel never writes)",
            _FRESH_COPY,
        )

    def check_xml_head(self, info: zipfile.ZipInfo, head: bytes) -> None:
        """Refuse encodings other than UTF-8 and its ASCII-compatible cousins.

        Our byte-level scans look for ASCII tags; a UTF-16 part would hide every cell
        from them while calamine might still decode it.
        """
        if head.startswith(codecs.BOM_UTF8):
            head = head[3:]
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:1024]:
            self.refuse(
                f"{_MALFORMED} (part {info.filename} uses a text encoding Excel never writes)",
                _RESAVE,
            )
        match = _XML_DECL_ENCODING.match(head)
        if match and match.group(1).lower() not in _ASCII_COMPATIBLE:
            self.refuse(
                f"{_MALFORMED} (part {info.filename} uses the text encoding "
                f"{match.group(1).decode('ascii')}, which Excel never writes)",
                _RESAVE,
            )

    def scan_with_fallback(
        self,
        info: zipfile.ZipInfo,
        fast: type[_FastSheet] | type[_FastSharedStrings],
        exact: type[_ExactSheet] | type[_ExactSharedStrings],
    ) -> None:
        try:
            self.scan(info, fast(self, info), count=True)
        except _NeedExact:
            self.scan(info, exact(self, info), count=False)

    def scan(
        self,
        info: zipfile.ZipInfo,
        reader: _FastSheet | _FastSharedStrings | _ExactSheet | _ExactSharedStrings,
        *,
        count: bool,
    ) -> None:
        # Pictures and other binary parts are only searched for cells (see scan_parts);
        # the XML checks below would trip over their bytes.
        xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        first = True
        tail = b""
        for chunk in self.member_chunks(info, count=count):
            if xml:
                if first:
                    self.check_xml_head(info, chunk[:4096])
                    first = False
                # The whole part, not only its start: a DTD may hide behind a long comment.
                if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                    self.refuse_dtd(info)
                seam = tail + chunk[:16]
                if b"<!DOCTYPE" in seam or b"<!ENTITY" in seam:
                    self.refuse_dtd(info)
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

    def check_extent(self, sheet: _SheetPart) -> None:
        """Refuse as soon as the value area of one sheet, or of all so far, is too big."""
        limits = self.limits
        rows, cols = sheet.max_row, sheet.max_col
        corner = f"{_col_letters(cols)}{rows}"
        where = f"{sheet.label} has data as far as cell {corner}"
        if rows > limits.max_rows:
            self.refuse(
                f"is too large to import safely: {where} (row {rows:,}; the limit is "
                f"{limits.max_rows:,} rows)",
                _TRIM,
            )
        if cols > limits.max_columns:
            self.refuse(
                f"is too large to import safely: {where} (column {_col_letters(cols)}; the "
                f"limit is {limits.max_columns:,} columns)",
                _TRIM,
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
                _TRIM,
            )
        if self.cells_before + rows * cols > limits.max_cells:
            self.refuse(
                f"is too large to import safely: its sheets hold more than "
                f"{limits.max_cells:,} cells of data in total",
                _TRIM,
            )

    def finish_sheet(self, sheet: _SheetPart) -> None:
        if sheet.max_row:
            self.sheets.append(sheet)
            self.rows_before += sheet.max_row
            self.cells_before += sheet.max_row * sheet.max_col

    def refuse_long_cell(self, sheet: _SheetPart, ref: str, chars: int) -> NoReturn:
        self.refuse(
            f"cannot be imported: cell {ref} on {sheet.label} holds {chars:,} characters, "
            f"more than the {self.limits.max_cell_chars:,} a cell can hold",
            "Shorten the text in that cell in Excel, save it and import it again.",
        )

    def refuse_bad_ref(self, sheet: _SheetPart, ref: str) -> NoReturn:
        self.refuse(
            f"{_MALFORMED} ({sheet.label} has a cell with the invalid reference {ref[:20]!r})",
            _FRESH_COPY,
        )


def _millions(n: int) -> str:
    return f"{n / 1_000_000:,.0f} million" if n >= 1_000_000 else f"{n:,}"


def _resolve_target(target: str) -> str:
    """Turn a relationship target into a zip part name the way calamine does."""
    if target.startswith("/"):
        part = target[1:]
    elif target.startswith("xl/"):
        part = target
    else:
        part = "xl/" + target
    return posixpath.normpath(part)


# --------------------------------------------------------------------------------------
# Step 6: shared strings
# --------------------------------------------------------------------------------------

_SST_ROOT = re.compile(rb"<([^\s<>/!?=\"']+:)?sst[\s/>]")
_UNIQUE_COUNT = re.compile(rb"""\suniqueCount\s*=\s*["']([^"'<]*)["']""")
_XML_ENTITY = re.compile(rb"&(#[xX][0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ENTITY_CHARS = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"', b"apos": "'"}
_SI_PHONETIC = re.compile(rb"<rPh[\s>].*?</rPh\s*>", re.S)
_SI_TEXT = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t\s*>", re.S)
# The least markup around a shared string's text: <si><t>...</t> (</si> is split off).
_SI_MARKUP = 11


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


class _FastSharedStrings:
    """Measure every shared string by splitting the part on its </si> end tags.

    Only for unprefixed XML (what Excel, LibreOffice, openpyxl and xlsxwriter write);
    anything else raises _NeedExact and expat measures it instead.
    """

    def __init__(self, inspection: _Inspection, info: zipfile.ZipInfo) -> None:
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
                if len(buf) > _TAG_CAP:
                    raise _NeedExact
                self.buf = buf
                return
            if root.group(1) or not _plain_prolog(buf[: root.start()]):
                raise _NeedExact  # a prefixed root, or comments/PIs/DTD before it
            self.check_unique_count(buf[root.start() : root_end])
            self.seen_root = True
            buf = buf[root_end + 1 :]
        close, empty = buf.rfind(b"</si>"), buf.rfind(b"<si/>")
        cut = max(close + 5 if close >= 0 else 0, empty + 5 if empty >= 0 else 0)
        if cut == 0:
            if len(buf) > _REGION_CAP:
                raise _NeedExact
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
                    f"{_MALFORMED} (its shared strings claim "
                    f"{value[:20].decode('ascii', 'replace')} entries)",
                    _FRESH_COPY,
                )

    def region(self, region: bytes) -> None:
        # Comments, CDATA and processing instructions could hide or fake an end tag, a
        # NUL is not XML at all, and a prefixed <x:si> would not be split: expat decides.
        if b"<!" in region or b"<?" in region or b"\x00" in region or b":si" in region:
            raise _NeedExact
        region = region.replace(b"<si/>", b"<si></si>")
        pieces = region.split(b"</si>")
        pieces.pop()  # the region ends with an end tag, so the last piece is empty
        if region.count(b"<si") != len(pieces):  # no other tag starts with "<si"
            raise _NeedExact
        base = len(self.lens)
        lens = [n - _SI_MARKUP if n > _SI_MARKUP else 0 for n in map(len, pieces)]
        limit = self.inspection.limits.max_cell_chars
        long_offsets = [offset for offset, n in enumerate(lens) if n > limit]
        if _has_astral(region):
            lens = [n * 4 if _has_astral(p) else n for n, p in zip(lens, pieces, strict=True)]
        lens = [n + _TEXT_OVERHEAD for n in lens]
        for offset in long_offsets:  # rare: count the characters for real
            chars = _si_text_chars(pieces[offset])
            if chars > limit:
                self.long_items[base + offset] = chars
        self.lens.extend(lens)
        if len(self.lens) > self.inspection.limits.max_cells:
            self.inspection.refuse(
                "is too large to import safely: it holds more than "
                f"{self.inspection.limits.max_cells:,} different texts",
                _TRIM,
            )

    def finish(self) -> None:
        # No root, or an item left open at the end: let expat judge the whole part.
        if not self.seen_root or b"<si" in self.buf or b"<!" in self.buf or b"<?" in self.buf:
            raise _NeedExact
        self.inspection.add_shared_strings(self.lens, self.long_items)


class _ExactSharedStrings:
    """Measure every shared string with expat, exactly as calamine will read them."""

    def __init__(self, inspection: _Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.info = info
        self.lens: array[int] = array("q")
        self.long_items: dict[int, int] = {}
        self.depth_si = self.depth_t = self.depth_phonetic = 0
        self.chars = 0
        self.astral = False
        self.seen_root = False
        self.parser = _new_parser(self.start, self.end, self.text)

    def feed(self, chunk: bytes) -> None:
        _parse(self.inspection, self.info, self.parser, chunk, False)

    def finish(self) -> None:
        _parse(self.inspection, self.info, self.parser, b"", True)
        self.inspection.add_shared_strings(self.lens, self.long_items)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if not self.seen_root:
            self.seen_root = True
            count = attrs.get("uniqueCount")
            limit = self.inspection.limits.max_cells
            if count is not None and (not count.strip().isdigit() or int(count) > limit):
                self.inspection.refuse(
                    f"{_MALFORMED} (its shared strings claim {count[:20]} entries)", _FRESH_COPY
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
                self.lens.append(self.chars * weight + _TEXT_OVERHEAD)
                if len(self.lens) > limits.max_cells:
                    self.inspection.refuse(
                        f"is too large to import safely: it holds more than "
                        f"{limits.max_cells:,} different texts",
                        _TRIM,
                    )
        elif local == "t":
            self.depth_t -= 1
        elif local == "rPh":
            self.depth_phonetic -= 1

    def text(self, data: str) -> None:
        if self.depth_si and self.depth_t and not self.depth_phonetic:
            self.chars += len(data)
            if not self.astral and not data.isascii() and _ASTRAL_STR.search(data):
                self.astral = True


# --------------------------------------------------------------------------------------
# Step 7: cells
# --------------------------------------------------------------------------------------

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

# Columns of a _CELL match, read with C-level map() rather than a Python loop per cell.
_COL, _ROW, _TYPE, _ATTRS, _CLOSED, _EMPTY, _VALUE = map(operator.itemgetter, range(7))
_AFTER_V_TAG = slice(3, None)  # b"<v>12" -> b"12"


class _FastSheet:
    """Find the value extent and the text of every <sheetData> with byte-level regexes.

    The part is cut into regions that end after a </row>, so no cell straddles two
    regions. Each region must pass sanity counts (every <c> and <v> tag accounted for by
    the cell pattern) or the whole part goes to :class:`_ExactSheet`. Only unprefixed
    XML takes this path.
    """

    def __init__(self, inspection: _Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.sheet = _SheetPart(inspection.label(info.filename))
        self.buf = b""
        self.in_data = False

    def feed(self, chunk: bytes) -> None:
        buf = self.buf + chunk if self.buf else chunk
        while True:
            if not self.in_data:
                start = _SHEETDATA_START.search(buf) if b"sheetData" in buf else None
                if start is None:
                    keep = _carry_from(buf)  # a <sheetData> tag cut in two
                    if len(buf) - keep > _TAG_CAP:
                        raise _NeedExact
                    self.buf = buf[keep:]
                    return
                if start.group(1):
                    raise _NeedExact  # prefixed XML: the exact path handles it
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
            if len(buf) > _REGION_CAP:
                raise _NeedExact  # a row of 16 MB is not something to guess about
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
        if b"<!" in region or b"<?" in region:
            raise _NeedExact
        if _COLON_NAME.search(region) and _PREFIXED_TAG.search(region):
            raise _NeedExact
        cells = _CELL.findall(region)
        # Every tag named c must be one the pattern matched, or a cell escaped it, and
        # every <v> one whose text it read. Inside <sheetData> the only other tags that
        # start like them are rich-text <color>, <charset> and <vertAlign> in <is>.
        n_cells = region.count(b"<c")
        n_values = region.count(b"<v")
        n_inline = region.count(b"<is")
        if n_inline:
            n_cells -= region.count(b"<co") + region.count(b"<ch")
            n_values -= region.count(b"<ve")
            self.inline(region, n_inline)
        if len(cells) != n_cells:
            raise _NeedExact  # a cell without r, with odd quoting or attribute order
        values_seen = list(map(_VALUE, cells))
        if len(values_seen) - values_seen.count(b"") != n_values:
            raise _NeedExact
        if not cells:
            return
        if any(map(_CLOSED, cells)) or any(map(_EMPTY, cells)):
            # Formatting-only cells (<c .../>, <c ...></c>) hold nothing: calamine skips them.
            cells = [cell for cell in cells if not (cell[4] or cell[5])]
            if not cells:
                return
        other_attrs = b"\x00".join(map(_ATTRS, cells))
        if b" r=" in other_attrs or b" t=" in other_attrs:
            raise _NeedExact  # a second r, or t out of place: let the exact path judge
        row_numbers = set(map(int, set(map(_ROW, cells))))
        if min(row_numbers) == 0:  # calamine would wrap row 0 - 1 around to 4 billion
            col, row = next((c[0], c[1]) for c in cells if int(c[1]) == 0)
            inspection.refuse_bad_ref(sheet, (col + row).decode())
        top_row = max(row_numbers)
        top_col = max(map(_col_number, set(map(_COL, cells))))
        if top_row > sheet.max_row or top_col > sheet.max_col:
            sheet.max_row = max(sheet.max_row, top_row)
            sheet.max_col = max(sheet.max_col, top_col)
            inspection.check_extent(sheet)
        value_lens = list(map(len, map(_VALUE, cells)))  # 3 more than the text: "<v>"
        if max(value_lens) - 3 > limits.max_cell_chars:
            raise _NeedExact  # a long <v> text: the exact path counts and names it
        literal = sum(value_lens) - 3 * (len(value_lens) - value_lens.count(0))
        types = list(map(_TYPE, cells))
        if _SHARED_TYPE in types:
            is_shared = list(map(operator.eq, types, repeat(_SHARED_TYPE)))
            shared_values = list(filter(None, compress(map(_VALUE, cells), is_shared)))
            indexes = list(map(operator.getitem, shared_values, repeat(_AFTER_V_TAG)))
            literal -= sum(map(len, indexes))
            sheet.shared += self.shared_strings(indexes, cells)
        if literal and _has_astral(region):
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
        if region.count(b"<is>") != n_inline or region.count(b"</is>") != n_inline:
            raise _NeedExact  # <is> with attributes, <is/>, or unbalanced
        pieces = region.split(b"<is>")
        ends = list(map(bytes.find, islice(pieces, 1, None), repeat(b"</is>")))
        if -1 in ends:
            raise _NeedExact
        if max(ends) > self.inspection.limits.max_cell_chars:
            raise _NeedExact  # maybe a too-long cell: the exact path counts characters
        total = sum(ends)
        if _has_astral(region):
            total *= 4
        self.sheet.literal += total + _TEXT_OVERHEAD * len(ends)


def _shared_cost(inspection: _Inspection, text: str) -> tuple[int, int | None]:
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


class _ExactSheet:
    """Walk a part's cells with expat, following calamine's rules, for the unusual files.

    calamine (quick-xml with expand_empty_elements) sees ``<x/>`` as a start and an end,
    matches local names whatever the prefix, reads cells only inside <sheetData>, and
    places a cell without ``r`` at running (row, column) counters that ``<row r>`` sets
    and the end of a row or cell advances. Expat gives the same events, so we can follow
    it exactly; a cell counts once it has a <v> or <is> child (conservatively: calamine
    drops some of those as empty).
    """

    def __init__(self, inspection: _Inspection, info: zipfile.ZipInfo) -> None:
        self.inspection = inspection
        self.info = info
        self.sheet = _SheetPart(inspection.label(info.filename))
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
        self.parser = _new_parser(self.start, self.end, self.text)

    def feed(self, chunk: bytes) -> None:
        _parse(self.inspection, self.info, self.parser, chunk, False)

    def finish(self) -> None:
        _parse(self.inspection, self.info, self.parser, b"", True)
        self.inspection.finish_sheet(self.sheet)

    def ref(self) -> str:
        assert self.cell is not None
        return f"{_col_letters(self.cell[1] + 1)}{self.cell[0] + 1}"

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
                col = _col_number(match.group(1)) - 1
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
        if not self.astral and not data.isascii() and _ASTRAL_STR.search(data):
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
            sheet.literal += _TEXT_OVERHEAD
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


def _new_parser(start: object, end: object, text: object) -> expat.XMLParserType:
    parser = expat.ParserCreate()  # no namespace processing: we match local names
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True

    def refuse_dtd(*_args: object) -> None:
        raise _DtdFound

    # Belt and braces: the byte scan already refuses "<!DOCTYPE" and "<!ENTITY".
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


class _DtdFound(Exception):
    pass


def _parse(
    inspection: _Inspection,
    info: zipfile.ZipInfo,
    parser: expat.XMLParserType,
    data: bytes,
    final: bool,
) -> None:
    try:
        parser.Parse(data, final)
    except _DtdFound:
        inspection.refuse_dtd(info)
    except expat.ExpatError as exc:
        raise inspection.damaged() from exc


# --------------------------------------------------------------------------------------
# Reading with calamine, once the checks have passed
# --------------------------------------------------------------------------------------

_is_str = str.__instancecheck__
_STRING_CACHE = 100_000


def _read_with_calamine(path: Path, limits: WorkbookLimits) -> list[SheetData]:
    name = path.name
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            result = []
            for index, meta in enumerate(workbook.sheets_metadata):
                # By index, not name: two sheets could share a name in a crafted file.
                sheet = workbook.get_sheet_by_index(index)
                rows = _sheet_rows(sheet, limits, name, meta.name)
                del sheet  # frees calamine's copy of the sheet before the next one
                visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
                result.append(SheetData(name=meta.name, rows=rows, visible=visible))
            return result
        finally:
            workbook.close()
    except BadWorkbookError:
        raise
    except python_calamine.PasswordError as exc:
        raise _refusal(
            name,
            "is password-protected",
            "Remove the password in Excel (File > Info > Protect Workbook) and import it again.",
        ) from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # pyo3 turns Rust panics into a BaseException
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise _refusal(name, f"could not be read as an Excel workbook ({detail})", _RESAVE) from exc


def _sheet_rows(
    sheet: python_calamine.CalamineSheet, limits: WorkbookLimits, name: str, sheet_name: str
) -> list[tuple[object, ...]]:
    """Turn calamine's rows into real sheet positions.

    Found by experiment with python-calamine 0.9.1: ``sheet.start`` is the (row, col) of
    the first value, or None for an empty sheet. ``iter_rows()`` pads the rows above the
    first value (its first row is sheet row 1) but *not* the columns left of it (each row
    starts at column ``start[1]``); ``to_python(skip_empty_area=False)`` pads both. Rather
    than trust either, the first row tells us: above the first value it must be empty, and
    it is ``width`` long when columns are not padded. Empty cells come back as "".
    """
    start = sheet.start
    if start is None:
        return []
    start_row, start_col = start
    width = sheet.width
    rows: list[tuple[object, ...]] = []
    col_pad: tuple[None, ...] = ()
    blank_run = 0
    first = True
    # calamine hands back a new str for every cell, even when 10,000 cells share one text
    # (a status, an owner). Reusing one object per distinct text keeps a big plan's memory
    # near its distinct text; the cache is bounded so all-different texts cost no more.
    seen: dict[str, str] = {}
    reuse = seen.setdefault
    for raw in sheet.iter_rows():
        values: list[object] = [
            (reuse(v, v) if v else None) if v.__class__ is str else v for v in raw
        ]
        if len(seen) > _STRING_CACHE:
            seen.clear()
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        if first:
            first = False
            if start_col and len(raw) == width:
                col_pad = (None,) * start_col
            if start_row and end:
                rows.extend([()] * start_row)  # rows above the first value were not padded
        if not end:
            rows.append(())
            blank_run += 1
            if blank_run >= limits.max_blank_rows:
                break
            continue
        blank_run = 0
        row = col_pad + tuple(values[:end])
        if max(map(len, filter(_is_str, row)), default=0) > limits.max_cell_chars:
            col = next(
                j for j, v in enumerate(row) if _is_str(v) and len(v) > limits.max_cell_chars
            )
            raise _refusal(
                name,
                f"cannot be imported: cell {_col_letters(col + 1)}{len(rows) + 1} on sheet "
                f"'{sheet_name}' holds more than the {limits.max_cell_chars:,} characters a "
                "cell can hold",
                "Shorten the text in that cell in Excel, save it and import it again.",
            )
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows
