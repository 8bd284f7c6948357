"""Championship standings from the season's race results, and the season's points scale.

Which result of a race counts: its latest official revision; a race not yet published
counts with its provisional classification, and the standings say so (``sources`` lists
every race used, official or provisional, with the revision). A race without any results
is left out. Points, count-back, drop rules and the team and Junior rules are
`paddock.rules.points` and `paddock.rules.standings`; the points scale, its bonuses and
the classes' drop rules are the season's own (`set_points_scale`), so a season is always
counted by its own scale, never another's. A drop rule's protected last races are the
last race sessions of the season's calendar, run or not.

The standings are computed afresh on every call, never stored: a penalty published after
a race (revision N+1) shows in the next call, with the new revision named.

A past season (``year``) is counted exactly as the current one, by its own scale: its
races' results and grids are read with that season chosen (`season_chosen`), so its pole
bonuses stand as they were. A cancelled event's races are not in the calendar.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, union
from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    Driver,
    Entry,
    Event,
    LapRecordRow,
    PublishedRevision,
    RaceClass,
    RaceSession,
    ResultLine,
    Season,
    SeasonDropRule,
    SeasonPoints,
    Team,
)
from paddock.errors import NotFound, RuleViolation
from paddock.rules import eligibility
from paddock.rules import standings as rules
from paddock.rules.cars import car_number_key
from paddock.rules.points import (
    DNF,
    DNS,
    DSQ,
    NOT_CLASSIFIED,
    DropRule,
    PointsScale,
    RaceResult,
    RaceRow,
)
from paddock.services.revision_hash import check_revision
from paddock.services.season import current_season, season_chosen


@dataclass(frozen=True)
class StandingsSource:
    """A race the standings were computed from, and which classification of it."""

    event_number: int
    event_short_name: str
    event_name: str
    session: str
    session_name: str
    race_number: int
    official: bool
    revision: int
    published_at: datetime | None
    content_hash: str = ""  # the official revision's, printed on the standings ("" provisional)
    venue: str = ""  # the event's short code in the season, e.g. "SEB" (`venue_codes`)

    @property
    def round(self) -> int:
        """The championship round: two races per event, so event N holds 2N-1 and 2N."""
        return 2 * (self.event_number - 1) + self.race_number

    @property
    def status(self) -> str:
        return "official" if self.official else "provisional"

    @property
    def label(self) -> str:
        """A short column label, e.g. "sebring R1"."""
        return f"{self.event_short_name} {self.session}"

    @property
    def column(self) -> str:
        """The table column's heading: the venue and the race, e.g. "SEB R1"."""
        return f"{self.venue or self.event_short_name.upper()} R{self.race_number}"

    def to_json(self) -> dict[str, object]:
        return {"event": self.event_number, "session": self.session, "status": self.status,
                "revision": self.revision}

    def key(self) -> dict[str, object]:
        """How the JSON names this race in a driver's results: event number and session."""
        return {"event": self.event_number, "session": self.session}


def venue_codes(short_names: Sequence[str]) -> dict[str, str]:
    """A short upper-case code per event short name, unique in the season.

    "sebring" → "SEB", "ctmp" → "CTMP", "watkins-glen" → "WGL", "road-america" → "RAM";
    a code already taken gets a number ("RAM2").
    """
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for name in short_names:
        words = [w for w in name.replace("_", "-").replace(" ", "-").split("-") if w]
        if not words:
            code = "?"
        elif len(words) == 1:
            code = words[0][:4] if len(words[0]) <= 4 else words[0][:3]
        else:
            code = ("".join(w[0] for w in words[:-1]) + words[-1])[:3]
        code = code.upper()
        unique, n = code, 2
        while unique in taken:
            unique, n = f"{code}{n}", n + 1
        taken.add(unique)
        codes[name] = unique
    return codes


@dataclass(frozen=True)
class DriverRow:
    """A driver's line in a table: the rules' standing with the entry's details.

    ``standing.per_race`` has one item per `StandingsView.sources` race.
    """

    standing: rules.DriverStanding
    driver: str
    nationality: str
    team: str
    car: str

    @property
    def position(self) -> int:
        return self.standing.position

    @property
    def number(self) -> str:
        return self.standing.number

    @property
    def points(self) -> int:
        return self.standing.points

    @property
    def wins(self) -> int:
        return self.standing.wins

    def dropped_in(self, sources: Sequence[StandingsSource]) -> list[StandingsSource]:
        """The races whose result the class's drop rule took out of the total."""
        return [source for i, source in enumerate(sources) if self.standing.is_dropped(i)]

    def to_json(self, sources: Sequence[StandingsSource] = ()) -> dict[str, object]:
        """The contract's keys, then each race counted: ``races`` ``[{"event", "session",
        "points" (null: not in it), "dropped"}]``, and ``dropped`` (the dropped races)."""
        data = self.standing.to_json(self.driver)
        if sources:
            data["races"] = [
                {**source.key(), "points": self.standing.per_race[i],
                 "dropped": self.standing.is_dropped(i)}
                for i, source in enumerate(sources)]
            data["dropped"] = [source.key() for source in self.dropped_in(sources)]
            data["dropped_points"] = self.standing.dropped_points
        return data


@dataclass(frozen=True)
class ClassTable:
    """One class: its drivers' and its teams' championships, and its drop rule."""

    class_name: str
    drivers: tuple[DriverRow, ...]
    teams: tuple[rules.TeamStanding, ...]
    drop: DropRule | None = None

    def to_json(self, sources: Sequence[StandingsSource] = ()) -> dict[str, object]:
        """``{"class", "drivers", "teams"}``: the ``paddock standings --class C --json`` shape,
        with ``drop`` (``{"count", "protect_last"}`` or null)."""
        return {"class": self.class_name,
                "drivers": [row.to_json(sources) for row in self.drivers],
                "teams": [row.to_json() for row in self.teams],
                "drop": None if self.drop is None else
                {"count": self.drop.count, "protect_last": self.drop.protect_last}}


@dataclass(frozen=True)
class StandingsView:
    """The season's standings as they stand now.

    Attributes:
        class_name: the class asked for, None for every class.
        classes: the tables, in the season's class order (one table when a class was asked).
        juniors: every Junior driver across the classes, on the points of their class.
        sources: the races counted, in season order; ``per_race`` items follow it.
        scale: the points scale applied.
    """

    season_year: int
    season_name: str
    class_name: str | None
    classes: tuple[ClassTable, ...]
    juniors: tuple[DriverRow, ...]
    sources: tuple[StandingsSource, ...]
    scale: PointsScale

    @property
    def provisional(self) -> bool:
        """Some race counted is still provisional."""
        return any(not source.official for source in self.sources)

    def table(self, class_name: str) -> ClassTable:
        for table in self.classes:
            if table.class_name.casefold() == class_name.casefold():
                return table
        raise NotFound(f"no standings for class '{class_name}'")

    def to_json(self) -> dict[str, object]:
        """The ``paddock standings --json`` object.

        With a class: ``{"class": "Pro", "drivers": [...], "teams": [...]}`` (the contract).
        Without: ``{"classes": [that object per class], "juniors": [driver rows],
        "sources": [{"event", "session", "status", "revision"}]}``.
        """
        if self.class_name is not None:
            return self.classes[0].to_json(self.sources)
        return {"classes": [table.to_json(self.sources) for table in self.classes],
                "juniors": [row.to_json(self.sources) for row in self.juniors],
                "sources": [source.to_json() for source in self.sources],
                "season": self.season_year}


@dataclass(frozen=True)
class _EntryInfo:
    entry: rules.StandingsEntry
    driver: str
    nationality: str
    car: str


# --- the points scale -------------------------------------------------------------------


# Points go to classified finishers only. The classification numbers every starter (as the
# timekeepers' files do), so a car that retired short of the classification distance (DNF)
# has a class position too: it must not score any more than a car not classified.
NON_SCORING = frozenset({NOT_CLASSIFIED, DNF, DNS, DSQ})


def _drop_rules(s: Session, season: Season) -> tuple[DropRule, ...]:
    rows = s.exec(
        select(RaceClass.name, SeasonDropRule.drop_count, SeasonDropRule.protect_last)
        .join(RaceClass, col(SeasonDropRule.race_class_id) == RaceClass.id)
        .where(SeasonDropRule.season_id == season.id)
        .order_by(col(RaceClass.sort_order))).all()
    return tuple(DropRule(name, count, protect) for name, count, protect in rows)


def _scale(s: Session, season: Season) -> PointsScale:
    stored = s.exec(select(SeasonPoints).where(SeasonPoints.season_id == season.id)).first()
    drops = _drop_rules(s, season)
    if stored is None:
        return PointsScale(non_scoring=NON_SCORING, drops=drops)
    positions = tuple(int(p) for p in stored.positions.split(",") if p.strip())
    return PointsScale(positions=positions, pole_bonus=stored.pole_bonus,
                       fastest_lap_bonus=stored.fastest_lap_bonus, non_scoring=NON_SCORING,
                       drops=drops)


def drop_rule_text(rule: DropRule | None) -> str:
    """"2 lowest results dropped; the last 2 races cannot be" ("" without a rule)."""
    if rule is None:
        return ""
    text = f"{rule.count} lowest result{'s' if rule.count != 1 else ''} dropped"
    if rule.protect_last:
        text += (f"; the last {rule.protect_last} race{'s' if rule.protect_last != 1 else ''}"
                 " cannot be")
    return text


def scale_json(scale: PointsScale) -> dict[str, object]:
    """``paddock points-scale --json``: positions, bonuses and ``drops`` per class."""
    return {"positions": list(scale.positions), "pole_bonus": scale.pole_bonus,
            "fastest_lap_bonus": scale.fastest_lap_bonus,
            "drops": [rule.to_json() for rule in scale.drops]}


def calendar_races(s: Session, season: Season) -> int:
    """How many races the season's calendar holds, run or not."""
    return len(_races(s, season))


@dataclass(frozen=True)
class ScaleSetup:
    """What the points-scale editor needs: the scale, the classes and the races."""

    year: int
    scale: PointsScale
    classes: tuple[str, ...]
    races: int


def points_scale(db: Database, *, year: int | None = None) -> PointsScale:
    """The season's points scale (the series' defaults until one is set); None = current."""
    with db.reader() as s:
        return _scale(s, _season(s, year))


def points_setup(db: Database, *, year: int | None = None) -> ScaleSetup:
    """The season's scale with its classes and the size of its calendar (for an editor)."""
    with db.reader() as s:
        season = _season(s, year)
        classes = s.exec(select(RaceClass.name).where(RaceClass.season_id == season.id)
                         .order_by(col(RaceClass.sort_order))).all()
        return ScaleSetup(season.year, _scale(s, season), tuple(classes),
                          calendar_races(s, season))


def _scale_problems(positions: Sequence[int], pole_bonus: int,
                    fastest_lap_bonus: int) -> list[str]:
    problems = []
    if not positions:
        problems.append("positions: a points scale needs the points of at least position 1")
    if any(p < 0 for p in positions):
        problems.append("positions: points cannot be negative")
    if pole_bonus < 0:
        problems.append("pole bonus: cannot be negative")
    if fastest_lap_bonus < 0:
        problems.append("fastest-lap bonus: cannot be negative")
    rising = [i for i in range(1, len(positions)) if positions[i] > positions[i - 1]]
    if rising:
        problems.append(f"positions: the scale must go down, but position {rising[0] + 1} "
                        f"would score more than position {rising[0]} "
                        f"({positions[rising[0]]} > {positions[rising[0] - 1]})")
    return problems


def _drop_problems(drops: Sequence[DropRule], classes: Sequence[str], races: int,
                   year: int) -> list[str]:
    problems = []
    seen: set[str] = set()
    for rule in drops:
        field = f"drop {rule.class_name}"
        if rule.class_name not in classes:
            problems.append(f"{field}: no class '{rule.class_name}' in {year}; classes are "
                            + (", ".join(classes) or "none"))
            continue
        if rule.class_name in seen:
            problems.append(f"{field}: given twice")
        seen.add(rule.class_name)
        if rule.count < 0:
            problems.append(f"{field}={rule.count}: cannot drop a negative number of results")
        if rule.protect_last < 0:
            problems.append(f"{field}: protect-last cannot be negative ({rule.protect_last})")
        if rule.count > 0 and rule.count >= races - rule.protect_last:
            problems.append(
                f"{field}={rule.count}: would drop every result — the {year} calendar has "
                f"{races} race(s), the last {rule.protect_last} protected, so at most "
                f"{max(0, races - rule.protect_last - 1)} can be dropped")
    return problems


def _canonical(drops: Sequence[DropRule], classes: Sequence[str]) -> list[DropRule]:
    """The rules with each class named as the season spells it (any case accepted)."""
    names = {c.casefold(): c for c in classes}
    return [DropRule(names.get(r.class_name.strip().casefold(), r.class_name.strip()),
                     r.count, r.protect_last) for r in drops]


def set_points_scale(db: Database, *, positions: Sequence[int], pole_bonus: int = 0,
                     fastest_lap_bonus: int = 0, drops: Sequence[DropRule] | None = None,
                     year: int | None = None) -> PointsScale:
    """Set a season's points scale, bonuses and drop rules (audited, one transaction).

    Args:
        positions: points for class positions 1, 2, 3, ...; never more for a lower place.
        drops: every class's drop rule (a class left out, or with count 0, drops nothing);
            None keeps the rules as they are.
        year: the season; None for the current one.

    Raises:
        RuleViolation: each problem named by its field (an empty or rising scale, negative
            points, a drop rule for an unknown class or one that would drop every result);
            nothing written.
        NotFound: no such season.
    """
    problems = _scale_problems(positions, pole_bonus, fastest_lap_bonus)
    text = ",".join(str(p) for p in positions)
    with db.transaction() as s:
        season = _season(s, year)
        assert season.id is not None
        before = _scale(s, season)
        classes = s.exec(select(RaceClass).where(RaceClass.season_id == season.id)
                         .order_by(col(RaceClass.sort_order))).all()
        names = [c.name for c in classes]
        rules_given = None if drops is None else _canonical(drops, names)
        if rules_given is not None:
            problems += _drop_problems(rules_given, names, calendar_races(s, season),
                                       season.year)
        if problems:
            raise RuleViolation(problems)
        stored = s.exec(select(SeasonPoints).where(SeasonPoints.season_id == season.id)).first()
        if stored is None:
            stored = SeasonPoints(season_id=season.id)
        stored.positions, stored.pole_bonus = text, pole_bonus
        stored.fastest_lap_bonus = fastest_lap_bonus
        s.add(stored)
        if rules_given is not None:
            ids = {c.name: c.id for c in classes}
            for old in s.exec(select(SeasonDropRule)
                              .where(SeasonDropRule.season_id == season.id)).all():
                s.delete(old)
            s.flush()
            for rule in rules_given:
                class_id = ids[rule.class_name]
                if rule.count > 0 and class_id is not None:
                    s.add(SeasonDropRule(season_id=season.id, race_class_id=class_id,
                                         drop_count=rule.count,
                                         protect_last=rule.protect_last))
            s.flush()
        after = _scale(s, season)
        audit.record(s, "update", "points_scale", season.year,
                     before=scale_json(before), after=scale_json(after))
        return after


def copy_points_scale(s: Session, source: Season, target: Season) -> None:
    """Give ``target`` the scale, bonuses and drop rules of ``source`` (a new season made
    from the last one), inside the caller's transaction; drop rules follow the classes by
    name, a class the target lacks is left out."""
    scale = _scale(s, source)
    assert target.id is not None
    stored = s.exec(select(SeasonPoints).where(SeasonPoints.season_id == target.id)).first()
    if stored is None:
        stored = SeasonPoints(season_id=target.id)
    stored.positions = ",".join(str(p) for p in scale.positions)
    stored.pole_bonus, stored.fastest_lap_bonus = scale.pole_bonus, scale.fastest_lap_bonus
    s.add(stored)
    ids = {c.name: c.id for c in s.exec(select(RaceClass)
                                        .where(RaceClass.season_id == target.id)).all()}
    for rule in scale.drops:
        class_id = ids.get(rule.class_name)
        if class_id is not None:
            s.add(SeasonDropRule(season_id=target.id, race_class_id=class_id,
                                 drop_count=rule.count, protect_last=rule.protect_last))
    s.flush()


# --- reading the races ------------------------------------------------------------------


def _entries(s: Session, season: Season) -> dict[str, _EntryInfo]:
    ages = eligibility.AgeRule(season.age_reference, season.rookie_max_age,
                               season.junior_max_age)
    rows = s.exec(
        # sqlmodel's select() is typed for at most 4 columns, this one has more.
        select(  # type: ignore[call-overload]
               Entry.number, Entry.full_season, Driver.first_name, Driver.last_name,
               Driver.date_of_birth, Driver.nationality, Team.name, Car.code)
        .join(Driver, col(Entry.driver_id) == Driver.id)
        .join(Team, col(Entry.team_id) == Team.id)
        .join(Car, col(Entry.car_id) == Car.id)
        .where(Entry.season_id == season.id)
    ).all()
    return {
        number: _EntryInfo(
            rules.StandingsEntry(number, team,
                                 team_eligible=full_season and car == season.current_car,
                                 junior=eligibility.is_junior(born, ages)),
            f"{first} {last}", nationality, car)
        for number, full_season, first, last, born, nationality, team, car in rows
    }


@dataclass(frozen=True)
class _Race:
    session_id: int
    event_number: int
    event_short_name: str
    event_name: str
    code: str
    name: str
    race_number: int


def _races(s: Session, season: Season) -> list[_Race]:
    rows = s.exec(
        # sqlmodel's select() is typed for at most 4 columns, this one has more.
        select(  # type: ignore[call-overload]
               RaceSession.id, Event.number, Event.short_name, Event.name, RaceSession.code,
               RaceSession.name, RaceSession.race_number)
        .join(Event, col(RaceSession.event_id) == Event.id)
        .where(Event.season_id == season.id, RaceSession.kind == "race",
               Event.cancelled_reason == "")
        .order_by(col(Event.number), col(RaceSession.sort_order))
    ).all()
    return [_Race(i, n, short, name, code, sname, race or 1)
            for i, n, short, name, code, sname, race in rows if i is not None]


def _latest_revisions(s: Session, ids: Sequence[int]) -> dict[int, PublishedRevision]:
    latest = (select(PublishedRevision.session_id,
                     func.max(PublishedRevision.revision).label("revision"))
              .where(col(PublishedRevision.session_id).in_(ids))
              .group_by(col(PublishedRevision.session_id)).subquery())
    rows = s.exec(select(PublishedRevision).join(
        latest, (col(PublishedRevision.session_id) == latest.c.session_id)
        & (col(PublishedRevision.revision) == latest.c.revision))).all()
    return {r.session_id: r for r in rows}


def _with_data(s: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    query = union(
        select(LapRecordRow.session_id).where(col(LapRecordRow.session_id).in_(ids)).distinct(),
        select(ResultLine.session_id).where(col(ResultLine.session_id).in_(ids)).distinct(),
    )
    return {row[0] for row in s.execute(query)}


@dataclass(frozen=True)
class _Line:
    """What the standings need of one classification row."""

    number: str
    class_name: str
    class_position: int | None
    status: str
    best_lap_ms: int | None
    best_lap_set_at_ms: int | None


def _payload_lines(payload: str) -> list[_Line]:
    # The frozen rows of a published revision, as paddock.services.results writes them.
    lines = []
    for item in json.loads(payload):
        row: dict[str, Any] = item["row"]
        lines.append(_Line(row["number"], row["class_name"], row["class_position"],
                           row["status"], row.get("best_lap_ms"),
                           row.get("best_lap_set_at_ms")))
    return lines


def _provisional_lines(db: Database, race: _Race) -> tuple[int, list[_Line]]:
    from paddock.services.results import session_results

    results = session_results(db, event=str(race.event_number), session=race.code)
    return results.revision, [
        _Line(v.row.number, v.row.class_name, v.row.class_position, v.row.status.value,
              v.row.best_lap_ms, v.row.best_lap_set_at_ms) for v in results.rows]


def _class_fastest(lines: Iterable[_Line]) -> set[str]:
    """The car with the fastest lap of each class (equal: set first; DSQ cars excluded)."""
    best: dict[str, tuple[int, float, tuple[float, int, str], str]] = {}
    for line in lines:
        if line.best_lap_ms is None or line.status == DSQ:
            continue
        key = (line.best_lap_ms,
               math.inf if line.best_lap_set_at_ms is None else line.best_lap_set_at_ms,
               car_number_key(line.number), line.number)
        if line.class_name not in best or key < best[line.class_name]:
            best[line.class_name] = key
    return {key[-1] for key in best.values()}


def _timed_grids(s: Session, season: Season) -> set[int]:
    """The races whose grid can have a time: their event's practice or qualifying, or (for
    race 2) its race 1, has results. Forming a grid is costly; without a time it has no
    pole, so the others are not formed."""
    rows = s.exec(
        select(RaceSession.id, RaceSession.event_id, RaceSession.kind, RaceSession.race_number)
        .join(Event, col(RaceSession.event_id) == Event.id)
        .where(Event.season_id == season.id)).all()
    loaded = _with_data(s, [i for i, _event, _kind, _race in rows if i is not None])
    timed: set[int] = set()
    for race_id, event_id, kind, race in rows:
        if kind != "race" or race_id is None:
            continue
        feeders = [i for i, e, k, r in rows if e == event_id and (
            k in ("practice", "qualifying") or (k == "race" and (r or 1) < (race or 1)))]
        if any(i in loaded for i in feeders):
            timed.add(race_id)
    return timed


def _class_poles(db: Database, race: _Race) -> set[str]:
    """The first car of each class on the race's own starting grid (race 2's grid has its
    own rule, so its pole may be another car than race 1's).

    A class whose first car has no time (no qualifying loaded yet: the grid is in car
    number order) has no pole.
    """
    from paddock.services.grids import starting_grid

    try:
        grid = starting_grid(db, event=str(race.event_number), race=race.race_number)
    except RuleViolation:
        return set()
    poles: dict[str, str | None] = {}
    for slot in grid.slots:
        poles.setdefault(slot.class_name, slot.number if slot.time_ms is not None else None)
    return {number for number in poles.values() if number is not None}


def _race_result(db: Database, race: _Race, lines: Sequence[_Line], scale: PointsScale,
                 *, timed_grid: bool, races_after: int) -> RaceResult:
    fastest = _class_fastest(lines) if scale.fastest_lap_bonus else set()
    poles = _class_poles(db, race) if scale.pole_bonus and timed_grid else set()
    return RaceResult(
        f"{race.event_short_name} {race.code}",
        tuple(RaceRow(line.number, line.class_name, line.class_position, line.status,
                      pole=line.number in poles, fastest_lap=line.number in fastest)
              for line in lines),
        races_after=races_after)


def _row(standing: rules.DriverStanding, entries: dict[str, _EntryInfo]) -> DriverRow:
    info = entries.get(standing.number)
    if info is None:
        return DriverRow(standing, "", "", "", "")
    return DriverRow(standing, info.driver, info.nationality, info.entry.team, info.car)


# --- the use case -----------------------------------------------------------------------


def _season(s: Session, year: int | None) -> Season:
    if year is None:
        return current_season(s)
    found = s.exec(select(Season).where(Season.year == year)).first()
    if found is None:
        years = s.exec(select(Season.year).order_by(col(Season.year))).all()
        raise NotFound(f"no {year} season in this database; seasons: "
                       + (", ".join(str(y) for y in years) or "none"))
    return found


def _add_races(db: Database, races: Sequence[_Race],
               official: dict[int, tuple[PublishedRevision, list[_Line]]], pending: set[int],
               timed: set[int], scale: PointsScale, codes: dict[str, str],
               results: list[RaceResult], sources: list[StandingsSource]) -> None:
    """Each race that counts, with its poles from its own grid, and where it comes from."""
    for index, race in enumerate(races):
        if race.session_id in official:
            revision, lines = official[race.session_id]
            number, published_at, is_official = revision.revision, revision.published_at, True
            digest = revision.content_hash
        elif race.session_id in pending:
            number, lines = _provisional_lines(db, race)
            published_at, is_official, digest = None, False, ""
            if not lines:
                continue
        else:
            continue
        results.append(_race_result(db, race, lines, scale,
                                    timed_grid=race.session_id in timed,
                                    races_after=len(races) - 1 - index))
        sources.append(StandingsSource(
            race.event_number, race.event_short_name, race.event_name, race.code, race.name,
            race.race_number, is_official, number, published_at, digest,
            venue=codes[race.event_short_name]))


def season_standings(db: Database, *, class_name: str | None = None,
                     year: int | None = None) -> StandingsView:
    """Drivers' and teams' standings per class and the Junior table, as they stand now.

    Args:
        class_name: one class of the season (any case), or None for every class.
        year: another season; None for the current one. Each season counts by its own
            points scale and drop rules.

    Raises:
        NotFound: no such season, or no such class (the message lists the season's classes).
    """
    with db.reader() as s:
        season = _season(s, year)
        classes = list(s.exec(select(RaceClass.name).where(RaceClass.season_id == season.id)
                              .order_by(col(RaceClass.sort_order))).all())
        if class_name is not None:
            wanted = next((c for c in classes if c.casefold() == class_name.strip().casefold()),
                          None)
            if wanted is None:
                raise NotFound(f"no class '{class_name}' in {season.year}; classes are "
                               + ", ".join(classes))
            class_name = wanted
        scale = _scale(s, season)
        entries = _entries(s, season)
        races = _races(s, season)
        ids = [race.session_id for race in races]
        published = _latest_revisions(s, ids)
        pending = _with_data(s, [i for i in ids if i not in published])
        timed = _timed_grids(s, season) if scale.pole_bonus else set()
        names = {race.session_id: f"{race.event_short_name} {race.code}" for race in races}
        for i, rev in published.items():
            check_revision(names[i], rev.revision, rev.payload, rev.content_hash)
        official: dict[int, tuple[PublishedRevision, list[_Line]]] = {
            i: (rev, _payload_lines(rev.payload)) for i, rev in published.items()}
        year, name = season.year, season.name

    results: list[RaceResult] = []
    sources: list[StandingsSource] = []
    codes = venue_codes(list(dict.fromkeys(race.event_short_name for race in races)))
    from paddock.services.results import reading_once

    with season_chosen(year), reading_once():
        _add_races(db, races, official, pending, timed, scale, codes, results, sources)

    found = list(dict.fromkeys(row.class_name for race in results for row in race.rows))
    order = classes + [c for c in found if c not in classes and c]
    tables = rules.season_standings(results, [e.entry for e in entries.values()], scale,
                                    classes=[class_name] if class_name else order,
                                    calendar_races=len(races))
    return StandingsView(
        season_year=year, season_name=name, class_name=class_name,
        classes=tuple(
            ClassTable(t.class_name, tuple(_row(d, entries) for d in t.drivers), t.teams,
                       scale.drop_rule(t.class_name))
            for t in tables.classes),
        juniors=tuple(_row(d, entries) for d in tables.juniors),
        sources=tuple(sources), scale=scale)
