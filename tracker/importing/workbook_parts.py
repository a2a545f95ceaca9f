"""Step 4: is the zip a spreadsheet at all, and which of its parts are what.

``[Content_Types].xml``, ``xl/workbook.xml`` and its relationships are small; they are
parsed whole with defusedxml, which refuses DTDs and entities, into a collector that keeps
only the attributes we need, never a tree.
"""

from __future__ import annotations

import posixpath
import zipfile

import defusedxml.ElementTree as defused_et
from defusedxml import DefusedXmlException

from tracker.importing.container_checks import PartReader
from tracker.importing.workbook_messages import (
    ASK_SENDER,
    FRESH_COPY,
    MALFORMED,
    RESAVE,
    TRIM,
    damaged,
    refusal,
)
from tracker.importing.xml_scan import _local, check_xml_head, refuse_dtd

_SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml",
    "application/vnd.ms-excel.template.macroenabled.main+xml",
    "application/vnd.ms-excel.addin.macroenabled.main+xml",
}
_XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroenabled.main"

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


def parse_small(parts: PartReader, info: zipfile.ZipInfo, wanted: set[str]) -> list[_Element]:
    """Parse a small part with defusedxml, which refuses DTDs and entities.

    The parser feeds a collector instead of building a tree: a 16 MB part of nested
    empty elements would otherwise become two million Element objects.
    """
    data = parts.read_small(info)
    check_xml_head(parts.name, info, data[:4096])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        refuse_dtd(parts.name, info)
    collector = _Collector(wanted)
    try:
        parser = defused_et.DefusedXMLParser(target=collector, forbid_dtd=True)
        parser.feed(data)
        parser.close()
    except DefusedXmlException as exc:
        raise refusal(
            parts.name,
            f"{MALFORMED} (part {info.filename} contains an XML document type "
            "declaration, which Excel never writes)",
            FRESH_COPY,
        ) from exc
    except _TooManyElements as exc:
        raise refusal(
            parts.name, f"{MALFORMED} (part {info.filename} is unusually large)", RESAVE
        ) from exc
    except (defused_et.ParseError, ValueError) as exc:
        raise damaged(parts.name) from exc
    return collector.found


def check_is_spreadsheet(
    parts: PartReader, by_name: dict[str, zipfile.ZipInfo]
) -> tuple[set[str], dict[str, str]]:
    """Refuse a zip that is not a spreadsheet; find its shared strings and sheet names.

    Returns the shared-strings parts the relationships name, and the sheet name of each
    worksheet part (for messages).
    """
    name, limits = parts.name, parts.limits
    if "xl/workbook.xml" not in by_name:
        lowered = {part_name.lower() for part_name in by_name}
        if "word/document.xml" in lowered:
            what, action = "a Word document (.docx)", ASK_SENDER
        elif "ppt/presentation.xml" in lowered:
            what, action = "a PowerPoint presentation (.pptx)", ASK_SENDER
        elif "xl/workbook.bin" in lowered:
            what, action = "an Excel Binary Workbook (.xlsb)", RESAVE
        elif "mimetype" in by_name and by_name["mimetype"].file_size <= 256:
            mimetype = parts.read_small(by_name["mimetype"])
            if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                what, action = "an OpenDocument spreadsheet (.ods)", RESAVE
            else:
                what, action = "an OpenDocument file", ASK_SENDER
        else:
            what = "a zip archive"
            action = "If the workbook is inside it, extract the .xlsx file and import that."
        raise refusal(name, f"is not an Excel workbook (.xlsx): it is {what}", action)
    types_info = by_name.get("[Content_Types].xml")
    if types_info is None:
        raise refusal(name, f"{MALFORMED} (it has no [Content_Types].xml part)", RESAVE)
    declared = {
        attrs.get("ContentType", "").strip().lower()
        for _, attrs in parse_small(parts, types_info, {"Override", "Default"})
    }
    if not declared & _SPREADSHEET_TYPES:
        if any(t.startswith(_XLSB_TYPE) for t in declared):
            raise refusal(name, "is not an Excel workbook (.xlsx): it is an .xlsb workbook", RESAVE)
        raise refusal(
            name,
            "is not an Excel workbook (.xlsx): its content types do not describe a spreadsheet",
            ASK_SENDER,
        )
    sheets = [attrs for _, attrs in parse_small(parts, by_name["xl/workbook.xml"], {"sheet"})]
    if len(sheets) > limits.max_sheets:
        raise refusal(
            name,
            f"has {len(sheets):,} sheets; this app reads at most {limits.max_sheets:,}",
            TRIM,
        )
    targets: dict[str, tuple[str, str]] = {}
    rels_info = by_name.get("xl/_rels/workbook.xml.rels")
    if rels_info is not None:
        for _, attrs in parse_small(parts, rels_info, {"Relationship"}):
            targets[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))
    sst_parts = {
        _resolve_target(target)
        for kind, target in targets.values()
        if kind.endswith("/sharedStrings")
    }
    part_labels: dict[str, str] = {}
    for sheet in sheets:
        rel_id = next((v for k, v in sheet.items() if _local(k) == "id"), None)
        if rel_id is None or rel_id not in targets:
            continue
        part = _resolve_target(targets[rel_id][1])
        part_labels.setdefault(part, sheet.get("name") or part)
    return sst_parts, part_labels


def _resolve_target(target: str) -> str:
    """Turn a relationship target into a zip part name the way calamine does."""
    if target.startswith("/"):
        part = target[1:]
    elif target.startswith("xl/"):
        part = target
    else:
        part = "xl/" + target
    return posixpath.normpath(part)
