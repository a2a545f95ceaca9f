"""Fingerprints and signatures that let a status return match back exactly.

A row's *fingerprint* is a digest of the action's state when the return was exported
(status, RAG, percent, revised due date and when the action last changed): if it differs
from the action's fingerprint now, someone changed the action since. Each row's hidden
columns also hold an HMAC-SHA256, keyed with the database's secret, over the return's id,
its scope, the action id and the fingerprint: an edited id, an invented row or a row
pasted in from another return does not verify. The return's metadata sheet is signed the
same way. Nothing here reads or writes the database.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from datetime import date, datetime

_SEP = "\x1f"


def _text(value: object) -> str:
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def normalise_newlines(text: str) -> str:
    """Spreadsheet programs store line breaks as LF; sign text the way it comes back."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fingerprint(
    status: str,
    rag: str | None,
    percent: int,
    revised_due: date | None,
    updated_at: datetime | None,
) -> str:
    """A short digest of an action's state (not secret: the row signature protects it)."""
    parts = ["v1", status, rag or "", str(int(percent)), _text(revised_due), _text(updated_at)]
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:24]


def _mac(secret: bytes, parts: Iterable[object]) -> str:
    # Newlines are normalised in the joined message: the separator between parts keeps a
    # CR at the end of one part and an LF at the start of the next from becoming one CRLF.
    message = normalise_newlines(_SEP.join(map(_text, parts))).encode("utf-8")
    return hmac.digest(secret, message, "sha256").hex()


def sign_row(secret: bytes, return_id: str, scope: str, action_id: int, fp: str) -> str:
    return _mac(secret, ("row-v1", return_id, scope, action_id, fp))


def _same(expected: str, given: str) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters, which an edited
    # signature cell may hold; such a signature simply does not match.
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass"))


def row_signature_ok(
    secret: bytes, return_id: str, scope: str, action_id: int, fp: str, signature: str
) -> bool:
    return _same(sign_row(secret, return_id, scope, action_id, fp), signature)


def sign_table(secret: bytes, rows: Sequence[Sequence[object]]) -> str:
    """A signature over a small table of text (the metadata sheet's rows)."""
    flat: list[object] = ["table-v1"]
    for row in rows:
        flat.append(len(row))
        flat.extend(row)
    return _mac(secret, flat)


def table_signature_ok(secret: bytes, rows: Sequence[Sequence[object]], signature: str) -> bool:
    return _same(sign_table(secret, rows), signature)
