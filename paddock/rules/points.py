"""Championship points for one race: the season's scale, bonuses, who scores.

The rules (domain: Points): per class, per race, class positions 1-15 score 25, 20, 17,
14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1. Not classified (NC), did not start (DNS) and
disqualified (DSQ) score nothing. Pole and fastest-lap bonuses are options, off by
default (the 2021 season gives +5 to each race's class pole). A class may drop its lowest
results (`DropRule`; applied by `paddock.rules.standings`). All of it is a `PointsScale`
the series manager can change per season.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_POSITION_POINTS: tuple[int, ...] = (25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)

# Statuses as the results JSON writes them (see cli.md).
CLASSIFIED = "classified"
NOT_CLASSIFIED = "not-classified"
DNF = "dnf"
DNS = "dns"
DSQ = "dsq"


@dataclass(frozen=True)
class DropRule:
    """A class drops its ``count`` lowest race results; the last ``protect_last`` races of
    the calendar can never be dropped."""

    class_name: str
    count: int
    protect_last: int = 0

    def to_json(self) -> dict[str, object]:
        return {"class": self.class_name, "count": self.count,
                "protect_last": self.protect_last}


@dataclass(frozen=True)
class PointsScale:
    """The season's points table.

    Attributes:
        positions: points for class positions 1, 2, 3, ...; positions beyond it score 0.
        pole_bonus: points for the class pole (0 = no bonus).
        fastest_lap_bonus: points for the class fastest lap (0 = no bonus).
        non_scoring: statuses that never score, whatever the class position.
        bonus_needs_score: bonuses only go to a car that scores in the race (has a class
            position and a scoring status); False gives them to any car credited with them.
        drops: the classes that drop results (at most one rule per class).
    """

    positions: tuple[int, ...] = DEFAULT_POSITION_POINTS
    pole_bonus: int = 0
    fastest_lap_bonus: int = 0
    # "dnf" is a retirement short of the classified share (a retirement above it is
    # "classified"), so it is not classified and scores nothing either.
    non_scoring: frozenset[str] = frozenset({NOT_CLASSIFIED, DNF, DNS, DSQ})
    bonus_needs_score: bool = True
    drops: tuple[DropRule, ...] = ()

    def drop_rule(self, class_name: str) -> DropRule | None:
        """The class's drop rule, None when it counts every result."""
        return next((rule for rule in self.drops
                     if rule.class_name == class_name and rule.count > 0), None)

    def for_position(self, class_position: int) -> int:
        """Points for a class position (1 = class winner), 0 beyond the table."""
        if class_position < 1:
            raise ValueError(f"class position {class_position} does not exist")
        return self.positions[class_position - 1] if class_position <= len(self.positions) else 0


DEFAULT_POINTS_SCALE = PointsScale()


@dataclass(frozen=True)
class RaceRow:
    """One car in one race, as the standings need it.

    Attributes:
        number: the car number.
        class_name: the class it raced in.
        class_position: its position in class, None when it has none (DNS, DSQ, ...).
        status: "classified", "not-classified", "dnf", "dns" or "dsq".
        pole: it started from the class pole.
        fastest_lap: it set the fastest lap of its class.
    """

    number: str
    class_name: str
    class_position: int | None
    status: str = CLASSIFIED
    pole: bool = False
    fastest_lap: bool = False


@dataclass(frozen=True)
class RaceResult:
    """One race of the season (races are passed in season order).

    ``races_after`` counts the calendar's races after this one (0 = the season's final
    race), for the drop rules' protected last races; None = the races are given from the
    first of the calendar on, so it follows from the race's place and the calendar's size.
    """

    label: str
    rows: tuple[RaceRow, ...]
    races_after: int | None = None


def scores(row: RaceRow, scale: PointsScale = DEFAULT_POINTS_SCALE) -> bool:
    """Whether the result counts: a class position and a status that is not excluded."""
    return row.class_position is not None and row.status not in scale.non_scoring


def race_points(row: RaceRow, scale: PointsScale = DEFAULT_POINTS_SCALE) -> int:
    """The points a car takes from one race, bonuses included."""
    counted = scores(row, scale)
    points = 0
    if counted and row.class_position is not None:
        points = scale.for_position(row.class_position)
    if counted or not scale.bonus_needs_score:
        if row.pole:
            points += scale.pole_bonus
        if row.fastest_lap:
            points += scale.fastest_lap_bonus
    return points


def points_by_car(
    rows: Iterable[RaceRow], scale: PointsScale = DEFAULT_POINTS_SCALE
) -> dict[str, int]:
    """Car number -> points for one race."""
    return {row.number: race_points(row, scale) for row in rows}
