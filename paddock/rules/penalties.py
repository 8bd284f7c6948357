"""The stewards' penalties, as values the classification engine applies.

Each penalty names the car, the stewards' decision number and the reason. What each kind
does (domain: Classification):

- ``TIME``: N seconds added to the car's total time; the order is recomputed.
- ``DRIVE_THROUGH`` / ``STOP_AND_GO``: served in the race, they cost the car its time on
  track and nothing is added; not served, they convert to a time penalty (defaults +30 s
  and +40 s, parameters of `PenaltySettings`).
- ``DSQ``: the car is disqualified: no position, listed after the ranked cars.
- ``DELETE_LAP``: one lap time no longer counts for best lap, grid or qualifying order
  (track limits, red flag). The lap stays in the record and still counts for laps
  completed and total time.
- ``REINSTATE_LAP``: a lap time deleted before (by the timing system or by an earlier
  decision) counts again. Deletions and reinstatements apply in the order given.
- ``GRID_DROP``: N places on the next grid. Carried here; the grid module applies it.
- ``WARNING`` / ``REPRIMAND``: a decision without a penalty; it changes no result but is
  numbered and printed like any other.

Penalties are data: functions here only sort them out per car, they never touch laps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from paddock.rules.laptime import format_laptime


class PenaltyKind(StrEnum):
    TIME = "time"
    DRIVE_THROUGH = "drive-through"
    STOP_AND_GO = "stop-and-go"
    DSQ = "dsq"
    DELETE_LAP = "delete-lap"
    REINSTATE_LAP = "reinstate-lap"
    GRID_DROP = "grid-drop"
    WARNING = "warning"
    REPRIMAND = "reprimand"

    @property
    def changes_the_classification(self) -> bool:
        """Whether the session's classification can change with it (grid drops apply to
        the next grid; warnings and reprimands to nothing)."""
        return self not in (PenaltyKind.GRID_DROP, PenaltyKind.WARNING, PenaltyKind.REPRIMAND)

    @property
    def names_a_lap(self) -> bool:
        return self in (PenaltyKind.DELETE_LAP, PenaltyKind.REINSTATE_LAP)


@dataclass(frozen=True)
class PenaltySettings:
    """Season parameters: what an unserved drive-through / stop-and-go converts to."""

    drive_through_ms: int = 30_000
    stop_and_go_ms: int = 40_000


DEFAULT_PENALTY_SETTINGS = PenaltySettings()


@dataclass(frozen=True)
class Penalty:
    """One decision of the stewards against one car.

    Attributes:
        number: the car's number, as a string ("01" is not "1").
        kind: what the penalty does.
        reason: the infringement, e.g. "Track limits, turn 9".
        decision: the decision's number as printed on the stewards' document ("" if none).
        time_ms: for ``TIME``, the time added.
        lap: for ``DELETE_LAP``, the lap number whose time is deleted.
        places: for ``GRID_DROP``, the number of grid places.
        served: for ``DRIVE_THROUGH``/``STOP_AND_GO``, whether the car served it in the race.
    """

    number: str
    kind: PenaltyKind
    reason: str
    decision: str = ""
    time_ms: int = 0
    lap: int | None = None
    places: int = 0
    served: bool = False

    def __post_init__(self) -> None:
        if self.kind is PenaltyKind.TIME and self.time_ms <= 0:
            raise ValueError("a time penalty adds a positive time")
        if self.kind.names_a_lap and (self.lap is None or self.lap < 1):
            raise ValueError(f"a {self.kind.value} names a lap number (1 or more)")
        if self.kind is PenaltyKind.GRID_DROP and self.places <= 0:
            raise ValueError("a grid drop is a positive number of places")

    def added_ms(self, settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS) -> int:
        """The time this penalty adds to the car's total (0 for the kinds that add none)."""
        if self.kind is PenaltyKind.TIME:
            return self.time_ms
        if self.kind is PenaltyKind.DRIVE_THROUGH and not self.served:
            return settings.drive_through_ms
        if self.kind is PenaltyKind.STOP_AND_GO and not self.served:
            return settings.stop_and_go_ms
        return 0

    def describe(self, settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS) -> str:
        """What was applied, as printed beside the decision: "+5 s", "Lap 7 deleted"."""
        match self.kind:
            case PenaltyKind.TIME:
                return f"+{_seconds(self.time_ms)} s"
            case PenaltyKind.DRIVE_THROUGH | PenaltyKind.STOP_AND_GO:
                name = "Drive-through" if self.kind is PenaltyKind.DRIVE_THROUGH else "Stop-and-go"
                if self.served:
                    return f"{name} (served)"
                return f"{name} converted to +{_seconds(self.added_ms(settings))} s"
            case PenaltyKind.DSQ:
                return "Disqualified"
            case PenaltyKind.DELETE_LAP:
                return f"Lap {self.lap} deleted"
            case PenaltyKind.REINSTATE_LAP:
                return f"Lap {self.lap} reinstated"
            case PenaltyKind.GRID_DROP:
                return f"{self.places}-place grid drop"
            case PenaltyKind.WARNING:
                return "Warning"
            case PenaltyKind.REPRIMAND:
                return "Reprimand"
        raise AssertionError(self.kind)  # pragma: no cover - every kind is matched


def _seconds(ms: int) -> str:
    return str(ms // 1000) if ms % 1000 == 0 else format_laptime(ms)


# --- Constructors, one per decision the stewards take -----------------------------------


def time_penalty(number: str, seconds: float, reason: str, decision: str = "") -> Penalty:
    """``seconds`` added to the car's total time (whole or with milliseconds)."""
    return Penalty(number, PenaltyKind.TIME, reason, decision, time_ms=round(seconds * 1000))


def drive_through(number: str, reason: str, decision: str = "", served: bool = False) -> Penalty:
    return Penalty(number, PenaltyKind.DRIVE_THROUGH, reason, decision, served=served)


def stop_and_go(number: str, reason: str, decision: str = "", served: bool = False) -> Penalty:
    return Penalty(number, PenaltyKind.STOP_AND_GO, reason, decision, served=served)


def disqualification(number: str, reason: str, decision: str = "") -> Penalty:
    return Penalty(number, PenaltyKind.DSQ, reason, decision)


def delete_lap(number: str, lap: int, reason: str, decision: str = "") -> Penalty:
    return Penalty(number, PenaltyKind.DELETE_LAP, reason, decision, lap=lap)


def reinstate_lap(number: str, lap: int, reason: str, decision: str = "") -> Penalty:
    return Penalty(number, PenaltyKind.REINSTATE_LAP, reason, decision, lap=lap)


def grid_drop(number: str, places: int, reason: str, decision: str = "") -> Penalty:
    return Penalty(number, PenaltyKind.GRID_DROP, reason, decision, places=places)


# --- Sorting penalties out per car ------------------------------------------------------


def added_time_by_car(
    penalties: Iterable[Penalty], settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS
) -> dict[str, int]:
    """Total time each car has to add to its elapsed time (cars without any: absent)."""
    added: dict[str, int] = {}
    for penalty in penalties:
        ms = penalty.added_ms(settings)
        if ms:
            added[penalty.number] = added.get(penalty.number, 0) + ms
    return added


def deleted_laps_by_car(
    penalties: Iterable[Penalty],
    timing: Mapping[str, Mapping[int, str]] | None = None,
) -> dict[str, dict[int, str]]:
    """Lap numbers deleted per car, each with its reason.

    Args:
        penalties: the decisions, in the order taken: a deletion and a reinstatement of the
            same lap cancel out, the later one stands.
        timing: the laps the timing system had already deleted (`timing_marks`), before
            any decision.
    """
    deleted: dict[str, dict[int, str]] = {
        number: dict(laps) for number, laps in (timing or {}).items() if laps
    }
    for penalty in penalties:
        if penalty.lap is None:
            continue
        if penalty.kind is PenaltyKind.DELETE_LAP:
            deleted.setdefault(penalty.number, {})[penalty.lap] = penalty.reason
        elif penalty.kind is PenaltyKind.REINSTATE_LAP:
            deleted.get(penalty.number, {}).pop(penalty.lap, None)
    return deleted


def disqualified_cars(penalties: Iterable[Penalty]) -> dict[str, str]:
    """Disqualified cars, each with the reason."""
    return {p.number: p.reason for p in penalties if p.kind is PenaltyKind.DSQ}


def grid_drops_by_car(penalties: Iterable[Penalty]) -> dict[str, int]:
    """Grid places each car drops on its next grid (summed over decisions)."""
    drops: dict[str, int] = {}
    for penalty in penalties:
        if penalty.kind is PenaltyKind.GRID_DROP:
            drops[penalty.number] = drops.get(penalty.number, 0) + penalty.places
    return drops


def penalties_of(number: str, penalties: Iterable[Penalty]) -> tuple[Penalty, ...]:
    """The penalties given to one car, in the order given."""
    return tuple(p for p in penalties if p.number == number)


def describe_all(
    penalties: Iterable[Penalty],
    settings: PenaltySettings = DEFAULT_PENALTY_SETTINGS,
) -> Mapping[str, str]:
    """Per car, its penalties as one short note ("+5 s, Lap 7 deleted")."""
    notes: dict[str, list[str]] = {}
    for penalty in penalties:
        notes.setdefault(penalty.number, []).append(penalty.describe(settings))
    return {number: ", ".join(parts) for number, parts in notes.items()}
