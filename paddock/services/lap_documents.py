"""The lap documents' data: time cards, fastest and best laps, best sectors, pit stops,
flags and the lap chart, from a session's stored time cards and its classification.

One pair per document, as in `paddock.services.documents`: ``<name>_document(db, ...)``
returns the plain data of `paddock.reports.lap_documents`, and `lap_document_pdf` renders
any of them by name (``LAP_DOCUMENTS``). The laps are read once through ``db.reader()``;
the cars' order, class, driver and team come from `session_results`, so every document
agrees with the classification; the laps deleted now (by the timing system or by a
decision, less those reinstated) come from `deleted_laps_by_car`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from paddock.db.engine import Database
from paddock.db.models import LapRecordRow
from paddock.errors import NotFound, PaddockError
from paddock.reports.documents import DISQUALIFIED, DocumentBase, DocumentStatus
from paddock.reports.lap_documents import (
    RUNNING_FLAGS,
    BestLap,
    BestLapsDocument,
    BestLapsRow,
    BestSectorsDocument,
    BestSectorsRow,
    CarInfo,
    CarPitStops,
    FastestLapRow,
    FastestLapsDocument,
    FlagPeriod,
    FlagsDocument,
    LapChartCar,
    LapChartDocument,
    PitStop,
    PitStopsDocument,
    SectorTime,
    SessionBestSector,
    TimeCard,
    TimeCardLap,
    TimeCardsDocument,
)
from paddock.rules import penalties as pen
from paddock.rules.laptime import parse_optional_time
from paddock.services.documents import STATUS_TEXT, NoResults, _event_facts, _status
from paddock.services.results import SessionResults, session_results
from paddock.services.season import current_season, find_event, find_session

#: The lap documents by their CLI name, with their titles.
LAP_DOCUMENTS: dict[str, str] = {
    "time-cards": "Time Cards",
    "fastest-laps": "Fastest Laps",
    "best-laps": "Best 10 Laps",
    "best-sectors": "Best Sectors and Ideal Lap",
    "pit-stops": "Pit Stops",
    "flags": "Flags",
    "lap-chart": "Lap Chart",
}
#: Documents that only a race has (positions by time at the line).
RACE_ONLY = frozenset({"lap-chart"})
BEST_LAPS_COUNT = 10


@dataclass(frozen=True)
class _Lap:
    """A stored lap as the builders use it (read once, detached from the session)."""

    number: str
    lap: int
    lap_time_ms: int | None
    elapsed_ms: int | None
    hour: str
    in_pit: bool
    pit_time_ms: int | None
    driver: str
    flag: str
    sectors: tuple[int | None, int | None, int | None]
    kph: float | None
    top_speed: float | None = None


@dataclass(frozen=True)
class _Session:
    """What every lap document of one session starts from."""

    header: dict[str, Any]
    results: SessionResults
    laps: dict[str, list[_Lap]]  # by car, in lap order
    deleted: dict[str, dict[int, tuple[str, str]]]  # car -> lap -> (reason, deleted by)
    cars: dict[str, CarInfo]  # every car with laps or a classification line
    order: list[str]  # cars in classification order, then any others with laps
    class_order: tuple[str, ...]
    lap_length_m: int | None
    race_number: int | None = None

    def valid(self, number: str) -> list[_Lap]:
        """The car's timed laps whose time counts."""
        gone = self.deleted.get(number, {})
        return [lap for lap in self.laps.get(number, ())
                if lap.lap_time_ms is not None and lap.lap not in gone]

    def speed(self, lap: _Lap) -> float | None:
        if lap.kph is not None:
            return lap.kph
        if self.lap_length_m and lap.lap_time_ms:
            return self.lap_length_m * 3600 / lap.lap_time_ms
        return None


def _load(db: Database, event: str, session: str, title: str,
          generated_at: datetime | None) -> _Session:
    facts = _event_facts(db, event)
    results = session_results(db, event=event, session=session)
    with db.reader() as s:
        found = find_session(s, find_event(s, current_season(s), event), session)
        race_number = found.race_number
        rows = s.exec(select(LapRecordRow).where(LapRecordRow.session_id == found.id)
                      .order_by(col(LapRecordRow.number), col(LapRecordRow.lap))).all()
        laps: dict[str, list[_Lap]] = {}
        timing: dict[str, dict[int, str]] = {}
        for r in rows:
            laps.setdefault(r.number, []).append(_Lap(
                r.number, r.lap, r.lap_time_ms, r.elapsed_ms, r.hour, r.in_pit, r.pit_time_ms,
                r.driver_name, r.flag.strip().upper(), (r.s1_ms, r.s2_ms, r.s3_ms), r.kph,
                r.top_speed))
            if r.timing_deleted:
                timing.setdefault(r.number, {})[r.lap] = r.timing_reason
    if not laps:
        raise NoResults(f"no time cards for {results.event_short_name} {results.session_code}: "
                        "import the timing system's time cards (lap analysis) first")
    cars: dict[str, CarInfo] = {}
    for view in results.rows:
        row = view.row
        cars[row.number] = CarInfo(number=row.number, driver=view.driver,
                                   class_name=row.class_name, team=view.team, car=view.car,
                                   position=row.position, status=STATUS_TEXT[row.status])
    order = [view.row.number for view in results.rows if view.row.number in laps]
    for number in sorted(set(laps) - set(order)):
        first = laps[number][0]
        cars[number] = CarInfo(number=number, driver=first.driver, class_name="")
        order.append(number)
    header = facts.header(title, results.session_name, generated_at=generated_at)
    header["status"] = _lap_status(results)
    return _Session(header, results, laps, _deleted(results, timing), cars, order,
                    facts.season.class_order, facts.lap_length_m, race_number)


def _lap_status(results: SessionResults) -> DocumentStatus:
    """Provisional, or official as the classification is: a lap document is computed from
    the official revision, so it prints a hash of its own and names the revision's."""
    status = _status(results)
    if not status.official:
        return status
    source = (f"From the official classification, revision {results.revision} "
              f"(hash {results.content_hash}).")
    return replace(status, content_hash="",
                   reason=f"{status.reason.rstrip('.')}. {source}" if status.reason else source)


def _deleted(results: SessionResults, timing: dict[str, dict[int, str]]
             ) -> dict[str, dict[int, tuple[str, str]]]:
    """The laps deleted now, each with its reason and what deleted it: "decision 4" (or
    "stewards" for a decision without a number), or "timing system"."""
    rules = [p.to_rule() for p in results.penalties]
    now = pen.deleted_laps_by_car(rules, timing)
    decided: dict[tuple[str, int], pen.Penalty] = {}
    for penalty in rules:
        if penalty.kind.names_a_lap and penalty.lap is not None:
            decided[(penalty.number, penalty.lap)] = penalty
    out: dict[str, dict[int, tuple[str, str]]] = {}
    for number, laps in now.items():
        for lap, reason in laps.items():
            decision = decided.get((number, lap))
            if decision is not None and decision.kind is pen.PenaltyKind.DELETE_LAP:
                by = f"decision {decision.decision}" if decision.decision else "stewards"
            else:
                by = "timing system"
            out.setdefault(number, {})[lap] = (reason or "deleted in the timing system", by)
    return out


def _fastest(laps: Sequence[_Lap]) -> _Lap | None:
    """The quickest lap; of equal times the one set first."""
    return min(laps, key=lambda lap: (lap.lap_time_ms or 0, lap.lap), default=None)


def _best_sectors(laps: Sequence[_Lap]) -> tuple[SectorTime | None, SectorTime | None,
                                                 SectorTime | None]:
    best: list[SectorTime | None] = [None, None, None]
    for lap in laps:
        for index, ms in enumerate(lap.sectors):
            held = best[index]
            if ms is not None and (held is None or ms < held.time_ms):
                best[index] = SectorTime(ms, lap.lap)
    return best[0], best[1], best[2]


def _best_lap(data: _Session, number: str) -> tuple[int | None, int | None]:
    """The car's best valid lap as the classification has it (time, lap number)."""
    for view in data.results.rows:
        if view.row.number == number:
            return view.row.best_lap_ms, view.row.best_lap_number
    lap = _fastest(data.valid(number))
    return (lap.lap_time_ms, lap.lap) if lap else (None, None)


# --- time cards -------------------------------------------------------------------------


def time_cards_document(db: Database, *, event: str, session: str, car: str | None = None,
                        generated_at: datetime | None = None) -> TimeCardsDocument:
    """Every car's laps (or one car's, ``car``), in classification order.

    Raises:
        NotFound: unknown event, session or car (a car without laps in the session).
        NoResults: the session has no time cards.
    """
    data = _load(db, event, session, "Time Cards", generated_at)
    numbers = data.order
    if car is not None:
        if car not in data.laps:
            raise NotFound(f"car {car} has no laps in {data.results.session_code}; cars with "
                           "laps: " + ", ".join(data.order))
        numbers = [car]
    bests = {n: _best_lap(data, n) for n in data.order}
    def set_at(number: str, lap: int | None) -> int:
        return next((x.elapsed_ms or 0 for x in data.laps[number] if x.lap == lap), 0)

    # The session's best lap: of equal times, the one set first.
    fastest = min(((ms, set_at(n, lap), n, lap) for n, (ms, lap) in bests.items()
                   if ms is not None), default=None)
    session_best = (fastest[0], fastest[2], fastest[3]) if fastest else None
    cards = []
    for number in numbers:
        best_ms, best_number = bests[number]
        sectors = _best_sectors(data.valid(number))
        gone = data.deleted.get(number, {})
        car_laps = data.laps[number]
        drivers = tuple(dict.fromkeys(lap.driver for lap in car_laps if lap.driver))
        lines = []
        previous_in_pit = False
        for lap in car_laps:
            deleted, deleted_by = gone.get(lap.lap, ("", ""))
            marks = tuple(
                not deleted and best is not None and best.lap == lap.lap
                for best in sectors)
            lines.append(TimeCardLap(
                lap=lap.lap, lap_time_ms=lap.lap_time_ms, sectors=lap.sectors,
                kph=data.speed(lap), top_speed=lap.top_speed, elapsed_ms=lap.elapsed_ms,
                hour=lap.hour, flag=lap.flag,
                in_pit=lap.in_pit, pit_out=previous_in_pit,
                pit_time_ms=_pit_time(car_laps, lap) if previous_in_pit else None,
                deleted=deleted, deleted_by=deleted_by,
                best=lap.lap == best_number and not deleted,
                best_sectors=(marks[0], marks[1], marks[2]),
                session_best=session_best is not None and session_best[1:] == (number,
                                                                              lap.lap),
                driver=lap.driver if len(drivers) > 1 else ""))
            previous_in_pit = lap.in_pit
        cards.append(TimeCard(
            car=data.cars[number], laps=tuple(lines), best_lap_ms=best_ms,
            best_lap_number=best_number,
            best_sectors_ms=tuple(s.time_ms if s else None for s in sectors),  # type: ignore[arg-type]
            drivers=drivers if len(drivers) > 1 else ()))
    notes = ("Best lap and best sectors of each car in bold, marked *; the session's best "
             "lap marked **. A deleted lap time is struck through and marked X, with what "
             "deleted it; the reason is under the car's laps (it still counts for laps and "
             "total time). km/h: the lap's average speed; Top: at the speed trap (when timed). "
             "IN: the lap ended in the pit lane; OUT: the lap began there, with the time spent "
             "in the pit lane.",)
    return TimeCardsDocument(**data.header, cards=tuple(cards), notes=notes)


def _pit_time(car_laps: Sequence[_Lap], out_lap: _Lap) -> int | None:
    """The time in the pit lane of the stop before ``out_lap``.

    The timing system writes PIT_TIME on the lap that leaves the pit lane (the Long Beach
    race files do); an export that writes it on the in-lap instead is read from there.
    """
    if out_lap.pit_time_ms is not None:
        return out_lap.pit_time_ms
    before = next((lap for lap in car_laps if lap.lap == out_lap.lap - 1), None)
    return before.pit_time_ms if before is not None else None


# --- fastest laps, best laps ------------------------------------------------------------


def fastest_laps_document(db: Database, *, event: str, session: str,
                          generated_at: datetime | None = None) -> FastestLapsDocument:
    """Every car's best valid lap, quickest first (equal times: the one set first); a
    disqualified car's after the others, without a position."""
    data = _load(db, event, session, "Fastest Laps", generated_at)
    timed = []
    untimed = []
    disqualified = []
    for number in data.order:
        best_ms, best_number = _best_lap(data, number)
        lap = next((lap for lap in data.laps[number] if lap.lap == best_number), None)
        if best_ms is None or lap is None:
            untimed.append(number)
            continue
        if data.cars[number].status == DISQUALIFIED:
            disqualified.append(FastestLapRow(
                position=None, car=data.cars[number], class_position=None,
                lap_time_ms=best_ms, lap_number=lap.lap, hour=lap.hour, kph=data.speed(lap)))
            continue
        timed.append((best_ms, lap.elapsed_ms if lap.elapsed_ms is not None else 0, number,
                      lap))
    timed.sort(key=lambda item: (item[0], item[1]))
    rows = []
    in_class: dict[str, int] = {}
    first = timed[0][0] if timed else 0
    previous = first
    for position, (best_ms, _at, number, lap) in enumerate(timed, start=1):
        info = data.cars[number]
        in_class[info.class_name] = in_class.get(info.class_name, 0) + 1
        rows.append(FastestLapRow(
            position=position, car=info, class_position=in_class[info.class_name],
            lap_time_ms=best_ms, lap_number=lap.lap, hour=lap.hour,
            gap_ms=best_ms - first if position > 1 else None,
            interval_ms=best_ms - previous if position > 1 else None, kph=data.speed(lap)))
        previous = best_ms
    rows += disqualified
    rows += [FastestLapRow(position=None, car=data.cars[n], class_position=None,
                           lap_time_ms=None) for n in untimed]
    notes = ("Deleted lap times do not count. Equal times: the lap set first ranks ahead.",)
    return FastestLapsDocument(**data.header, rows=tuple(rows), class_order=data.class_order,
                               notes=notes)


def best_laps_document(db: Database, *, event: str, session: str,
                       generated_at: datetime | None = None) -> BestLapsDocument:
    """The ten quickest valid laps of every car, cars ordered by their best lap."""
    data = _load(db, event, session, "Best 10 Laps", generated_at)
    rows = []
    for number in data.order:
        laps = sorted(data.valid(number), key=lambda lap: (lap.lap_time_ms or 0, lap.lap))
        rows.append((tuple(BestLap(lap.lap, lap.lap_time_ms or 0)
                           for lap in laps[:BEST_LAPS_COUNT]), number))
    rows.sort(key=lambda item: (item[0][0].lap_time_ms if item[0] else 10**12,))
    out = []
    position = 0
    for best, number in rows:
        position += 1 if best else 0
        out.append(BestLapsRow(position=position if best else None, car=data.cars[number],
                               laps=best))
    return BestLapsDocument(**data.header, rows=tuple(out), count=BEST_LAPS_COUNT,
                            notes=("Deleted lap times do not count. Lap numbers under the "
                                   "times.",))


# --- best sectors -----------------------------------------------------------------------


def best_sectors_document(db: Database, *, event: str, session: str,
                          generated_at: datetime | None = None) -> BestSectorsDocument:
    """Each car's best sectors and ideal lap, ranked by the ideal lap; the session's best
    sector each. Sectors of deleted laps do not count."""
    data = _load(db, event, session, "Best Sectors and Ideal Lap", generated_at)
    rows = []
    for number in data.order:
        sectors = _best_sectors(data.valid(number))
        ideal = (sum(s.time_ms for s in sectors if s is not None)
                 if all(s is not None for s in sectors) else None)
        best_ms, best_number = _best_lap(data, number)
        rows.append(BestSectorsRow(position=None, car=data.cars[number], sectors=sectors,
                                   ideal_ms=ideal, best_lap_ms=best_ms,
                                   best_lap_number=best_number))
    rows.sort(key=lambda row: (row.ideal_ms is None, row.ideal_ms or 0))
    ranked = [BestSectorsRow(position=index if row.ideal_ms is not None else None,
                             car=row.car, sectors=row.sectors, ideal_ms=row.ideal_ms,
                             best_lap_ms=row.best_lap_ms, best_lap_number=row.best_lap_number)
              for index, row in enumerate(rows, start=1)]
    session_best = []
    for index in range(3):
        held: tuple[int, int, int, str] | None = None  # time, elapsed, lap, car
        for number in data.order:
            for lap in data.valid(number):
                ms = lap.sectors[index]
                if ms is None:
                    continue
                key = (ms, lap.elapsed_ms or 0, lap.lap, number)
                if held is None or key[:2] < held[:2]:
                    held = key
        if held is not None:
            session_best.append(SessionBestSector(index + 1, held[0], held[2],
                                                  data.cars[held[3]]))
    notes = ("Ideal lap: the sum of the car's best three sectors, each from the lap shown. "
             "Sectors of deleted laps do not count.",)
    return BestSectorsDocument(**data.header, rows=tuple(ranked),
                               session_best=tuple(session_best), notes=notes)


# --- pit stops, flags -------------------------------------------------------------------


def pit_stops_document(db: Database, *, event: str, session: str,
                       generated_at: datetime | None = None) -> PitStopsDocument:
    """Each car's visits to the pit lane: the in-lap, the time in the pit lane, the lap out."""
    data = _load(db, event, session, "Pit Stops", generated_at)
    cars = []
    for number in data.order:
        laps = data.laps[number]
        by_lap = {lap.lap: lap for lap in laps}
        stops: list[PitStop] = []
        for lap in laps:
            if not lap.in_pit:
                continue
            out = by_lap.get(lap.lap + 1)
            stops.append(PitStop(
                number=len(stops) + 1, in_lap=lap.lap, in_hour=lap.hour,
                out_lap=out.lap if out else None,
                pit_time_ms=_pit_time(laps, out) if out else lap.pit_time_ms,
                driver_in=lap.driver, driver_out=out.driver if out else ""))
        if stops:
            cars.append(CarPitStops(data.cars[number], tuple(stops)))
    notes = ("In-lap: the lap that ended in the pit lane. Out-lap: the lap on which the car "
             "left it. Time in pit lane: from the timing system (PIT_TIME), pit entry to exit.",)
    return PitStopsDocument(**data.header, cars=tuple(cars), notes=notes)


def _leader_crossings(data: _Session) -> list[_Lap]:
    """The first crossing of every lap number: the leader's laps, in order."""
    first: dict[int, _Lap] = {}
    for laps in data.laps.values():
        for lap in laps:
            if lap.elapsed_ms is None:
                continue
            held = first.get(lap.lap)
            if held is None or (lap.elapsed_ms, lap.number) < (held.elapsed_ms or 0, held.number):
                first[lap.lap] = lap
    return [first[n] for n in sorted(first)]


def _hour_before(lap: _Lap) -> str:
    """Time of day at the start of the lap (its crossing less its lap time)."""
    hour = _hour_ms(lap.hour)
    if hour is None or lap.lap_time_ms is None:
        return ""
    return _clock(hour - lap.lap_time_ms)


def _clock(ms: int) -> str:
    seconds = (ms // 1000) % 86_400
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _hour_ms(text: str) -> int | None:
    try:
        return parse_optional_time(text)
    except ValueError:
        return None


def flags_document(db: Database, *, event: str, session: str,
                   generated_at: datetime | None = None) -> FlagsDocument:
    """The periods under a flag other than green (FCY, SC, RF, ...), from the flag at the
    line (FLAG_AT_FL). A race's are counted on the leader's laps: from which lap and time
    to which, how many laps, how long. Practice and qualifying, whose cars are not in step,
    go by the crossings in order of time."""
    data = _load(db, event, session, "Flags", generated_at)
    leader = _leader_crossings(data)
    crossings = sorted((lap for laps in data.laps.values() for lap in laps
                        if lap.elapsed_ms is not None),
                       key=lambda lap: (lap.elapsed_ms or 0, lap.number))
    race = data.results.session_kind == "race"
    periods: list[FlagPeriod] = []
    run: list[_Lap] = []

    def close(following: _Lap | None) -> None:
        """End the period; ``following`` is the first crossing under another flag."""
        if not run:
            return
        first, last = run[0], run[-1]
        if race:
            start = max(0, (first.elapsed_ms or 0) - (first.lap_time_ms or 0))
            start_hour = _hour_before(first)
        else:
            start = first.elapsed_ms or 0
            start_hour = _clock(_hour_ms(first.hour) or 0) if first.hour else ""
        end = last.elapsed_ms or 0
        hour = _hour_ms(last.hour)
        # Every car's crossings under the flag until the leader's line shows another.
        until = following.elapsed_ms or 0 if following is not None else 10**12
        under = sum(1 for lap in crossings
                    if lap.flag == first.flag and start < (lap.elapsed_ms or 0) < until)
        periods.append(FlagPeriod(
            flag=first.flag, first_lap=first.lap if race else 0,
            last_lap=last.lap if race else 0, start_ms=start, end_ms=end,
            start_hour=start_hour, end_hour=_clock(hour) if hour is not None else "",
            crossings=under if race else len(run)))
        run.clear()

    for lap in leader if race else crossings:
        if lap.flag in RUNNING_FLAGS or (run and lap.flag != run[0].flag):
            close(lap)
        if lap.flag not in RUNNING_FLAGS:
            run.append(lap)
    close(None)
    if race:
        notes = ("From the flag at the line (FLAG_AT_FL) of the leader's laps: a period runs "
                 "from the start of the first lap the leader completed under the flag to the "
                 "end of the last; crossings: every car's crossings of the line under the "
                 "flag until the leader's showed another.",)
    else:
        notes = ("From the flag at the line (FLAG_AT_FL): a period runs from the first "
                 "crossing of the line under the flag to the last, whichever the car.",)
    last = crossings[-1] if crossings else None
    return FlagsDocument(**data.header, periods=tuple(periods), by_leader=race,
                         leader_laps=leader[-1].lap if leader else 0,
                         session_ms=((leader[-1].elapsed_ms or 0) if race and leader else
                                     (last.elapsed_ms or 0) if last else 0), notes=notes)


# --- lap chart --------------------------------------------------------------------------


def lap_chart_document(db: Database, *, event: str, session: str,
                       generated_at: datetime | None = None) -> LapChartDocument:
    """Each car's position at the end of every lap, from the elapsed times at the line.

    Raises:
        NotFound: the session is not a race (positions by time at the line mean nothing).
    """
    data = _load(db, event, session, "Lap Chart", generated_at)
    if data.results.session_kind != "race":
        raise NotFound(f"the lap chart is for races; {data.results.session_code} ranks by "
                       "best lap: print its fastest laps instead")
    elapsed: dict[str, dict[int, int]] = {}
    for number in data.order:
        total = 0
        times = {}
        for lap in data.laps[number]:
            total = lap.elapsed_ms if lap.elapsed_ms is not None else total + (lap.lap_time_ms
                                                                             or 0)
            times[lap.lap] = total
        elapsed[number] = times
    last = max((max(times, default=0) for times in elapsed.values()), default=0)
    order = []
    positions: dict[str, list[int]] = {n: [] for n in data.order}
    for lap_number in range(1, last + 1):
        there = sorted((times[lap_number], data.order.index(n), n)
                       for n, times in elapsed.items() if lap_number in times)
        order.append(tuple(n for _t, _i, n in there))
        for position, (_t, _i, number) in enumerate(there, start=1):
            positions[number].append(position)
    grid = _grid(db, event, data.race_number)
    cars = tuple(LapChartCar(data.cars[n], tuple(positions[n]),
                             grid.index(n) + 1 if n in grid else None) for n in data.order)
    notes = ("Positions at the end of each lap, in order of time at the line; a car is shown "
             "up to the last lap it completed." + (" Grid: the starting grid as it stands."
                                                  if grid else ""),)
    return LapChartDocument(**data.header, cars=cars, order=tuple(order), grid=grid,
                            class_order=data.class_order, notes=notes)


def _grid(db: Database, event: str, race: int | None) -> tuple[str, ...]:
    """The race's starting grid in order, when it was formed from timed laps; else ()."""
    from paddock.services.grids import starting_grid

    if race not in (1, 2):
        return ()
    try:
        slots = starting_grid(db, event=event, race=race).slots
    except PaddockError:
        return ()  # an amendment that no longer fits: the grid sheet says so, not this
    if not any(slot.time_ms is not None for slot in slots):
        return ()  # by car number only: no grid worth drawing from
    return tuple(slot.number for slot in slots)


# --- by name ----------------------------------------------------------------------------

_BUILDERS: dict[str, Callable[..., DocumentBase]] = {
    "time-cards": time_cards_document,
    "fastest-laps": fastest_laps_document,
    "best-laps": best_laps_document,
    "best-sectors": best_sectors_document,
    "pit-stops": pit_stops_document,
    "flags": flags_document,
    "lap-chart": lap_chart_document,
}


def lap_document(db: Database, name: str, *, event: str, session: str,
                 car: str | None = None, generated_at: datetime | None = None) -> DocumentBase:
    """The data of lap document ``name`` (a key of ``LAP_DOCUMENTS``)."""
    builder = _BUILDERS[name]
    if name == "time-cards":
        return builder(db, event=event, session=session, car=car, generated_at=generated_at)
    return builder(db, event=event, session=session, generated_at=generated_at)


def render_lap_document(document: DocumentBase) -> bytes:
    """The PDF of a lap document (any of ``LAP_DOCUMENTS``)."""
    from paddock.reports.lap_chart import render_lap_chart
    from paddock.reports.lap_sheets import render_lap_sheet
    from paddock.reports.time_cards import render_time_cards

    if isinstance(document, LapChartDocument):
        return render_lap_chart(document)
    if isinstance(document, TimeCardsDocument):
        return render_time_cards(document)
    return render_lap_sheet(document)


def lap_document_pdf(db: Database, name: str, *, event: str, session: str,
                     car: str | None = None) -> bytes:
    """Lap document ``name`` of a session as PDF.

    Raises:
        NotFound: unknown event, session or car; a lap chart of a session not a race.
        NoResults: the session has no time cards.
    """
    return render_lap_document(lap_document(db, name, event=event, session=session, car=car))


def sessions_with_laps(db: Database, event: str) -> frozenset[str]:
    """The codes of the event's sessions that hold time cards (one query)."""
    from paddock.db.models import RaceSession

    with db.reader() as s:
        found = find_event(s, current_season(s), event)
        codes = s.exec(select(RaceSession.code).where(
            RaceSession.event_id == found.id,
            col(RaceSession.id).in_(select(LapRecordRow.session_id).distinct()))).all()
    return frozenset(codes)

