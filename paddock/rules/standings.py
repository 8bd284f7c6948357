"""Championship standings: drivers and teams per class, and the Junior table.

The rules (domain: Points, Entries): points per race come from `paddock.rules.points`.
Ties are broken by count-back (more class wins, then more second places, and so on),
then by the better class result in the latest race (going back race by race while the two
are equal). Cars still equal after all of that share the position and are listed by car
number. One driver per entry, so a driver is known by the car number.

Drop rules (domain: Drop rounds; `DropRule` per class): a driver's total counts the best
results only. Of the calendar's races that may be dropped (all but the last
``protect_last``), a driver counts ``droppable - count``; so nothing is dropped until more
droppable races have been run than that, and at the end of the season exactly ``count``
are. Every droppable race that has been run is a result: a race not entered or not
started counts 0 and may be dropped; a disqualification may not. The lowest are dropped
(equal: the earlier race), bonuses with them. Count-back and the latest-race tie-break use
every result, dropped ones included. The Junior table applies the rule of the driver's
class; team totals drop nothing.

Team standings count only team-eligible entries (full season, current car: an input flag
computed by `paddock.rules.eligibility`); a team's points are the sum of its eligible
cars' points in the class. The Junior table ranks every Junior driver, whatever the class,
on the points scored in their own class.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from paddock.rules.cars import car_number_key
from paddock.rules.points import (
    DEFAULT_POINTS_SCALE,
    DSQ,
    DropRule,
    PointsScale,
    RaceResult,
    RaceRow,
    race_points,
    scores,
)


@dataclass(frozen=True)
class StandingsEntry:
    """What the standings need to know of an entry besides its results."""

    number: str
    team: str = ""
    team_eligible: bool = False
    junior: bool = False


@dataclass(frozen=True)
class DriverStanding:
    """One driver (car) in a table.

    Attributes:
        position: 1 = leader; fully tied drivers share it.
        number: the car number.
        class_name: the class raced in (for the Junior table, the latest one).
        points / wins / podiums: totals (wins and podiums are class results).
        per_race: points in each race of the season, None where the car was not in it.
        results: class position in each race where it scored, else None.
        dropped: per race, whether the class's drop rule took that result out of
            ``points`` (empty when no result is dropped).
    """

    position: int
    number: str
    class_name: str
    points: int
    wins: int
    podiums: int
    per_race: tuple[int | None, ...]
    results: tuple[int | None, ...]
    dropped: tuple[bool, ...] = ()

    def is_dropped(self, index: int) -> bool:
        """Whether the result of race ``index`` does not count."""
        return index < len(self.dropped) and self.dropped[index]

    @property
    def dropped_points(self) -> int:
        """The points the drop rule took out (bonuses included)."""
        return sum(p or 0 for i, p in enumerate(self.per_race) if self.is_dropped(i))

    def to_json(self, driver: str | None = None) -> dict[str, object]:
        """A row of ``paddock standings --json`` ``drivers``."""
        return {
            "position": self.position,
            "number": self.number,
            "driver": driver,
            "points": self.points,
            "wins": self.wins,
        }


@dataclass(frozen=True)
class TeamStanding:
    """One team in a class table; ``cars`` are its eligible cars that raced in the class.

    ``per_race`` sums the team's cars in each race; ``results`` holds the team's best
    class position in each race.
    """

    position: int
    team: str
    class_name: str
    points: int
    wins: int
    podiums: int
    per_race: tuple[int | None, ...]
    results: tuple[int | None, ...]
    cars: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """A row of ``paddock standings --json`` ``teams``."""
        return {
            "position": self.position,
            "team": self.team,
            "points": self.points,
            "wins": self.wins,
        }


@dataclass(frozen=True)
class ClassStandings:
    class_name: str
    drivers: tuple[DriverStanding, ...]
    teams: tuple[TeamStanding, ...]

    def to_json(self, drivers: Mapping[str, str] | None = None) -> dict[str, object]:
        """``{"class", "drivers", "teams"}`` as ``paddock standings --json`` writes it."""
        names = drivers or {}
        return {
            "class": self.class_name,
            "drivers": [row.to_json(names.get(row.number)) for row in self.drivers],
            "teams": [row.to_json() for row in self.teams],
        }


@dataclass(frozen=True)
class SeasonStandings:
    classes: tuple[ClassStandings, ...]
    juniors: tuple[DriverStanding, ...]

    def for_class(self, class_name: str) -> ClassStandings:
        for standings in self.classes:
            if standings.class_name == class_name:
                return standings
        return ClassStandings(class_name, (), ())


@dataclass
class _Tally:
    """A competitor's running totals while the races are read (internal, mutable)."""

    races: int
    class_name: str = ""
    points: int = 0
    positions: Counter[int] = field(default_factory=Counter)
    per_race: list[int | None] = field(default_factory=list)
    results: list[int | None] = field(default_factory=list)
    disqualified: list[bool] = field(default_factory=list)
    dropped: list[bool] = field(default_factory=list)
    cars: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.per_race = [None] * self.races
        self.results = [None] * self.races
        self.disqualified = [False] * self.races
        self.dropped = [False] * self.races

    def add(self, index: int, row: RaceRow, points: int, counted: bool) -> None:
        self.class_name = row.class_name
        self.cars.add(row.number)
        self.points += points
        self.per_race[index] = (self.per_race[index] or 0) + points
        if row.status == DSQ:
            self.disqualified[index] = True
        if counted and row.class_position is not None:
            self.positions[row.class_position] += 1
            best = self.results[index]
            if best is None or row.class_position < best:
                self.results[index] = row.class_position

    def drop(self, rule: DropRule, races: Sequence[RaceResult], calendar_races: int) -> None:
        """Take the rule's lowest droppable results out of ``points`` (see the module)."""
        last = calendar_races - 1
        pool = [i for i, race in enumerate(races)
                if (last - i if race.races_after is None else race.races_after)
                >= rule.protect_last]
        counted = max(0, calendar_races - rule.protect_last - rule.count)
        excess = min(rule.count, len(pool) - counted)
        if excess <= 0:
            return
        candidates = sorted((i for i in pool if not self.disqualified[i]),
                            key=lambda i: (self.per_race[i] or 0, i))
        for i in candidates[:excess]:
            self.dropped[i] = True
            self.points -= self.per_race[i] or 0


def _tally(
    races: Sequence[RaceResult],
    scale: PointsScale,
    competitor: Callable[[RaceRow], str | None],
    calendar_races: int | None = None,
    drops: bool = False,
) -> dict[str, _Tally]:
    """Totals per competitor (``competitor`` names it for a row, None leaves the row out)."""
    tallies: dict[str, _Tally] = {}
    for index, race in enumerate(races):
        for row in race.rows:
            name = competitor(row)
            if name is None:
                continue
            tally = tallies.get(name)
            if tally is None:
                tally = tallies[name] = _Tally(len(races))
            tally.add(index, row, race_points(row, scale), scores(row, scale))
    if drops:
        for tally in tallies.values():
            rule = scale.drop_rule(tally.class_name)
            if rule is not None:
                tally.drop(rule, races,
                           len(races) if calendar_races is None else calendar_races)
    return tallies


def _ranked(
    tallies: Mapping[str, _Tally], name_key: Callable[[str], object]
) -> list[tuple[int, str, _Tally]]:
    """Order by points, count-back, latest results; equal on all of them share a position."""
    deepest = max((max(t.positions, default=0) for t in tallies.values()), default=0)

    def merit(name: str) -> tuple[object, ...]:
        tally = tallies[name]
        countback = tuple(-tally.positions[p] for p in range(1, deepest + 1))
        latest = tuple(math.inf if r is None else r for r in reversed(tally.results))
        return (-tally.points, countback, latest)

    merits = {name: merit(name) for name in tallies}
    ordered = sorted(tallies, key=lambda name: (merits[name], name_key(name)))
    ranked: list[tuple[int, str, _Tally]] = []
    previous: tuple[object, ...] | None = None
    position = 0
    for index, name in enumerate(ordered, start=1):
        current = merits[name]
        if current != previous:
            position, previous = index, current
        ranked.append((position, name, tallies[name]))
    return ranked


def _drivers(tallies: Mapping[str, _Tally]) -> tuple[DriverStanding, ...]:
    return tuple(
        DriverStanding(
            position=position,
            number=number,
            class_name=tally.class_name,
            points=tally.points,
            wins=tally.positions[1],
            podiums=tally.positions[1] + tally.positions[2] + tally.positions[3],
            per_race=tuple(tally.per_race),
            results=tuple(tally.results),
            dropped=tuple(tally.dropped) if any(tally.dropped) else (),
        )
        for position, number, tally in _ranked(tallies, car_number_key)
    )


def driver_standings(
    races: Sequence[RaceResult],
    class_name: str,
    scale: PointsScale = DEFAULT_POINTS_SCALE,
    calendar_races: int | None = None,
) -> tuple[DriverStanding, ...]:
    """Every car that raced in the class, ranked; only its results in that class count.

    Args:
        calendar_races: the races of the season's calendar, run or not (for the class's
            drop rule); None = only the races given.
    """
    return _drivers(
        _tally(races, scale, lambda row: row.number if row.class_name == class_name else None,
               calendar_races, drops=True)
    )


def team_standings(
    races: Sequence[RaceResult],
    class_name: str,
    entries: Iterable[StandingsEntry],
    scale: PointsScale = DEFAULT_POINTS_SCALE,
) -> tuple[TeamStanding, ...]:
    """Teams ranked on their eligible cars' points in the class (ties as for drivers)."""
    teams = {e.number: e.team for e in entries if e.team_eligible and e.team}
    tallies = _tally(
        races,
        scale,
        lambda row: teams.get(row.number) if row.class_name == class_name else None,
    )
    return tuple(
        TeamStanding(
            position=position,
            team=team,
            class_name=class_name,
            points=tally.points,
            wins=tally.positions[1],
            podiums=tally.positions[1] + tally.positions[2] + tally.positions[3],
            per_race=tuple(tally.per_race),
            results=tuple(tally.results),
            cars=tuple(sorted(tally.cars, key=car_number_key)),
        )
        for position, team, tally in _ranked(tallies, str.casefold)
    )


def junior_standings(
    races: Sequence[RaceResult],
    entries: Iterable[StandingsEntry],
    scale: PointsScale = DEFAULT_POINTS_SCALE,
    calendar_races: int | None = None,
) -> tuple[DriverStanding, ...]:
    """Every Junior driver across classes, on the points scored in their class."""
    juniors = {e.number for e in entries if e.junior}
    return _drivers(_tally(races, scale,
                           lambda row: row.number if row.number in juniors else None,
                           calendar_races, drops=True))


def season_standings(
    races: Sequence[RaceResult],
    entries: Iterable[StandingsEntry],
    scale: PointsScale = DEFAULT_POINTS_SCALE,
    classes: Sequence[str] | None = None,
    calendar_races: int | None = None,
) -> SeasonStandings:
    """Every table of the season: drivers and teams per class, and the Junior table.

    Args:
        classes: the classes in display order; by default those found in the results, in
            order of first appearance.
        calendar_races: the races of the season's calendar, run or not (drop rules).
    """
    listed = list(entries)
    if classes is None:
        classes = list(dict.fromkeys(row.class_name for race in races for row in race.rows))
    return SeasonStandings(
        classes=tuple(
            ClassStandings(
                name,
                driver_standings(races, name, scale, calendar_races),
                team_standings(races, name, listed, scale),
            )
            for name in classes
        ),
        juniors=junior_standings(races, listed, scale, calendar_races),
    )
