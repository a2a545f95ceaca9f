"""How big a workbook we agree to open, so that no file can exhaust memory or time.

Every number here bounds something that python-calamine (or Python) would otherwise size
from the file itself. The defaults let a real 50,000-row action plan through with room to
spare while keeping the worst hostile file well under 300 MB of memory. Tests pass small
limits to prove each check without building big files.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MB = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    """Upper bounds applied to a workbook before any of it is parsed for real.

    Sizes in bytes are what the zip container declares (and what we verify while inflating).
    Row, column and cell limits apply to the area that holds *values*: a cell that only
    carries formatting does not count, because calamine does not store it.
    """

    # The file on disk. A 50,000-row plan is a few MB; 50 MB is generous.
    max_file_bytes: int = 50 * MB
    # Parts inside the zip. Excel writes a few dozen; a zip bomb may claim millions.
    max_members: int = 10_000
    # Uncompressed size of any one part, and of all parts together.
    max_member_bytes: int = 200 * MB
    max_total_bytes: int = 500 * MB
    # Compression ratio allowed for parts bigger than ratio_min_bytes. Real worksheet XML
    # compresses 5-20:1; a zip bomb compresses 1000:1.
    max_ratio: float = 100.0
    ratio_min_bytes: int = 1 * MB
    max_sheets: int = 200
    # Rows holding values, summed over all sheets (Excel allows 1,048,576 per sheet).
    max_rows: int = 1_100_000
    # Columns holding values in any one sheet (Excel allows 16,384).
    max_columns: int = 16_384
    # Rows x columns of the value area, summed over all sheets. Calamine allocates this
    # rectangle densely (about 32 bytes a cell, more once in Python), so it is the limit
    # that stops one far-away cell from costing gigabytes.
    max_cells: int = 1_500_000
    # Excel's own limit for the text in one cell.
    max_cell_chars: int = 32_767
    # Text the workbook expands to once read, summed over every cell (a shared string used
    # by 10,000 cells counts 10,000 times, because calamine copies it into each cell), each
    # text counting 32 characters more than its length for the bookkeeping calamine and
    # Python keep per string. A 50,000-row, 12-column plan comes to about 35 million.
    max_text_chars: int = 50_000_000

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not value > 0:
                raise ValueError(f"WorkbookLimits.{field.name} must be positive, got {value!r}")
