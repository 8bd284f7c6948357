"""The content hash of an official revision, and the check that it still matches.

A revision's hash is worked out from its payload *as stored* (the JSON text in the
database), read back and written canonically, so a field that a later Paddock adds to
new revisions never changes an old revision's hash, and a hand edit of the stored text
(or of the stored hash) is caught whenever the revision is read.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from paddock.errors import PaddockError

HASH_LENGTH = 12


class RevisionAltered(PaddockError):
    """An official revision's stored content no longer matches its published hash."""


def content_hash(payload: Any) -> str:
    """The short hash of a payload (rows as plain JSON data), canonical JSON."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]


def stored_hash(payload_text: str) -> str | None:
    """The hash of a stored payload text; None when the text is not JSON at all."""
    try:
        return content_hash(json.loads(payload_text))
    except (ValueError, RecursionError):
        return None


def check_revision(label: str, revision: int, payload_text: str, recorded_hash: str) -> None:
    """Refuse a revision whose stored content does not give its recorded hash.

    Args:
        label: the session, as a message names it ("sebring R1").

    Raises:
        RevisionAltered: loudly, naming the revision and both hashes.
    """
    found = stored_hash(payload_text)
    if found != recorded_hash:
        raise RevisionAltered(
            f"revision {revision} of {label} has been altered outside Paddock: its content "
            f"gives hash {found or 'none (unreadable)'}, it was published as {recorded_hash}. "
            "Restore the database from a backup (paddock backup list) and tell the chief "
            "timekeeper."
        )
