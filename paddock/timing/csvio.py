"""Reading timing CSV files as they come: any delimiter, BOM or none, columns by name.

Al Kamel writes semicolons; copies in circulation use commas, keep a UTF-8 BOM, put a
space before some header names (``NUMBER; DRIVER_NUMBER``, `` LAPS``) and end every line
with a separator. A `CsvTable` takes all that in its stride: the delimiter is sniffed from
the header line, header names are stripped and looked up case-insensitively, empty and
unknown columns are ignored, and every row keeps its line number for error messages.

Field parsers raise `InputError` with ``FILE:LINE`` and the column's name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from paddock.errors import InputError, Location
from paddock.rules.laptime import parse_time

_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (";", ",", "\t")
# What files write for "no time" besides a blank field.
_NO_VALUE = frozenset({"-", "--", "—"})


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of a file, without its BOM.

    Raises:
        InputError: naming the line of the first byte that is not UTF-8.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02X}): save the file as UTF-8",
            Location(name, line),
        ) from None


def sniff_delimiter(header_line: str) -> str:
    """The separator the header line uses most: ``;`` (Al Kamel), ``,`` or a tab."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def normalise_name(name: str) -> str:
    """A header name as looked up: stripped of spaces and stray BOMs, upper case."""
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

    @classmethod
    def parse(cls, text: str, name: str) -> CsvTable:
        """Split ``text`` (already decoded) into header and rows.

        Raises:
            InputError: the file is empty (no header line).
        """
        lines = text.splitlines()
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
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header: list[str] | None = None
        header_line = first + 1
        rows: list[CsvRow] = []
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if declared and header is None and reader.line_num <= first:
                continue
            if header is None:
                header = [field.strip().strip("\ufeff").strip() for field in fields]
                header_line = reader.line_num
                continue
            rows.append(CsvRow(reader.line_num, tuple(fields)))
        assert header is not None  # a non-blank line exists
        index: dict[str, int] = {}
        for i, column in enumerate(header):
            key = normalise_name(column)
            if key and key not in index:
                index[key] = i
        return cls(name, delimiter, tuple(header), header_line, tuple(rows), index)

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

    def error(self, row: CsvRow, column: str | None, what: str) -> InputError:
        return InputError(what, Location(self.name, row.line, column))

    def text(self, row: CsvRow, name: str | None) -> str:
        return self.get(row, name)

    def number(self, row: CsvRow, name: str) -> str:
        """A car number, kept exactly as written ("01", "021")."""
        value = self.get(row, name)
        if not value:
            raise self.error(row, name, "car number is missing")
        return value

    def optional_time(self, row: CsvRow, name: str | None) -> int | None:
        """A time in ms, None when blank or a dash; ``1:40'37.481`` (old exports) is read."""
        value = self.get(row, name)
        if not value or value in _NO_VALUE:
            return None
        try:
            return parse_time(value.replace("'", ":"))
        except ValueError as error:
            raise self.error(row, name, str(error)) from None

    def optional_int(self, row: CsvRow, name: str | None) -> int | None:
        """A whole number, None when blank; ``25.0`` is 25."""
        value = self.get(row, name)
        if not value:
            return None
        whole, dot, fraction = value.partition(".")
        if whole.isdigit() and (not dot or fraction.strip("0") == ""):
            return int(whole)
        raise self.error(row, name, f"'{value}' is not a whole number")

    def required_int(self, row: CsvRow, name: str) -> int:
        value = self.optional_int(row, name)
        if value is None:
            raise self.error(row, name, f"{name} is missing")
        return value
