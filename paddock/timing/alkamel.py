"""Al Kamel Systems' CSV exports: results (race, qualifying/practice, by class), time cards.

Columns are found by name, so the variants in circulation read alike: IMSA's
``DRIVER1_FIRSTNAME`` blocks and the one-make cups' ``DRIVER_FIRSTNAME``, ``CLASS`` or
``CATEGORY``, the ``23_AnalysisEnduranceWithSections`` files with their intermediate
columns, extra identifier columns, any order.
"""

from __future__ import annotations

from paddock.rules.classification import Status
from paddock.rules.laptime import parse_time
from paddock.timing.csvio import CsvRow, CsvTable
from paddock.timing.records import (
    FileKind,
    LapRecord,
    ResultRecord,
    TimingFile,
    check_unique_cars,
    check_unique_laps,
)

_CLASS_COLUMNS = ("CLASS", "CATEGORY", "CLASS_TYPE")
_DRIVER_PREFIXES = (
    "DRIVER1_",
    "DRIVER_",
    "DRIVER2_",
    "DRIVER3_",
    "DRIVER4_",
    "DRIVER5_",
    "DRIVER6_",
)


def read_time_cards(table: CsvTable) -> TimingFile:
    """Time cards / lap analysis: one line per lap crossing.

    Required columns: NUMBER, LAP_NUMBER, LAP_TIME. ELAPSED, HOUR, DRIVER_NAME,
    DRIVER_NUMBER, CROSSING_FINISH_LINE_IN_PIT, FLAG_AT_FL, CLASS, TEAM, PIT_TIME are read
    when present.
    """
    kind = FileKind.ALKAMEL_TIME_CARDS
    table.require("NUMBER", "LAP_NUMBER", "LAP_TIME", kind=kind.label)
    table.require_rows()
    class_column = table.first_of(*_CLASS_COLUMNS)
    mark_column = table.first_of("LAP_IMPROVEMENT")
    sector_columns = _sector_columns(table)
    laps = tuple(
        LapRecord(
            number=table.number(row, "NUMBER"),
            lap=table.required_int(row, "LAP_NUMBER"),
            lap_time_ms=table.optional_time(row, "LAP_TIME"),
            elapsed_ms=table.optional_time(row, "ELAPSED"),
            hour=table.get(row, "HOUR"),
            in_pit=bool(table.get(row, "CROSSING_FINISH_LINE_IN_PIT")),
            driver_name=table.get(row, "DRIVER_NAME"),
            driver_number=table.get(row, "DRIVER_NUMBER"),
            flag=table.get(row, "FLAG_AT_FL"),
            class_name=table.get(row, class_column),
            team=table.get(row, "TEAM"),
            pit_time_ms=_lenient_time(table.get(row, "PIT_TIME")),
            line=row.line,
            mark=_mark(table, row, mark_column),
            sectors=tuple(table.optional_time(row, name) for name, _ in sector_columns),
            sector_marks=tuple(_mark(table, row, mark) for _, mark in sector_columns),
            kph=_speed(table, row, "KPH"),
            top_speed=_speed(table, row, "TOP_SPEED"),
        )
        for row in table
    )
    check_unique_laps(laps, table.name, "LAP_NUMBER")
    return TimingFile(table.name, kind, laps=laps, delimiter=table.delimiter)


def _sector_columns(table: CsvTable) -> tuple[tuple[str, str | None], ...]:
    """The sector columns S1, S2, ... in order, each with its improvement column if any."""
    found: list[tuple[str, str | None]] = []
    for i in range(1, 10):
        name = table.first_of(f"S{i}")
        if name is None:
            break
        found.append((name, table.first_of(f"S{i}_IMPROVEMENT")))
    return tuple(found)


def _mark(table: CsvTable, row: CsvRow, column: str | None) -> int | None:
    """An improvement mark (0, 2, 3...); None when the file has no such column."""
    if column is None:
        return None
    return table.optional_int(row, column) or 0


def _speed(table: CsvTable, row: CsvRow, column: str) -> float | None:
    # Speeds are information for the documents: an odd value must not stop an import.
    text = table.get(row, column)
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and 0 <= value < 1000 else None


def _lenient_time(text: str) -> int | None:
    # Pit time is information only: an odd value there must not stop an import.
    try:
        return parse_time(text) if text else None
    except ValueError:
        return None


def _drivers(table: CsvTable, row: CsvRow) -> tuple[str, ...]:
    names: list[str] = []
    for prefix in _DRIVER_PREFIXES:
        first = table.get(row, prefix + "FIRSTNAME")
        last = table.get(row, prefix + "SECONDNAME") or table.get(row, prefix + "LASTNAME")
        name = f"{first} {last}".strip()
        if name:
            names.append(name)
    if not names:
        # WEC-style exports name each driver in one column: DRIVER_1 ... DRIVER_6.
        names = [n for n in (table.get(row, f"DRIVER_{i}") for i in range(1, 7)) if n]
    listed = table.get(row, "DRIVERS")
    if listed and not names:
        names = [part.strip() for part in listed.split("/") if part.strip()]
    return tuple(names)


def _first_driver(table: CsvTable, row: CsvRow) -> tuple[str, str, str]:
    for prefix in ("DRIVER1_", "DRIVER_"):
        first = table.get(row, prefix + "FIRSTNAME")
        last = table.get(row, prefix + "SECONDNAME") or table.get(row, prefix + "LASTNAME")
        if first or last:
            return first, last, table.get(row, prefix + "COUNTRY")
    full = table.get(row, "DRIVER_1") or table.get(row, "DRIVER")
    if full:
        first, _, last = full.partition(" ")
        return first, last, ""
    return "", "", ""


def _status(table: CsvTable, row: CsvRow, column: str | None) -> tuple[Status | None, str]:
    """The status as meant and as written; an empty one is fine, an unknown word is not.

    Raises:
        InputError: a word the format does not use (``Banana``): a damaged line.
    """
    text = table.get(row, column)
    if not text:
        return None, text
    status = Status.from_text(text)
    if status is None:
        words = "Classified, Not classified, Retired, Not started, Disqualified"
        raise table.error(row, column, f"unknown status '{text[:40]}' (expected {words})")
    return status, text


def _position(table: CsvTable, row: CsvRow) -> int | None:
    return table.optional_int(row, table.first_of("POSITION", "POS"))


def read_race_results(table: CsvTable) -> TimingFile:
    """Race results: POSITION, NUMBER, STATUS, LAPS, TOTAL_TIME, GAP_FIRST, ..., FL_TIME.

    Required columns: NUMBER, LAPS, TOTAL_TIME. A non-starter has an empty position.
    """
    kind = FileKind.ALKAMEL_RACE_RESULTS
    table.require("NUMBER", "LAPS", "TOTAL_TIME", kind=kind.label)
    table.require_rows()
    class_column = table.first_of(*_CLASS_COLUMNS)
    status_column = table.first_of("STATUS")
    best_column = table.first_of("FL_TIME", "BEST_LAP_TIME", "BEST_LAP")
    best_lap_column = table.first_of("FL_LAPNUM", "BEST_LAP_NUM", "BEST_LAP_NUMBER")
    results = []
    for row in table:
        status, status_text = _status(table, row, status_column)
        first, last, country = _first_driver(table, row)
        best_ms = table.optional_time(row, best_column)
        results.append(
            ResultRecord(
                number=table.number(row, "NUMBER"),
                position=_position(table, row),
                status=status,
                status_text=status_text,
                laps=table.optional_int(row, "LAPS") or 0,
                total_time_ms=table.optional_time(row, "TOTAL_TIME"),
                gap_first=table.get(row, "GAP_FIRST"),
                gap_previous=table.get(row, "GAP_PREVIOUS"),
                best_lap_ms=best_ms,
                # Al Kamel writes lap 0 for a car without a fastest lap.
                best_lap_number=table.optional_int(row, best_lap_column) if best_ms else None,
                class_name=table.get(row, class_column),
                team=table.get(row, "TEAM"),
                vehicle=table.get(row, "VEHICLE"),
                driver_first_name=first,
                driver_last_name=last,
                driver_country=country,
                drivers=_drivers(table, row),
                line=row.line,
            )
        )
    records = tuple(results)
    check_unique_cars(records, table.name, "NUMBER")
    return TimingFile(table.name, kind, results=records, delimiter=table.delimiter)


def read_qualifying_results(table: CsvTable) -> TimingFile:
    """Qualifying / practice results: POS, NUMBER, LAP, TIME, GAP_FIRST, ..., LAPS, CLASS.

    Required columns: NUMBER, TIME. ``TIME`` is the car's best lap, ``LAP`` its number.
    """
    kind = FileKind.ALKAMEL_QUALIFYING_RESULTS
    table.require("NUMBER", "TIME", kind=kind.label)
    table.require_rows()
    class_column = table.first_of(*_CLASS_COLUMNS)
    status_column = table.first_of("STATUS")
    results = []
    for row in table:
        status, status_text = _status(table, row, status_column)
        first, last, country = _first_driver(table, row)
        best_ms = table.optional_time(row, "TIME")
        results.append(
            ResultRecord(
                number=table.number(row, "NUMBER"),
                position=_position(table, row),
                status=status,
                status_text=status_text,
                laps=table.optional_int(row, "LAPS") or 0,
                total_time_ms=None,
                gap_first=table.get(row, "GAP_FIRST"),
                gap_previous=table.get(row, "GAP_PREVIOUS"),
                best_lap_ms=best_ms,
                best_lap_number=table.optional_int(row, "LAP") if best_ms else None,
                class_name=table.get(row, class_column),
                team=table.get(row, "TEAM"),
                vehicle=table.get(row, "VEHICLE"),
                driver_first_name=first,
                driver_last_name=last,
                driver_country=country,
                drivers=_drivers(table, row),
                line=row.line,
            )
        )
    records = tuple(results)
    check_unique_cars(records, table.name, "NUMBER")
    return TimingFile(table.name, kind, results=records, delimiter=table.delimiter)


def read_results_by_class(table: CsvTable) -> TimingFile:
    """Results by class (``05_``): CLASS_TYPE, POS, PIC, NUMBER, VEHICLE, LAPS, ELAPSED, ...

    Required columns: CLASS_TYPE, NUMBER. ``PIC`` is the position in class, ``ELAPSED`` the
    total time, ``BEST_LAP_TIME``/``BEST_LAP_NUM`` the fastest lap.
    """
    kind = FileKind.ALKAMEL_RESULTS_BY_CLASS
    table.require("CLASS_TYPE", "NUMBER", kind=kind.label)
    table.require_rows()
    status_column = table.first_of("STATUS")
    total_column = table.first_of("ELAPSED", "TOTAL_TIME")
    best_column = table.first_of("BEST_LAP_TIME", "FL_TIME", "TIME")
    best_lap_column = table.first_of("BEST_LAP_NUM", "FL_LAPNUM", "LAP")
    results = []
    for row in table:
        status, status_text = _status(table, row, status_column)
        best_ms = table.optional_time(row, best_column)
        drivers = _drivers(table, row)
        first, last, country = _first_driver(table, row)
        results.append(
            ResultRecord(
                number=table.number(row, "NUMBER"),
                position=_position(table, row),
                status=status,
                status_text=status_text,
                laps=table.optional_int(row, "LAPS") or 0,
                total_time_ms=table.optional_time(row, total_column),
                gap_first=table.get(row, "GAP_FIRST"),
                gap_previous=table.get(row, "GAP_PREVIOUS"),
                best_lap_ms=best_ms,
                best_lap_number=table.optional_int(row, best_lap_column) if best_ms else None,
                class_name=table.get(row, "CLASS_TYPE"),
                class_position=table.optional_int(row, "PIC"),
                team=table.get(row, "TEAM"),
                vehicle=table.get(row, "VEHICLE"),
                driver_first_name=first,
                driver_last_name=last,
                driver_country=country,
                drivers=drivers,
                line=row.line,
            )
        )
    records = tuple(results)
    check_unique_cars(records, table.name, "NUMBER")
    return TimingFile(table.name, kind, results=records, delimiter=table.delimiter)
