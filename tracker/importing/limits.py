"""How big a workbook we agree to open, and how much the reading process may spend on it.

The container limits are judged from the zip directory before anything is parsed; time
and memory bind the child process that runs python-calamine. The defaults let a real
50,000-row plan through with room to spare; tests pass small limits.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MB = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    """Upper bounds applied to a workbook and to the process that reads it."""

    # The file on disk. A 50,000-row plan is a few MB; 50 MB is generous.
    max_file_bytes: int = 50 * MB
    # Parts inside a zip. Excel writes a few dozen; a zip bomb may claim millions.
    max_members: int = 10_000
    # Uncompressed size of any one part, and of all parts together, as the zip declares.
    max_member_bytes: int = 200 * MB
    max_total_bytes: int = 500 * MB
    # Compression ratio allowed for parts bigger than ratio_min_bytes. Real worksheet XML
    # compresses 5-20:1; a zip bomb compresses 1000:1.
    max_ratio: float = 100.0
    ratio_min_bytes: int = 1 * MB
    # Excel's own limit for the text in one cell.
    max_cell_chars: int = 32_767
    # Wall-clock time for the reading process; a 50,000-row plan takes a second or two.
    max_seconds: float = 60.0
    # Address space for the reading process (POSIX). calamine holds a sheet's used range
    # densely, 16 bytes a cell: a 7-column plan with a stray value at row 1,048,567 costs
    # 250 MB, values at A1 and XFD1048576 550 GB. 1 GB lets the first through, not the second.
    max_memory_bytes: int = 1024 * MB

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not value > 0:
                raise ValueError(f"WorkbookLimits.{field.name} must be positive, got {value!r}")
