"""What a timing file holds, typed: lap crossings or result lines, with their line numbers.

A `TimingFile` is one file read: its kind (detected from the header) and its records.
Lap records feed the classification engine (`paddock.rules.classification`); result
records are the official results, imported as they are and compared against.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from paddock.errors import InputError, Location
from paddock.rules.classification import SessionType, Status
from paddock.rules.laptime import parse_time


class FileKind(StrEnum):
    """The kinds of timing file Paddock reads."""

    ALKAMEL_RACE_RESULTS = "alkamel-race-results"
    ALKAMEL_QUALIFYING_RESULTS = "alkamel-qualifying-results"
    ALKAMEL_RESULTS_BY_CLASS = "alkamel-results-by-class"
    ALKAMEL_TIME_CARDS = "alkamel-time-cards"
    GENERIC_RESULTS = "generic-results"
    GENERIC_LAPS = "generic-laps"

    @property
    def has_laps(self) -> bool:
        """Lap-by-lap (time cards) rather than one line per car (results)."""
        return self in (FileKind.ALKAMEL_TIME_CARDS, FileKind.GENERIC_LAPS)

    @property
    def label(self) -> str:
        """How a message names the kind."""
        return _LABELS[self]


_LABELS = {
    FileKind.ALKAMEL_RACE_RESULTS: "Al Kamel race results",
    FileKind.ALKAMEL_QUALIFYING_RESULTS: "Al Kamel qualifying/practice results",
    FileKind.ALKAMEL_RESULTS_BY_CLASS: "Al Kamel results by class",
    FileKind.ALKAMEL_TIME_CARDS: "Al Kamel time cards / lap analysis",
    FileKind.GENERIC_RESULTS: "generic results CSV",
    FileKind.GENERIC_LAPS: "generic laps CSV",
}


@dataclass(frozen=True)
class LapRecord:
    """One crossing of the line by one car (a `paddock.rules.classification.LapLike`).

    Attributes:
        number: the car's number as written ("01" is not "1").
        lap: the lap number completed at this crossing.
        lap_time_ms: the lap's time (None when the file leaves it blank).
        elapsed_ms: session time at the crossing (None when the file has none).
        hour: time of day of the crossing as written ("14:07:41.491"), "" if none.
        in_pit: the car crossed the line in the pit lane (``CROSSING_FINISH_LINE_IN_PIT``).
        driver_name, driver_number: who drove the lap, when the file says.
        flag: the flag at the line (``GF``, ``FCY``, ``SC``, ``RF``, ``FF``...), as written.
        class_name, team: as the file writes them ("" if absent).
        pit_time_ms: time spent in the pit lane, on the lap after a stop.
        line: the line of the file this record comes from.
        mark: the timing system's ``LAP_IMPROVEMENT`` (2: the car's best valid lap, 3: also
            the session's best, 0: any other lap; None when the file has no such column).
        sectors: sector times (S1, S2, S3...), None where blank; () when the file has none.
        sector_marks: each sector's improvement mark, as ``mark``.
        kph: average speed of the lap; top_speed: the speed trap's, when the file says.
    """

    number: str
    lap: int
    lap_time_ms: int | None
    elapsed_ms: int | None
    hour: str = ""
    in_pit: bool = False
    driver_name: str = ""
    driver_number: str = ""
    flag: str = ""
    class_name: str = ""
    team: str = ""
    pit_time_ms: int | None = None
    line: int = 0
    mark: int | None = None
    sectors: tuple[int | None, ...] = ()
    sector_marks: tuple[int | None, ...] = ()
    kph: float | None = None
    top_speed: float | None = None

    @property
    def hour_ms(self) -> int | None:
        """Time of day of the crossing in ms since midnight (None when unknown)."""
        if not self.hour:
            return None
        try:
            return parse_time(self.hour)
        except ValueError:
            return None


@dataclass(frozen=True)
class ResultRecord:
    """One car's line in a results file (a `paddock.rules.classification.ResultLike`).

    Attributes:
        number: the car's number as written.
        position: overall position (None: not started, not numbered).
        status: what the file's status means (None: no status column or an unknown word).
        status_text: the status as written ("Classified", "Not started"...).
        laps: laps completed.
        total_time_ms: race time, penalties included (None in qualifying, for DNS...).
        gap_first, gap_previous: the gaps as printed ("+0.903", "1 Lap", "-").
        best_lap_ms, best_lap_number: the car's fastest lap and its number.
        class_name, class_position: class and position in class (``05_`` files: PIC).
        team, vehicle: as written.
        driver_first_name, driver_last_name, driver_country: the first driver.
        drivers: every driver named on the line, "First Last".
        line: the line of the file this record comes from.
    """

    number: str
    position: int | None
    status: Status | None
    status_text: str
    laps: int
    total_time_ms: int | None
    gap_first: str = ""
    gap_previous: str = ""
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    class_name: str = ""
    class_position: int | None = None
    team: str = ""
    vehicle: str = ""
    driver_first_name: str = ""
    driver_last_name: str = ""
    driver_country: str = ""
    drivers: tuple[str, ...] = ()
    line: int = 0

    @property
    def driver(self) -> str:
        """The first driver, "First Last" ("" when the file names none)."""
        return f"{self.driver_first_name} {self.driver_last_name}".strip()


@dataclass(frozen=True)
class TimingFile:
    """One timing file, read: its kind and its records (laps or results, never both)."""

    name: str
    kind: FileKind
    laps: tuple[LapRecord, ...] = ()
    results: tuple[ResultRecord, ...] = ()
    delimiter: str = ","
    # What is possible but unusual (see `paddock.timing.sanity`): shown, not refused.
    warnings: tuple[InputWarning, ...] = ()

    @property
    def records(self) -> tuple[LapRecord, ...] | tuple[ResultRecord, ...]:
        return self.laps if self.kind.has_laps else self.results

    @property
    def numbers(self) -> tuple[str, ...]:
        """The car numbers in the file, in order of first appearance."""
        return tuple(dict.fromkeys(record.number for record in self.records))

    def classes(self) -> dict[str, str]:
        """Each car's class as the file writes it (cars without one are left out)."""
        found: dict[str, str] = {}
        for record in self.records:
            if record.class_name and record.number not in found:
                found[record.number] = record.class_name
        return found

    def check_numbers(self, known: Collection[str]) -> None:
        """Refuse a car that is not in the entry list (numbers compare as written).

        Raises:
            InputError: at the first line naming an unknown car.
        """
        for record in self.records:
            if record.number not in known:
                raise InputError(
                    f"car {record.number} is not in the entry list",
                    Location(self.name, record.line, "NUMBER"),
                )

    @property
    def session_hint(self) -> SessionType | None:
        """How a results file ranks: RACE when it carries total times, else QUALIFYING.

        None for lap files (the caller knows the session it imports into).
        """
        if self.kind.has_laps:
            return None
        if any(record.total_time_ms is not None for record in self.results):
            return SessionType.RACE
        return SessionType.QUALIFYING


def check_unique_laps(laps: tuple[LapRecord, ...], file_name: str, column: str) -> None:
    """Refuse a car's lap given twice (same car, same lap number).

    Raises:
        InputError: at the second occurrence, naming the first.
    """
    first_line: dict[tuple[str, int], int] = {}
    for record in laps:
        key = (record.number, record.lap)
        if key in first_line:
            raise InputError(
                f"car {record.number} lap {record.lap} is given twice "
                f"(first on line {first_line[key]})",
                Location(file_name, record.line, column),
            )
        first_line[key] = record.line


def check_unique_cars(results: tuple[ResultRecord, ...], file_name: str, column: str) -> None:
    """Refuse a results file naming a car twice.

    Raises:
        InputError: at the second occurrence, naming the first.
    """
    first_line: dict[str, int] = {}
    for record in results:
        if record.number in first_line:
            raise InputError(
                f"car {record.number} is listed twice (first on line {first_line[record.number]})",
                Location(file_name, record.line, column),
            )
        first_line[record.number] = record.line


@dataclass(frozen=True)
class InputWarning:
    """Something possible but unusual in a file: the user is told, the import goes on.

    Rendered like an `InputError`: ``FILE:LINE: what (column X)``.
    """

    what: str
    location: Location | None = None

    def __str__(self) -> str:
        if self.location is None:
            return self.what
        column = f" (column {self.location.column})" if self.location.column is not None else ""
        return f"{self.location}: {self.what}{column}"
