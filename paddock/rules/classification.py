"""Classifications of races, qualifying and practice sessions, from lap crossings.

The rules (domain: Classification), and the choices made where the rules are silent:

- Race order: laps completed, then the elapsed time at the car's last crossing of the line
  plus its time penalties (official results include the penalties). Among cars with the
  same laps and time, or no time at all: grid order (``starters``), then car number.
- Classified: at least ``classified_share`` (default 75 %) of the winner's laps, rounded
  down, and at least one lap. Below that share a car is *not classified* when it took the
  chequered flag, *DNF* when it did not. A car "took the flag" when its last crossing came
  at or after the winner's last crossing: the flag is shown from the moment the leader
  completes the winning lap, so the crossings alone tell, with no flag column needed. A
  car that retired above the share is classified (with fewer laps), as the official IMSA
  files show (Long Beach 2023: #10, 76 laps out of 78, retired, classified 7th).
- A starter (on the grid) that never completed a lap is *DNF*; a car of the entry list that
  is not a starter and has no lap is *DNS*, listed apart without a position. The time cards
  cannot tell those two apart (neither crosses the line): IMSA's Long Beach 2023 race
  file lists #01 (took the start, 0 laps) at position 26 and #80/#93 "Not started", and
  none of the three appears in the race time cards; the starting grid is what says so, so
  the caller passes it as ``starters``. Without it, every car with a lap is a starter.
- Disqualified cars (penalty) lose their position and come after the ranked cars.
- Positions: by default only classified cars are numbered (NC, DNF, DSQ, DNS have none).
  Al Kamel's files number every starter; ``number_all_starters`` does the same.
- Deleted lap times (track limits) never count for best or second-best lap, nor for the
  qualifying order; the laps still count for laps completed and total time. A lap is
  deleted by the timing system (its own marks, `timing_marks`) or by a decision; a later
  decision may reinstate it.
- Qualifying and practice: best valid lap; equal times -> the lap set first ranks ahead
  (elapsed time of the crossing, else time of day); cars without a valid time after the
  timed cars, by laps completed then car number; time penalties do not apply there.
- Gaps as the official files print them: the leader "-", "+0.903" on the same lap,
  "1 Lap" / "5 Laps" when lapped (gap to the leader and interval to the car ahead).
- Laps led: for each lap number, the car that completed that lap first.

Everything here is a pure function over frozen values: the caller passes the laps (any
object with ``number``, ``lap``, ``lap_time_ms``, ``elapsed_ms``), the class of each car
and the penalties, and gets a `Classification` back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any, Protocol

from paddock.rules.cars import car_number_key
from paddock.rules.laptime import format_gap, format_laps_gap
from paddock.rules.penalties import (
    DEFAULT_PENALTY_SETTINGS,
    Penalty,
    PenaltySettings,
    added_time_by_car,
    deleted_laps_by_car,
    describe_all,
    disqualified_cars,
)

LEADER_GAP = "-"


class Status(StrEnum):
    """A car's status in a classification (the CLI's ``status`` values)."""

    CLASSIFIED = "classified"
    NOT_CLASSIFIED = "not-classified"
    DNF = "dnf"
    DNS = "dns"
    DSQ = "dsq"

    @classmethod
    def from_text(cls, text: str) -> Status | None:
        """The status a timing file or a typed CSV means: "Classified", "Not started", "NC"...

        Returns None for an empty or unknown word (the caller decides).
        """
        return _STATUS_WORDS.get(" ".join(text.replace("_", " ").split()).casefold())


_STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(["classified", "cl", "finished", "running", "fin"], Status.CLASSIFIED),
    **dict.fromkeys(
        ["not classified", "not-classified", "nc", "notclassified", "n/c"], Status.NOT_CLASSIFIED
    ),
    **dict.fromkeys(
        ["dnf", "retired", "ret", "did not finish", "not finished", "ab", "abandon"], Status.DNF
    ),
    **dict.fromkeys(
        ["dns", "not started", "did not start", "not-started", "withdrawn", "dnq"], Status.DNS
    ),
    **dict.fromkeys(
        ["dsq", "disqualified", "excluded", "exc", "dq", "disqualification"], Status.DSQ
    ),
}


class SessionType(StrEnum):
    """How a session ranks its cars: a race by laps and time, the others by best lap."""

    RACE = "race"
    QUALIFYING = "qualifying"
    PRACTICE = "practice"

    @property
    def ranks_by_best_lap(self) -> bool:
        return self is not SessionType.RACE


class LapLike(Protocol):
    """One crossing of the line: what the engine needs of a lap (timing or database record).

    ``elapsed_ms`` is the session time at the crossing (None: summed from lap times).
    """

    @property
    def number(self) -> str: ...

    @property
    def lap(self) -> int: ...

    @property
    def lap_time_ms(self) -> int | None: ...

    @property
    def elapsed_ms(self) -> int | None: ...


@dataclass(frozen=True)
class Lap:
    """A lap crossing built by hand (tests, database rows): see `LapLike`.

    ``hour_ms``: time of day of the crossing, used for "set first" when elapsed is unknown.
    """

    number: str
    lap: int
    lap_time_ms: int | None
    elapsed_ms: int | None = None
    hour_ms: int | None = None


class ResultLike(Protocol):
    """One line of an official results file (no laps): what the engine needs of it."""

    @property
    def number(self) -> str: ...

    @property
    def position(self) -> int | None: ...

    @property
    def status(self) -> Status | None: ...

    @property
    def laps(self) -> int: ...

    @property
    def total_time_ms(self) -> int | None: ...

    @property
    def best_lap_ms(self) -> int | None: ...

    @property
    def best_lap_number(self) -> int | None: ...

    @property
    def class_name(self) -> str: ...


def _as_fraction(value: Fraction | float | str) -> Fraction:
    # Through str: 0.29 as a float is 0.28999..., and 0.29 * 100 laps must be 29, not 28.
    return value if isinstance(value, Fraction) else Fraction(str(value))


@dataclass(frozen=True)
class ClassificationSettings:
    """The season's classification parameters (data per season, never constants).

    Attributes:
        classified_share: share of the winner's laps needed to be classified (rounded down).
        number_all_starters: also number NC and DNF cars (as Al Kamel's files do).
        penalties: what unserved drive-throughs and stop-and-gos convert to.
    """

    classified_share: Fraction | float | str = Fraction(3, 4)
    number_all_starters: bool = False
    penalties: PenaltySettings = DEFAULT_PENALTY_SETTINGS

    def __post_init__(self) -> None:
        share = _as_fraction(self.classified_share)
        if not 0 <= share <= 1:
            raise ValueError(f"classified share must be between 0 and 1, not {share}")
        object.__setattr__(self, "classified_share", share)

    def min_laps(self, winner_laps: int) -> int:
        """Laps needed to be classified: the share of the winner's laps, rounded down."""
        return max(1, math.floor(winner_laps * _as_fraction(self.classified_share)))


DEFAULT_SETTINGS = ClassificationSettings()


@dataclass(frozen=True)
class ClassificationRow:
    """One car in a classification, in the shape the CLI, the UI and the PDFs print.

    Gaps come twice: formatted (``gap``: to the leader, ``interval``: to the car ahead,
    ``class_gap``/``class_interval`` within the class) and as numbers (``gap_ms`` or
    ``gap_laps``; None / 0 for the leader and unranked cars). In a race ``total_time_ms``
    includes ``penalty_ms``; ``elapsed_ms`` is the time at the line. In qualifying and
    practice the gaps are on the best lap and ``total_time_ms`` is None.
    ``*_set_at_ms`` is when the lap was completed (session elapsed), for "set first" ties.
    """

    position: int | None
    number: str
    class_name: str
    class_position: int | None
    status: Status
    laps: int
    total_time_ms: int | None = None
    elapsed_ms: int | None = None
    penalty_ms: int = 0
    gap: str = ""
    interval: str = ""
    gap_ms: int | None = None
    gap_laps: int = 0
    interval_ms: int | None = None
    interval_laps: int = 0
    class_gap: str = ""
    class_interval: str = ""
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    best_lap_set_at_ms: int | None = None
    second_best_lap_ms: int | None = None
    second_best_lap_number: int | None = None
    second_best_lap_set_at_ms: int | None = None
    laps_led: int | None = None
    deleted_laps: tuple[int, ...] = ()
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        """The row as ``results show --json`` prints it (without the driver, not known here)."""
        return {
            "position": self.position,
            "number": self.number,
            "class": self.class_name,
            "class_position": self.class_position,
            "status": self.status.value,
            "laps": self.laps,
            "total_time_ms": self.total_time_ms,
            "gap": self.gap,
            "best_lap_ms": self.best_lap_ms,
            "best_lap_number": self.best_lap_number,
            "second_best_lap_ms": self.second_best_lap_ms,
        }


@dataclass(frozen=True)
class Classification:
    """A session's classification: rows in order (ranked cars, then DSQ, then DNS)."""

    session: SessionType
    rows: tuple[ClassificationRow, ...]
    winner_laps: int = 0
    min_laps: int | None = None
    penalties: tuple[Penalty, ...] = field(default=())

    def row(self, number: str) -> ClassificationRow:
        """The row of car ``number`` (KeyError when the car is not in the classification)."""
        for row in self.rows:
            if row.number == number:
                return row
        raise KeyError(number)

    def in_class(self, class_name: str) -> tuple[ClassificationRow, ...]:
        """The rows of one class, in order (a "results by class" table)."""
        return tuple(row for row in self.rows if row.class_name == class_name)

    @property
    def order(self) -> tuple[str, ...]:
        """Car numbers in classification order."""
        return tuple(row.number for row in self.rows)

    @property
    def fastest_lap(self) -> ClassificationRow | None:
        """The row holding the session's fastest valid lap (first set wins a tie)."""
        timed = [r for r in self.rows if r.best_lap_ms is not None and r.status is not Status.DSQ]
        if not timed:
            return None
        return min(timed, key=lambda r: (r.best_lap_ms, _none_last(r.best_lap_set_at_ms)))


# --- Helpers ---------------------------------------------------------------------------


def _none_last(value: int | None) -> float:
    return math.inf if value is None else value


def _gap_text(ahead_laps: int, ahead_ms: int | None, laps: int, ms: int | None) -> str:
    if laps < ahead_laps:
        return format_laps_gap(ahead_laps - laps)
    if ahead_ms is None or ms is None:
        return ""
    return format_gap(max(0, ms - ahead_ms))


@dataclass(frozen=True)
class _CarLaps:
    """One car's crossings, resolved: laps completed, times, best laps."""

    number: str
    laps: int
    elapsed_ms: int | None
    best: tuple[int, int, int | None] | None  # (time, lap, set at)
    second: tuple[int, int, int | None] | None
    deleted: tuple[int, ...]
    crossings: tuple[tuple[int, int | None], ...]  # (lap, elapsed) per lap, in lap order


def _resolve(number: str, laps: Sequence[LapLike], deleted: Mapping[int, str]) -> _CarLaps:
    ordered = sorted(laps, key=lambda lap: lap.lap)
    crossings: list[tuple[int, int | None]] = []
    candidates: list[tuple[int, int, int | None]] = []
    running: int | None = 0
    for lap in ordered:
        elapsed = lap.elapsed_ms
        if elapsed is None and running is not None and lap.lap_time_ms is not None:
            elapsed = running + lap.lap_time_ms
        running = elapsed
        crossings.append((lap.lap, elapsed))
        if lap.lap_time_ms is not None and lap.lap not in deleted:
            set_at = elapsed if lap.elapsed_ms is not None else getattr(lap, "hour_ms", None)
            if set_at is None:
                set_at = elapsed
            candidates.append((lap.lap_time_ms, lap.lap, set_at))
    candidates.sort(key=lambda c: (c[0], _none_last(c[2]), c[1]))
    return _CarLaps(
        number=number,
        laps=ordered[-1].lap if ordered else 0,
        elapsed_ms=crossings[-1][1] if crossings else None,
        best=candidates[0] if candidates else None,
        second=candidates[1] if len(candidates) > 1 else None,
        deleted=tuple(sorted(n for n in deleted if any(lap.lap == n for lap in ordered))),
        crossings=tuple(crossings),
    )


def _group(laps: Iterable[LapLike]) -> dict[str, list[LapLike]]:
    by_car: dict[str, list[LapLike]] = {}
    seen: set[tuple[str, int]] = set()
    for lap in laps:
        key = (lap.number, lap.lap)
        if key in seen:
            raise ValueError(f"car {lap.number}: lap {lap.lap} given twice")
        seen.add(key)
        by_car.setdefault(lap.number, []).append(lap)
    return by_car


def _laps_led(cars: Iterable[_CarLaps]) -> dict[str, int] | None:
    first: dict[int, tuple[int, str]] = {}
    for car in cars:
        for lap, elapsed in car.crossings:
            if elapsed is None:
                return None
            if lap not in first or elapsed < first[lap][0]:
                first[lap] = (elapsed, car.number)
    led: dict[str, int] = {}
    for _, number in first.values():
        led[number] = led.get(number, 0) + 1
    return led


@dataclass
class _Draft:
    """A row being built: mutable until positions and gaps are known."""

    number: str
    class_name: str
    status: Status
    laps: int
    ranked: bool  # takes part in the order and the gaps (not DSQ, not DNS)
    total_ms: int | None = None
    elapsed_ms: int | None = None
    penalty_ms: int = 0
    best: tuple[int, int, int | None] | None = None
    second: tuple[int, int, int | None] | None = None
    laps_led: int | None = None
    deleted: tuple[int, ...] = ()
    note: str = ""
    numbered: bool = False
    official_position: int | None = None
    official_class_position: int | None = None


def _finish(
    drafts: Sequence[_Draft],
    gap_of: Callable[[_Draft, _Draft], str],
    gap_numbers: Callable[[_Draft, _Draft], tuple[int | None, int]],
    *,
    keep_official_positions: bool = False,
) -> tuple[ClassificationRow, ...]:
    """Number the drafts (already in order) and work out the gaps; build the rows."""
    position = 0
    class_counts: dict[str, int] = {}
    class_leader: dict[str, _Draft] = {}
    class_previous: dict[str, _Draft] = {}
    leader = next((d for d in drafts if d.ranked), None)
    previous: _Draft | None = None
    rows: list[ClassificationRow] = []
    for draft in drafts:
        pos: int | None = None
        class_pos: int | None = None
        if draft.numbered:
            position += 1
            pos = position
            if draft.class_name:
                class_counts[draft.class_name] = class_counts.get(draft.class_name, 0) + 1
                class_pos = class_counts[draft.class_name]
            if keep_official_positions:
                pos = draft.official_position
                class_pos = draft.official_class_position or class_pos
        gap = interval = class_gap = class_interval = ""
        gap_ms: int | None = None
        gap_laps = 0
        interval_ms: int | None = None
        interval_laps = 0
        if draft.ranked and leader is not None:
            if draft is leader:
                gap = interval = LEADER_GAP
            else:
                gap = gap_of(leader, draft)
                gap_ms, gap_laps = gap_numbers(leader, draft)
                if previous is not None:
                    interval = gap_of(previous, draft)
                    interval_ms, interval_laps = gap_numbers(previous, draft)
            head = class_leader.setdefault(draft.class_name, draft)
            if head is draft:
                class_gap = class_interval = LEADER_GAP
            else:
                class_gap = gap_of(head, draft)
                class_interval = gap_of(class_previous[draft.class_name], draft)
            class_previous[draft.class_name] = draft
            previous = draft
        best, second = draft.best, draft.second
        rows.append(
            ClassificationRow(
                position=pos,
                number=draft.number,
                class_name=draft.class_name,
                class_position=class_pos,
                status=draft.status,
                laps=draft.laps,
                total_time_ms=draft.total_ms,
                elapsed_ms=draft.elapsed_ms,
                penalty_ms=draft.penalty_ms,
                gap=gap,
                interval=interval,
                gap_ms=gap_ms,
                gap_laps=gap_laps,
                interval_ms=interval_ms,
                interval_laps=interval_laps,
                class_gap=class_gap,
                class_interval=class_interval,
                best_lap_ms=best[0] if best else None,
                best_lap_number=best[1] if best else None,
                best_lap_set_at_ms=best[2] if best else None,
                second_best_lap_ms=second[0] if second else None,
                second_best_lap_number=second[1] if second else None,
                second_best_lap_set_at_ms=second[2] if second else None,
                laps_led=draft.laps_led,
                deleted_laps=draft.deleted,
                note=draft.note,
            )
        )
    return tuple(rows)


def _race_gap(ahead: _Draft, car: _Draft) -> str:
    return _gap_text(ahead.laps, ahead.total_ms, car.laps, car.total_ms)


def _race_gap_numbers(ahead: _Draft, car: _Draft) -> tuple[int | None, int]:
    if car.laps < ahead.laps:
        return None, ahead.laps - car.laps
    if ahead.total_ms is None or car.total_ms is None:
        return None, 0
    return max(0, car.total_ms - ahead.total_ms), 0


def _best_gap(ahead: _Draft, car: _Draft) -> str:
    if ahead.best is None or car.best is None:
        return ""
    return format_gap(max(0, car.best[0] - ahead.best[0]))


def _best_gap_numbers(ahead: _Draft, car: _Draft) -> tuple[int | None, int]:
    if ahead.best is None or car.best is None:
        return None, 0
    return max(0, car.best[0] - ahead.best[0]), 0


def _class_of(number: str, classes: Mapping[str, str] | None, fallback: str = "") -> str:
    if classes is None:
        return fallback
    return classes.get(number, fallback)


# --- Race ------------------------------------------------------------------------------


def classify_race(
    laps: Iterable[LapLike],
    *,
    classes: Mapping[str, str] | None = None,
    starters: Sequence[str] | None = None,
    entered: Iterable[str] | None = None,
    penalties: Iterable[Penalty] = (),
    settings: ClassificationSettings = DEFAULT_SETTINGS,
    timing_deleted: Mapping[str, Mapping[int, str]] | None = None,
) -> Classification:
    """Classify a race from its lap crossings (time cards).

    Args:
        laps: every crossing of every car (no car/lap twice: ValueError).
        classes: the class of each car number (cars not in it have class "").
        starters: the cars that took the start, in grid order. A starter without a lap is
            DNF; None: every car with a lap is a starter.
        entered: the entry list; entered cars that neither started nor crossed the line are
            DNS. None: only the cars in ``laps`` and ``starters``.
        penalties: the stewards' decisions (time, drive-through, stop-and-go, DSQ, lap
            deletions and reinstatements; grid drops are ignored here).
        settings: classified share, numbering, penalty conversions.
        timing_deleted: laps the timing system had deleted (`timing_marks`), per car.

    Return:
        The classification: ranked starters (classified, NC, DNF), then DSQ, then DNS.
    """
    penalties = tuple(penalties)
    by_car = _group(laps)
    deleted = deleted_laps_by_car(penalties, timing_deleted)
    added = added_time_by_car(penalties, settings.penalties)
    dsq = disqualified_cars(penalties)
    notes = describe_all(penalties, settings.penalties)
    cars = {n: _resolve(n, car_laps, deleted.get(n, {})) for n, car_laps in by_car.items()}
    led = _laps_led(cars.values())

    grid = list(dict.fromkeys(starters or ()))
    started = set(grid) | set(cars)
    for number in sorted(set(cars) - set(grid), key=car_number_key):
        grid.append(number)
    grid_index = {number: i for i, number in enumerate(grid)}
    entry_list = list(dict.fromkeys(entered or ()))
    non_starters = [n for n in entry_list if n not in started]

    running = [cars[n] for n in cars if n not in dsq]
    winner_laps = max((car.laps for car in running), default=0)
    # The flag falls when the first car completes the winner's lap count.
    flag_at = min(
        (c.elapsed_ms for c in running if c.laps == winner_laps and c.elapsed_ms is not None),
        default=None,
    )
    min_laps = settings.min_laps(winner_laps)

    drafts: list[_Draft] = []
    for number in grid:
        car = cars.get(number)
        car_laps = car.laps if car else 0
        elapsed = car.elapsed_ms if car else None
        penalty_ms = added.get(number, 0)
        if number in dsq:
            status = Status.DSQ
        elif car_laps >= min_laps and winner_laps > 0:
            status = Status.CLASSIFIED
        elif car_laps == 0 or (elapsed is not None and flag_at is not None and elapsed < flag_at):
            status = Status.DNF
        else:
            status = Status.NOT_CLASSIFIED
        drafts.append(
            _Draft(
                number=number,
                class_name=_class_of(number, classes),
                status=status,
                laps=car_laps,
                ranked=status is not Status.DSQ,
                total_ms=None if elapsed is None else elapsed + penalty_ms,
                elapsed_ms=elapsed,
                penalty_ms=penalty_ms,
                best=car.best if car else None,
                second=car.second if car else None,
                laps_led=(led.get(number, 0) if led is not None else None),
                deleted=car.deleted if car else (),
                note=notes.get(number, ""),
                numbered=status is Status.CLASSIFIED
                or (settings.number_all_starters and status is not Status.DSQ),
            )
        )
    drafts.sort(
        key=lambda d: (
            not d.ranked,
            -d.laps,
            _none_last(d.total_ms),
            grid_index[d.number],
            car_number_key(d.number),
        )
    )
    for number in sorted(non_starters, key=car_number_key):
        drafts.append(
            _Draft(
                number=number,
                class_name=_class_of(number, classes),
                status=Status.DSQ if number in dsq else Status.DNS,
                laps=0,
                ranked=False,
                note=notes.get(number, ""),
            )
        )
    rows = _finish(drafts, _race_gap, _race_gap_numbers)
    return Classification(
        session=SessionType.RACE,
        rows=rows,
        winner_laps=winner_laps,
        min_laps=min_laps if winner_laps else None,
        penalties=penalties,
    )


# --- Qualifying and practice -----------------------------------------------------------


def classify_qualifying(
    laps: Iterable[LapLike],
    *,
    classes: Mapping[str, str] | None = None,
    entered: Iterable[str] | None = None,
    penalties: Iterable[Penalty] = (),
    settings: ClassificationSettings = DEFAULT_SETTINGS,
    session: SessionType = SessionType.QUALIFYING,
    timing_deleted: Mapping[str, Mapping[int, str]] | None = None,
) -> Classification:
    """Classify a qualifying or practice session by best valid lap.

    Args:
        laps: every crossing of every car (no car/lap twice: ValueError).
        classes: the class of each car number.
        entered: the entry list; entered cars without a lap are DNS (listed last).
        penalties: lap deletions and DSQ apply; time penalties and grid drops do not.
        settings: ``number_all_starters`` also numbers cars that ran without a valid time.
        session: QUALIFYING or PRACTICE (they rank alike).
        timing_deleted: laps the timing system had deleted (`timing_marks`), per car.

    Return:
        Timed cars by best lap (equal: set first), cars without a valid time (by laps,
        then number), DSQ, DNS. Rows carry best and second-best laps (race-2 grid).
    """
    penalties = tuple(penalties)
    by_car = _group(laps)
    deleted = deleted_laps_by_car(penalties, timing_deleted)
    dsq = disqualified_cars(penalties)
    notes = describe_all(penalties, settings.penalties)
    cars = {n: _resolve(n, car_laps, deleted.get(n, {})) for n, car_laps in by_car.items()}

    drafts: list[_Draft] = []
    for number, car in cars.items():
        if number in dsq:
            status = Status.DSQ
        elif car.best is not None:
            status = Status.CLASSIFIED
        else:
            status = Status.NOT_CLASSIFIED
        drafts.append(
            _Draft(
                number=number,
                class_name=_class_of(number, classes),
                status=status,
                laps=car.laps,
                ranked=status is not Status.DSQ,
                best=car.best,
                second=car.second,
                deleted=car.deleted,
                note=notes.get(number, ""),
                numbered=status is Status.CLASSIFIED
                or (settings.number_all_starters and status is Status.NOT_CLASSIFIED),
            )
        )

    def order(d: _Draft) -> tuple[Any, ...]:
        if d.best is not None and d.status is not Status.DSQ:
            return (0, d.best[0], _none_last(d.best[2]), d.best[1], car_number_key(d.number))
        return (1 if d.ranked else 2, -d.laps, 0, 0, car_number_key(d.number))

    drafts.sort(key=order)
    ran = set(cars)
    for number in sorted({n for n in entered or () if n not in ran}, key=car_number_key):
        drafts.append(
            _Draft(
                number=number,
                class_name=_class_of(number, classes),
                status=Status.DSQ if number in dsq else Status.DNS,
                laps=0,
                ranked=False,
                note=notes.get(number, ""),
            )
        )
    rows = _finish(drafts, _best_gap, _best_gap_numbers)
    return Classification(
        session=session,
        rows=rows,
        winner_laps=max((c.laps for c in cars.values()), default=0),
        penalties=penalties,
    )


def classify(
    session: SessionType,
    laps: Iterable[LapLike],
    *,
    classes: Mapping[str, str] | None = None,
    starters: Sequence[str] | None = None,
    entered: Iterable[str] | None = None,
    penalties: Iterable[Penalty] = (),
    settings: ClassificationSettings = DEFAULT_SETTINGS,
    timing_deleted: Mapping[str, Mapping[int, str]] | None = None,
) -> Classification:
    """`classify_race` or `classify_qualifying`, as the session ranks (``starters``: races)."""
    if session is SessionType.RACE:
        return classify_race(
            laps,
            classes=classes,
            starters=starters,
            entered=entered,
            penalties=penalties,
            settings=settings,
            timing_deleted=timing_deleted,
        )
    return classify_qualifying(
        laps,
        classes=classes,
        entered=entered,
        penalties=penalties,
        settings=settings,
        session=session,
        timing_deleted=timing_deleted,
    )


# --- Official results (no laps) --------------------------------------------------------


def classification_from_results(
    results: Iterable[ResultLike],
    *,
    session: SessionType = SessionType.RACE,
    classes: Mapping[str, str] | None = None,
    penalties: Iterable[Penalty] = (),
    settings: ClassificationSettings = DEFAULT_SETTINGS,
) -> Classification:
    """Turn an imported results file (official order, no laps) into a `Classification`.

    The file's order, positions and statuses stand as published (a line without a status
    is classified when it has a position, DNS otherwise). Penalties given afterwards apply:
    a DSQ takes the car out of the order; in a race, added time goes onto the total and
    the cars on the same lap are re-ordered and renumbered. Lap deletions cannot apply
    (no laps) and are ignored. Gaps are worked out again in the official format.

    Args:
        results: the lines of the file, e.g. `paddock.timing` ``ResultRecord``s.
        session: RACE ranks by laps and total time, the others by best lap.
        classes: the class of each car; None: the class written in the file.
    """
    penalties = tuple(penalties)
    added = added_time_by_car(penalties, settings.penalties) if session is SessionType.RACE else {}
    dsq = disqualified_cars(penalties)
    notes = describe_all(penalties, settings.penalties)
    lines = list(results)
    file_order = {line.number: i for i, line in enumerate(lines)}
    drafts: list[_Draft] = []
    for line in lines:
        status = line.status or (Status.CLASSIFIED if line.position is not None else Status.DNS)
        if line.number in dsq:
            status = Status.DSQ
        penalty_ms = added.get(line.number, 0)
        best = (
            (line.best_lap_ms, line.best_lap_number or 0, None)
            if line.best_lap_ms is not None
            else None
        )
        ranked = status not in (Status.DSQ, Status.DNS)
        drafts.append(
            _Draft(
                number=line.number,
                class_name=_class_of(line.number, classes, line.class_name),
                status=status,
                laps=line.laps,
                ranked=ranked,
                total_ms=(None if line.total_time_ms is None else line.total_time_ms + penalty_ms),
                elapsed_ms=line.total_time_ms,
                penalty_ms=penalty_ms,
                best=best,
                note=notes.get(line.number, ""),
                # The season's numbering, not the file's, decides who has a position.
                numbered=ranked and line.position is not None
                and (status is Status.CLASSIFIED or settings.number_all_starters),
                official_position=line.position,
                official_class_position=getattr(line, "class_position", None),
            )
        )
    # Penalties change the order; a file without positions (generic) has it worked out.
    reordered = (
        bool(added)
        or any(d.number in dsq for d in drafts)
        or any(d.ranked and d.official_position is None for d in drafts)
    )
    if reordered:
        for d in drafts:
            d.numbered = d.status is Status.CLASSIFIED or (
                settings.number_all_starters and d.ranked
            )

    def official(d: _Draft) -> tuple[Any, ...]:
        group = 0 if d.ranked else (1 if d.status is Status.DSQ else 2)
        return (group, _none_last(d.official_position), file_order[d.number])

    def recomputed(d: _Draft) -> tuple[Any, ...]:
        group, position, index = official(d)
        if not d.ranked:
            return (group, 0, 0, position, index)
        if session is SessionType.RACE:
            return (group, -d.laps, _none_last(d.total_ms), position, index)
        best = d.best[0] if d.best is not None else math.inf
        return (group, best, -d.laps, position, index)

    drafts.sort(key=recomputed if reordered else official)
    race = session is SessionType.RACE
    rows = _finish(
        drafts,
        _race_gap if race else _best_gap,
        _race_gap_numbers if race else _best_gap_numbers,
        keep_official_positions=not reordered,
    )
    winner_laps = max((d.laps for d in drafts if d.ranked), default=0)
    return Classification(
        session=session,
        rows=rows,
        winner_laps=winner_laps,
        min_laps=settings.min_laps(winner_laps) if session is SessionType.RACE else None,
        penalties=penalties,
    )
