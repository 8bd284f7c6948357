"""`results check`: the session's classification beside the timing system's own results file.

The comparison itself is a rule (`paddock.rules.reconcile`); this module gathers what it
needs from the database (the classification as it stands, the timing system's lines, the
laps deleted here and there) and adds the questions only an official can settle: a car on
the race's grid that never crossed the line, with nothing saying whether it started.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import select

from paddock.db.models import GridAdjustment, LapRecordRow
from paddock.rules import penalties as pen
from paddock.rules import reconcile as rules
from paddock.services.database import Database
from paddock.services.results import SessionContext


@dataclass(frozen=True)
class NoCrossing:
    """A car on the race's grid with no crossing and nothing that says if it started."""

    car: str

    @property
    def text(self) -> str:
        return (f"car {self.car}: no crossing: DNS or DNF? (paddock results status --car "
                f"{self.car} --status dns|dnf --reason ...)")


@dataclass(frozen=True)
class SessionCheck:
    """What `results check` says of one session.

    Attributes:
        files: the timing system's results files loaded for the session (kinds).
        reconciliation: the differences and notes (empty without a file).
        no_crossing: cars an official must settle as DNS or DNF.
    """

    files: tuple[str, ...]
    reconciliation: rules.Reconciliation = field(default_factory=rules.Reconciliation)
    no_crossing: tuple[NoCrossing, ...] = ()

    @property
    def has_file(self) -> bool:
        return bool(self.files)

    @property
    def agrees(self) -> bool:
        """Nothing for an official to look at (with or without a file to compare)."""
        return self.reconciliation.agrees and not self.no_crossing

    @property
    def summary(self) -> str:
        parts = []
        if self.has_file:
            parts.append(self.reconciliation.summary)
        else:
            parts.append("no results file from the timing system loaded to compare with")
        if self.no_crossing:
            cars = ", ".join(c.car for c in self.no_crossing)
            parts.append(f"{len(self.no_crossing)} car(s) without a crossing to settle "
                         f"as DNS or DNF ({cars})")
        return "; ".join(parts)

    def as_json(self) -> dict[str, Any]:
        data = self.reconciliation.as_json()
        data["agrees"] = self.has_file and self.agrees
        data["results_file"] = self.has_file
        data["no_crossing"] = [c.car for c in self.no_crossing]
        if not self.has_file:
            data["notes"] = ["no results file from the timing system is loaded for this "
                             "session", *data["notes"]]
        return data


def _lines(ctx: SessionContext, source: str) -> list[rules.TimingLine]:
    return [rules.TimingLine(
        number=r.number, position=r.position, laps=r.laps, total_time_ms=r.total_time_ms,
        best_lap_ms=r.best_lap_ms, best_lap_number=r.best_lap_number, class_name=r.class_name,
        class_position=r.class_position, status_text=r.status_text)
        for r in ctx.timing_lines(source)]


def _no_crossing(ctx: SessionContext, crossed: set[str],
                 listed: set[str]) -> tuple[NoCrossing, ...]:
    if ctx.race_session.kind != "race" or not crossed:
        return ()
    withdrawn = set(ctx.s.exec(select(GridAdjustment.number).where(
        GridAdjustment.event_id == ctx.event.id,
        GridAdjustment.race == ctx.race_session.race_number,
        GridAdjustment.kind == "withdraw")).all())
    settled = set(ctx.car_statuses())
    from paddock.rules.cars import car_number_key

    missing = [n for n in ctx.entered()
               if n not in crossed and n not in listed and n not in settled and n not in withdrawn]
    return tuple(NoCrossing(n) for n in sorted(missing, key=car_number_key))


def check_in(ctx: SessionContext) -> SessionCheck:
    """The check, inside a unit of work that is already open (publish uses it)."""
    overall, by_class = _lines(ctx, "results"), _lines(ctx, "by-class")
    # sqlmodel's select() is typed for at most 4 columns, this one has more.
    laps = ctx.s.exec(select(  # type: ignore[call-overload]
                             LapRecordRow.number, LapRecordRow.lap, LapRecordRow.lap_time_ms,
                             LapRecordRow.timing_deleted, LapRecordRow.timing_reason)
                      .where(LapRecordRow.session_id == ctx.session_id)).all()
    lap_times: dict[str, dict[int, int | None]] = {}
    timing: dict[str, dict[int, str]] = {}
    for number, lap, time, deleted, why in laps:
        lap_times.setdefault(number, {})[lap] = time
        if deleted:
            timing.setdefault(number, {})[lap] = why
    listed = {line.number for line in overall or by_class}
    no_crossing = _no_crossing(ctx, set(lap_times), listed)
    files = tuple(kind for kind, lines in (("results", overall), ("by-class", by_class))
                  if lines)
    if not files:
        return SessionCheck((), no_crossing=no_crossing)
    if not lap_times:
        # Without time cards the classification is drawn from that very file.
        return SessionCheck(files, rules.Reconciliation(notes=(
            "no time cards loaded: the classification is the timing system's results file "
            "itself, with the stewards' penalties",)))
    result, entries = ctx.compute()
    deleted = pen.deleted_laps_by_car([p.to_rule() for p in ctx.penalties()], timing)
    classes = {cls for cls, *_ in entries.values()}
    reconciliation = rules.reconcile(result, overall, by_class, season_classes=classes,
                                     deleted_laps=deleted, lap_times=lap_times)
    return SessionCheck(files, reconciliation, no_crossing)


def check_session(db: Database, *, event: str, session: str) -> SessionCheck:
    """Compare the session's classification as it stands with the timing system's file."""
    with db.reader() as s:
        return check_in(SessionContext(s, event, session))
