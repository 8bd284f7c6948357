"""Starting grids: formed from the stored classifications, amended by the stewards.

Where each grid comes from (domain: Grids; the ordering itself is `paddock.rules.grid`):

- Race 1: each car's best valid qualifying lap, from the qualifying classification as it
  stands (the latest official revision, else the provisional one). An event that runs
  qualifying per class (one qualifying session for each) forms the grid from all of them:
  each car's laps of whichever session it ran in. Equal times: the lap
  set first (session time of the crossing; without lap times, the qualifying order).
- Race 2: each car's second-best qualifying lap, or its fastest race-1 lap when quicker.
- Cars entered at the event without a time start behind the timed ones, by their best
  lap in the event's practice sessions, then by car number. A car disqualified from a
  session loses that session's times.
- Grid drops: a ``grid-drop`` penalty applies to the first race that starts after the
  session it was recorded in, in season order. So race 1 takes the drops recorded in
  practice and qualifying of the event *and* in the previous event's race 2; race 2 takes
  those recorded in race 1. A carried-over drop of a car not entered at the event lapses.
- The stewards' amendments (`adjust_grid`: withdraw, move to a position, pit-lane start)
  are stored with their reason and applied in the order made: drops first, then pit-lane
  starters to the back, then withdrawals and moves. Any of them marks the grid amended.

Nothing about a grid is stored but the amendments: the grid is formed afresh from the
results each time, so a later penalty or a corrected qualifying shows at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    Driver,
    Entry,
    Event,
    GridAdjustment,
    PenaltyRecord,
    RaceClass,
    RaceSession,
    Season,
    Team,
)
from paddock.errors import NotFound, RuleViolation
from paddock.rules import grid as rules
from paddock.rules.classification import Status
from paddock.services.results import SessionResults, session_results
from paddock.services.season import (
    EventView,
    current_season,
    entered_numbers,
    event_view,
    find_event,
)

RACES = (1, 2)
WITHDRAW = "withdraw"
MOVE = "move"
PIT_LANE = "pit-lane"
ADJUSTMENT_KINDS = (WITHDRAW, MOVE, PIT_LANE)

# "Set first" for a lap whose crossing time is unknown (a results file, no time cards):
# after every known one, in the session's own order.
_UNKNOWN_SET_AT = 10**12
# Practice laps of several sessions must compare: each session gets its own band.
_SESSION_BAND = 10**13

_BASIS = {
    1: "Best qualifying lap",
    2: "Second-best qualifying lap, or fastest Race 1 lap when quicker",
}


@dataclass(frozen=True)
class GridSlotView:
    """One place on the grid with the entry's details, as the UI, CLI and PDFs show it.

    ``time_source`` names the time that placed the car ("Q best", "Q 2nd best",
    "R1 fastest", "practice"), None for a car without any time.
    """

    position: int
    number: str
    driver: str
    team: str
    class_name: str
    nationality: str
    car: str
    time_ms: int | None
    time_source: str | None
    note: str
    pit_lane: bool

    def to_json(self) -> dict[str, object]:
        """A slot of ``paddock grid --json``."""
        return {
            "position": self.position,
            "number": self.number,
            "driver": self.driver,
            "class": self.class_name,
            "time_ms": self.time_ms,
            "note": self.note,
        }


@dataclass(frozen=True)
class GridSource:
    """A session the grid was formed from, and which of its classifications was used."""

    session: str
    name: str
    session_kind: str
    official: bool
    revision: int

    @property
    def status(self) -> str:
        return "official" if self.official else "provisional"


@dataclass(frozen=True)
class AdjustmentView:
    """One stewards' amendment of a grid, as stored."""

    id: int
    race: int
    kind: str
    number: str
    position: int | None
    reason: str
    created_by: str
    created_at: datetime

    @property
    def text(self) -> str:
        """The amendment as printed under the grid."""
        if self.kind == WITHDRAW:
            return f"car {self.number} withdrawn: {self.reason}"
        if self.kind == MOVE:
            return f"car {self.number} moved to position {self.position}: {self.reason}"
        return f"car {self.number} starts from the pit lane: {self.reason}"


@dataclass(frozen=True)
class PendingDrop:
    """A grid drop decided but not applied to this grid: it waits for a later one.

    ``applies_to`` says which ("the next event's Race 1 grid", "this grid, once it is
    formed"); ``decided_in`` where it was decided ("Race 2", "Sebring Race 2").
    """

    number: str
    text: str  # "+3 places: decision 5, jump start"
    decided_in: str
    decided_at: datetime
    applies_to: str


@dataclass(frozen=True)
class GridView:
    """A race's starting grid as it stands.

    Attributes:
        event: the event (name, venue, dates, time zone) for the sheet's header.
        race: 1 or 2.
        pole_side: "left" or "right", the event's.
        basis: how the order was formed, in words.
        amended: the stewards changed the grid by hand (see ``amendments``).
        amendments: each amendment in words, in the order made.
        slots: the grid, pole first; withdrawn cars are not on it.
        sources: the sessions whose classifications formed it (qualifying first).
        adjustments: the stored amendments (with ids, to remove one).
        pending: grid drops shown on this grid but not applied to it (see `_grid_drops`).
    """

    event: EventView
    race: int
    pole_side: str
    basis: str
    amended: bool
    amendments: tuple[str, ...]
    slots: tuple[GridSlotView, ...]
    sources: tuple[GridSource, ...]
    adjustments: tuple[AdjustmentView, ...]
    pending: tuple[PendingDrop, ...] = ()

    @property
    def qualifying(self) -> GridSource | None:
        """The qualifying session the grid comes from (None: the event has none)."""
        return next((s for s in self.sources if s.session_kind == "qualifying"), None)

    @property
    def qualifying_official(self) -> bool:
        return self.qualifying is not None and self.qualifying.official

    @property
    def qualifying_revision(self) -> int | None:
        return self.qualifying.revision if self.qualifying is not None else None

    @property
    def official(self) -> bool:
        """Every classification the grid comes from is official."""
        return all(source.official for source in self.sources)

    def slot_of(self, car: str) -> GridSlotView | None:
        return next((slot for slot in self.slots if slot.number == car), None)

    def to_json(self) -> dict[str, object]:
        """``{"race": 1, "slots": [...]}``: the ``paddock grid --json`` contract."""
        return {"race": self.race, "slots": [slot.to_json() for slot in self.slots]}


@dataclass(frozen=True)
class _Details:
    driver: str
    team: str
    class_name: str
    nationality: str
    car: str


@dataclass(frozen=True)
class _Results:
    """The classifications a grid is formed from, read before the grid is computed."""

    event: EventView
    practice: tuple[SessionResults, ...]
    qualifying: tuple[SessionResults, ...]  # every qualifying session, in schedule order
    race1: SessionResults | None


# --- reading --------------------------------------------------------------------------------


def _race_session(s: Session, event: Event, race: int) -> RaceSession:
    if race not in RACES:
        raise RuleViolation([f"race {race} does not exist: a grid is for race 1 or race 2"])
    found = s.exec(select(RaceSession).where(
        RaceSession.event_id == event.id, RaceSession.kind == "race",
        RaceSession.race_number == race)).first()
    if found is None:
        raise NotFound(f"{event.name} has no race {race}")
    return found


def _event_sessions(db: Database, event: str, race: int) -> tuple[int, list[RaceSession]]:
    """The event's number and its sessions (checking the race exists)."""
    with db.reader() as s:
        found = find_event(s, current_season(s), event)
        _race_session(s, found, race)
        sessions = s.exec(select(RaceSession).where(RaceSession.event_id == found.id)
                          .order_by(col(RaceSession.sort_order))).all()
        return found.number, list(sessions)


def _load_results(db: Database, event: str, race: int) -> tuple[str, _Results]:
    number, sessions = _event_sessions(db, event, race)
    key = str(number)

    def results(code: str) -> SessionResults:
        return session_results(db, event=key, session=code)

    race1 = next((r for r in sessions if r.kind == "race" and r.race_number == 1), None)
    return key, _Results(
        event=event_view(db, key),
        practice=tuple(results(r.code) for r in sessions if r.kind == "practice"),
        qualifying=tuple(results(r.code) for r in sessions if r.kind == "qualifying"),
        race1=results(race1.code) if race1 is not None and race == 2 else None,
    )


def _details(s: Session, season: Season) -> dict[str, _Details]:
    rows = s.exec(
        # sqlmodel's select() is typed for at most 4 columns, this one has more.
        select(  # type: ignore[call-overload]
               Entry.number, Driver.first_name, Driver.last_name, Team.name, RaceClass.name,
               Driver.nationality, Car.code)
        .join(Driver, col(Entry.driver_id) == Driver.id)
        .join(Team, col(Entry.team_id) == Team.id)
        .join(RaceClass, col(Entry.class_id) == RaceClass.id)
        .join(Car, col(Entry.car_id) == Car.id)
        .where(Entry.season_id == season.id)
    ).all()
    return {n: _Details(f"{first} {last}", team, cls, nat, car)
            for n, first, last, team, cls, nat, car in rows}


@dataclass(frozen=True)
class _SessionPlace:
    """A session's place in the season, for finding which grid a drop decided there hits."""

    id: int
    kind: str
    event_id: int
    event_name: str
    race_number: int | None
    name: str


def _season_sessions(s: Session, season: Season) -> list[_SessionPlace]:
    rows = s.exec(
        select(RaceSession.id, RaceSession.kind, Event.id, Event.name,  # type: ignore[call-overload]
               RaceSession.race_number, RaceSession.name)
        .join(Event, col(RaceSession.event_id) == Event.id)
        .where(Event.season_id == season.id)
        .order_by(col(Event.number), col(RaceSession.sort_order))).all()
    return [_SessionPlace(*row) for row in rows if row[0] is not None]


def _drop_sessions(ordered: Sequence[_SessionPlace], race_session_id: int | None) -> list[int]:
    """Ids of the sessions whose grid drops this race takes (see the module's rule)."""
    ids = [place.id for place in ordered]
    here = ids.index(race_session_id) if race_session_id in ids else len(ids)
    start = 0
    for index in range(here - 1, -1, -1):
        if ordered[index].kind == "race":
            start = index
            break
    return ids[start:here]


def _drop_text(p: PenaltyRecord) -> str:
    reason = f"decision {p.decision}, {p.reason}" if p.decision else p.reason
    return f"+{p.places} place{'s' if p.places != 1 else ''}" + (f": {reason}" if reason else "")


@dataclass(frozen=True)
class _Drops:
    """The grid drops a race's grid takes, and those it shows as pending."""

    penalties: list[rules.GridPenalty]
    pending: list[PendingDrop]


def _grid_drops(s: Session, season: Season, race_session: RaceSession, race: int,
                loaded: _Results, on_grid: set[str]) -> _Drops:
    """Which recorded grid drops this race's grid takes.

    A drop applies to the first race that starts after the session it was decided in. A drop
    decided at another event (the previous event's race 2) never changes a grid already
    published: one recorded after this event's race 1 grid was published (its qualifying
    official before the decision) waits for race 2 instead. Until the grid it applies to is
    formed (no qualifying times yet), a drop is listed as pending, not applied; a race 2 grid
    also lists the drops decided in race 2 itself, pending for the next event's race 1.
    """
    ordered = _season_sessions(s, season)
    places = {p.id: p for p in ordered}
    event_id = race_session.event_id
    qs = loaded.qualifying
    # Published once every qualifying session it comes from is official: the last one's time.
    r1_published = (max((q.published_at for q in qs if q.published_at is not None), default=None)
                    if qs and all(q.official for q in qs) else None)
    wanted = _drop_sessions(ordered, race_session.id)
    late_from: list[int] = []
    later_here: list[int] = []
    if race == 2:
        # Drops from the previous event that came too late for this event's race 1 grid.
        first = next((p for p in ordered if p.event_id == event_id
                      and p.kind == "race" and p.race_number == 1), None)
        if first is not None:
            late_from = [i for i in _drop_sessions(ordered, first.id)
                         if places[i].event_id != event_id]
        later_here = [p.id for p in ordered if p.event_id == event_id and p.kind == "race"
                      and (p.race_number or 0) >= race]
    every = [*wanted, *late_from, *later_here]
    if not every:
        return _Drops([], [])
    records = s.exec(select(PenaltyRecord).where(
        col(PenaltyRecord.session_id).in_(every), PenaltyRecord.kind == "grid-drop")
        .order_by(col(PenaltyRecord.id))).all()
    formed = any(v.row.best_lap_ms is not None for q in qs for v in q.rows)
    if race == 2 and loaded.race1 is not None:
        formed = formed or any(v.row.best_lap_ms is not None for v in loaded.race1.rows)
    penalties: list[rules.GridPenalty] = []
    pending: list[PendingDrop] = []
    for p in records:
        if p.number not in on_grid:
            continue
        where = places[p.session_id]
        cross = where.event_id != event_id
        decided = f"{where.event_name} {where.name}" if cross else where.name
        if p.session_id in later_here:
            pending.append(PendingDrop(p.number, _drop_text(p), decided, p.created_at,
                                       "the next event's Race 1 grid"))
            continue
        late = cross and r1_published is not None and p.created_at > r1_published
        if p.session_id in late_from and not late:
            continue  # race 1 of this event took it
        if race == 1 and late:
            pending.append(PendingDrop(p.number, _drop_text(p), decided, p.created_at,
                                       "Race 2 (decided after this grid was published)"))
            continue
        if not formed:
            pending.append(PendingDrop(p.number, _drop_text(p), decided, p.created_at,
                                       "this grid, once it is formed"))
            continue
        reason = f"decision {p.decision}, {p.reason}" if p.decision else p.reason
        if cross:
            reason = f"{reason} ({decided})" if reason else decided
        penalties.append(rules.GridPenalty(p.number, p.places, reason))
    return _Drops(penalties, pending)


def _adjustment_view(record: GridAdjustment) -> AdjustmentView:
    assert record.id is not None
    return AdjustmentView(record.id, record.race, record.kind, record.number, record.position,
                          record.reason, record.created_by, record.created_at)


def _adjustments(s: Session, event: Event, race: int) -> list[AdjustmentView]:
    rows = s.exec(select(GridAdjustment).where(
        GridAdjustment.event_id == event.id, GridAdjustment.race == race)
        .order_by(col(GridAdjustment.id))).all()
    return [_adjustment_view(r) for r in rows]


# --- forming ----------------------------------------------------------------------------


def _set_at(known: int | None, index: int) -> int:
    return known if known is not None else _UNKNOWN_SET_AT + index


def _best_laps(results: SessionResults | None, *, second: bool = False,
               band: int = 0) -> list[rules.Lap]:
    """Each car's best (and second-best) valid lap of a session; DSQ cars have none."""
    laps: list[rules.Lap] = []
    if results is None:
        return laps
    for index, view in enumerate(results.rows):
        row = view.row
        if row.status is Status.DSQ:
            continue
        if row.best_lap_ms is not None:
            laps.append(rules.Lap(row.number, row.best_lap_ms,
                                  band + _set_at(row.best_lap_set_at_ms, index)))
        if second and row.second_best_lap_ms is not None:
            laps.append(rules.Lap(row.number, row.second_best_lap_ms,
                                  band + _set_at(row.second_best_lap_set_at_ms, index)))
    return laps


def _disqualified(results: SessionResults | None) -> set[str]:
    if results is None:
        return set()
    return {v.row.number for v in results.rows if v.row.status is Status.DSQ}


def _source(results: SessionResults) -> GridSource:
    return GridSource(results.session_code, results.session_name, results.session_kind,
                      results.official, results.revision)


def _form(s: Session, event_key: str, race: int, loaded: _Results,
          adjustments: Sequence[AdjustmentView]) -> GridView:
    """The grid from the loaded classifications and the stored amendments."""
    season = current_season(s)
    event = find_event(s, season, event_key)
    race_session = _race_session(s, event, race)
    details = _details(s, season)
    cars = entered_numbers(s, event)
    practice = [lap for band, results in enumerate(loaded.practice)
                for lap in _best_laps(results, band=band * _SESSION_BAND)]
    drops = _grid_drops(s, season, race_session, race, loaded, set(cars))
    penalties = drops.penalties
    pit_lane = {a.number: a.reason for a in adjustments if a.kind == PIT_LANE}
    amendments: list[rules.Adjustment] = [
        rules.Withdrawal(a.number, a.reason) if a.kind == WITHDRAW
        else rules.MoveTo(a.number, a.position or 0, a.reason)
        for a in adjustments if a.kind in (WITHDRAW, MOVE)
    ]
    # Laps of several qualifying sessions (one per class) compare: each session its band.
    qualifying = [lap for band, results in enumerate(loaded.qualifying)
                  for lap in _best_laps(results, band=band * _SESSION_BAND)]
    second = [lap for band, results in enumerate(loaded.qualifying)
              for lap in _best_laps(results, second=True, band=band * _SESSION_BAND)]
    excluded = {q.session_code: _disqualified(q) for q in loaded.qualifying}
    if race == 1:
        grid = rules.race1_grid(qualifying, cars=cars, practice=practice,
                                penalties=penalties, pit_lane=pit_lane,
                                adjustments=amendments)
    else:
        grid = rules.race2_grid(second, _best_laps(loaded.race1), cars=cars, practice=practice,
                                penalties=penalties, pit_lane=pit_lane,
                                adjustments=amendments)
        excluded["R1"] = _disqualified(loaded.race1)
    slots = []
    for slot in grid.slots:
        who = details.get(slot.number, _Details("", "", "", "", ""))
        notes = [f"disqualified from {code}" for code, cars_out in excluded.items()
                 if slot.number in cars_out]
        note = "; ".join([*notes, slot.note] if slot.note else notes)
        slots.append(GridSlotView(
            position=slot.position, number=slot.number, driver=who.driver, team=who.team,
            class_name=who.class_name, nationality=who.nationality, car=who.car,
            time_ms=slot.time_ms,
            time_source=slot.time_source.value if slot.time_source else None,
            note=note, pit_lane=slot.number in pit_lane))
    sources = tuple(_source(r) for r in (*loaded.qualifying, loaded.race1) if r is not None)
    return GridView(
        event=loaded.event, race=race, pole_side=event.pole_side,
        basis=_BASIS[race], amended=bool(adjustments),
        amendments=tuple(a.text for a in adjustments), slots=tuple(slots),
        sources=sources, adjustments=tuple(adjustments), pending=tuple(drops.pending))


# --- use cases --------------------------------------------------------------------------


def starting_grid(db: Database, *, event: str, race: int) -> GridView:
    """The starting grid of race 1 or 2 of an event, as it stands now.

    Raises:
        NotFound: no such event or race.
        RuleViolation: a stored penalty or amendment no longer fits the grid (the message
            names it; remove the amendment with `remove_adjustment`).
    """
    key, loaded = _load_results(db, event, race)
    with db.reader() as s:
        found = find_event(s, current_season(s), key)
        return _form(s, key, race, loaded, _adjustments(s, found, race))


def adjust_grid(db: Database, *, event: str, race: int, kind: str, car: str, reason: str,
                position: int | None = None) -> GridView:
    """Record a stewards' amendment of a grid (audited) and return the amended grid.

    Args:
        kind: "withdraw", "move" (needs ``position``, 1 = pole) or "pit-lane".
        reason: the stewards' reason, printed under the grid; required.

    Raises:
        RuleViolation: no reason, unknown kind, a car not entered at the event, a move
            without a position or off the grid, a car already withdrawn; nothing written.
    """
    car, reason = car.strip(), " ".join(reason.split())
    problems = []
    if kind not in ADJUSTMENT_KINDS:
        problems.append(f"grid amendment '{kind}' is not one of {', '.join(ADJUSTMENT_KINDS)}")
    if not reason:
        problems.append(f"car {car}: a grid amendment needs the stewards' reason")
    if kind == MOVE and (position is None or position < 1):
        problems.append(f"car {car}: a move needs the grid position to go to (1 = pole)")
    if kind != MOVE and position is not None:
        problems.append(f"car {car}: only a move takes a position")
    if problems:
        raise RuleViolation(problems)
    key, loaded = _load_results(db, event, race)
    with db.transaction() as s:
        season = current_season(s)
        found = find_event(s, season, key)
        if car not in set(entered_numbers(s, found)):
            raise RuleViolation([f"car {car} is not entered at {found.name}"])
        before = _adjustments(s, found, race)
        if any(a.number == car and a.kind == WITHDRAW for a in before):
            raise RuleViolation([f"car {car} was already withdrawn from the race {race} grid"])
        pit = next((a for a in before if a.number == car and a.kind == PIT_LANE), None)
        if kind in (PIT_LANE, MOVE) and pit is not None:
            raise RuleViolation([f"car {car} already starts race {race} from the pit lane "
                                 f"(amendment {pit.id}); take that back first"])
        moved = next((a for a in before if a.number == car and a.kind == MOVE), None)
        if kind == PIT_LANE and moved is not None:
            raise RuleViolation([f"car {car} was moved to position {moved.position} "
                                 f"(amendment {moved.id}); take that back first"])
        assert found.id is not None
        record = GridAdjustment(event_id=found.id, race=race, kind=kind, number=car,
                                position=position, reason=reason,
                                created_by=audit.current_user())
        s.add(record)
        s.flush()
        adjustment = _adjustment_view(record)
        grid = _form(s, key, race, loaded, [*before, adjustment])
        audit.record(s, "adjust", "grid", f"{found.short_name}/R{race}", after={
            "id": adjustment.id, "kind": kind, "car": car, "position": position,
            "reason": reason})
        return grid


def remove_adjustment(db: Database, *, adjustment_id: int) -> GridView:
    """Take back one amendment (audited) and return the grid without it.

    Raises:
        NotFound: no amendment with that id.
    """
    with db.reader() as s:
        record = s.get(GridAdjustment, adjustment_id)
        if record is None:
            raise NotFound(f"there is no grid amendment {adjustment_id}")
        event_number = s.get_one(Event, record.event_id).number
        race = record.race
    key, loaded = _load_results(db, str(event_number), race)
    with db.transaction() as s:
        record = s.get(GridAdjustment, adjustment_id)
        if record is None:
            raise NotFound(f"there is no grid amendment {adjustment_id}")
        found = s.get_one(Event, record.event_id)
        removed = _adjustment_view(record)
        s.delete(record)
        s.flush()
        grid = _form(s, key, race, loaded, _adjustments(s, found, race))
        audit.record(s, "remove", "grid", f"{found.short_name}/R{race}",
                     before=dataclasses.asdict(removed))
        return grid


def clear_adjustments(db: Database, *, event: str, race: int) -> GridView:
    """Take back every amendment of a race's grid (audited); returns the grid as formed."""
    key, loaded = _load_results(db, event, race)
    with db.transaction() as s:
        found = find_event(s, current_season(s), key)
        before = _adjustments(s, found, race)
        if before:
            s.execute(delete(GridAdjustment).where(
                col(GridAdjustment.event_id) == found.id, col(GridAdjustment.race) == race))
            audit.record(s, "clear", "grid", f"{found.short_name}/R{race}",
                         before=[dataclasses.asdict(a) for a in before])
        return _form(s, key, race, loaded, [])


def grid_adjustments(db: Database, *, event: str, race: int) -> tuple[AdjustmentView, ...]:
    """The stored amendments of a race's grid, in the order made."""
    with db.reader() as s:
        found = find_event(s, current_season(s), event)
        _race_session(s, found, race)
        return tuple(_adjustments(s, found, race))


