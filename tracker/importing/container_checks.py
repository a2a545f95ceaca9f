"""Checks on the file and its zip container, before any part is parsed (steps 1 to 3).

The path must be a plain, non-empty file of a sane size; its first bytes must make it a
zip (anything else, an encrypted .xlsx or an .xls included, is named in the refusal); the
zip directory must look like a workbook's, not a zip bomb's. :class:`PartReader` then
inflates parts with our own code so that no declared size or CRC is ever trusted.
"""

from __future__ import annotations

import codecs
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn

from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_messages import (
    ASK_SENDER,
    FRESH_COPY,
    MALFORMED,
    RESAVE,
    TRIM,
    damaged,
    megabytes,
    refusal,
)

# --------------------------------------------------------------------------------------
# Step 1: the path
# --------------------------------------------------------------------------------------


def open_checked(path: Path, limits: WorkbookLimits) -> BinaryIO:
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise refusal(
            name,
            "cannot be found",
            "It may have been moved, renamed or deleted; choose the file again.",
        ) from None
    except PermissionError:
        raise refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise refusal(
            name, f"cannot be opened ({exc.strerror or exc})", "Choose the file again."
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise refusal(name, "is a folder, not a file", "Choose the Excel workbook inside it.")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or device would block or never end; only plain files are workbooks.
        raise refusal(name, "is not a regular file", "Choose the Excel workbook itself.")
    if info.st_size == 0:
        raise refusal(
            name,
            "is empty (0 bytes)",
            "It may not have finished downloading or saving; "
            + FRESH_COPY[0].lower()
            + FRESH_COPY[1:],
        )
    if info.st_size > limits.max_file_bytes:
        raise refusal(
            name,
            f"is too large to import ({megabytes(info.st_size)}; the limit is "
            f"{megabytes(limits.max_file_bytes)})",
            TRIM,
        )
    try:
        return open(path, "rb")  # closed by the caller's with-block
    except PermissionError:
        raise refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise refusal(
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
        raise refusal(
            name,
            "is password-protected",
            "Remove the password in Excel (File > Info > Protect Workbook) and import it again.",
        )
    if "excel" in found:
        raise refusal(
            name,
            "is an Excel 97-2003 workbook (.xls), which this app cannot read",
            "Open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), then "
            "import the .xlsx file.",
        )
    if "word" in found:
        raise refusal(name, "is not an Excel workbook (.xlsx): it is a Word document", ASK_SENDER)
    if "powerpoint" in found:
        raise refusal(
            name, "is not an Excel workbook (.xlsx): it is a PowerPoint presentation", ASK_SENDER
        )
    raise refusal(name, "is not an Excel workbook (.xlsx): it is an older Office file", RESAVE)


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
        return "it is a PDF document", ASK_SENDER
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered[:1024]:
        return "it is a web page (HTML) saved with an Excel file name", RESAVE
    if lowered.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in (
        body.lower()
    ):
        return "it is an Excel 2003 XML spreadsheet", RESAVE
    if body.startswith(b"{\\rtf"):
        return "it is a Rich Text (RTF) document", ASK_SENDER
    if body.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "it is a picture", ASK_SENDER
    if body.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "it is a compressed archive", "Extract the .xlsx file from it and import that."
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export: UTF-16 with a byte order mark.
        return "it looks like a text or CSV file", RESAVE
    if _looks_like_text(body[:4096]):
        sample = body[:4096]
        if b"\n" in sample and any(sep in sample for sep in (b",", b";", b"\t")):
            return "it looks like a CSV or text file", RESAVE
        return "it looks like a text file", RESAVE
    return (
        "its contents are not in Excel's format",
        "Check that you chose the right file; if it opens in Excel, "
        + RESAVE[0].lower()
        + RESAVE[1:],
    )


# --------------------------------------------------------------------------------------
# Step 3: the zip directory, before inflating anything
# --------------------------------------------------------------------------------------


def read_zip_directory(
    fp: BinaryIO, name: str, limits: WorkbookLimits
) -> tuple[list[zipfile.ZipInfo], dict[str, zipfile.ZipInfo]]:
    """Refuse what is not a zip, then judge its directory; return its entries, and by name."""
    fp.seek(0, 2)
    size = fp.tell()
    fp.seek(0)
    head = fp.read(4096)
    if head.startswith(_OLE_MAGIC):
        _classify_ole(fp, name)
    if not head.startswith(_ZIP_MAGICS):
        what, action = _describe_non_zip(head)
        raise refusal(name, f"is not an Excel workbook (.xlsx): {what}", action)
    check_directory_record(fp, size, name, limits)
    try:
        archive = zipfile.ZipFile(fp)
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many types for a broken directory
        raise damaged(name) from exc
    return infos, check_members(infos, name, limits)


def check_directory_record(fp: BinaryIO, size: int, name: str, limits: WorkbookLimits) -> None:
    """Count the zip's entries before zipfile builds an object for each of them."""
    tail_len = min(size, 22 + 0xFFFF)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    # zipfile takes the last end-of-directory record too (it searches backwards).
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or pos + 22 > len(tail):
        raise damaged(name)
    _, _, _, _, entries, cd_size, _, _ = struct.unpack("<4s4H2LH", tail[pos : pos + 22])
    directory_end = size - tail_len + pos
    # Like zipfile: a zip64 locator right before that record means the zip64 record
    # (56 bytes, just before the locator) holds the real count and directory size.
    if directory_end >= 76:
        fp.seek(directory_end - 76)
        z64 = fp.read(76)
        if z64[56:60] == b"PK\x06\x07":
            if z64[:4] != b"PK\x06\x06":
                raise damaged(name)
            entries, cd_size = struct.unpack_from("<QQ", z64, 32)
            directory_end -= 76
    if entries > limits.max_members:
        raise refusal(
            name,
            f"{MALFORMED} (its zip directory lists {entries:,} parts; a workbook has at "
            f"most {limits.max_members:,})",
            FRESH_COPY,
        )
    cd_start = directory_end - cd_size
    if cd_start < 0:
        raise damaged(name)
    # zipfile walks cd_size bytes whatever the count says, so count what it will walk.
    fp.seek(cd_start)
    directory = fp.read(cd_size)
    count = offset = 0
    while offset + 46 <= len(directory) and directory[offset : offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<3H", directory, offset + 28)
        offset += 46 + name_len + extra_len + comment_len
        count += 1
        if count > limits.max_members:
            raise refusal(
                name,
                f"{MALFORMED} (it holds more than {limits.max_members:,} parts)",
                FRESH_COPY,
            )


def check_members(
    infos: list[zipfile.ZipInfo], name: str, limits: WorkbookLimits
) -> dict[str, zipfile.ZipInfo]:
    """Judge every part from the central directory alone, before inflating any."""
    if len(infos) > limits.max_members:
        raise refusal(
            name,
            f"{MALFORMED} (it holds {len(infos):,} parts; the limit is {limits.max_members:,})",
            FRESH_COPY,
        )
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if info.filename in by_name:
            # zipfile and calamine's zip crate might not pick the same copy.
            raise refusal(name, f"{MALFORMED} (part {info.filename} appears twice)", FRESH_COPY)
        by_name[info.filename] = info
        if info.flag_bits & 0x1:
            raise refusal(name, f"{MALFORMED} (its parts use zip encryption)", RESAVE)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refusal(
                name, f"{MALFORMED} (it uses a compression method Excel does not use)", RESAVE
            )
        if info.file_size > limits.max_member_bytes:
            raise refusal(
                name,
                f"is too large to import safely: part {info.filename} expands to "
                f"{megabytes(info.file_size)} (the limit is "
                f"{megabytes(limits.max_member_bytes)})",
                TRIM,
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise refusal(
                name,
                "is too large to import safely: its contents expand to more than "
                f"{megabytes(limits.max_total_bytes)}",
                TRIM,
            )
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise damaged(name)
        if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise refusal(
                name,
                f"looks like a zip bomb: part {info.filename} would expand from "
                f"{megabytes(info.compress_size)} to {megabytes(info.file_size)}, far "
                "more than any real workbook compresses",
                "Do not open it; ask the sender for a fresh copy saved from Excel.",
            )
    return by_name


# --------------------------------------------------------------------------------------
# Inflating parts, trusting nothing the directory declares
# --------------------------------------------------------------------------------------

_CHUNK = 1 << 20  # inflate output per step: big enough for fast regexes, small for memory
_RAW_CHUNK = 256 << 10  # compressed bytes read per step
_SMALL_PART_CAP = 16 << 20  # parts we parse whole with defusedxml (workbook, rels, types)


class PartReader:
    """Inflates the parts of one open zip, counting all it inflates against the limits."""

    def __init__(self, fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
        self.fp = fp
        self.name = name
        self.limits = limits
        self.inflated = 0

    def member_chunks(self, info: zipfile.ZipInfo, *, count: bool = True) -> Iterator[bytes]:
        """Inflate one part ourselves, trusting nothing its directory entry declares.

        zipfile would stop at the declared size; calamine's zip crate would not. So we
        inflate the raw stream and refuse as soon as more comes out than was declared.
        """
        fp = self.fp
        fp.seek(info.header_offset)
        header = fp.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise damaged(self.name)
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
                    raise damaged(self.name)
                position += len(raw)
                left -= len(raw)
                pending = raw
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflater.decompress(pending, _CHUNK)
                except zlib.error as exc:
                    raise damaged(self.name) from exc
                pending = inflater.unconsumed_tail
            if out:
                produced += len(out)
                if produced > declared:
                    # A lying directory or a corrupt stream: either way, stop inflating now.
                    raise damaged(self.name)
                if count:
                    self.inflated += len(out)
                    if self.inflated > self.limits.max_total_bytes:
                        raise refusal(
                            self.name,
                            "is too large to import safely: its contents expand to more than "
                            f"{megabytes(self.limits.max_total_bytes)}",
                            TRIM,
                        )
                crc = zlib.crc32(out, crc)
                yield out
                continue
            if inflater is None or inflater.eof or (not pending and left == 0):
                break
        if (inflater is not None and not inflater.eof) or produced != declared or crc != info.CRC:
            raise damaged(self.name)

    def read_small(self, info: zipfile.ZipInfo, cap: int = _SMALL_PART_CAP) -> bytes:
        if info.file_size > cap:
            raise refusal(
                self.name, f"{MALFORMED} (part {info.filename} is unusually large)", RESAVE
            )
        return b"".join(self.member_chunks(info, count=False))
