"""When a workbook was last saved, from its own document properties.

A hand-kept copy's Status and RAG columns say where things stood when it was last saved;
its first updates are dated so. Excel keeps that date in ``docProps/core.xml``
(``dcterms:modified``), OpenDocument in ``meta.xml`` (``meta:date``). Only the one small
part is read, size-capped, and searched for the date's text: no XML parser meets a
stranger's file here. Anything unexpected gives None and the caller falls back.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

_PARTS = {
    "docProps/core.xml": re.compile(rb"<dcterms:modified[^>]*>\s*(\d{4})-(\d\d)-(\d\d)"),
    "meta.xml": re.compile(rb"<meta:date>\s*(\d{4})-(\d\d)-(\d\d)"),
}
_MAX_PART_BYTES = 256 * 1024


def workbook_saved_date(path: Path) -> date | None:
    """The date the workbook was last saved, or None if it does not say."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name, pattern in _PARTS.items():
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    continue
                if info.file_size > _MAX_PART_BYTES:
                    return None
                match = pattern.search(archive.read(info))
                if match:
                    year, month, day = (int(g) for g in match.groups())
                    return date(year, month, day)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        return None
    return None
