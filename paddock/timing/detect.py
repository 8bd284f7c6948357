"""Reading any timing file: the kind is told from the header, never from the file name.

Entry points: `read_timing_file` (a path) and `read_timing_bytes` (an upload, a test).
Every refusal is an `InputError` rendered ``FILE:LINE: what (column X)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from paddock.errors import InputError, Location
from paddock.timing import sanity
from paddock.timing.alkamel import (
    read_qualifying_results,
    read_race_results,
    read_results_by_class,
    read_time_cards,
)
from paddock.timing.csvio import CsvTable, decode, read_input_file
from paddock.timing.generic import read_generic_laps, read_generic_results
from paddock.timing.records import FileKind, TimingFile

ACCEPTED = (
    "Al Kamel race results (POSITION, NUMBER, STATUS, LAPS, TOTAL_TIME, ...), "
    "Al Kamel qualifying/practice results (POS, NUMBER, LAP, TIME, ...), "
    "Al Kamel results by class (CLASS_TYPE, POS, PIC, NUMBER, ...), "
    "Al Kamel time cards (NUMBER, DRIVER_NUMBER, LAP_NUMBER, LAP_TIME, ..., ELAPSED, HOUR), "
    "generic results (number,laps,total_time,best_lap,status) or "
    "generic laps (number,lap,lap_time,elapsed)"
)

_READERS: dict[FileKind, Callable[[CsvTable], TimingFile]] = {
    FileKind.ALKAMEL_RACE_RESULTS: read_race_results,
    FileKind.ALKAMEL_QUALIFYING_RESULTS: read_qualifying_results,
    FileKind.ALKAMEL_RESULTS_BY_CLASS: read_results_by_class,
    FileKind.ALKAMEL_TIME_CARDS: read_time_cards,
    FileKind.GENERIC_RESULTS: read_generic_results,
    FileKind.GENERIC_LAPS: read_generic_laps,
}


def detect_kind(columns: frozenset[str]) -> FileKind | None:
    """The kind of file a header makes (normalised, upper-case names), or None."""
    has = columns.issuperset
    if has({"NUMBER", "LAP_NUMBER", "LAP_TIME"}):
        return FileKind.ALKAMEL_TIME_CARDS
    if has({"NUMBER", "LAP", "LAP_TIME"}):
        return FileKind.GENERIC_LAPS
    if has({"CLASS_TYPE", "NUMBER"}) and columns & {"PIC", "POS", "POSITION"}:
        return FileKind.ALKAMEL_RESULTS_BY_CLASS
    if has({"NUMBER", "LAPS", "TOTAL_TIME", "BEST_LAP", "STATUS"}):
        return FileKind.GENERIC_RESULTS
    has_position = bool(columns & {"POSITION", "POS"})
    if has_position and has({"NUMBER", "LAPS", "TOTAL_TIME"}):
        return FileKind.ALKAMEL_RACE_RESULTS
    if has_position and has({"NUMBER", "TIME"}):
        return FileKind.ALKAMEL_QUALIFYING_RESULTS
    return None


def read_table(table: CsvTable, kind: FileKind | None = None) -> TimingFile:
    """Read a parsed table as ``kind`` (None: detected from the header).

    The file is then checked whole (`CsvTable.check_complete`, `CsvTable.check_decimals`,
    `paddock.timing.sanity.check`): what is unusual comes back as the file's warnings.

    Raises:
        InputError: a file of unknown kind (saying which kinds are accepted), a missing
            column, a field that does not parse, a lap or car given twice, no data, a
            line cut short, laps or positions that do not add up.
    """
    found = detect_kind(table.columns)
    if kind is None:
        kind = found
    if kind is None:
        shown = ", ".join(name for name in table.header if name)[:200]
        raise InputError(
            f"not a timing file Paddock reads (header: {shown}); accepted: {ACCEPTED}",
            Location(table.name, table.header_line),
        )
    table.check_complete()
    timing = _READERS[kind](table)
    table.check_decimals()
    return sanity.check(timing)


def read_timing_bytes(data: bytes, name: str, kind: FileKind | None = None) -> TimingFile:
    """Read a timing file given as bytes; ``name`` is used in messages.

    Raises:
        InputError: see `read_table`; also an empty file or one not in UTF-8.
    """
    return read_table(CsvTable.parse(decode(data, name), name), kind)


def read_timing_file(path: str | Path, kind: FileKind | None = None) -> TimingFile:
    """Read a timing file from disk; messages name it by the path as given.

    Raises:
        InputError: see `read_timing_bytes`; also a file that cannot be read, is not a
            regular file (a FIFO, a device, a folder) or is too big (`read_input_file`).
    """
    return read_timing_bytes(read_input_file(path), str(path), kind)
