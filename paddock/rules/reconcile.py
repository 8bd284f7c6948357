"""Paddock's classification beside the timing system's own: every difference, with its cause.

The timing system's results file (``03_`` results, ``05_`` results by class) is the
timekeepers' classification. Loaded with the time cards it is a second opinion: car by
car, Paddock compares position, laps, total time, best lap and class position, and names
the likely cause of each difference (domain: "What the timing system already decided"):

- a total that is longer by whole seconds: a stewards' time penalty the timing system
  applied and Paddock has not recorded (``suggested_penalties`` offers it, for an
  official to confirm); shorter by exactly the penalty recorded here: the reverse;
- a best lap that differs: a lap deleted on one side and not the other (reinstate it, or
  delete it, with a reason);
- a car listed as a starter with 0 laps: it took the start (DNF, not DNS);
- laps that differ: a lap missing from one of the files.

Labels are notes, not differences: IMSA calls every starter "Classified", and classes
named otherwise than the season's cannot be compared by class position.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from paddock.rules.classification import Classification, ClassificationRow, Status
from paddock.rules.laptime import format_gap, format_laptime

FIELDS = ("position", "laps", "total_time", "best_lap", "class_position")


@dataclass(frozen=True)
class TimingLine:
    """One car's line in the timing system's results file (overall or by class)."""

    number: str
    position: int | None
    laps: int
    total_time_ms: int | None = None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    class_name: str = ""
    class_position: int | None = None
    status_text: str = ""


@dataclass(frozen=True)
class Difference:
    """One field of one car on which Paddock and the timing system disagree."""

    car: str
    field: str
    ours: Any
    theirs: Any
    cause: str

    def as_json(self) -> dict[str, Any]:
        return {"car": self.car, "field": self.field, "ours": self.ours,
                "theirs": self.theirs, "cause": self.cause}

    @property
    def text(self) -> str:
        """One line, as the CLI prints it: car, what, ours, theirs, likely cause."""
        return (f"car {self.car}: {self.field.replace('_', ' ')} ours {_shown(self)} "
                f"theirs {_shown(self, theirs=True)}: {self.cause}")


@dataclass(frozen=True)
class SuggestedPenalty:
    """A time penalty the timing system's file shows and Paddock has not recorded."""

    car: str
    seconds: int


@dataclass(frozen=True)
class Reconciliation:
    differences: tuple[Difference, ...] = ()
    notes: tuple[str, ...] = ()
    suggested_penalties: tuple[SuggestedPenalty, ...] = field(default=())

    @property
    def agrees(self) -> bool:
        return not self.differences

    def as_json(self) -> dict[str, Any]:
        return {"agrees": self.agrees,
                "differences": [d.as_json() for d in self.differences],
                "notes": list(self.notes)}

    @property
    def summary(self) -> str:
        """One line: "agrees with the timing system" or "3 differences (cars 7, 25)"."""
        if self.agrees:
            return "agrees with the timing system's results file"
        cars = ", ".join(dict.fromkeys(d.car for d in self.differences))
        count = len(self.differences)
        return (f"{count} difference{'s' if count != 1 else ''} from the timing system's "
                f"results file (car{'s' if ',' in cars else ''} {cars})")


def _shown(difference: Difference, *, theirs: bool = False) -> str:
    value = difference.theirs if theirs else difference.ours
    if value is None:
        return "-"
    if difference.field in ("total_time", "best_lap") and isinstance(value, int):
        return format_laptime(value)
    if difference.field == "best_lap" and isinstance(value, list | tuple):
        time, lap = value
        return f"{format_laptime(time)} (lap {lap})" if time is not None else "-"
    return str(value)


def _best_lap_cause(
    row: ClassificationRow,
    line: TimingLine,
    deleted: Mapping[int, str],
    lap_times: Mapping[int, int | None],
) -> str:
    theirs_lap = line.best_lap_number
    if theirs_lap is not None and theirs_lap in deleted:
        return (f"lap {theirs_lap} deleted here ({deleted[theirs_lap]}), counted by the timing "
                "system: reinstate it, or keep the deletion with a reason")
    if line.best_lap_ms is None and row.best_lap_ms is not None:
        return "no valid lap in the timing system's file: its laps were deleted there"
    if row.best_lap_ms is None:
        return "every lap deleted here; the timing system counts one"
    if (row.best_lap_ms < (line.best_lap_ms or 0) and row.best_lap_number is not None):
        return (f"lap {row.best_lap_number} counted here, deleted in the timing system: "
                "delete it with a reason")
    if theirs_lap is not None and lap_times.get(theirs_lap) not in (None, line.best_lap_ms):
        return f"lap {theirs_lap} has another time in the time cards"
    return "a lap deleted or reinstated on one side only"


def _total_cause(row: ClassificationRow, ours: int, theirs: int) -> tuple[str, int | None]:
    delta = theirs - ours
    if delta > 0 and delta % 1000 == 0:
        if row.penalty_ms:
            return f"a further time penalty {delta // 1000} s in the timing system's file", \
                delta // 1000
        return f"time penalty {delta // 1000} s", delta // 1000
    if delta < 0 and row.penalty_ms and -delta == row.penalty_ms:
        return (f"penalty {row.penalty_ms // 1000} s recorded here, not in the timing "
                "system's file"), None
    return f"totals differ by {format_gap(abs(delta))} (a lap or a time missing?)", None


def reconcile(
    ours: Classification,
    overall: Sequence[TimingLine],
    by_class: Sequence[TimingLine] = (),
    *,
    season_classes: Collection[str] = (),
    deleted_laps: Mapping[str, Mapping[int, str]] | None = None,
    lap_times: Mapping[str, Mapping[int, int | None]] | None = None,
) -> Reconciliation:
    """Compare a classification with the timing system's results file(s).

    Args:
        ours: Paddock's classification of the session.
        overall: the lines of the results file (``03_``); may be empty when only the
            by-class file was loaded, whose lines then stand for it.
        by_class: the lines of the results-by-class file (``05_``), for class positions.
        season_classes: the season's class names: class positions are compared only for
            cars whose class the timing system names the same.
        deleted_laps: per car, the laps deleted here (timing system or decisions), reasons.
        lap_times: per car, each lap's time in the time cards (to tell what a best lap is).
    """
    deleted_laps = deleted_laps or {}
    lap_times = lap_times or {}
    race = not ours.session.ranks_by_best_lap
    lines = list(overall) or list(by_class)
    pic = {line.number: line for line in by_class}
    differences: list[Difference] = []
    notes: list[str] = []
    suggested: list[SuggestedPenalty] = []
    rows = {row.number: row for row in ours.rows}
    labels: set[str] = set()
    foreign: set[str] = set()

    for line in lines:
        row = rows.get(line.number)
        car = line.number

        def differ(name: str, mine: Any, theirs: Any, cause: str, car: str = car) -> None:
            differences.append(Difference(car, name, mine, theirs, cause))

        if row is None:
            differ("position", None, line.position,
                   "in the timing system's file but not in Paddock's classification")
            continue
        if line.status_text:
            labels.add(line.status_text)
        started_no_lap = line.position is not None and line.laps == 0
        if row.laps != line.laps:
            differ("laps", row.laps, line.laps,
                   "a lap missing from the time cards or from the results file")
        if race and row.total_time_ms is not None and line.total_time_ms is not None \
                and row.total_time_ms != line.total_time_ms:
            cause, seconds = _total_cause(row, row.total_time_ms, line.total_time_ms)
            differ("total_time", row.total_time_ms, line.total_time_ms, cause)
            if seconds:
                suggested.append(SuggestedPenalty(car, seconds))
        # A file that does not give the lap number of the best lap is compared on the time.
        their_lap = line.best_lap_number if line.best_lap_ms else None
        our_lap = row.best_lap_number if row.best_lap_ms and their_lap is not None else None
        if (row.best_lap_ms, our_lap) != (line.best_lap_ms, their_lap):
            differ("best_lap", [row.best_lap_ms, row.best_lap_number],
                   [line.best_lap_ms, line.best_lap_number],
                   _best_lap_cause(row, line, deleted_laps.get(car, {}),
                                   lap_times.get(car, {})))
        if row.position != line.position:
            if row.position is None and row.status is Status.DNS and started_no_lap:
                cause = "listed as a starter with 0 laps: it took the start (DNF, not DNS)"
            elif row.position is None and row.status is not Status.CLASSIFIED:
                notes.append(f"car {car}: numbered {line.position} by the timing system, "
                             f"{row.status.value} without a position by the season's setting")
                cause = ""
            else:
                cause = "the order follows from the differences listed" \
                    if any(d.field != "position" for d in differences) else \
                    "order differs (equal times? a car's laps?)"
            if cause:
                differ("position", row.position, line.position, cause)
        theirs_class = pic.get(car, line if line.class_position is not None else None)
        if theirs_class is not None and theirs_class.class_position is not None:
            if theirs_class.class_name and theirs_class.class_name not in season_classes:
                foreign.add(theirs_class.class_name)
            elif row.class_position != theirs_class.class_position:
                if row.class_position is None and row.status is not Status.CLASSIFIED:
                    notes.append(f"car {car}: class position {theirs_class.class_position} "
                                 "in the timing system, none by the season's setting")
                else:
                    differ("class_position", row.class_position,
                           theirs_class.class_position,
                           "follows from the overall order" if row.position != line.position
                           else "class differs from the entry list?")

    listed = {line.number for line in lines}
    for row in ours.rows:
        if row.number not in listed and row.laps > 0:
            differences.append(Difference(row.number, "laps", row.laps, None,
                                          "has laps in the time cards but is not in the "
                                          "timing system's results file"))
    if labels:
        notes.append("status labels as the timing system writes them ("
                     + ", ".join(sorted(labels)) + ") are not compared: IMSA calls every "
                     "starter Classified")
    if foreign:
        notes.append("class positions not compared for classes named otherwise than the "
                     "season's: " + ", ".join(sorted(foreign)))
    return Reconciliation(tuple(differences), tuple(notes), tuple(suggested))
