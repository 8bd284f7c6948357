"""What a file is, from its first bytes: before a timing import, a picture, a PDF, a
spreadsheet, an entry list or an empty file is named as such instead of failing as a CSV.

Pure: bytes in, a `FileSniff` out (the UI and the services say it in words). The caller
reads the head of the file (`HEAD_BYTES` are enough).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from paddock.timing.detect import detect_kind

#: How many bytes from the start of a file `sniff` needs.
HEAD_BYTES = 4096


class Sniffed(StrEnum):
    EMPTY = "empty"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    PDF = "pdf"
    ZIP = "zip"  # .xlsx, .docx, .zip: a ZIP container
    OLE = "ole"  # .xls, .doc: an old Office document
    BINARY = "binary"  # not text, of no kind known here
    ENTRY_LIST = "entry-list"
    TEXT = "text"  # text: maybe a timing file; the reader decides


_MAGIC: tuple[tuple[bytes, Sniffed], ...] = (
    (b"\x89PNG\r\n\x1a\n", Sniffed.PNG),
    (b"\xff\xd8\xff", Sniffed.JPEG),
    (b"GIF87a", Sniffed.GIF),
    (b"GIF89a", Sniffed.GIF),
    (b"%PDF-", Sniffed.PDF),
    (b"PK\x03\x04", Sniffed.ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Sniffed.OLE),
)

#: Columns of Paddock's entry list CSV that no timing file has.
ENTRY_LIST_COLUMNS = frozenset({"first_name", "last_name", "date_of_birth", "nationality",
                                "team", "car", "class", "gentleman", "full_season"})


@dataclass(frozen=True)
class FileSniff:
    """What the head of a file shows.

    Attributes:
        kind: what the file is.
        header: for text, the first line's column names as written (lower-case, trimmed).
    """

    kind: Sniffed
    header: tuple[str, ...] = ()

    @property
    def is_timing_candidate(self) -> bool:
        """Whether a timing reader should look at it (text that is not an entry list)."""
        return self.kind is Sniffed.TEXT


def sniff(head: bytes) -> FileSniff:
    """Tell what a file is from its first bytes (see `HEAD_BYTES`)."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return FileSniff(Sniffed.EMPTY)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return FileSniff(kind)
    if b"\x00" in head:
        return FileSniff(Sniffed.BINARY)
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = ";" if first.count(";") > first.count(",") else ","
    header = tuple(name.strip().strip('"').strip().lower() for name in first.split(separator))
    # A timing file's header wins: Al Kamel's exports carry TEAM and CLASS too.
    timing = detect_kind(frozenset(name.upper() for name in header)) is not None
    if not timing and "number" in header and len(ENTRY_LIST_COLUMNS.intersection(header)) >= 3:
        return FileSniff(Sniffed.ENTRY_LIST, header)
    return FileSniff(Sniffed.TEXT, header)
