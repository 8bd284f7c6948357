"""Starting grids: the order each race starts in, and why.

The rules (domain: Grids):

- Race 1 starts from each car's best qualifying lap.
- Race 2 starts from each car's second-best qualifying lap, or its fastest race-1 lap when
  that is strictly quicker.
- Equal times: the lap set first ranks ahead. A qualifying lap is always "set before" a
  race-1 lap, so each session's own clock (elapsed ms) is enough as ``set_at``.
- Cars without a time start behind every timed car: first those with a practice time, by
  their best practice lap (equal: set first, then car number), then the rest by car number.
- Grid penalties (places) apply to the order so formed; pit-lane starters go to the back.
- The stewards may amend the grid (withdraw a car, move a car to a position) with a reason.

Deleted laps (track limits) are the caller's business: every lap passed in here counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from paddock.errors import RuleViolation
from paddock.rules.cars import car_number_key

SetAt = int | datetime
"""When a lap was set: a UTC datetime, or elapsed ms / a sequence number within its session.

Laps passed in one argument (e.g. all qualifying laps) must use the same kind, so they
compare; practice laps of several sessions need datetimes or a running sequence.
"""


class TimeSource(StrEnum):
    """Which time put a car where it is on the grid (shown on the grid sheet)."""

    Q_BEST = "Q best"
    Q_SECOND_BEST = "Q 2nd best"
    R1_FASTEST = "R1 fastest"
    PRACTICE = "practice"


class PoleSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Lap:
    """One valid lap of one car: its time and when it was set."""

    car: str
    time_ms: int
    set_at: SetAt


@dataclass(frozen=True)
class GridPenalty:
    """A drop of ``places`` grid places, as the stewards decided (``reason``: "decision 12")."""

    car: str
    places: int
    reason: str


@dataclass(frozen=True)
class Withdrawal:
    """The car does not start; everyone behind it moves up."""

    car: str
    reason: str


@dataclass(frozen=True)
class MoveTo:
    """The stewards put the car at ``position`` (1 = pole); the others close up around it."""

    car: str
    position: int
    reason: str


Adjustment = Withdrawal | MoveTo


@dataclass(frozen=True)
class GridSlot:
    """One place on the grid. ``time_ms`` is the time that placed the car, if any."""

    position: int
    number: str
    time_ms: int | None
    time_source: TimeSource | None
    note: str = ""

    def to_json(
        self, driver: str | None = None, class_name: str | None = None
    ) -> dict[str, object]:
        """The slot as ``paddock grid --json`` writes it (driver and class from the entry list)."""
        return {
            "position": self.position,
            "number": self.number,
            "driver": driver,
            "class": class_name,
            "time_ms": self.time_ms,
            "note": self.note,
        }


@dataclass(frozen=True)
class Grid:
    """A race's starting grid; ``amended`` when the stewards changed it by hand."""

    race: int
    slots: tuple[GridSlot, ...]
    amended: bool = False
    amendments: tuple[str, ...] = ()

    def numbers(self) -> tuple[str, ...]:
        return tuple(slot.number for slot in self.slots)

    def slot_of(self, car: str) -> GridSlot | None:
        return next((slot for slot in self.slots if slot.number == car), None)

    def to_json(
        self,
        drivers: Mapping[str, str] | None = None,
        classes: Mapping[str, str] | None = None,
    ) -> dict[str, object]:
        """``{"race": 1, "slots": [...]}`` as in the CLI contract."""
        drivers = drivers or {}
        classes = classes or {}
        return {
            "race": self.race,
            "slots": [
                slot.to_json(drivers.get(slot.number), classes.get(slot.number))
                for slot in self.slots
            ],
        }


@dataclass(frozen=True)
class GridPlace:
    """Where a grid position is on the track: its row (1 = front) and its side."""

    position: int
    row: int
    side: PoleSide


def grid_place(position: int, pole_side: PoleSide | str) -> GridPlace:
    """Row and side of a grid position on a two-by-two grid.

    Odd positions (pole, 3rd, 5th, ...) stand on the pole side, even ones on the other side.
    """
    if position < 1:
        raise ValueError(f"grid position {position} does not exist (positions start at 1)")
    pole = PoleSide(pole_side)
    other = PoleSide.RIGHT if pole is PoleSide.LEFT else PoleSide.LEFT
    return GridPlace(position, (position + 1) // 2, pole if position % 2 else other)


def grid_places(count: int, pole_side: PoleSide | str) -> tuple[GridPlace, ...]:
    """`grid_place` for positions 1..count, for drawing the grid sheet."""
    return tuple(grid_place(position, pole_side) for position in range(1, count + 1))


# -- Forming the order ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A car's grid time and the key that orders equal times (session rank, set_at)."""

    time_ms: int
    source: TimeSource
    tie: tuple[int, SetAt]


def _laps_by_car(laps: Iterable[Lap]) -> dict[str, list[Lap]]:
    by_car: dict[str, list[Lap]] = defaultdict(list)
    for lap in laps:
        by_car[lap.car].append(lap)
    for car_laps in by_car.values():
        car_laps.sort(key=lambda lap: (lap.time_ms, lap.set_at))
    return by_car


def _order_timed(marks: Mapping[str, _Mark]) -> list[str]:
    return sorted(marks, key=lambda car: (marks[car].time_ms, marks[car].tie, car_number_key(car)))


def _form(
    marks: dict[str, _Mark],
    cars: Iterable[str],
    practice: Iterable[Lap],
) -> list[tuple[str, int | None, TimeSource | None]]:
    """Timed cars by time, then untimed ones by practice time, then by number."""
    everyone = set(cars) | set(marks)
    order: list[tuple[str, int | None, TimeSource | None]] = [
        (car, marks[car].time_ms, marks[car].source) for car in _order_timed(marks)
    ]
    untimed = everyone - set(marks)
    best_practice = {car: laps[0] for car, laps in _laps_by_car(practice).items() if car in untimed}
    for car in sorted(
        best_practice,
        key=lambda c: (best_practice[c].time_ms, best_practice[c].set_at, car_number_key(c)),
    ):
        order.append((car, best_practice[car].time_ms, TimeSource.PRACTICE))
    for car in sorted(untimed - set(best_practice), key=car_number_key):
        order.append((car, None, None))
    return order


def _places(places: int) -> str:
    return "1 place" if places == 1 else f"{places} places"


def _apply_penalties(order: list[str], penalties: Sequence[GridPenalty]) -> list[str]:
    """Drop each penalised car by its places (several penalties for one car add up).

    Each penalised car is aimed at its formed position plus its places, at most the last
    place (so cars dropped past the back stay in their formed order). Penalised cars
    take their aimed slot in order of that slot, then of formed position; a slot already
    taken sends the car to the next free one, so a car never gains on a car that qualified
    ahead of it and was dropped to the same slot. Unpenalised cars then fill the free
    slots in their formed order, and the grid closes up.
    """
    dropped: dict[str, int] = defaultdict(int)
    for penalty in penalties:
        dropped[penalty.car] += penalty.places
    if not dropped:
        return order
    formed = {car: index for index, car in enumerate(order)}
    last = len(order) - 1
    aimed = {car: min(formed[car] + places, last) for car, places in dropped.items()}
    taken: dict[int, str] = {}
    for car in sorted(dropped, key=lambda c: (aimed[c], formed[c])):
        slot = aimed[car]
        while slot in taken:
            slot += 1
        taken[slot] = car
    clean = iter([car for car in order if car not in dropped])
    result: list[str] = []
    slot = 0
    while len(result) < len(order):
        if slot in taken:
            result.append(taken[slot])
        elif (waiting := next(clean, None)) is not None:
            result.append(waiting)
        slot += 1
    return result


def _check_cars(what: str, cars: Iterable[str], grid_cars: Iterable[str], race: int) -> None:
    known = set(grid_cars)
    unknown = sorted({car for car in cars if car not in known}, key=car_number_key)
    if unknown:
        raise RuleViolation(
            [f"{what}: car {car} is not on the race {race} grid" for car in unknown]
        )


def build_grid(
    race: int,
    marks: Mapping[str, tuple[int, TimeSource, tuple[int, SetAt]]],
    *,
    cars: Iterable[str] = (),
    practice: Iterable[Lap] = (),
    penalties: Sequence[GridPenalty] = (),
    pit_lane: Mapping[str, str] | Iterable[str] = (),
    adjustments: Sequence[Adjustment] = (),
) -> Grid:
    """Form, penalise and amend a grid from each car's grid time.

    Most callers want `race1_grid` / `race2_grid`; this is the common tail, public for a
    series whose grid times come from elsewhere.

    Args:
        race: the race number shown on the grid.
        marks: car -> (time_ms, source, tie key); a lower tie key ranks ahead on equal times.
        cars: every car entered; cars without a mark start behind the timed ones.
        practice: valid practice laps, ranking the cars without a mark.
        penalties: grid drops, applied to the formed order (pit-lane starters excluded).
        pit_lane: cars starting from the pit lane (optionally car -> reason); they go
            behind everyone, in their formed order; a grid drop of theirs changes nothing.
        adjustments: the stewards' amendments, applied last, in the order given.

    Raises:
        RuleViolation: a penalty, pit-lane start or adjustment names a car not on the grid,
            a drop is not positive, or a move goes to a position that does not exist.
    """
    typed = {car: _Mark(time, source, tie) for car, (time, source, tie) in marks.items()}
    formed = _form(typed, cars, practice)
    grid_cars = [car for car, _, _ in formed]
    pit_reasons: dict[str, str] = (
        dict(pit_lane) if isinstance(pit_lane, Mapping) else {car: "" for car in pit_lane}
    )
    _check_cars("grid penalty", (p.car for p in penalties), grid_cars, race)
    _check_cars("pit-lane start", pit_reasons, grid_cars, race)
    _check_cars("grid amendment", (a.car for a in adjustments), grid_cars, race)
    bad = [p for p in penalties if p.places < 1]
    if bad:
        raise RuleViolation(
            [f"grid penalty for car {p.car}: {p.places} places is not a drop" for p in bad]
        )

    notes: dict[str, list[str]] = defaultdict(list)
    for penalty in penalties:
        reason = f": {penalty.reason}" if penalty.reason else ""
        notes[penalty.car].append(f"+{_places(penalty.places)}{reason}")
    for car, reason in pit_reasons.items():
        notes[car].append(f"pit lane start: {reason}" if reason else "pit lane start")

    on_grid = [car for car in grid_cars if car not in pit_reasons]
    grid_penalties = [p for p in penalties if p.car not in pit_reasons]
    order = _apply_penalties(on_grid, grid_penalties)
    order += [car for car in grid_cars if car in pit_reasons]

    amendments: list[str] = []
    for adjustment in adjustments:
        if adjustment.car not in order:
            raise RuleViolation(
                [f"grid amendment: car {adjustment.car} was already withdrawn from the grid"]
            )
        order.remove(adjustment.car)
        if isinstance(adjustment, Withdrawal):
            amendments.append(f"car {adjustment.car} withdrawn: {adjustment.reason}")
            continue
        if not 1 <= adjustment.position <= len(order) + 1:
            raise RuleViolation(
                [
                    f"grid amendment: car {adjustment.car} cannot go to position "
                    f"{adjustment.position} (the grid has {len(order) + 1} places)"
                ]
            )
        order.insert(adjustment.position - 1, adjustment.car)
        text = f"moved to position {adjustment.position}: {adjustment.reason}"
        amendments.append(f"car {adjustment.car} {text}")
        notes[adjustment.car].append(text)

    times = {car: (time, source) for car, time, source in formed}
    slots = tuple(
        GridSlot(index, car, *times[car], note="; ".join(notes.get(car, ())))
        for index, car in enumerate(order, start=1)
    )
    return Grid(race, slots, amended=bool(amendments), amendments=tuple(amendments))


def race1_grid(
    qualifying: Iterable[Lap],
    *,
    cars: Iterable[str] = (),
    practice: Iterable[Lap] = (),
    penalties: Sequence[GridPenalty] = (),
    pit_lane: Mapping[str, str] | Iterable[str] = (),
    adjustments: Sequence[Adjustment] = (),
) -> Grid:
    """Race 1 grid: each car's best qualifying lap (see `build_grid` for the arguments)."""
    marks = {
        car: (laps[0].time_ms, TimeSource.Q_BEST, (0, laps[0].set_at))
        for car, laps in _laps_by_car(qualifying).items()
    }
    return build_grid(
        1,
        marks,
        cars=cars,
        practice=practice,
        penalties=penalties,
        pit_lane=pit_lane,
        adjustments=adjustments,
    )


def race2_grid(
    qualifying: Iterable[Lap],
    race1: Iterable[Lap],
    *,
    cars: Iterable[str] = (),
    practice: Iterable[Lap] = (),
    penalties: Sequence[GridPenalty] = (),
    pit_lane: Mapping[str, str] | Iterable[str] = (),
    adjustments: Sequence[Adjustment] = (),
) -> Grid:
    """Race 2 grid: second-best qualifying lap, or the fastest race-1 lap when quicker.

    A car with a single qualifying lap and no race-1 lap has no race-2 time: it starts with
    the untimed cars (the stewards may move it). On equal times the qualifying lap counts as
    set first, whichever car it belongs to.
    """
    marks: dict[str, tuple[int, TimeSource, tuple[int, SetAt]]] = {}
    for car, laps in _laps_by_car(qualifying).items():
        if len(laps) >= 2:
            marks[car] = (laps[1].time_ms, TimeSource.Q_SECOND_BEST, (0, laps[1].set_at))
    for car, laps in _laps_by_car(race1).items():
        fastest = laps[0]
        if car not in marks or fastest.time_ms < marks[car][0]:
            marks[car] = (fastest.time_ms, TimeSource.R1_FASTEST, (1, fastest.set_at))
    return build_grid(
        2,
        marks,
        cars=cars,
        practice=practice,
        penalties=penalties,
        pit_lane=pit_lane,
        adjustments=adjustments,
    )
