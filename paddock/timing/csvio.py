"""Reading timing CSV files as they come: any delimiter, BOM or none, columns by name.

Al Kamel writes semicolons; copies in circulation use commas, keep a UTF-8 BOM, put a
space before some header names (``NUMBER; DRIVER_NUMBER``, `` LAPS``) and end every line
with a separator. A `CsvTable` takes all that in its stride: the delimiter is sniffed from
the header line, header names are stripped and looked up case-insensitively, empty and
unknown columns are ignored, and every row keeps its line number for error messages.

Field parsers raise `InputError` with ``FILE:LINE`` and the column's name. A file is read
from disk only through `read_input_file`, which refuses what is not a regular file of a
sane size before reading a byte (a FIFO would hang the import, ``/dev/zero`` eat memory).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from paddock.errors import InputError, Location
from paddock.rules.laptime import parse_time

_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (";", ",", "\t")
# What files write for "no time" besides a blank field.
_NO_VALUE = frozenset({"-", "--", "—"})
# The largest file read: a 24-hour race's time cards are a few MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
# The largest count (lap, laps, position) a timing file may hold: a 24-hour race runs a
# few hundred laps; anything near this is junk, and it keeps every number far inside
# SQLite's 64-bit integers.
MAX_COUNT = 10_000
# A whole number as written: ASCII digits only (``str.isdigit`` takes "²" and "١٢"),
# ``25.0`` allowed (positions in some exports).
_WHOLE = re.compile(r"([0-9]+)(?:\.0*)?", re.ASCII)
_TIME_COLUMNS = ("LAP_TIME", "ELAPSED", "TOTAL_TIME", "FL_TIME", "TIME", "BEST_LAP_TIME",
                 "BEST_LAP")


def read_input_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; messages name the path.

    The file is opened without blocking and checked on its open descriptor, so a FIFO,
    a device (``/dev/zero``), a directory or a file too big is refused before any read.

    Raises:
        InputError: ``FILE: what``, one line, for a file that cannot or must not be read.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(name)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", Location(name))
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file (a pipe or a device?)", Location(name))
        if info.st_size > limit:
            raise InputError(
                f"is {info.st_size // (1024 * 1024)} MiB; a timing or entry file is at most "
                f"{limit // (1024 * 1024)} MiB: is it the right file?",
                Location(name),
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(name)) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while read
        raise InputError(f"is larger than {limit // (1024 * 1024)} MiB", Location(name))
    return data


def line_of(data: bytes, offset: int) -> int:
    """The line (from 1) holding byte ``offset``; CR, LF and CR LF all end a line."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def unify_line_ends(text: str) -> str:
    """``text`` with every line end (CR LF, lone CR, LF) made LF, and nothing else changed.

    ``str.splitlines`` would also split at form feeds and U+2028, where the csv module
    does not: both must count the same lines for messages to name the right one.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of a file, without its BOM.

    Raises:
        InputError: naming the line of the first byte that is not UTF-8.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02X}): save the file as UTF-8",
            Location(name, line_of(data, error.start)),
        ) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError("holds NUL bytes: not a text file", Location(name, line_of(data, nul)))
    return text


def sniff_delimiter(header_line: str) -> str:
    """The separator the header line uses most: ``;`` (Al Kamel), ``,`` or a tab."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@functools.lru_cache(maxsize=1024)
def normalise_name(name: str) -> str:
    """A header name as looked up: stripped of spaces and stray BOMs, upper case.

    Cached: every field of every row is looked up by name (a race's time cards ask
    ~100,000 times for two dozen names)."""
    return name.strip().strip("\ufeff").strip().upper()


@dataclass(frozen=True)
class CsvRow:
    """One data row: its line number in the file and its fields, as written."""

    line: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read as a header and rows; columns are found by name.

    Attributes:
        name: the file's name, for messages.
        delimiter: the separator found in the header.
        header: the header names as written (stripped).
        header_line: the line number of the header (1 unless blank lines precede it).
        rows: the non-blank data rows.
    """

    name: str
    delimiter: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[CsvRow, ...]
    _index: dict[str, int]
    # Whether the text ends with a line end (exports do; a file cut mid-line does not).
    ends_with_line_end: bool = True

    @classmethod
    def parse(cls, text: str, name: str) -> CsvTable:
        """Split ``text`` (already decoded) into header and rows.

        Raises:
            InputError: the file is empty (no header line).
        """
        text = unify_line_ends(text)
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise InputError("the file is empty (no header line)", Location(name, 1))
        hint = lines[first].strip().lower()
        # Excel writes a "sep=;" line before the header when asked to keep the separator.
        declared = hint[4:5] if hint.startswith("sep=") and len(hint) == 5 else ""
        if declared:
            first = next((i for i, line in enumerate(lines) if i > first and line.strip()), None)
            if first is None:
                raise InputError("the file is empty (no header line)", Location(name, 1))
        delimiter = declared or sniff_delimiter(lines[first])
        header: list[str] | None = None
        header_line = first + 1
        rows: list[CsvRow] = []
        for line, fields in csv_records(text, delimiter, name):
            if not any(field.strip() for field in fields):
                continue
            if declared and header is None and line <= first:
                continue
            if header is None:
                header = [field.strip().strip("\ufeff").strip() for field in fields]
                header_line = line
                continue
            rows.append(CsvRow(line, tuple(fields)))
        assert header is not None  # a non-blank line exists
        index: dict[str, int] = {}
        for i, column in enumerate(header):
            key = normalise_name(column)
            if key and key not in index:
                index[key] = i
        ends = text.endswith("\n")
        return cls(name, delimiter, tuple(header), header_line, tuple(rows), index, ends)

    @property
    def columns(self) -> frozenset[str]:
        """The (normalised) names of the non-empty columns."""
        return frozenset(self._index)

    def has(self, *names: str) -> bool:
        """Whether every one of ``names`` is a column."""
        return all(normalise_name(n) in self._index for n in names)

    def first_of(self, *names: str) -> str | None:
        """The first of ``names`` that is a column (alternative spellings), or None."""
        for name in names:
            if normalise_name(name) in self._index:
                return normalise_name(name)
        return None

    def require(self, *names: str, kind: str) -> None:
        """Check the columns a kind of file needs.

        Raises:
            InputError: at the header line, naming the first missing column.
        """
        for name in names:
            if normalise_name(name) not in self._index:
                raise InputError(
                    f"{kind}: required column {name} is missing",
                    Location(self.name, self.header_line, name),
                )

    def get(self, row: CsvRow, name: str | None) -> str:
        """The stripped text of column ``name`` in ``row`` ("" when absent or short)."""
        if name is None:
            return ""
        i = self._index.get(normalise_name(name))
        if i is None or i >= len(row.fields):
            return ""
        return row.fields[i].strip()

    def require_rows(self) -> None:
        """Raises InputError when the file has a header but no data."""
        if not self.rows:
            raise InputError(
                "no data rows after the header", Location(self.name, self.header_line + 1)
            )

    def __iter__(self) -> Iterator[CsvRow]:
        return iter(self.rows)

    # --- typed fields ------------------------------------------------------------------

    def check_complete(self) -> None:
        """Refuse a line with fewer fields than the file's others: a file cut short.

        Copies end every line with a separator, some exports end none, and IMSA's results
        lines are shorter than their own header: so a line is measured against the file's
        usual line, not the header. Only a file whose lines are all alike but one is
        judged (a file of varying widths is left to the field checks); a file of one line
        is judged against its header when it does not end with a line end.

        Raises:
            InputError: at the short line.
        """
        if len(self.rows) == 1:
            self._check_single_row()
            return
        widths = Counter(len(row.fields) for row in self.rows)
        if len(widths) != 2:
            return
        (usual, _), (odd, count) = widths.most_common()
        if count != 1 or odd >= usual:
            return
        row = next(row for row in self.rows if len(row.fields) == odd)
        raise InputError(
            f"the line has {odd} fields where every other line has {usual}: "
            "the file is cut short or the line is damaged",
            Location(self.name, row.line),
        )

    def _check_single_row(self) -> None:
        """One row, no line end after it and fewer fields than the header names: cut.

        (IMSA's rows are shorter than their header, but a whole export ends with a line end.)
        """
        (row,) = self.rows
        named = max((i + 1 for i, name in enumerate(self.header) if name), default=0)
        if not self.ends_with_line_end and len(row.fields) < named:
            raise InputError(
                f"the only line has {len(row.fields)} fields where the header names {named}, "
                "and no line end: the file is cut short",
                Location(self.name, row.line),
            )

    def check_decimals(self) -> None:
        """Refuse a time with fewer decimals than every other time in its column.

        Al Kamel writes three decimals: ``1:23.4`` among them is a time cut short (its
        value would be read wrong), not a lap of 1:23.400.

        Raises:
            InputError: at the line of the short time.
        """
        for column in _TIME_COLUMNS:
            if normalise_name(column) not in self._index:
                continue
            decimals: list[tuple[int, CsvRow]] = []
            for row in self.rows:
                value = self.get(row, column)
                if value and value not in _NO_VALUE:
                    _, dot, fraction = value.rpartition(".")
                    decimals.append((len(fraction) if dot else 0, row))
            counts = Counter(d for d, _ in decimals)
            if len(counts) != 2:
                continue
            (usual, _), (odd, count) = counts.most_common()
            if count == 1 and odd < usual and len(decimals) >= 3:
                row = next(row for d, row in decimals if d == odd)
                raise self.error(
                    row, column,
                    f"'{self.get(row, column)}' has {odd} decimals where every other time "
                    f"has {usual}: the time is cut short",
                )

    def error(self, row: CsvRow, column: str | None, what: str) -> InputError:
        return InputError(what, Location(self.name, row.line, column))

    def text(self, row: CsvRow, name: str | None) -> str:
        return self.get(row, name)

    def number(self, row: CsvRow, name: str) -> str:
        """A car number, kept exactly as written ("01", "021")."""
        value = self.get(row, name)
        if not value:
            raise self.error(row, name, "car number is missing")
        if not value.isprintable() or any(c.isdigit() and not c.isascii() for c in value):
            raise self.error(row, name, f"car number {value!r} must be written with 0-9")
        if len(value) > 10:
            raise self.error(row, name, f"car number '{value[:20]}...' is too long")
        return value

    def optional_time(self, row: CsvRow, name: str | None) -> int | None:
        """A time in ms, None when blank or a dash; ``1:40'37.481`` (old exports) is read."""
        value = self.get(row, name)
        if not value or value in _NO_VALUE:
            return None
        try:
            return parse_time(value.replace("'", ":"))
        except ValueError as error:
            raise self.error(row, name, str(error) if len(value) < 40 else "not a time") from None

    def optional_int(self, row: CsvRow, name: str | None) -> int | None:
        """A whole number, None when blank; ``25.0`` is 25."""
        value = self.get(row, name)
        if not value:
            return None
        match = _WHOLE.fullmatch(value)
        if not match:
            raise self.error(row, name, f"'{value[:40]}' is not a whole number")
        digits = match.group(1).lstrip("0") or "0"
        if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
            raise self.error(row, name, f"'{value[:40]}' is too large (at most {MAX_COUNT})")
        return int(digits)

    def required_int(self, row: CsvRow, name: str) -> int:
        value = self.optional_int(row, name)
        if value is None:
            raise self.error(row, name, f"{name} is missing")
        return value


def csv_records(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The CSV records of ``text`` (line ends made LF by `unify_line_ends`) with their first line.

    Raises:
        InputError: a field over the csv module's size limit (128 KiB), or one running
            over several lines (a quote left open swallows the lines after it).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(
                f"cannot be read as CSV ({error})",
                Location(name, reader.line_num),
            ) from None
        if reader.line_num != start and any("\n" in field for field in fields):
            raise InputError(
                f"a quoted field opened here runs on to line {reader.line_num}: "
                "a quote is missing or the file is damaged",
                Location(name, start),
            )
        yield start, fields
        start = reader.line_num + 1
