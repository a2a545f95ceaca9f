"""Builders for the damaged, hostile and odd workbooks the importer must refuse or survive.

Every function writes one file into the directory it is given and returns its path. No
binary file is committed: each workbook starts as a small openpyxl workbook whose XML parts
are then edited with zipfile, and the non-zip files are a few bytes written here. Some are
stopped by the container checks, some by the reading process's limits, some are refused
by calamine (and reworded by us), and some, found in real use, must simply be read.
"""

from __future__ import annotations

import datetime
import re
import shutil
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Edit = bytes | Callable[[bytes], bytes]


# -- normal workbooks -------------------------------------------------------------------


def normal_workbook(
    directory: Path,
    name: str = "plan.xlsx",
    rows: Iterable[Iterable[object]] | None = None,
    title: str = "Plan",
) -> Path:
    """A small, ordinary workbook as openpyxl writes it (inline strings)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    default = [("Ref", "Action", "Due"), ("1.1", "Agree governance", datetime.date(2018, 6, 30))]
    for row in rows if rows is not None else default:
        sheet.append(list(row))
    path = directory / name
    workbook.save(path)
    return path


def rewrite(
    source: Path,
    target: Path,
    edits: Mapping[str, Edit] | None = None,
    *,
    add: Mapping[str, bytes] | None = None,
    drop: Iterable[str] = (),
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Copy a workbook, replacing, editing, adding or dropping parts on the way."""
    edits = dict(edits or {})
    dropped = set(drop)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", compression) as new:
        for info in old.infolist():
            if info.filename in dropped:
                continue
            data = old.read(info.filename)
            edit = edits.pop(info.filename, None)
            if callable(edit):
                data = edit(data)
            elif edit is not None:
                data = edit
            new.writestr(info.filename, data)
        for name, data in {**edits, **(add or {})}.items():
            if callable(data):
                raise ValueError(f"cannot edit missing part {name}")
            new.writestr(name, data)
    return target


def with_sheet_data(
    directory: Path,
    name: str,
    sheet_data: str | bytes,
    *,
    dimension: str | None = None,
    shared_strings: list[str] | bytes | None = None,
) -> Path:
    """A normal workbook whose first sheet's <sheetData> is replaced by ``sheet_data``."""
    base = normal_workbook(directory, "base-" + name)
    body = sheet_data.encode() if isinstance(sheet_data, str) else sheet_data

    def edit_sheet(xml: bytes) -> bytes:
        xml = re.sub(rb"<sheetData\s*/>|<sheetData>.*</sheetData>", lambda _: b"", xml, flags=re.S)
        xml = xml.replace(b"<pageMargins", b"<sheetData>" + body + b"</sheetData><pageMargins")
        if dimension is not None:
            xml = re.sub(
                rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'.encode(), xml
            )
        return xml

    edits: dict[str, Edit] = {SHEET: edit_sheet}
    add: dict[str, bytes] = {}
    if shared_strings is not None:
        add[SHARED] = (
            shared_strings
            if isinstance(shared_strings, bytes)
            else shared_strings_xml(shared_strings)
        )
        edits["[Content_Types].xml"] = lambda xml: xml.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        edits["xl/_rels/workbook.xml.rels"] = lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    return rewrite(base, directory / name, edits, add=add)


def shared_strings_xml(strings: list[str], unique_count: str | None = None) -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    count = unique_count if unique_count is not None else str(len(strings))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{count}">{items}</sst>'
    ).encode()


def rows_xml(rows: int, columns: str = "ABC", start: int = 1) -> str:
    """Plain numeric rows, every cell with an r attribute, as Excel writes them."""
    return "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in columns) + "</row>"
        for r in range(start, start + rows)
    )


def dated_workbook(directory: Path) -> Path:
    return normal_workbook(
        directory,
        "dates.xlsx",
        [
            ("Action", "Due", "Reviewed"),
            ("Agree terms", datetime.date(2018, 6, 30), datetime.datetime(2018, 7, 31, 9, 30)),
        ],
    )


def many_sheets(directory: Path, count: int) -> Path:
    workbook = openpyxl.Workbook()
    for index in range(count - 1):
        workbook.create_sheet(f"Sheet {index + 2}")
    path = directory / "many-sheets.xlsx"
    workbook.save(path)
    return path


# -- files that are not workbooks -------------------------------------------------------


def empty_file(directory: Path) -> Path:
    path = directory / "empty.xlsx"
    path.write_bytes(b"")
    return path


def csv_renamed(directory: Path) -> Path:
    path = directory / "returns.xlsx"
    path.write_text("Ref,Action,Status\n1.1,Agree governance,Complete\n", encoding="utf-8")
    return path


def pdf_renamed(directory: Path) -> Path:
    path = directory / "plan-export.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return path


def random_bytes(directory: Path) -> Path:
    path = directory / "noise.xlsx"
    path.write_bytes(bytes((index * 7919 + 13) % 251 for index in range(4096)))
    return path


def truncated(directory: Path) -> Path:
    """The first half of a real workbook, as an interrupted download leaves it."""
    whole = normal_workbook(directory, "whole.xlsx").read_bytes()
    path = directory / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def corrupted(directory: Path) -> Path:
    """A real workbook with garbage written over the middle of its worksheet's data."""
    rows = [(f"Action {index}", index * 3.5) for index in range(300)]
    source = normal_workbook(directory, "source.xlsx", rows)
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(range(64))
    path = directory / "corrupted.xlsx"
    path.write_bytes(bytes(data))
    return path


def docx_like(directory: Path) -> Path:
    path = directory / "minutes.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def plain_zip(directory: Path) -> Path:
    path = directory / "attachments.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "nothing to see")
    return path


def ole_file(directory: Path, name: str, streams: Iterable[str]) -> Path:
    """Bytes shaped like an OLE2 compound file: magic, padding, directory entry names."""
    entries = b"".join(
        stream.encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
        for stream in ["Root Entry", *streams]
    )
    path = directory / name
    path.write_bytes(OLE_MAGIC + bytes(504) + entries + bytes(1024))
    return path


def password_protected(directory: Path) -> Path:
    return ole_file(
        directory,
        "returns-prevention.xlsx",
        ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"],
    )


def old_xls(directory: Path) -> Path:
    return ole_file(directory, "legacy.xlsx", ["Workbook", "\x05SummaryInformation"])


# -- zip-level attacks ------------------------------------------------------------------


def with_padding_part(directory: Path, name: str, size: int) -> Path:
    """A normal workbook plus one part of ``size`` zero bytes: compresses about 1000:1."""
    path = normal_workbook(directory, name)
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w", force_zip64=size > 2**31) as part,
    ):
        left = size
        while left > 0:  # streamed, so the test never holds the whole part in memory
            part.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return path


def with_extra_parts(directory: Path, count: int) -> Path:
    path = normal_workbook(directory, "many-parts.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for index in range(count):
            archive.writestr(f"customXml/item{index}.xml", "<a/>")
    return path


def lying_size(directory: Path) -> Path:
    """The worksheet's zip entry declares 16 bytes but inflates to much more."""
    path = normal_workbook(directory, "lying.xlsx", [(f"row {index}",) for index in range(200)])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    struct.pack_into("<I", data, info.header_offset + 22, 16)  # local header: file size
    end = data.rfind(b"PK\x05\x06")
    (entry,) = struct.unpack_from("<I", data, end + 16)  # central directory offset
    while data[entry : entry + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_len] == SHEET.encode():
            struct.pack_into("<I", data, entry + 24, 16)  # central directory: file size
            break
        entry += 46 + name_len + extra_len + comment_len
    else:
        raise AssertionError("worksheet entry not found")
    path.write_bytes(bytes(data))
    return path


def duplicate_part(directory: Path) -> Path:
    path = normal_workbook(directory, "twice.xlsx")
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        archive.writestr(SHEET, "<worksheet/>")
    return path


# -- XML-level attacks ------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE sst [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'.encode()
        for n in range(1, 10)
    )
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def billion_laughs(directory: Path) -> Path:
    return with_sheet_data(
        directory,
        "laughs.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_strings=BILLION_LAUGHS,
    )


# -- found in real use: these must be read --------------------------------------------


def with_utf16_custom_xml(directory: Path, source: Path | None = None) -> Path:
    """SharePoint and Office for Mac add customXml parts, some of them in UTF-16."""
    path = directory / "sharepoint.xlsx"
    if source is None:
        normal_workbook(directory, path.name)
    else:
        shutil.copyfile(source, path)
    item = (
        '<?xml version="1.0" encoding="UTF-16" standalone="no"?>'
        '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"'
        ' SelectedStyle="\\APA.XSL" StyleName="APA"/>'
    ).encode("utf-16")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("customXml/item1.xml", item)
        archive.writestr(
            "customXml/_rels/item1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
        )
    return path


def parts_at_root(directory: Path, rows: Iterable[Iterable[object]] | None = None) -> Path:
    """A valid package whose workbook lives at the root, not under xl/: the package
    relationships say where it is, and nothing requires xl/."""
    base = normal_workbook(directory, "base-root.xlsx", rows)
    path = directory / "root-parts.xlsx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            name = info.filename.removeprefix("xl/")
            if name.endswith((".rels", ".xml")):
                data = data.replace(b"/xl/", b"/").replace(b'Target="xl/', b'Target="')
            new.writestr(name, data)
    return path


def stray_value_far_below(source: Path, directory: Path, row: int = 1_048_567) -> Path:
    """A real plan with one stray value far below it, as a slipped keystroke leaves it."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.active
    assert sheet is not None
    sheet.cell(row=row, column=sheet.max_column, value="x")
    path = directory / ("stray-" + source.name)
    workbook.save(path)
    return path


def shared_string_in_many_cells(directory: Path, text_chars: int, cells: int) -> Path:
    """One long shared string used by many cells: calamine copies it into each of them."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, cells + 1)
    )
    return with_sheet_data(directory, "copies.xlsx", rows, shared_strings=["z" * text_chars])
