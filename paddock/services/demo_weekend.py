"""The demo season under way: two weekends run and published, the third one started.

A new demo database opens on a season that looks like a real one in progress, so every
page has something to show: Sebring and CTMP complete (practice, qualifying and both races
official, one race with a stewards' revision), Watkins Glen with its practice sessions
provisional, tyres registered at all three.

Everything is made up (the drivers are the demo field's) and deterministic: each car's laps
come from its own seeded random stream, so two databases hold the same results. The laps
are written as the generic laps CSV and go through `import_results`, the penalties through
`add_penalty` and the tyres through the tyre services, with the same checks as an
official's data.

How the times are made: a venue's reference lap (a Pro's pole in a 992), plus the driver's
pace (class, car, skill, form at the venue) scaled to the lap's length, plus the session
(green track in practice, race pace), plus the tyre (first lap cold, then fade), plus noise
skewed slower and the odd mistake. Races end as timing ends them: the leader passes the
session time, takes the flag at the end of that lap, and every running car finishes the lap
it is on.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import event as sa_event

from paddock.db.engine import Database
from paddock.rules.classification import ClassificationRow, Status
from paddock.rules.laptime import format_laptime
from paddock.services.demo import FIELD, PART_SEASON
from paddock.services.results import (
    SessionResults,
    add_penalty,
    import_results,
    publish,
    session_results,
)
from paddock.services.seed import WEEKEND
from paddock.services.tyres import carry_over_tyres, register_tyres, scrap_tyre

MINUTE_MS = 60_000


@dataclass(frozen=True)
class Venue:
    """How fast a venue is and how hard it is on tyres.

    Attributes:
        event: the event's number in the season.
        key: the event's short name.
        reference_ms: a Pro's pole lap in a 992 on new tyres.
        fade_ms: what a race lap loses per lap once the tyres are past their best.
        pit_loss_ms: a stop in the pit lane, from the in-lap line to the out-lap line.
    """

    event: int
    key: str
    reference_ms: int
    fade_ms: int
    pit_loss_ms: int

    @property
    def scale(self) -> float:
        """Pace differences are quoted for a Sebring-length lap; shorter laps lose less."""
        return self.reference_ms / 125_000


SEBRING = Venue(1, "sebring", 125_500, 45, 55_000)
CTMP = Venue(2, "ctmp", 82_300, 25, 45_000)
WATKINS_GLEN = Venue(3, "watkins-glen", 114_300, 35, 50_000)


@dataclass(frozen=True)
class Pace:
    """A driver's pace in a car, against the venue's reference lap (Sebring-length lap).

    Attributes:
        number: the car number.
        offset_ms: class, car and skill together: what the driver gives away per lap.
        spread_ms: lap-to-lap inconsistency (one standard deviation).
    """

    number: str
    offset_ms: int
    spread_ms: int


# Per class: (skill range in ms, lap-to-lap spread in ms). A 991.2 gives away 800 ms more.
_CLASS_PACE: dict[str, tuple[tuple[int, int], int]] = {
    "Pro": ((0, 700), 170),
    "Rookie": ((150, 1000), 250),
    "Pro-Am": ((1000, 2000), 380),
}
_OLD_CAR_MS = 800


def field_pace() -> tuple[Pace, ...]:
    """Every demo driver's pace, the same every time."""
    rng = random.Random("paddock demo: driver pace")
    paces = []
    for number, *_names, car, class_name, _gentleman, _full in FIELD:
        (low, high), spread = _CLASS_PACE[class_name]
        offset = rng.randint(low, high) + (_OLD_CAR_MS if car == "991.2" else 0)
        paces.append(Pace(number, offset, spread))
    return tuple(paces)


def cars_at(event: int) -> tuple[str, ...]:
    """The car numbers entered at an event: full-season entries and the part-season ones."""
    return tuple(row[0] for row in FIELD if row[9] or event in PART_SEASON.get(row[0], ()))


@dataclass(frozen=True)
class Crossing:
    """One lap of the time cards (the generic laps CSV line)."""

    number: str
    lap: int
    lap_ms: int
    elapsed_ms: int
    in_pit: bool = False


@dataclass(frozen=True)
class Incident:
    """Something that happens to one car in a race.

    Attributes:
        car: the car number.
        lap: the retirement's last completed lap, or the lap of the slow in-lap.
        retires: the car stops after ``lap`` (and a full-course yellow follows);
            otherwise it limps to the pits on ``lap`` and loses a stop on the next one.
    """

    car: str
    lap: int
    retires: bool


# Session offsets against qualifying pace: a green track in FP1, race pace with full tanks
# of concentration and traffic.
_SESSION_MS = {"FP1": 1400, "FP2": 700, "Q": 0, "R1": 1200, "R2": 1200}
_FORM_MS = 250  # a driver's form at a venue, either way
_MISTAKE_CHANCE = 0.05


class _Driving:
    """One car's laps in one session: its own random stream and its pace at the venue."""

    def __init__(self, venue: Venue, code: str, pace: Pace) -> None:
        self.rng = random.Random(f"paddock demo: {venue.key} {code} {pace.number}")
        form = random.Random(f"paddock demo: form {venue.key} {pace.number}")
        self.venue = venue
        self.number = pace.number
        self.base_ms = venue.reference_ms + round(
            (pace.offset_ms + form.randint(-_FORM_MS, _FORM_MS) + _SESSION_MS[code])
            * venue.scale)
        self.spread_ms = pace.spread_ms * venue.scale

    def lap(self, tyre_lap: int) -> int:
        """A flying lap on tyres that have done ``tyre_lap`` laps (1: the first)."""
        tyre = 350 if tyre_lap <= 1 else max(0, tyre_lap - 3) * self.venue.fade_ms
        noise = max(-self.spread_ms, self.rng.gauss(0, self.spread_ms))
        if self.rng.random() < _MISTAKE_CHANCE:
            noise += self.rng.uniform(600, 2500) * self.venue.scale
        return round(self.base_ms + tyre + noise)

    def slow(self, share: float) -> int:
        """An out-lap, in-lap or yellow-flag lap: ``share`` slower than the reference."""
        return round(self.venue.reference_ms * (1 + share) + self.rng.uniform(-1500, 1500))


# --- practice and qualifying ----------------------------------------------------------------


def practice_laps(venue: Venue, code: str, paces: Sequence[Pace],
                  minutes: int) -> list[Crossing]:
    """Runs of a few laps between out-laps and in-laps, until the flag at ``minutes``.

    Qualifying (``code`` "Q") is runs of three or four flying laps; practice runs are
    longer. A lap begun before the flag is completed; a car in the pits at the flag stays
    there. An out-lap's time includes the wait in the pits before it, as time cards show.
    """
    end = minutes * MINUTE_MS
    qualifying = code == "Q"
    crossings: list[Crossing] = []
    for pace in paces:
        car = _Driving(venue, code, pace)
        waited = car.rng.randint(0, 60_000) if qualifying else car.rng.choice(
            (0, car.rng.randint(10_000, 90_000), car.rng.randint(180_000, 420_000)))
        clock = waited
        lap = tyre_lap = 0
        while True:
            flying = car.rng.randint(3, 4) if qualifying else car.rng.randint(3, 6)
            run = [car.slow(0.14)]
            for _ in range(flying):
                tyre_lap += 1
                run.append(car.lap(tyre_lap))
            run.append(car.slow(0.10))
            for i, lap_ms in enumerate(run):
                lap += 1
                clock += lap_ms
                total = lap_ms + (waited if i == 0 else 0)
                crossings.append(Crossing(pace.number, lap, total, clock,
                                          in_pit=i == len(run) - 1))
                if clock >= end:
                    break
            waited = car.rng.randint(240_000, 420_000) if qualifying else car.rng.randint(
                180_000, 480_000)
            # Going out again is worth it only with time for a flying lap.
            if clock + waited + 2 * venue.reference_ms >= end:
                break
            clock += waited
    return crossings


# --- races ------------------------------------------------------------------------------------


_START_MS = 7000  # a standing start against a flying lap
_GRID_SLOT_MS = 350  # each grid slot further back crosses the line later on lap 1
_YELLOW_SHARE = 0.40  # a lap under full-course yellow, slower than the reference


def race_laps(venue: Venue, code: str, grid: Sequence[Pace], minutes: int,
              incidents: Sequence[Incident] = (), yellow_at: int | None = None) -> list[Crossing]:
    """A race from a standing start, in grid order, until the flag.

    The flag falls when the leader completes the first lap that ends at or after
    ``minutes``; every car still running takes it at the end of the lap it is on. A
    retirement stops its car on track and brings out a full-course yellow; ``yellow_at``
    (minutes) brings one out for debris.
    """
    end = minutes * MINUTE_MS
    most = end // round(venue.reference_ms * 0.97) + 2
    happens = {i.car: i for i in incidents}
    slot = {pace.number: i for i, pace in enumerate(grid)}
    yellow = None if yellow_at is None else _yellow(venue, yellow_at * MINUTE_MS)
    laps: dict[str, list[Crossing]] = {}
    # The retirements first: the yellow they cause slows everybody else.
    for pace in sorted(grid, key=lambda p: not (p.number in happens
                                                and happens[p.number].retires)):
        incident = happens.get(pace.number)
        laps[pace.number] = _race_car(venue, code, pace, slot[pace.number], most, yellow,
                                      incident)
        if incident is not None and incident.retires and yellow is None:
            yellow = _yellow(venue, laps[pace.number][-1].elapsed_ms
                             + round(venue.reference_ms * 0.4))
    first: dict[int, int] = {}
    for car_laps in laps.values():
        for c in car_laps:
            first[c.lap] = min(first.get(c.lap, c.elapsed_ms), c.elapsed_ms)
    winner_laps = min(lap for lap, elapsed in first.items() if elapsed >= end)
    flag = first[winner_laps]
    crossings: list[Crossing] = []
    for pace in grid:
        for c in laps[pace.number]:
            crossings.append(c)
            if c.elapsed_ms >= flag:
                break
    return crossings


def _yellow(venue: Venue, start_ms: int) -> tuple[int, int]:
    """A full-course yellow of about two laps from ``start_ms``."""
    return start_ms, start_ms + round(venue.reference_ms * 2.5)


def _race_car(venue: Venue, code: str, pace: Pace, slot: int, most: int,
              yellow: tuple[int, int] | None, incident: Incident | None) -> list[Crossing]:
    car = _Driving(venue, code, pace)
    clock = 0
    out: list[Crossing] = []
    for lap in range(1, most + 1):
        if lap == 1:
            lap_ms = car.lap(2) + round((_START_MS + slot * _GRID_SLOT_MS) * venue.scale)
        elif yellow is not None and yellow[0] <= clock < yellow[1]:
            lap_ms = car.slow(_YELLOW_SHARE)
        else:
            lap_ms = car.lap(lap)
        in_pit = False
        if incident is not None and not incident.retires:
            # A puncture: a slow lap to the pits, then the stop for new tyres.
            if lap == incident.lap:
                lap_ms += round(venue.reference_ms * 0.25)
                in_pit = True
            elif lap == incident.lap + 1:
                lap_ms += venue.pit_loss_ms
        clock += lap_ms
        out.append(Crossing(pace.number, lap, lap_ms, clock, in_pit))
        if incident is not None and incident.retires and lap == incident.lap:
            break
    return out


# --- the weekends -----------------------------------------------------------------------------


MINUTES = {code: minutes for code, _name, _kind, _race, _days, _start, minutes in WEEKEND}


@dataclass(frozen=True)
class Weekend:
    """What happens at one event of the demo.

    Attributes:
        venue: where.
        sessions: the sessions run so far.
        incidents: per race, what happens to whom.
        yellows: per race, the minute a full-course yellow comes out for debris (a
            retirement brings out its own).
        deleted_pole_lap: the stewards delete the provisional pole-sitter's best
            qualifying lap (track limits) with this reason; "" for none.
        time_penalty: (race, reason): after the race is official, a car that 5 s
            costs a place gets them, published as revision 2 with the reason.
    """

    venue: Venue
    sessions: tuple[str, ...]
    incidents: dict[str, tuple[Incident, ...]]
    yellows: dict[str, int] = field(default_factory=dict)
    deleted_pole_lap: str = ""
    time_penalty: tuple[str, str] | None = None


WEEKENDS: tuple[Weekend, ...] = (
    Weekend(SEBRING, ("FP1", "FP2", "Q", "R1", "R2"),
            {"R1": (Incident("9", 6, retires=True),)},
            deleted_pole_lap="Track limits at Turn 17: lap time deleted"),
    Weekend(CTMP, ("FP1", "FP2", "Q", "R1", "R2"),
            {"R2": (Incident("47", 12, retires=False),)}, yellows={"R1": 17},
            time_penalty=("R1", "Track limits at Turn 5A, fourth offence: 5 seconds added")),
    Weekend(WATKINS_GLEN, ("FP1", "FP2"), {}),
)
#: The demo's weekend under way ("today"): its practice is loaded, the rest is to come.
#: `paddock --demo` opens on it.
CURRENT_EVENT = WEEKENDS[-1].venue.event


def write_laps_csv(path: Path, crossings: Sequence[Crossing]) -> Path:
    """Write time cards as the generic laps CSV (docs/timing-formats.md)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "lap", "lap_time", "elapsed", "in_pit"])
        for c in crossings:
            out.writerow([c.number, c.lap, format_laptime(c.lap_ms),
                          format_laptime(c.elapsed_ms), "yes" if c.in_pit else ""])
    return path


def _run_weekend(db: Database, folder: Path, weekend: Weekend, paces: Sequence[Pace]) -> None:
    """Run an event's sessions in order, as the timing desk and the stewards would."""
    venue = weekend.venue
    event = str(venue.event)
    here = set(cars_at(venue.event))
    runners = [p for p in paces if p.number in here]
    pace_of = {p.number: p for p in runners}

    def load(code: str, crossings: Sequence[Crossing]) -> None:
        path = write_laps_csv(folder / f"{venue.key}-{code}-time-cards.csv", crossings)
        import_results(db, event=event, session=code, files=[path])

    def race(code: str, grid: Sequence[str]) -> SessionResults:
        load(code, race_laps(venue, code, [pace_of[n] for n in grid], MINUTES[code],
                             weekend.incidents.get(code, ()), weekend.yellows.get(code)))
        official = publish(db, event=event, session=code)
        if weekend.time_penalty is not None and weekend.time_penalty[0] == code:
            car = _close_finisher(official)
            add_penalty(db, event=event, session=code, car=car, kind="time", seconds=5,
                        reason=weekend.time_penalty[1])
        return official

    for code in weekend.sessions:
        if code in ("FP1", "FP2"):
            load(code, practice_laps(venue, code, runners, MINUTES[code]))
    if "Q" not in weekend.sessions:
        return
    load("Q", practice_laps(venue, "Q", runners, MINUTES["Q"]))
    if weekend.deleted_pole_lap:
        pole = session_results(db, event=event, session="Q").rows[0].row
        add_penalty(db, event=event, session="Q", car=pole.number, kind="delete-lap",
                    lap=pole.best_lap_number, reason=weekend.deleted_pole_lap)
    quali = {v.row.number: v.row for v in publish(db, event=event, session="Q").rows}
    if "R1" not in weekend.sessions:
        return
    # Race 1: best qualifying lap. Race 2: second-best qualifying lap or the fastest race-1
    # lap, whichever is quicker. Only the lap-1 spread of the field depends on it.
    grid1 = _by_time(quali, lambda n: quali[n].best_lap_ms)
    race1 = {v.row.number: v.row for v in race("R1", grid1).rows}
    if "R2" not in weekend.sessions:
        return

    def second(number: str) -> int | None:
        times = [t for t in (quali[number].second_best_lap_ms,
                             race1[number].best_lap_ms if number in race1 else None) if t]
        return min(times, default=None)

    race("R2", _by_time(quali, second))


def _by_time(rows: dict[str, ClassificationRow],
             time: Callable[[str], int | None]) -> list[str]:
    """Car numbers by a time each (quickest first); cars without one after, as classified."""
    order = {number: i for i, number in enumerate(rows)}

    def key(number: str) -> tuple[bool, int, int]:
        ms = time(number)
        return ms is None, ms or 0, order[number]

    return sorted(rows, key=key)


def _close_finisher(results: SessionResults) -> str:
    """A car that 5 s would cost exactly one place (the winner excepted), so the revision
    shows a change; else the first car within 5 s of the one behind; else the third."""
    rows = [v.row for v in results.rows
            if v.row.status is Status.CLASSIFIED and v.row.total_time_ms is not None]
    same_lap = [(a, b, c) for a, b, c in zip(rows[1:], rows[2:], rows[3:], strict=False)
                if a.laps == b.laps == c.laps]

    def total(row: ClassificationRow) -> int:
        assert row.total_time_ms is not None
        return row.total_time_ms

    for ahead, behind, next_ in same_lap:
        if total(behind) < total(ahead) + 5000 < total(next_):
            return ahead.number
    for ahead, behind, _next in same_lap:
        if total(behind) < total(ahead) + 5000:
            return ahead.number
    return rows[2].number


# --- tyres ------------------------------------------------------------------------------------


def _register_tyres(db: Database) -> None:
    """Eight slicks per car at Sebring and CTMP, a few carried on, one scrapped and replaced,
    and the first sets of some cars at Watkins Glen."""
    rng = random.Random("paddock demo: tyre barcodes")
    codes = iter(f"MX{n:08d}" for n in rng.sample(range(10_000_000, 100_000_000), 600))
    allocated: dict[tuple[int, str], list[str]] = {}
    for event in (1, 2):
        if event == 2:
            for car, count in CARRIED_TO_CTMP:
                carry_over_tyres(db, event="1", car=car, barcodes=allocated[1, car][-count:])
        for car in cars_at(event):
            allocated[event, car] = [next(codes) for _ in range(8)]
            register_tyres(db, event=str(event), car=car, barcodes=allocated[event, car])
    car, reason = SCRAPPED_AT_CTMP
    scrapped = allocated[2, car][0]
    scrap_tyre(db, event="2", barcode=scrapped, reason=reason)
    register_tyres(db, event="2", car=car, barcodes=[next(codes)], replacement=True,
                   reason=f"replaces {scrapped} ({reason}); approved by the stewards")
    for car, count in CARRIED_TO_WATKINS_GLEN:
        carry_over_tyres(db, event="2", car=car, barcodes=allocated[2, car][-count:])
    for car in cars_at(3)[::3]:
        register_tyres(db, event="3", car=car, barcodes=[next(codes) for _ in range(4)])


# (car, slicks carried): unused tyres kept for the next event.
CARRIED_TO_CTMP: tuple[tuple[str, int], ...] = (("21", 4), ("05", 2), ("44", 2))
CARRIED_TO_WATKINS_GLEN: tuple[tuple[str, int], ...] = (("14", 2),)
SCRAPPED_AT_CTMP = ("12", "sidewall cut in contact at Turn 2, Race 1")


# --- the whole demo ---------------------------------------------------------------------------


def _relaxed_sync(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


@contextmanager
def _demo_handle(db: Database) -> Iterator[Database]:
    """The same database file on a handle of its own, for writing the demo quickly.

    Publishing backs the file up first, and SQLite waits for the disk at every commit.
    For the demo there is nothing of the user's to keep, so this handle has no file path
    (no backup snapshots left behind by a first start) and syncs WAL commits lazily
    (still consistent after a crash, as SQLite documents for WAL mode).
    """
    if db.path is None or not db.is_sqlite:
        yield db
        return
    quiet = Database(db.url)
    sa_event.listen(quiet.engine, "connect", _relaxed_sync)
    try:
        yield quiet
    finally:
        quiet.close()


def populate_demo_weekend(db: Database) -> None:
    """Fill a new demo database (season and demo field already committed) with the weekends.

    Each step is its own transaction through the public services, as a user's would be.
    """
    paces = field_pace()
    with _demo_handle(db) as work, TemporaryDirectory(prefix="paddock-demo-") as tmp:
        _register_tyres(work)
        for weekend in WEEKENDS:
            _run_weekend(work, Path(tmp), weekend, paces)
