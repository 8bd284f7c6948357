"""The generic timing CSVs, for other timing systems and hand-typed results.

Documented in docs/timing-formats.md. Two kinds, told apart by their header:

- results: ``number,laps,total_time,best_lap,status`` (+ optional ``best_lap_number``,
  ``position``, ``class``, ``driver``, ``team``); one line per car.
- laps: ``number,lap,lap_time,elapsed`` (``elapsed`` optional: summed from the lap times);
  one line per lap crossing.

Column names are case-insensitive, in any order; extra columns are ignored.
"""

from __future__ import annotations

from paddock.rules.classification import Status
from paddock.timing.csvio import CsvTable
from paddock.timing.records import (
    FileKind,
    LapRecord,
    ResultRecord,
    TimingFile,
    check_unique_cars,
    check_unique_laps,
)

RESULTS_COLUMNS = ("number", "laps", "total_time", "best_lap", "status")
LAPS_COLUMNS = ("number", "lap", "lap_time")

_STATUS_WORDS = ", ".join(s.value for s in Status)


def read_generic_results(table: CsvTable) -> TimingFile:
    """One line per car: laps, total time, best lap, status (see module docstring)."""
    kind = FileKind.GENERIC_RESULTS
    table.require(*RESULTS_COLUMNS, kind=kind.label)
    table.require_rows()
    results = []
    for row in table:
        status_text = table.get(row, "status")
        laps = table.optional_int(row, "laps") or 0
        if status_text:
            status = Status.from_text(status_text)
        else:
            status = Status.CLASSIFIED if laps else Status.DNS
        if status is None:
            raise table.error(
                row, "status", f"unknown status '{status_text}' (expected {_STATUS_WORDS})"
            )
        best_ms = table.optional_time(row, "best_lap")
        driver = table.get(row, "driver")
        first, _, last = driver.partition(" ")
        results.append(
            ResultRecord(
                number=table.number(row, "number"),
                position=table.optional_int(row, table.first_of("position", "pos")),
                status=status,
                status_text=status_text,
                laps=laps,
                total_time_ms=table.optional_time(row, "total_time"),
                best_lap_ms=best_ms,
                best_lap_number=(
                    table.optional_int(row, table.first_of("best_lap_number")) if best_ms else None
                ),
                class_name=table.get(row, table.first_of("class")),
                team=table.get(row, table.first_of("team")),
                driver_first_name=first,
                driver_last_name=last,
                drivers=(driver,) if driver else (),
                line=row.line,
            )
        )
    records = tuple(results)
    check_unique_cars(records, table.name, "number")
    return TimingFile(table.name, kind, results=records, delimiter=table.delimiter)


def read_generic_laps(table: CsvTable) -> TimingFile:
    """One line per crossing: car, lap number, lap time, elapsed (see module docstring)."""
    kind = FileKind.GENERIC_LAPS
    table.require(*LAPS_COLUMNS, kind=kind.label)
    table.require_rows()
    elapsed_column = table.first_of("elapsed")
    laps = tuple(
        LapRecord(
            number=table.number(row, "number"),
            lap=table.required_int(row, "lap"),
            lap_time_ms=table.optional_time(row, "lap_time"),
            elapsed_ms=table.optional_time(row, elapsed_column),
            hour=table.get(row, table.first_of("hour")),
            in_pit=table.get(row, table.first_of("in_pit")).lower() in ("yes", "y", "1", "true"),
            driver_name=table.get(row, table.first_of("driver")),
            class_name=table.get(row, table.first_of("class")),
            line=row.line,
        )
        for row in table
    )
    check_unique_laps(laps, table.name, "lap")
    return TimingFile(table.name, kind, laps=laps, delimiter=table.delimiter)
