"""Cheap checks on the file and its container, before anything in it is parsed.

The path must be a plain, non-empty file of a sane size. Its first bytes say what it is:
a zip (.xlsx, .xlsm, .xlsb, .ods), an OLE2 compound file (.xls, or a password-protected
.xlsx, or a Word document), or something else (CSV, PDF, web page...), which is named in
the refusal. A zip's central directory is judged before anything is inflated: part count,
declared sizes, compression ratios, and whether its content types (or its ``mimetype``)
describe a spreadsheet at all. Nothing here parses XML: what the parts hold is
python-calamine's business, in a child process with limits of its own.
"""

from __future__ import annotations

import codecs
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO, Literal

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
    "powerpoint": ("PowerPoint Document".encode("utf-16-le"),),
}
_SPREADSHEET_TYPES = (b"spreadsheetml", b"application/vnd.ms-excel")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SMALL_PART = 1 << 20  # [Content_Types].xml and mimetype are a few KB at most


def check_container(path: Path, limits: WorkbookLimits) -> Container:
    """Refuse what is surely not a workbook we can read; say which container it is."""
    name = path.name or str(path)
    _check_path(path, name, limits)
    try:
        with open(path, "rb") as fp:
            head = fp.read(4096)
            if head.startswith(_OLE_MAGIC):
                _check_ole(fp, name)
                return "ole"
            if not head.startswith(_ZIP_MAGICS):
                what, action = _describe_non_zip(head)
                raise refusal(name, f"{NOT_A_WORKBOOK}: {what}", action)
            _count_directory_entries(fp, name, limits)
            _check_zip(fp, name, limits)
    except PermissionError:
        raise refusal(
            name, "cannot be opened: permission denied", "Copy it to your Documents folder first."
        ) from None
    except OSError as exc:
        raise refusal(
            name, f"cannot be opened ({exc.strerror or exc})", "Choose the file again."
        ) from exc
    return "zip"


def _check_path(path: Path, name: str, limits: WorkbookLimits) -> None:
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
        raise refusal(name, f"{NOT_A_WORKBOOK}: it is a Word document", ASK_SENDER)
    if "powerpoint" in found:
        raise refusal(name, f"{NOT_A_WORKBOOK}: it is a PowerPoint presentation", ASK_SENDER)
    raise refusal(name, f"{NOT_A_WORKBOOK}: it is an older Office file", RESAVE)


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
    """Say what a file that is neither a zip nor an OLE2 file looks like, and what to do."""
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
        return "it is a compressed archive", "Extract the workbook from it and import that."
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


def _count_directory_entries(fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
    """Count directory entries before zipfile builds an object for each of them.

    A signature count over the whole file is an upper bound (a stored part could contain
    the signature too), cheap at any size the file limit allows, and needs no parsing.
    """
    fp.seek(0)
    count = 0
    overlap = b""
    while chunk := fp.read(1 << 20):
        count += (overlap + chunk).count(_CENTRAL_ENTRY)
        overlap = chunk[-3:]
        if count > limits.max_members:
            raise refusal(
                name,
                f"is too large or malformed to open safely (it holds more than "
                f"{limits.max_members:,} parts)",
                FRESH_COPY,
            )


def _check_zip(fp: BinaryIO, name: str, limits: WorkbookLimits) -> None:
    """Judge every part from the central directory alone, then what kind of zip it is."""
    try:
        archive = zipfile.ZipFile(fp)
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many types for a broken directory
        raise damaged(name) from exc
    total = 0
    for info in infos:
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
    _check_zip_kind(archive, name)


def zip_is_damaged(path: Path) -> bool:
    """Whether any part fails its CRC: asked only once calamine has refused the file.

    zipfile inflates each part in chunks and never past its declared size, which the
    directory checks have already bounded.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is not None
    except Exception:  # a stream that does not inflate at all, a bad local header
        return True


def _read_small(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    info = archive.getinfo(part)
    if info.file_size > _SMALL_PART:
        raise refusal(name, "is too large or malformed to open safely", FRESH_COPY)
    try:
        return archive.read(info)
    except Exception as exc:  # bad CRC, broken stream, encrypted part
        raise damaged(name) from exc


def _check_zip_kind(archive: zipfile.ZipFile, name: str) -> None:
    """A spreadsheet package says so in its content types or its mimetype; others do not.

    Only the declared types are looked at: where the workbook part lives (``xl/`` or the
    package root) is for the package's relationships to say, and for calamine to follow.
    """
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = _read_small(archive, "mimetype", name)
        if mimetype.strip().startswith(_ODS_MIMETYPE):
            return
        raise refusal(name, f"{NOT_A_WORKBOOK}: it is an OpenDocument file", ASK_SENDER)
    if "[Content_Types].xml" in names:
        types = _read_small(archive, "[Content_Types].xml", name).lower()
        if any(kind in types for kind in _SPREADSHEET_TYPES):
            return
        if b"wordprocessingml" in types:
            raise refusal(name, f"{NOT_A_WORKBOOK}: it is a Word document", ASK_SENDER)
        if b"presentationml" in types:
            raise refusal(name, f"{NOT_A_WORKBOOK}: it is a PowerPoint presentation", ASK_SENDER)
        raise refusal(
            name, f"{NOT_A_WORKBOOK}: its contents do not describe a spreadsheet", ASK_SENDER
        )
    lowered = {part.lower() for part in names}
    if "word/document.xml" in lowered:
        raise refusal(name, f"{NOT_A_WORKBOOK}: it is a Word document", ASK_SENDER)
    raise refusal(
        name,
        f"{NOT_A_WORKBOOK}: it is a zip archive",
        "If the workbook is inside it, extract the workbook and import that.",
    )
