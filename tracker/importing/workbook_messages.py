"""The wording of refusals: each names the file, the problem and what the user can do
about it; the checks pick the problem and one of the actions below."""

from __future__ import annotations

from tracker.errors import BadWorkbookError

RESAVE = (
    "Open it in Excel, save it as an Excel Workbook (File > Save As > Excel Workbook) "
    "and import the saved copy."
)
FRESH_COPY = "Download or copy it again, or ask the sender for a fresh copy saved from Excel."
ASK_SENDER = "Ask the sender for the Excel workbook itself."
TRIM = (
    "Delete the rows, columns or sheets you do not need in Excel (or copy the table you "
    "need into a new workbook), save it and import it again."
)
PASSWORD = "Remove the password in Excel (File > Info > Protect Workbook) and import it again."
NOT_A_WORKBOOK = "is not an Excel workbook"


def refusal(name: str, problem: str, action: str) -> BadWorkbookError:
    return BadWorkbookError(f"{name} {problem}. {action}")


def damaged(name: str) -> BadWorkbookError:
    return refusal(
        name, "is damaged or incomplete (was the download or copy interrupted?)", FRESH_COPY
    )


def unsafe(name: str) -> BadWorkbookError:
    """The reading process ran out of time or memory, or died."""
    return refusal(name, "is too large or malformed to open safely", TRIM)


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
