"""Cheap checks on the file and its container, before anything in it is parsed.

The path must be a plain, non-empty file of a sane size. Its first bytes say what it is:
a zip (.xlsx, .xlsm, .xlsb, .ods), an OLE2 file (.xls, a password-protected .xlsx, a Word
document) or something else (CSV, PDF, web page...), named in the refusal. A zip's central
directory is judged before anything is inflated: part count, declared sizes, compression
ratios, and whether its content types or ``mimetype`` describe a spreadsheet. No XML is
parsed here: the parts are calamine's business, in a child process with limits of its own.
"""

from __future__ import annotations

import codecs
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO, Literal

from tracker.errors import BadWorkbookError
from tracker.importing.limits import WorkbookLimits
from tracker.importing.workbook_messages import (
    ASK_SENDER,
    FRESH_COPY,
    NOT_A_WORKBOOK,
    PASSWORD,
    RESAVE,
    TRIM,
    damaged,
    megabytes,
    refusal,
)

Container = Literal["zip", "ole"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_CENTRAL_ENTRY = b"PK\x01\x02"
# Stream names in an OLE2 directory are stored as UTF-16-LE, so a byte search finds them.
_OLE_MARKERS = {
    "encrypted": ("EncryptedPackage".encode("utf-16-le"),),
    "excel": ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le")),
    "word": ("WordDocument".encode("utf-16-le"),),
}
_SPREADSHEET_TYPES = (b"spreadsheetml", b"application/vnd.ms-excel")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SMALL_PART = 1 << 20  # [Content_Types].xml and mimetype are a few KB at most


def check_container(path: Path, limits: WorkbookLimits) -> Container:
    """Refuse what is surely not a workbook we can read; say which container it is."""
    name = path.name or str(path)
    try:
        info = path.stat()
        _check_file(info, name, limits)
        with open(path, "rb") as fp:
            head = fp.read(4096)
            if head.startswith(_OLE_MAGIC):
                _check_ole(fp, name)
                return "ole"
            if not head.startswith(_ZIP_MAGICS):
                raise _not_a_workbook(name, *_describe_non_zip(head))
            _count_directory_entries(fp, name, limits)
            _check_zip(fp, name, limits)
            return "zip"
    except FileNotFoundError:
        raise refusal(
            name, "cannot be found", "It may have been moved, renamed or deleted; choose it again."
        ) from None
    except PermissionError:
        raise refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise refusal(
            name, f"cannot be opened ({exc.strerror or exc})", "Choose the file again."
        ) from exc


def _check_file(info: os.stat_result, name: str, limits: WorkbookLimits) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise refusal(name, "is a folder, not a file", "Choose the Excel workbook inside it.")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or device would block or never end; only plain files are workbooks.
        raise refusal(name, "is not a regular file", "Choose the Excel workbook itself.")
    if info.st_size == 0:
        raise refusal(
            name,
            "is empty (0 bytes)",
            "It may not have finished downloading or saving; " + _lower_first(FRESH_COPY),
        )
    if info.st_size > limits.max_file_bytes:
        raise refusal(
            name,
            f"is too large to import ({megabytes(info.st_size)}; the limit is "
            f"{megabytes(limits.max_file_bytes)})",
            TRIM,
        )


def _not_a_workbook(name: str, what: str, action: str) -> BadWorkbookError:
    return refusal(name, f"{NOT_A_WORKBOOK}: {what}", action)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _check_ole(fp: BinaryIO, name: str) -> None:
    """An .xls goes on to calamine; anything else in an OLE2 file is named and refused."""
    found: set[str] = set()
    overlap = b""
    fp.seek(0)
    while chunk := fp.read(1 << 20):
        window = overlap + chunk
        found.update(
            kind for kind, marks in _OLE_MARKERS.items() if any(m in window for m in marks)
        )
        overlap = chunk[-64:]
    if "encrypted" in found:  # Excel wraps a password-protected .xlsx in an OLE2 file
        raise refusal(name, "is password-protected", PASSWORD)
    if "excel" in found:
        return
    if "word" in found:
        raise _not_a_workbook(name, "it is a Word document", ASK_SENDER)
    raise _not_a_workbook(name, "it is an older Office file (not a workbook)", ASK_SENDER)


def _looks_like_text(sample: bytes) -> bool:
    text = sample.decode("utf-8", errors="replace")  # cp1252 bytes become U+FFFD: still text
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f")
    return "\x00" not in text and controls <= len(text) // 100


def _describe_non_zip(head: bytes) -> tuple[str, str]:
    """Say what a file that is neither a zip nor an OLE2 file looks like, and what to do."""
    body = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    lowered = body[:2048].lstrip().lower()
    if body.startswith(b"%PDF"):
        return "it is a PDF document", ASK_SENDER
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered[:1024]:
        return "it is a web page (HTML) saved with an Excel file name", RESAVE
    if lowered.startswith(b"<?xml") and b"schemas-microsoft-com:office:spreadsheet" in lowered:
        return "it is an Excel 2003 XML spreadsheet", RESAVE
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" export: UTF-16 with a byte order mark.
        return "it looks like a text or CSV file", RESAVE
    if _looks_like_text(body[:4096]):
        sample = body[:4096]
        if b"\n" in sample and any(sep in sample for sep in (b",", b";", b"\t")):
            return "it looks like a CSV or text file", RESAVE
        return "it looks like a text file", RESAVE
    action = "Check that you chose the right file; if it opens in Excel, " + _lower_first(RESAVE)
    return "its contents are not in Excel's format", action


def _count_directory_entries(fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
    """Count directory entries before zipfile builds an object for each: the signature
    count is an upper bound (a stored part may hold one too), cheap at any allowed size."""
    fp.seek(0)
    count, overlap = 0, b""
    while chunk := fp.read(1 << 20):
        count += (overlap + chunk).count(_CENTRAL_ENTRY)
        overlap = chunk[-3:]
        if count > limits.max_members:
            raise _too_large(name, f"it holds more than {limits.max_members:,} parts")


def _too_large(name: str, why: str) -> BadWorkbookError:
    return refusal(name, f"is too large to import safely: {why}", TRIM)


def _check_zip(fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
    """Judge every part from the central directory alone, then what kind of zip it is."""
    try:
        archive = zipfile.ZipFile(fp)
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many types for a broken directory
        raise damaged(name) from exc
    total = 0
    for info in infos:
        size, part = info.file_size, info.filename
        if size > limits.max_member_bytes:
            limit = megabytes(limits.max_member_bytes)
            raise _too_large(
                name, f"part {part} expands to {megabytes(size)} (the limit is {limit})"
            )
        total += size
        if total > limits.max_total_bytes:
            raise _too_large(
                name, f"its parts expand to more than {megabytes(limits.max_total_bytes)}"
            )
        if size > limits.ratio_min_bytes and size > limits.max_ratio * max(info.compress_size, 1):
            raise refusal(
                name,
                f"looks like a zip bomb: part {part} would expand from "
                f"{megabytes(info.compress_size)} to {megabytes(size)}, far more than any "
                "real workbook compresses",
                "Do not open it; ask the sender for a fresh copy saved from Excel.",
            )
    _check_zip_kind(archive, name)


def zip_is_damaged(path: Path) -> bool:
    """Whether a part fails its CRC: asked once calamine has refused the file. zipfile
    inflates in chunks, never past the declared sizes the directory checks bounded."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is not None
    except Exception:  # a stream that does not inflate at all, a bad local header
        return True


def _read_small(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    info = archive.getinfo(part)
    if info.file_size > _SMALL_PART:
        raise _too_large(name, f"part {part} is far larger than any workbook's")
    try:
        return archive.read(info)
    except Exception as exc:  # bad CRC, broken stream, encrypted part
        raise damaged(name) from exc


def _check_zip_kind(archive: zipfile.ZipFile, name: str) -> None:
    """A spreadsheet package says so in its content types or mimetype. Where its parts
    live (``xl/`` or the root) is for its relationships to say and calamine to follow."""
    names = set(archive.namelist())
    if "mimetype" in names:
        if _read_small(archive, "mimetype", name).strip().startswith(_ODS_MIMETYPE):
            return
        raise _not_a_workbook(name, "it is an OpenDocument file", ASK_SENDER)
    types = b""
    if "[Content_Types].xml" in names:
        types = _read_small(archive, "[Content_Types].xml", name).lower()
        if any(kind in types for kind in _SPREADSHEET_TYPES):
            return
    if b"wordprocessingml" in types or "word/document.xml" in {n.lower() for n in names}:
        raise _not_a_workbook(name, "it is a Word document", ASK_SENDER)
    if types:  # a PowerPoint presentation, a Visio drawing...
        raise _not_a_workbook(name, "its contents do not describe a spreadsheet", ASK_SENDER)
    extract = "If the workbook is inside it, extract the workbook and import that."
    raise _not_a_workbook(name, "it is a zip archive", extract)
