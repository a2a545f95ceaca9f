"""Reading back the PDFs the tracker writes: page count from the file's page objects, text
through poppler's pdftotext (the test is skipped where it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def page_count(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-"), f"{path} is not a PDF"
    # Qt writes each page as an uncompressed object of type /Page (the tree is /Pages).
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page, in order (layout kept, one string per page)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        [tool, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def words(text: str) -> str:
    """The text with runs of white space made one space (pdftotext lays out columns) and
    the typographic ligatures the fonts use ("ﬁ") spelled out."""
    return " ".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").split())
