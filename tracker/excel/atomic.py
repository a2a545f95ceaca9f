"""Writing a file so that it appears whole or not at all.

The workbook is written to a temporary file in the destination folder (so the final move
is a rename on the same file system) and moved into place with :func:`os.replace`. On any
failure the temporary file is removed and the old file, if any, is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import TrackerError

# On Windows a file another program holds open for a moment (antivirus scanning a new file,
# Explorer's preview pane, the search indexer) cannot be replaced: try again briefly before
# giving up. Elsewhere a refusal is a real permission problem, reported at once.
REPLACE_TRIES = 20 if sys.platform == "win32" else 1
REPLACE_PAUSE_S = 0.1


def replace_file(source: Path, target: Path) -> None:
    """``os.replace``, waiting out another program's brief hold on ``target`` (Windows)."""
    for attempt in range(1, REPLACE_TRIES + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES:
                raise
            time.sleep(REPLACE_PAUSE_S)


def temporary_sibling(final: Path) -> Path:
    """A hidden, unique name beside ``final`` with the same extension (Excel-friendly)."""
    return final.with_name(f".~{final.stem}.{secrets.token_hex(4)}.tmp{final.suffix}")


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _explain(exc: OSError, final: Path) -> TrackerError:
    if isinstance(exc, PermissionError):
        return TrackerError(
            f"Could not write {final}: permission denied. If the file is open in Excel, "
            "close it and try again; otherwise choose a folder you can write to."
        )
    return TrackerError(f"Could not write {final}: {exc.strerror or exc}. Nothing was saved.")


@contextmanager
def atomic_paths(finals: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths to write; on success each is moved onto its final path.

    If the block raises, every temporary file is removed and no final path is touched.
    """
    for final in finals:
        if not final.parent.is_dir():
            raise TrackerError(
                f"Could not write {final}: the folder {final.parent} does not exist."
            )
    temps = [temporary_sibling(final) for final in finals]
    try:
        yield temps
        for temp in temps:
            _fsync(temp)
        for temp, final in zip(temps, finals, strict=True):
            replace_file(temp, final)
    except OSError as exc:
        raise _explain(exc, finals[0] if len(finals) == 1 else finals[0].parent) from exc
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """One temporary path to write, moved onto ``final`` when the block succeeds."""
    with atomic_paths([final]) as temps:
        yield temps[0]
