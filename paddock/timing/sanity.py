"""Is a timing file whole and sane? Checked after reading, before anything is written.

A file that parses field by field can still be wrong as a whole: cut short, lines
removed or repeated, a lap of zero, a position given twice. Those are refused with an
`InputError` at the line that shows it (``FILE:LINE: what (column X)``), because an
import of them would silently make a wrong classification. What is possible but unusual
(a car without a single lap time, a car classified without a lap) is kept as an
`InputWarning` on the `TimingFile`, for the service to show.

`check` runs on every file read (`paddock.timing.detect.read_table`); `cross_check`
compares time cards with the results file of the same session, when both are given.

Measured on the Long Beach 2023 exports (qualifying and race, 2,141 laps): every
``ELAPSED`` is exactly the previous one plus the lap time, first laps included
(``ELAPSED == LAP_TIME``, even for a 29-minute first lap out of the pits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from paddock.errors import InputError, Location
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.timing.records import (
    FileKind,
    InputWarning,
    LapRecord,
    ResultRecord,
    TimingFile,
)

# How far ELAPSED may stray from the previous ELAPSED plus the lap time. Al Kamel's sums
# are exact to the ms; a system printing each time rounded from a finer clock can be 1 ms
# off. A cut time (``1:30.12`` for ``1:30.123``) is caught by its decimals.
ELAPSED_TOLERANCE_MS = 2
# No session lasts this long: a time beyond it is junk (``59:59:59.999``).
MAX_TIME_MS = 48 * 3_600_000


@dataclass(frozen=True)
class _Columns:
    """How a kind of file names the columns a message points at."""

    number: str
    lap: str = ""
    lap_time: str = ""
    elapsed: str = ""
    position: str = ""
    laps: str = ""
    total: str = ""
    best: str = ""
    best_lap: str = ""


_COLUMNS = {
    FileKind.ALKAMEL_TIME_CARDS: _Columns("NUMBER", "LAP_NUMBER", "LAP_TIME", "ELAPSED"),
    FileKind.GENERIC_LAPS: _Columns("number", "lap", "lap_time", "elapsed"),
    FileKind.ALKAMEL_RACE_RESULTS: _Columns(
        "NUMBER", position="POSITION", laps="LAPS", total="TOTAL_TIME", best="FL_TIME",
        best_lap="FL_LAPNUM"),
    FileKind.ALKAMEL_QUALIFYING_RESULTS: _Columns(
        "NUMBER", position="POS", laps="LAPS", best="TIME", best_lap="LAP"),
    FileKind.ALKAMEL_RESULTS_BY_CLASS: _Columns(
        "NUMBER", position="POS", laps="LAPS", total="ELAPSED", best="BEST_LAP_TIME",
        best_lap="BEST_LAP_NUM"),
    FileKind.GENERIC_RESULTS: _Columns(
        "number", position="position", laps="laps", total="total_time", best="best_lap",
        best_lap="best_lap_number"),
}


def check(timing: TimingFile) -> TimingFile:
    """Refuse a file that is not whole or not sane; return it with its warnings.

    Raises:
        InputError: the first problem, at its line (see `check_laps`, `check_results`).
    """
    warnings = check_laps(timing) if timing.kind.has_laps else check_results(timing)
    return replace(timing, warnings=timing.warnings + warnings) if warnings else timing


# --- lap files ---------------------------------------------------------------------------


def check_laps(timing: TimingFile) -> tuple[InputWarning, ...]:
    """A lap file's laps: each car's laps in order without a gap, times that add up.

    Refused: a lap number 0; a car's laps out of order or with a gap (lines removed or
    moved: a car's first lap may be after lap 1, which is only a warning); a lap time of
    zero or longer than the whole session (its last ``ELAPSED``); an ``ELAPSED`` that is
    not the car's previous one plus the lap time (within `ELAPSED_TOLERANCE_MS`). A long
    first lap out of the pits or a red-flag lap is normal and accepted.

    Return:
        Warnings: a car whose laps start after lap 1; a car without a single lap time.

    Raises:
        InputError: at the first line that shows a problem.
    """
    columns = _COLUMNS[timing.kind]
    by_car: dict[str, list[LapRecord]] = defaultdict(list)
    for lap in timing.laps:
        by_car[lap.number].append(lap)
    elapsed = [lap.elapsed_ms for lap in timing.laps if lap.elapsed_ms is not None]
    session_ms = max(elapsed) if elapsed else None
    warnings: list[InputWarning] = []
    for lap in timing.laps:
        _check_lap_values(timing.name, columns, lap, session_ms)
    for number, laps in by_car.items():
        first = laps[0]
        if first.lap > 1:
            warnings.append(InputWarning(
                f"car {number}'s laps start at lap {first.lap}, not 1",
                Location(timing.name, first.line, columns.lap)))
        if all(lap.lap_time_ms is None for lap in laps):
            warnings.append(InputWarning(
                f"car {number} has no lap time at all",
                Location(timing.name, first.line, columns.lap_time)))
        _check_sequence(timing.name, columns, laps)
    return tuple(warnings)


def _check_lap_values(name: str, columns: _Columns, lap: LapRecord,
                      session_ms: int | None) -> None:
    if lap.lap < 1:
        raise InputError(f"car {lap.number}: lap number {lap.lap}; laps count from 1",
                         Location(name, lap.line, columns.lap))
    for value, column in ((lap.lap_time_ms, columns.lap_time), (lap.elapsed_ms, columns.elapsed)):
        if value is not None and value > MAX_TIME_MS:
            raise InputError(f"car {lap.number} lap {lap.lap}: {format_racetime(value)} is "
                             "longer than any session", Location(name, lap.line, column))
    if lap.lap_time_ms == 0:
        raise InputError(f"car {lap.number} lap {lap.lap}: a lap time of zero",
                         Location(name, lap.line, columns.lap_time))
    if lap.lap_time_ms is not None and session_ms is not None and lap.lap_time_ms > session_ms:
        raise InputError(
            f"car {lap.number} lap {lap.lap}: the lap time {format_laptime(lap.lap_time_ms)} "
            f"is longer than the whole session ({format_racetime(session_ms)} at the last "
            "crossing in the file)",
            Location(name, lap.line, columns.lap_time))


def _check_sequence(name: str, columns: _Columns, laps: list[LapRecord]) -> None:
    """One car's laps, in file order: numbers one apart, ELAPSED adding up."""
    previous: LapRecord | None = None
    for lap in laps:
        if previous is not None and lap.lap != previous.lap + 1:
            if lap.lap <= previous.lap:
                what = (f"car {lap.number} lap {lap.lap} comes after its lap {previous.lap} "
                        f"(line {previous.line}): the laps are out of order")
            else:
                missing = (f"lap {previous.lap + 1} is" if lap.lap == previous.lap + 2
                           else f"laps {previous.lap + 1}-{lap.lap - 1} are")
                what = (f"car {lap.number} goes from lap {previous.lap} (line {previous.line}) "
                        f"to lap {lap.lap}: {missing} missing")
            raise InputError(what, Location(name, lap.line, columns.lap))
        _check_elapsed(name, columns, previous, lap)
        previous = lap


def _check_elapsed(name: str, columns: _Columns, previous: LapRecord | None,
                   lap: LapRecord) -> None:
    if lap.elapsed_ms is None or lap.lap_time_ms is None:
        return
    where = Location(name, lap.line, columns.elapsed)
    if previous is None:
        if lap.elapsed_ms < lap.lap_time_ms - ELAPSED_TOLERANCE_MS:
            raise InputError(
                f"car {lap.number} lap {lap.lap}: ELAPSED {format_racetime(lap.elapsed_ms)} is "
                f"shorter than the lap time {format_laptime(lap.lap_time_ms)}", where)
        return
    if previous.elapsed_ms is None:
        return
    expected = previous.elapsed_ms + lap.lap_time_ms
    if abs(lap.elapsed_ms - expected) > ELAPSED_TOLERANCE_MS:
        raise InputError(
            f"car {lap.number} lap {lap.lap}: ELAPSED {format_racetime(lap.elapsed_ms)} is not "
            f"lap {previous.lap}'s {format_racetime(previous.elapsed_ms)} plus the lap time "
            f"{format_laptime(lap.lap_time_ms)} (that makes {format_racetime(expected)})", where)


# --- results files -----------------------------------------------------------------------


def check_results(timing: TimingFile) -> tuple[InputWarning, ...]:
    """A results file's lines: positions once each and without a gap, sane times.

    Refused: a position 0 or given twice; a gap in the positions (a line removed: the
    overall positions of a results file run 1, 2, 3...; a results-by-class file's overall
    positions may jump, its positions in class may not); a total time or best lap of zero
    or longer than any session; a best lap longer than the total time; a best lap number 0
    (Al Kamel's "none") with a best lap time, or beyond the laps done.

    Return:
        Warnings: a car with a position but no lap.

    Raises:
        InputError: at the first line that shows a problem.
    """
    columns = _COLUMNS[timing.kind]
    warnings: list[InputWarning] = []
    counts_laps = _has_laps(timing)
    for record in timing.results:
        _check_result_values(timing.name, columns, record)
        if record.position is not None and record.laps == 0 and counts_laps:
            warnings.append(InputWarning(
                f"car {record.number} is classified {record.position} without a lap",
                Location(timing.name, record.line, columns.laps)))
    by_class_file = timing.kind is FileKind.ALKAMEL_RESULTS_BY_CLASS
    _check_positions(timing.name, columns.position, timing.results, lambda r: r.position,
                     gaps=not by_class_file)
    if by_class_file:
        by_class: dict[str, list[ResultRecord]] = defaultdict(list)
        for record in timing.results:
            by_class[record.class_name].append(record)
        for records in by_class.values():
            _check_positions(timing.name, "PIC", records, lambda r: r.class_position, gaps=True)
    return tuple(warnings)


def _has_laps(timing: TimingFile) -> bool:
    """Whether the file counts laps at all (a qualifying file may have no LAPS column)."""
    return any(record.laps for record in timing.results)


def _check_result_values(name: str, columns: _Columns, record: ResultRecord) -> None:
    def refuse(what: str, column: str) -> InputError:
        return InputError(f"car {record.number}: {what}", Location(name, record.line, column))

    for value, label, column in ((record.total_time_ms, "total time", columns.total),
                                 (record.best_lap_ms, "best lap", columns.best)):
        if value == 0:
            raise refuse(f"a {label} of zero", column)
        if value is not None and value > MAX_TIME_MS:
            raise refuse(f"a {label} of {format_racetime(value)}: longer than any session",
                         column)
    if (record.best_lap_ms is not None and record.total_time_ms is not None
            and record.best_lap_ms > record.total_time_ms):
        raise refuse(f"best lap {format_laptime(record.best_lap_ms)} is longer than the total "
                     f"time {format_racetime(record.total_time_ms)}", columns.best)
    if record.best_lap_ms is not None and record.best_lap_number == 0:
        raise refuse("a best lap on lap 0", columns.best_lap)
    if record.best_lap_number is not None and record.laps and (
            record.best_lap_number > record.laps):
        raise refuse(f"best lap on lap {record.best_lap_number} of {record.laps}",
                     columns.best_lap)


def _check_positions(name: str, column: str, records: Sequence[ResultRecord],
                     position_of: Callable[[ResultRecord], int | None], *, gaps: bool) -> None:
    first_line: dict[int, ResultRecord] = {}
    for record in records:
        position = position_of(record)
        if position is None:
            continue
        if position < 1:
            raise InputError(f"car {record.number}: position {position}; positions count from 1",
                             Location(name, record.line, column))
        if position in first_line:
            other = first_line[position]
            raise InputError(
                f"car {record.number} is at position {position}, as is car {other.number} "
                f"(line {other.line})", Location(name, record.line, column))
        first_line[position] = record
    if not gaps or not first_line:
        return
    for expected, position in enumerate(sorted(first_line), start=1):
        if position != expected:
            record = first_line[position]
            missing = (f"position {expected} is" if position == expected + 1
                       else f"positions {expected}-{position - 1} are")
            raise InputError(f"car {record.number} is at position {position} but {missing} "
                             "in no line: lines are missing",
                             Location(name, record.line, column))


# --- time cards against results ----------------------------------------------------------


def cross_check(time_cards: TimingFile, results: TimingFile
                ) -> tuple[list[InputError], list[InputWarning]]:
    """Compare a session's time cards with its results file, read from the same session.

    Contract (for the service that loads both files at once):

    - Errors (refuse the import): a car with laps in both files whose lap count differs
      (the results' ``LAPS`` against the car's last ``LAP_NUMBER``: one of the files is
      cut or damaged), reported at the results line; a car with laps in the time cards
      that the results file does not list, or lists with 0 laps, reported at its first
      time-cards line.
    - Warnings (show, import): a car with laps in the results file but none in the time
      cards (possible: a car classified by the timekeepers without crossings in this
      export; unusual enough to tell). A car with 0 laps in the results file and absent
      from the time cards (a non-starter; Long Beach race cars 01, 80, 93) is normal.
    - A results file without lap counts (every ``LAPS`` 0 or absent, as in some qualifying
      exports) is not compared by laps: only one warning says so.

    Args:
        time_cards: a file whose kind has laps (`FileKind.has_laps`).
        results: a results file (any results kind).

    Return:
        (errors, warnings), each in file order; both empty when the files agree.
    """
    if not time_cards.kind.has_laps or results.kind.has_laps:
        raise ValueError("cross_check takes time cards and a results file, in that order")
    errors: list[InputError] = []
    warnings: list[InputWarning] = []
    laps_column = _COLUMNS[results.kind].laps
    last_lap: dict[str, LapRecord] = {}
    first_line: dict[str, int] = {}
    for lap in time_cards.laps:
        first_line.setdefault(lap.number, lap.line)
        if lap.number not in last_lap or lap.lap > last_lap[lap.number].lap:
            last_lap[lap.number] = lap
    if not _has_laps(results):
        warnings.append(InputWarning(
            "the results file gives no lap counts: its laps are not compared with the time "
            f"cards {time_cards.name}", Location(results.name)))
        return errors, warnings
    listed = {record.number: record for record in results.results}
    for record in results.results:
        last = last_lap.get(record.number)
        if last is None:
            if record.laps:
                warnings.append(InputWarning(
                    f"car {record.number} has {record.laps} laps in the results file but "
                    f"none in the time cards {time_cards.name}",
                    Location(results.name, record.line, laps_column)))
        elif record.laps and record.laps != last.lap:
            errors.append(InputError(
                f"car {record.number} has {record.laps} laps in the results file but "
                f"{last.lap} in the time cards ({time_cards.name}:{last.line}): one of the "
                "files is cut short or damaged",
                Location(results.name, record.line, laps_column)))
    for number, lap in last_lap.items():
        listed_record = listed.get(number)
        if listed_record is None or not listed_record.laps:
            said = "is not in" if listed_record is None else "has 0 laps in"
            errors.append(InputError(
                f"car {number} has {lap.lap} laps in the time cards but {said} the results "
                f"file {results.name}: one of the files is cut short or damaged",
                Location(time_cards.name, first_line[number], _COLUMNS[time_cards.kind].number)))
    return errors, warnings
