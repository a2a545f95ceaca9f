"""The shape of a status return workbook, shared by the export and the import.

Columns are found again by their header text, so the import does not depend on their
positions; the hidden columns and the metadata sheet carry what matches a row back.
"""

from __future__ import annotations

from dataclasses import dataclass

RETURN_SHEET = "Return"
INSTRUCTIONS_SHEET = "Instructions"
META_SHEET = "tracker_return"
FORMAT_NAME = "tracker status return"
FORMAT_VERSION = "1"

# Title, who it is for, when it is due back and to whom, "Returned by", how to fill it
# in, then the headers. The import finds the header row and "Returned by" by their text.
RETURNED_BY_ROW = 4
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 1
RETURNED_BY = "Returned by:"  # the label; the cell after it is the lead's to fill in
RETURNED_BY_LIMIT = 80  # characters of a name

REF = "Ref"
ACTION = "Action"
LEADS = "Leads"
ORIGINAL_DUE = "Original due"
LAST_UPDATE = "Last update"
STATUS = "Status"
RAG = "RAG"
PERCENT = "% complete"
NARRATIVE = "Narrative"
REVISED_DUE = "Revised due date"
REASON = "Reason for change"
ACTION_ID = "Action id"
FINGERPRINT = "Fingerprint"
SIGNATURE = "Signature"

READ_ONLY_COLUMNS = (REF, ACTION, LEADS, ORIGINAL_DUE, LAST_UPDATE)
UPDATE_COLUMNS = (STATUS, RAG, PERCENT, NARRATIVE, REVISED_DUE, REASON)
HIDDEN_COLUMNS = (ACTION_ID, FINGERPRINT, SIGNATURE)
COLUMNS = (*READ_ONLY_COLUMNS, *UPDATE_COLUMNS, *HIDDEN_COLUMNS)
WIDTHS = (9, 48, 18, 11, 11, 12, 6, 9, 48, 12, 28, 10, 26, 66)

# The metadata sheet: key/value rows, then one "sent" row per action, then the signature.
SENT = "sent"
SENT_FIELDS = (
    "action_id",
    "ref",
    "status",
    "rag",
    "percent",
    "revised_due",
    "narrative",
    "updated_at",
    "fingerprint",
)
SIGNATURE_KEY = "signature"

# Dates a return accepts: 1 January 2000 to 31 December 2099 as Excel serials (the export's
# data validation bounds, and what the import takes a bare number in a date cell to mean).
FIRST_DATE_SERIAL, LAST_DATE_SERIAL = 36526, 73415


@dataclass(frozen=True)
class Scope:
    """Whose return it is: ``workstream:<id>`` or ``lead:<person key>``."""

    kind: str  # "workstream" or "lead"
    key: str
    label: str

    @property
    def text(self) -> str:
        return f"{self.kind}:{self.key}"
